// Reading request bodies: JSON (400 when unparsable) and multipart/form-data files (field `file`).
import { badRequest } from "../model/errors.ts";

/** The parsed JSON body (undefined when empty); 400 with the parser's message when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`Le corps de la requête n'est pas du JSON valide : ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** A file received in a multipart body. */
export interface ReceivedFile {
  name: string;
  bytes: Uint8Array;
}

// Blob-like values of FormData (File in browsers and Node 20).
function isBlob(value: unknown): value is Blob {
  return typeof value === "object" && value !== null && "arrayBuffer" in value && typeof (value as Blob).arrayBuffer === "function";
}

/** The multipart field `file`, or the messages explaining why it is missing. */
export async function readMultipartFile(request: Request, field = "file"): Promise<ReceivedFile | { problems: string[] }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return { problems: [`Le corps doit être en multipart/form-data avec le fichier dans le champ « ${field} » (Content-Type reçu : ${type || "aucun"}).`] };
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    return { problems: [`Corps multipart illisible : ${error instanceof Error ? error.message : String(error)}.`] };
  }
  const value = form.get(field);
  if (!isBlob(value)) {
    const fields = [...new Set(form.keys())];
    return { problems: [`Aucun fichier dans le champ multipart « ${field} »${fields.length ? ` (champs reçus : ${fields.join(", ")})` : ""}.`] };
  }
  const name = "name" in value && typeof value.name === "string" ? value.name : "";
  return { name, bytes: new Uint8Array(await value.arrayBuffer()) };
}

/** A multipart form: its `file` field (if it is a file) and its text fields. */
export interface ReceivedForm {
  file?: ReceivedFile;
  fields: Record<string, string>;
}

/** Every field of a multipart body, or the messages explaining why it cannot be read. */
export async function readMultipartForm(request: Request, fileField = "file"): Promise<ReceivedForm | { problems: string[] }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return { problems: [`Le corps doit être en multipart/form-data (champs ${fileField}, type, name, description) ; Content-Type reçu : ${type || "aucun"}.`] };
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    return { problems: [`Corps multipart illisible : ${error instanceof Error ? error.message : String(error)}.`] };
  }
  const result: ReceivedForm = { fields: {} };
  for (const [key, value] of form.entries()) {
    if (key === fileField) {
      if (!isBlob(value)) continue;
      const name = "name" in value && typeof value.name === "string" ? value.name : "";
      result.file = { name, bytes: new Uint8Array(await value.arrayBuffer()) };
    } else result.fields[key] = typeof value === "string" ? value : "";
  }
  return result;
}

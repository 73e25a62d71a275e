// Files received in multipart bodies (statics, annexes, metadata) and files sent back (`…/file` routes).
import type { Store } from "../../core/store.ts";
import { badRequest, notFound } from "../../core/errors.ts";
import type { RouteInput } from "../../http/route.ts";

/** A received file: its name, its bytes and its blob key. */
export interface ReceivedFile {
  name: string;
  bytes: Uint8Array;
  blob: string;
}

/** The text fields and file of a multipart body; query parameters count as fields the form does not give. */
export interface FileForm {
  fields: Record<string, string | string[]>;
  file?: ReceivedFile;
}

/** Reads a multipart body (file in `file`, at most `limit` bytes), runs `use`; the blob is deleted when `use`
 * throws and nothing references it. Query parameters fill fields absent from the form (the SDK sends them so);
 * a field repeated in the form or in the query string comes as a list. */
export async function withFileForm<T>(input: RouteInput, limit: number, use: (form: FileForm) => T): Promise<T> {
  const { store, request, body, url } = input;
  const form = await body.multipart(request, store.blobs, { fileField: "file", limit });
  if (form.problems.length > 0) throw badRequest(...form.problems);
  const fields: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    fields[key] = values.length === 1 ? values[0]! : values;
  }
  for (const [key, value] of Object.entries(form.fields)) {
    const values = form.repeated?.[key];
    fields[key] = values && values.length > 1 ? values : value;
  }
  const received = form.file;
  try {
    const bytes = received ? await store.blobs.read(received.blob.key) : undefined;
    return use({ fields, ...(received && bytes ? { file: { name: received.name, bytes, blob: received.blob.key } } : {}) });
  } catch (error) {
    if (received) await store.forget(received.blob.key);
    throw error;
  }
}

/** The bytes of a stored file with its content type; 404 when the blob is gone. */
export async function fileResponse(store: Store, blob: string | undefined, contentType: string, what: string): Promise<Response> {
  const bytes = blob ? await store.blobs.read(blob) : undefined;
  if (!bytes) {
    throw notFound(`Le contenu du fichier de ${what} n'est plus disponible.`);
  }
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { status: 200, headers: { "Content-Type": contentType, "Content-Length": String(bytes.length) } });
}

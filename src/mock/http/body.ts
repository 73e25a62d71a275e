// Reading request bodies: the contract every transport provides to the routes, and its Fetch API version
// (request.formData(), used in the browser and by MSW in Node tests). The local server provides a streaming
// version (multipart parsed on the fly, the file written to disk as it arrives).
import type { BlobStore, WrittenBlob } from "../core/blobs.ts";
import { BlobTooLargeError } from "../core/blobs.ts";

/** A file received in a multipart body, already stored as a blob. */
export interface ReceivedBlobFile {
  /** File name given by the client (may be empty). */
  name: string;
  blob: WrittenBlob;
}

/** A multipart body: its file field (if it held a file), its text fields and why it could not be read. */
export interface ReceivedMultipart {
  file?: ReceivedBlobFile;
  fields: Record<string, string>;
  /** Every value of each text field, in order (a field may be repeated: annexes' `paths`). */
  repeated?: Record<string, string[]>;
  /** French messages; non-empty when the body is not usable multipart. */
  problems: string[];
}

/** How routes read bodies. */
export interface BodyReader {
  /** Reads a multipart/form-data body, storing the `fileField` file in `blobs` (at most `limit` bytes). */
  multipart(request: Request, blobs: BlobStore, options: { fileField: string; limit: number }): Promise<ReceivedMultipart>;
}

/** The answer for a body that is not multipart/form-data (undefined when it is), shared by every body reader. */
export function notMultipart(request: Request, fileField: string): ReceivedMultipart | undefined {
  const type = request.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) return undefined;
  return { fields: {}, problems: [`Le corps doit être en multipart/form-data avec le fichier dans le champ « ${fileField} » (Content-Type reçu : ${type || "aucun"}).`] };
}

/** The problem of a multipart body that cannot be parsed. */
export const unreadableMultipart = (reason: string): string => `Corps multipart illisible : ${reason}.`;

/** Records a text field (the last value wins in `fields`; every value is kept in `repeated`). */
export function addField(received: ReceivedMultipart, name: string, value: string): void {
  received.fields[name] = value;
  (received.repeated ??= {})[name] = [...(received.repeated[name] ?? []), value];
}

// Blob-like values of FormData (File in browsers and Node 20).
function isBlob(value: unknown): value is Blob {
  return typeof value === "object" && value !== null && "arrayBuffer" in value && typeof (value as Blob).arrayBuffer === "function";
}

/** The Fetch API body reader (the whole body is read by request.formData()). */
export const fetchBodyReader: BodyReader = {
  async multipart(request, blobs, { fileField, limit }) {
    const refused = notMultipart(request, fileField);
    if (refused) return refused;
    let form: FormData;
    try {
      form = await request.formData();
    } catch (error) {
      return { fields: {}, problems: [unreadableMultipart(error instanceof Error ? error.message : String(error))] };
    }
    const received: ReceivedMultipart = { fields: {}, problems: [] };
    for (const [key, value] of form.entries()) {
      if (key === fileField && isBlob(value) && !received.file) {
        const name = "name" in value && typeof value.name === "string" ? value.name : "";
        if (value.size > limit) throw new BlobTooLargeError(limit);
        received.file = { name, blob: await blobs.write(new Uint8Array(await value.arrayBuffer()), limit) };
      } else if (typeof value === "string") addField(received, key, value);
    }
    return received;
  },
};

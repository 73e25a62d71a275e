// The headers and body of a block's request as fetch sends them (JSON, multipart, raw file, url-encoded form, the
// block's own headers). No DOM and no simulator: unit-tested in Node (test/unit/runtime/request-init.test.ts).
import type { HttpMethod } from "../shared/block-contract.ts";
import type { Target } from "./transport.ts";

/** A request ready to send: placeholders already substituted, target already resolved. */
export interface OutgoingRequest {
  method: HttpMethod;
  target: Target;
  body?: string;
  file?: File | Blob;
  fileName?: string;
  /** Multipart fields sent before the file. */
  fields?: { name: string; value: string }[];
  /** Send the file as the whole body (a PUT with ```files), not as multipart field `file`. */
  rawFile?: boolean;
  /** Fields of an application/x-www-form-urlencoded body (a ```form fence without files). */
  urlencoded?: { name: string; value: string }[];
  /** The block's own headers (```headers), substituted; an Authorization here replaces the target's token. */
  headers?: { name: string; value: string }[];
}

/** The headers and body fetch sends for a request. */
export function requestInit(request: OutgoingRequest): { headers: Headers; body?: RequestInit["body"] } {
  const headers = new Headers({ Accept: "application/json", ...request.target.headers });
  let body: RequestInit["body"];
  if (request.file && request.rawFile) {
    headers.set("Content-Type", request.file.type || "application/octet-stream");
    body = request.file;
  } else if (request.file) {
    const form = new FormData();
    for (const field of request.fields ?? []) form.append(field.name, field.value);
    form.append("file", request.file, request.fileName);
    body = form;
  } else if (request.urlencoded) {
    // URLSearchParams as the body: fetch sets application/x-www-form-urlencoded;charset=UTF-8.
    body = new URLSearchParams(request.urlencoded.map((field) => [field.name, field.value]));
  } else if (request.body !== undefined && request.body.trim() !== "") {
    headers.set("Content-Type", "application/json");
    body = request.body;
  }
  // Headers are case-insensitive: the block's Authorization (Basic, another token) replaces the reader's.
  for (const header of request.headers ?? []) headers.set(header.name, header.value);
  return { headers, body };
}

// Request body limits of the local server, applied after the token check and before any route reads a body:
// a declared length over the limit is refused at once (413, nothing read); a JSON body without a declared
// length is read up to its limit; a multipart body is streamed by the route through a reader that counts it.
import type { IncomingMessage } from "node:http";
import type { BodyReader } from "../http/body.ts";
import { errorResponse } from "../http/respond.ts";
import { streamingBodyReader } from "./multipart.ts";

/** Size limits, in bytes. */
export interface BodyLimits {
  /** A JSON, text or form body. */
  json: number;
  /** Any other body that is not multipart: a file sent as is (e.g. the Theia/OZCAR deposit's zip, 100 MiB at most). */
  binary: number;
  /** A multipart body (file uploads), whole. */
  upload: number;
  /** One text field of a multipart body. */
  field: number;
}

const MIB = 1024 * 1024;

/** 16 MiB of JSON, 128 MiB of raw file, 2 GiB (plus 1 MiB of form) of upload, 64 KiB per text field. */
export const DEFAULT_LIMITS: BodyLimits = { json: 16 * MIB, binary: 128 * MIB, upload: 2048 * MIB + MIB, field: 64 * 1024 };

// Bodies read as text: JSON, text, forms, or no declared type.
const TEXTUAL = /^(?:$|application\/(?:[\w.+-]*\+)?json|text\/|application\/x-www-form-urlencoded)/;

const mib = (bytes: number): string => (bytes >= MIB ? `${Math.floor(bytes / MIB)} Mio` : `${bytes} octets`);

// 413 with the API's error body; the connection is closed rather than the rest of the body read.
function tooLarge(limit: number, kind: "multipart" | "json" | "binary"): Response {
  const what = { multipart: "un envoi de fichier (multipart)", json: "un corps JSON", binary: "un fichier envoyé tel quel" }[kind];
  return errorResponse(413, [`Corps de requête trop volumineux : ${mib(limit)} au plus pour ${what}.`], { Connection: "close" });
}

// Reads a Node body whole, or undefined once it passes `limit`.
async function readLimited(incoming: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The request to give the route and its body reader, or the 413 to answer. */
export async function bodyLimits(request: Request, incoming: IncomingMessage | undefined, limits: BodyLimits): Promise<{ request: Request; body: BodyReader } | Response> {
  const reader = (target: Request): BodyReader =>
    streamingBodyReader({ incomingOf: (r) => (r === target ? incoming : undefined), maxBodyBytes: limits.upload, fieldSize: limits.field });
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return { request, body: reader(request) };
  const type = (request.headers.get("content-type") ?? "").trim().toLowerCase();
  const multipart = type.startsWith("multipart/");
  const kind = multipart ? "multipart" : TEXTUAL.test(type) ? "json" : "binary";
  const limit = limits[kind === "multipart" ? "upload" : kind];
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) return tooLarge(limit, kind);
  if (multipart || declared !== null || !incoming || request.headers.get("transfer-encoding") === null) return { request, body: reader(request) };
  // A JSON body of unknown length: read here, with the limit, and handed to the route whole.
  const bytes = await readLimited(incoming, limit);
  if (!bytes) return tooLarge(limit, kind);
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  const whole = new Request(request.url, { method: request.method, headers, body: bytes.length > 0 ? bytes : null });
  return { request: whole, body: reader(whole) };
}

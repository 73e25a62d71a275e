// Bridges between Node's http module and the Fetch API used by the shared handlers: an IncomingMessage becomes
// a Request (body buffered byte for byte, so multipart bodies reach the handlers intact) and a Response is
// written back to the ServerResponse.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Default maximum request body size: 512 MiB (the model keeps only the size and MD5 of uploaded files). */
export const DEFAULT_MAX_BODY_BYTES = 512 * 1024 * 1024;

/** A request the bridge refuses, with its HTTP status and French message. */
export class BridgeError extends Error {
  /** `status` is sent with the API's error body. */
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "BridgeError";
  }
}

// The whole body, or a 413 once it exceeds `limit`.
async function readBody(message: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(message.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

const tooLarge = (limit: number): BridgeError =>
  new BridgeError(413, `Corps de requête trop volumineux : ${Math.floor(limit / (1024 * 1024))} Mio au plus.`);

/** The absolute URL of a request target under `origin`; 400 unless it is a well-encoded origin-form path (`/…`). */
export function requestUrl(origin: string, target: string | undefined): URL {
  // `//host/…` would otherwise be read as a protocol-relative URL pointing elsewhere.
  if (target === undefined || !target.startsWith("/") || target.startsWith("//")) {
    throw new BridgeError(400, `Cible de requête invalide : ${JSON.stringify(target ?? "")} (un chemin commençant par « / » est attendu).`);
  }
  let url: URL;
  try {
    url = new URL(`${origin}${target}`);
    // msw's path matching decodes each segment and throws on malformed percent-encoding (e.g. `%E0%A4%A`).
    decodeURIComponent(url.pathname);
  } catch {
    throw new BridgeError(400, `Cible de requête invalide ou mal encodée : ${JSON.stringify(target)}.`);
  }
  return url;
}

/** A Fetch Request equivalent to the incoming message, addressed to `url`. */
export async function toFetchRequest(message: IncomingMessage, url: URL, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): Promise<Request> {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(":")) continue;
    try {
      headers.append(name, raw[i + 1]!);
    } catch {
      throw new BridgeError(400, `En-tête de requête invalide : ${name}.`);
    }
  }
  const method = (message.method ?? "GET").toUpperCase();
  const body = await readBody(message, maxBodyBytes);
  const init: RequestInit = { method, headers };
  if (method !== "GET" && method !== "HEAD" && body.length > 0) init.body = body;
  try {
    return new Request(url, init);
  } catch (error) {
    throw new BridgeError(400, `Requête invalide : ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** Writes a Fetch Response (status, headers, whole body) to the Node response. */
export async function sendFetchResponse(response: Response, out: ServerResponse): Promise<void> {
  const body = response.body === null ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  out.statusCode = response.status;
  if (response.statusText) out.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name === "content-length" || name === "transfer-encoding") continue;
    out.setHeader(name, value);
  }
  if (response.status !== 204 && response.status !== 304) out.setHeader("Content-Length", body.length);
  out.end(body);
}

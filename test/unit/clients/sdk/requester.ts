// What the Python SDK (sdk_entrepot_gpf, io/ApiRequester.py on `requests`) puts on the wire, rewritten in
// TypeScript: the bearer token and `content-type: application/json` on every request without a file (GET and
// DELETE included), query parameters encoded as Python's urlencode(doseq=True) with quote_plus, JSON bodies as
// json.dumps writes them (ASCII, `", "` and `": "`), one multipart field per file (`file`, the file's base name,
// no part content type, as requests_toolbelt's MultipartEncoder), lists paged with `page`/`limit` until the
// `Content-Range` total is reached. A status outside 2xx stops the client, as the SDK raises.
import { parseBody } from "../../mock/helpers.ts";
import { randomUUID } from "node:crypto";

/** A query parameter value as the SDK gives it to requests (lists repeat the key). */
export type ParamValue = string | number | boolean | readonly (string | number)[];
/** Query parameters in the order the SDK builds its dict. */
export type Params = [string, ParamValue][];

/** One request as sent and its answer (for the replay's trace). */
export interface Exchange {
  method: string;
  /** Path under the API root and encoded query, e.g. `/datastores/…/uploads?name=A+B&page=1&limit=10`. */
  target: string;
  status: number;
  /** Parsed JSON body, the text when it is not JSON, null when empty. */
  body: any;
  headers: Headers;
}

/** A request the SDK would have failed on (non-2xx answer): route, status and the API's message. */
export class ClientStepError extends Error {
  constructor(readonly method: string, readonly target: string, readonly status: number, readonly body: unknown) {
    super(`${method} ${target} → ${status} ${typeof body === "string" ? body : JSON.stringify(body)}`);
  }
}

const SAFE = /[A-Za-z0-9_.~-]/;

/** Python's quote_plus(text, safe=""): UTF-8 bytes, spaces as `+`, everything but `[A-Za-z0-9_.~-]` escaped. */
export function quotePlus(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    out += byte === 0x20 ? "+" : byte < 0x80 && SAFE.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

// str() of a Python value as requests sends it (True/False for booleans).
const pyStr = (value: string | number | boolean): string => (typeof value === "boolean" ? (value ? "True" : "False") : String(value));

/** urlencode(params, doseq=True) as requests builds a query string. */
export function encodeParams(params: Params): string {
  const pairs: string[] = [];
  for (const [key, value] of params) {
    const values = Array.isArray(value) ? value : [value as string | number | boolean];
    for (const item of values) pairs.push(`${quotePlus(key)}=${quotePlus(pyStr(item))}`);
  }
  return pairs.join("&");
}

/** json.dumps(value) with Python's defaults: `", "` and `": "` separators, non-ASCII characters as \uXXXX. */
export function pythonJson(value: unknown): string {
  const ascii = (text: string): string => JSON.stringify(text).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (value === null || typeof value !== "object") return typeof value === "string" ? ascii(value) : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  return `{${Object.entries(value).map(([key, item]) => `${ascii(key)}: ${pythonJson(item)}`).join(", ")}}`;
}

/** A file the SDK sends (`route_upload_file`): its base name and bytes. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** The body of requests_toolbelt's MultipartEncoder for `{key: (name, file)}` and its content type. */
export function multipartBody(key: string, file: UploadedFile): { body: Uint8Array; contentType: string } {
  const boundary = randomUUID().replaceAll("-", "");
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"; filename="${file.name}"\r\n\r\n`, "utf8");
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, "utf8");
  return { body: Buffer.concat([head, Buffer.from(file.bytes), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** What one SDK request carries. */
export interface SdkSend {
  params?: Params;
  json?: unknown;
  /** Multipart file under the configured key (`push_data_file_key`, `push_md5_file_key`, `create_file_key`: `file`). */
  file?: UploadedFile;
}

/** The SDK's HTTP layer against one API root with one token; every exchange is kept in `trace`. */
export class SdkRequester {
  readonly trace: Exchange[] = [];

  constructor(readonly root: string, readonly token: string) {}

  /** Sends one request as ApiRequester.__url_request does and returns the answer; throws ClientStepError past 2xx. */
  async request(method: string, path: string, send: SdkSend = {}): Promise<Exchange> {
    const headers: Record<string, string> = {
      "User-Agent": "python-requests/2.32.3",
      "Accept-Encoding": "gzip, deflate",
      Accept: "*/*",
      Authorization: `Bearer ${this.token}`,
    };
    let body: Uint8Array | string | undefined;
    if (send.file) {
      const multipart = multipartBody("file", send.file);
      headers["content-type"] = multipart.contentType;
      body = multipart.body;
    } else {
      headers["content-type"] = "application/json";
      if (send.json !== undefined) body = pythonJson(send.json);
    }
    const query = send.params && send.params.length > 0 ? `?${encodeParams(send.params)}` : "";
    const target = `${path}${query}`;
    const response = await fetch(`${this.root}${target}`, { method, headers, body });
    const parsed = parseBody(await response.text());
    const exchange: Exchange = { method, target, status: response.status, body: parsed, headers: response.headers };
    this.trace.push(exchange);
    if (response.status < 200 || response.status >= 300) throw new ClientStepError(method, target, response.status, parsed);
    return exchange;
  }
}

const CONTENT_RANGE = /([0-9]+)-([0-9]+)\/([0-9]+)/;

/** ApiRequester.range_next_page: whether another page is needed (false without a parsable Content-Range). */
export function rangeNextPage(contentRange: string | null, length: number): boolean {
  if (contentRange === null) return false;
  const match = CONTENT_RANGE.exec(contentRange);
  if (!match) return false;
  return !(length >= Number(match[3]));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** An exchange as `METHOD target` with every identifier written `{id}` (to compare request sequences). */
export function routeOf(exchange: Exchange): string {
  return `${exchange.method} ${exchange.target.replace(UUID, "{id}")}`;
}

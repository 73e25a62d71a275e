// Test harness: a simulated datastore behind MSW's setupServer, a fake clock, predictable ids and a small
// fetch helper against https://data.geopf.fr/api.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createNodeDatastore } from "../../../src/mock/node.ts";
import type { NodeDatastoreOptions } from "../../../src/mock/node.ts";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";

/** API base used by the tests. */
export const BASE = "https://data.geopf.fr/api";
/** Path prefix of the seeded datastore. */
export const DS = `/datastores/${SIMULATED_DATASTORE_ID}`;
/** Start of the fake clock: 2024-09-16T08:00:00Z. */
export const T0 = Date.UTC(2024, 8, 16, 8, 0, 0);

/** A parsed response. */
export interface Reply {
  status: number;
  /** Parsed JSON body (null when empty); `any` so that tests can walk response shapes they assert on. */
  body: any;
  headers: Headers;
}

/** What a request may carry. */
export interface Send {
  json?: unknown;
  raw?: string;
  form?: FormData;
  headers?: Record<string, string>;
}

/** Sends a request (JSON, raw text or multipart body) and parses the JSON answer (text kept when not JSON); shared with the server tests. */
export async function request(method: string, url: string, send: Send, extraHeaders: Record<string, string> = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...send.headers, ...extraHeaders };
  let body: RequestInit["body"];
  if (send.json !== undefined) {
    body = JSON.stringify(send.json);
    headers["Content-Type"] = "application/json";
  } else if (send.raw !== undefined) {
    body = send.raw;
    headers["Content-Type"] = "application/json";
  } else if (send.form) body = send.form;
  const response = await fetch(url, { method, headers, body });
  return { status: response.status, body: parseBody(await response.text()), headers: response.headers };
}

/** A response body: its JSON, the text itself when it is not JSON, null when empty. */
export function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** MD5 of a text, as md5sum prints it. */
export const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

/** A multipart body with the text as field `file`. */
export function fileForm(content: string, name = "file.bin"): FormData {
  const form = new FormData();
  form.append("file", new Blob([content]), name);
  return form;
}

/** Creates the store, the server (listening) and helpers; call close() at the end. */
export function harness(options: NodeDatastoreOptions = {}) {
  const clock = { now: T0 };
  let counter = 0;
  const newId = (): string => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
  const { store, server } = createNodeDatastore({ now: () => clock.now, newId, ...options });
  server.listen({ onUnhandledRequest: "error" });

  async function call(method: string, path: string, send: Send = {}): Promise<Reply> {
    return request(method, `${BASE}${path}`, send);
  }

  return {
    store,
    server,
    clock,
    /** Moves the fake clock forward. */
    tick(ms: number): void {
      clock.now += ms;
    },
    call,
    close(): void {
      server.close();
    },
  };
}

/** Asserts an API error: status, error body shape, and that one message matches each pattern. */
export function assertError(reply: Reply, status: number, ...patterns: RegExp[]): void {
  assert.equal(reply.status, status, `expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  assert.equal(typeof reply.body?.error, "string");
  assert.ok(Array.isArray(reply.body.error_description), "error_description is a list");
  for (const pattern of patterns) {
    assert.ok(
      reply.body.error_description.some((message: string) => pattern.test(message)),
      `no message matches ${pattern}: ${JSON.stringify(reply.body.error_description)}`,
    );
  }
}

/** Creates an upload through the API and returns its id. */
export async function createUpload(h: ReturnType<typeof harness>, type = "ARCHIVE", name = "Données départementales"): Promise<string> {
  const reply = await h.call("POST", `${DS}/uploads`, { json: { name, description: "Départements et limites départementales", type, srs: "EPSG:2154" } });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body._id as string;
}

/** Sends text files to an upload: [path, content] pairs. */
export async function sendFiles(h: ReturnType<typeof harness>, upload: string, files: [string, string][]): Promise<void> {
  for (const [path, content] of files) {
    const reply = await h.call("POST", `${DS}/uploads/${upload}/data?path=${encodeURIComponent(path)}`, { form: fileForm(content, path.split("/").pop()) });
    assert.equal(reply.status, 204, JSON.stringify(reply.body));
  }
}

/** Closes an upload and lets every check finish; returns the upload. */
export async function closeAndCheck(h: ReturnType<typeof harness>, upload: string): Promise<Reply> {
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  return h.call("GET", `${DS}/uploads/${upload}`);
}

/** A multipart body with bytes as field `file` (plus text fields). */
export function bytesForm(bytes: Uint8Array | string, name: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append("file", new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)]), name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

/** Sends binary or text files to an upload: [path, bytes] pairs. */
export async function sendBytes(h: ReturnType<typeof harness>, upload: string, files: [string, Uint8Array | string][]): Promise<void> {
  for (const [path, bytes] of files) {
    const reply = await h.call("POST", `${DS}/uploads/${upload}/data?path=${encodeURIComponent(path)}`, { form: bytesForm(bytes, path.split("/").pop()!) });
    assert.equal(reply.status, 204, JSON.stringify(reply.body));
  }
}

/** Fetches a diffusion document (absolute URL) and returns status, content type and text. */
export async function fetchText(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(url, { headers });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** Creates an upload of a given type and srs; returns its id. */
export async function createTypedUpload(h: ReturnType<typeof harness>, type: string, srs: string, name = "Livraison"): Promise<string> {
  const reply = await h.call("POST", `${DS}/uploads`, { json: { name, description: `${name} (${type})`, type, srs } });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body._id as string;
}

/** Runs an execution to its end (create, launch, wait); returns the final execution. */
export async function runExecution(h: ReturnType<typeof harness>, body: unknown): Promise<Reply> {
  const created = await h.call("POST", `${DS}/processings/executions`, { json: body });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal((await h.call("POST", `${DS}/processings/executions/${created.body._id}/launch`)).status, 204);
  h.tick(5000);
  return h.call("GET", `${DS}/processings/executions/${created.body._id}`);
}

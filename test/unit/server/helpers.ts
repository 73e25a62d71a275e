// Test harness of the local datastore server: a server on a free port with its state in a temporary
// directory, a fake clock, collected log lines and a fetch helper that sends the bearer token by default.
import { startDatastoreServer } from "../../../src/mock/node/server.ts";
import type { DatastoreServer, DatastoreServerOptions } from "../../../src/mock/node/server.ts";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { tempDir } from "./temp.ts";
import { request as sendRequest } from "../mock/helpers.ts";
import type { Reply, Send as MockSend } from "../mock/helpers.ts";

export { tempDir } from "./temp.ts";

/** Token accepted by the test servers. */
export const TOKEN = "jeton-de-test";
/** Path prefix of the seeded datastore. */
export const DS = `/datastores/${SIMULATED_DATASTORE_ID}`;
/** An origin allowed by the test servers. */
export const SITE = "http://127.0.0.1:8181";

export type { Reply } from "../mock/helpers.ts";

/** What a request may carry (as for the MSW tests); `token: null` sends no Authorization header. */
export interface Send extends MockSend {
  token?: string | null;
}

/** A running test server, its directory, its log lines and a fake clock. */
export interface TestServer {
  server: DatastoreServer;
  dir: string;
  logs: string[];
  clock: { now: number };
  call(method: string, apiPath: string, send?: Send): Promise<Reply>;
}

/** Sends a request (with the bearer token when given) and parses the JSON answer (text kept when not JSON). */
export function request(method: string, url: string, send: Send = {}, token: string | null = null): Promise<Reply> {
  return sendRequest(method, url, send, token === null ? {} : { Authorization: `Bearer ${token}` });
}

/** Starts a server on a free port (state in `dir`, a new temporary directory by default). */
export async function startTestServer(options: DatastoreServerOptions & { dir?: string } = {}): Promise<TestServer> {
  const dir = options.dir ?? tempDir();
  const logs: string[] = [];
  const clock = { now: Date.UTC(2024, 8, 16, 8, 0, 0) };
  const server = await startDatastoreServer({
    port: 0,
    token: TOKEN,
    allowedOrigins: [SITE],
    log: (message) => logs.push(message),
    store: { now: () => clock.now },
    ...options,
    dir,
  });

  const call = (method: string, apiPath: string, send: Send = {}): Promise<Reply> =>
    request(method, apiPath.startsWith("http") ? apiPath : `${server.url}${apiPath}`, send, send.token === undefined ? TOKEN : send.token);

  return { server, dir, logs, clock, call };
}

/** The API error body's shape: `error` string and `error_description` list. */
export function isErrorBody(body: any): boolean {
  return typeof body?.error === "string" && Array.isArray(body.error_description) && body.error_description.length > 0;
}

/** A multipart body with the text or bytes as field `file` (the MSW tests' helper). */
export { bytesForm as fileForm } from "../mock/helpers.ts";

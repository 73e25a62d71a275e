// Headless replay of a tutorial from its parcours (the same block specs as the pages): each request sent with the
// variables known so far, captures applied, asynchronous statuses polled until final. Used by `npm run tutorial`
// and the benchmark; pure apart from the injected fetch and file reader (no DOM, no Node).
import { authorizationHeader, FILE_PLACEHOLDER, type BlockSpec, type SampleFile } from "../block-contract.ts";
import { applyCaptures, substitute, substituteUrl } from "../variables.ts";
import { jwtExpiry } from "../jwt.ts";
import { progressOf } from "../poll.ts";
import { expectsError, expectsExpiredToken, pollSpecOf, requestsOf, splitUrl, type ExportRequest } from "./model.ts";
import { isCleanupPage, type Parcours } from "./parcours.ts";

/** Where and as whom the replay sends its requests. */
export interface ReplayOptions {
  /** API base, e.g. http://127.0.0.1:3000/api. */
  base: string;
  /** Origin serving the diffusion services (the local datastore's origin, or https://data.geopf.fr). */
  services: string;
  /** Identity realm URL (the local datastore's origin + the realm's path, or the real realm). */
  iam: string;
  /** Skip (with a line) the requests to other servers than these and `outside` (services only the browser simulates). */
  localOnly?: boolean;
  /** Outside servers' origins mapped onto another (e.g. https://geonature.exemple.fr → the local server's origin). */
  outside?: Record<string, string>;
  /** Token per user ("dave": the reader's own). */
  tokens: Record<string, string>;
  /** Variables known before the first request (e.g. datastore). */
  values?: Record<string, string>;
  fetch: typeof fetch;
  /** The bytes of a site file (href under public/, e.g. /samples/archive/x.csv). */
  readFile: (href: string) => Promise<Uint8Array>;
  /** The bytes of a file a page component produces (```files `@name`), from the variables known so far; absent: such
   * steps are skipped. Throws a French error when it cannot be produced. */
  pageFile?: (file: SampleFile, values: Record<string, string>) => Promise<Uint8Array>;
  /** Before a step showing the API refusing an expired token: how long it may wait for the token's `exp` (ms), and
   * the margin added after `exp` for another server's clock (ms). */
  expiryWaitLimit?: number;
  clockSkew?: number;
  /** Delay between two reads of a status, and the longest wait for a final one (ms). */
  pollInterval?: number;
  pollTimeout?: number;
  /** Called after each step. */
  onStep?: (step: StepResult) => void;
}

/** What one step gave. */
export interface StepResult {
  label: string;
  method: string;
  url: string;
  /** HTTP status, or 0 when no answer came or the step was not sent. */
  status: number;
  ms: number;
  /** "ok", "failed" (unexpected answer), "skipped" (not sendable: its reason in `message`). */
  outcome: "ok" | "failed" | "skipped";
  message?: string;
  /** Final status label of a polled resource (e.g. GENERATED, PUBLISHED). */
  final?: string;
  /** The `status` field of the JSON answer, when it has one (a resource's state: GENERATED, PUBLISHED…). */
  resourceStatus?: string;
  /** Time waited before sending for the token to expire (a step showing an expired token refused), ms. */
  waitedMs?: number;
  captured: Record<string, string>;
  cleanup: boolean;
}

/** The whole run. */
export interface ReplayReport {
  tutorial: string;
  steps: StepResult[];
  ms: number;
  ok: boolean;
  values: Record<string, string>;
}

const jsonEscape = (value: string) => JSON.stringify(value).slice(1, -1);

/** The URL a request is sent to, with the variables filled in, its root mapped to the replay's base and an outside
 * server's origin to the one `outside` gives. */
export function targetUrl(url: string, values: Record<string, string>, options: Pick<ReplayOptions, "base" | "services" | "iam" | "outside">): string {
  const { root, rest } = splitUrl(substituteUrl(url, values).text);
  if (root !== "none") return root === "api" ? options.base + rest : root === "iam" ? options.iam + rest : options.services + rest;
  return outsideUrl(rest, options.outside);
}

/** An absolute URL with its origin replaced when `outside` maps it elsewhere. */
export function outsideUrl(url: string, outside: Record<string, string> = {}): string {
  const origin = Object.keys(outside).find((from) => url.startsWith(`${from}/`));
  return origin ? outside[origin] + url.slice(origin.length) : url;
}

/** Builds the fetch init of a request (multipart, raw file, url-encoded or JSON body; headers; the user's token, sent
 * to the Géoplateforme only, never to an outside server); `fileBytes`: the file's bytes when already read. */
export async function requestInit(request: ExportRequest, values: Record<string, string>, options: Pick<ReplayOptions, "tokens" | "readFile">, fileBytes?: Uint8Array): Promise<RequestInit> {
  const block: BlockSpec = request.block;
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = options.tokens[block.user ?? "dave"];
  if (token && splitUrl(request.url).root !== "none") headers["Authorization"] = `Bearer ${token}`;
  for (const header of block.headers ?? []) {
    for (const name of Object.keys(headers)) if (name.toLowerCase() === header.name.toLowerCase()) delete headers[name];
    headers[header.name] = substitute(header.value, values).text;
  }
  let body: RequestInit["body"];
  if (request.file) {
    const bytes = fileBytes ?? (await options.readFile(request.file.href));
    if (block.fileBody === "raw") body = bytes as unknown as RequestInit["body"];
    else {
      const form = new FormData();
      for (const field of block.form ?? []) form.append(field.name, substitute(field.value, { ...values, [FILE_PLACEHOLDER]: request.file.name }).text);
      form.append("file", new Blob([bytes as unknown as ArrayBuffer]), request.file.name);
      body = form;
    }
  } else if (block.urlencoded) {
    body = new URLSearchParams(block.urlencoded.map((field) => [field.name, substitute(field.value, values).text])).toString();
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  } else if (block.body !== undefined && block.body.trim() !== "") {
    body = substitute(block.body, values, jsonEscape).text;
    headers["Content-Type"] = "application/json";
  }
  return { method: block.method, headers, body };
}

/** Replays a tutorial; stops at the first unexpected answer, then (always) runs the cleanup pages' requests it can. */
export async function replay(parcours: Parcours, options: ReplayOptions): Promise<ReplayReport> {
  const values: Record<string, string> = { ...options.values };
  const steps: StepResult[] = [];
  const started = Date.now();
  const interval = options.pollInterval ?? 50;
  const timeout = options.pollTimeout ?? 60_000;
  let failed = false;
  for (const request of requestsOf(parcours)) {
    const cleanup = isCleanupPage(request.page);
    if (failed && !cleanup) continue;
    const step = await runStep(request, values, options, interval, timeout, cleanup);
    steps.push(step);
    options.onStep?.(step);
    if (step.outcome === "failed" && !cleanup) failed = true;
  }
  const ok = !failed && steps.every((step) => step.outcome !== "failed");
  return { tutorial: parcours.tutorial, steps, ms: Date.now() - started, ok, values };
}

async function runStep(request: ExportRequest, values: Record<string, string>, options: ReplayOptions, interval: number, timeout: number, cleanup: boolean): Promise<StepResult> {
  const block = request.block;
  const base = { label: request.label, method: block.method, captured: {}, cleanup };
  const url = targetUrl(request.url, values, options);
  const mapped = Object.values(options.outside ?? {}).some((to) => url.startsWith(`${to}/`));
  if (options.localOnly && splitUrl(request.url).root === "none" && !mapped) {
    return { ...base, url, status: 0, ms: 0, outcome: "skipped", message: "service extérieur (simulé dans le navigateur seulement) : non rejoué contre l'entrepôt local" };
  }
  const missing = substituteUrl(request.url, values).missing.filter((name) => name !== FILE_PLACEHOLDER);
  if (missing.length > 0) return { ...base, url, status: 0, ms: 0, outcome: cleanup ? "skipped" : "failed", message: `variable(s) sans valeur : ${missing.map((name) => `{${name}}`).join(", ")}` };
  let fileBytes: Uint8Array | undefined;
  if (request.file?.source === "page") {
    if (!options.pageFile) return { ...base, url, status: 0, ms: 0, outcome: "skipped", message: `fichier produit dans la page (${request.file.name}) : non rejoué hors navigateur` };
    try {
      fileBytes = await options.pageFile(request.file, values);
    } catch (error) {
      return { ...base, url, status: 0, ms: 0, outcome: cleanup ? "skipped" : "failed", message: `fichier produit dans la page (${request.file.name}) impossible à produire : ${(error as Error).message}` };
    }
  }
  const expiry = tokenExpiry(block, values);
  if (expiry !== undefined) {
    const waited = await untilExpired(expiry + (options.clockSkew ?? 0), interval, options.expiryWaitLimit ?? 10 * 60_000);
    if (typeof waited === "string") return { ...base, url, status: 0, ms: 0, outcome: "failed", message: waited };
    Object.assign(base, { waitedMs: waited });
  }
  const poll = pollSpecOf(block);
  const begin = Date.now();
  for (;;) {
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(url, await requestInit(request, values, options, fileBytes));
      text = await response.text();
    } catch (error) {
      return { ...base, url, status: 0, ms: Date.now() - begin, outcome: "failed", message: `pas de réponse : ${(error as Error).message}` };
    }
    const ms = Date.now() - begin;
    let json: unknown;
    try {
      json = text.trim() === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (expectsError(block)) {
      const refused = response.status >= 400 && response.status < 500;
      return { ...base, url, status: response.status, ms, outcome: refused ? "ok" : "failed", message: refused ? undefined : `refus (4xx) attendu : ${text.slice(0, 300)}` };
    }
    if (response.status < 200 || response.status >= 300) {
      return { ...base, url, status: response.status, ms, outcome: "failed", message: text.slice(0, 500) };
    }
    const captured = json === undefined ? {} : capturedOf(block, json);
    Object.assign(values, captured);
    const state = (json as { status?: unknown } | undefined)?.status;
    if (typeof state === "string") Object.assign(base, { resourceStatus: state });
    if (!poll) return { ...base, url, status: response.status, ms, outcome: "ok", captured };
    const progress = progressOf(poll, json);
    if (progress.final) {
      const failed = progress.blocked !== undefined || progress.outcome === "failure";
      const message = progress.blocked ?? (failed ? `statut final ${progress.label}` : undefined);
      return { ...base, url, status: response.status, ms, outcome: failed ? "failed" : "ok", final: progress.label, captured, message };
    }
    if (ms > timeout) return { ...base, url, status: response.status, ms, outcome: "failed", final: progress.label, captured, message: `toujours ${progress.label} après ${timeout} ms` };
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** When a block shows the API refusing an expired token (model.ts expectsExpiredToken) and its Authorization header
 * carries a JWT: the time (ms since epoch) from which that token is expired, read from the token's `exp`; undefined
 * for any other block. */
export function tokenExpiry(block: Pick<BlockSpec, "example" | "headers">, values: Record<string, string>): number | undefined {
  if (!expectsExpiredToken(block)) return undefined;
  const header = authorizationHeader(block);
  const jwt = header ? /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]*)$/i.exec(substitute(header.value, values).text.trim()) : null;
  return jwt ? jwtExpiry(jwt[1]!) : undefined;
}

// Waits until `deadline` (ms since epoch) has passed, reading the clock every `interval`; the time waited, or why it
// will not wait (further away than `limit`).
async function untilExpired(deadline: number, interval: number, limit: number): Promise<number | string> {
  const start = Date.now();
  if (deadline - start > limit) return `le jeton n'expire que dans ${Math.ceil((deadline - start) / 1000)} s, au-delà de l'attente permise (${Math.round(limit / 1000)} s)`;
  while (Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(interval, deadline - Date.now()))));
  return Date.now() - start;
}

// The captured values (applyCaptures may return the values alone, or `{ values, unmatched }`).
function capturedOf(block: BlockSpec, json: unknown): Record<string, string> {
  const result = applyCaptures(block.captures, json) as Record<string, string> | { values: Record<string, string> };
  return "values" in result && typeof result.values === "object" ? result.values : (result as Record<string, string>);
}

// Headless replay of a tutorial from its parcours (the same block specs as the pages): each request sent with the
// variables known so far, captures applied, asynchronous statuses polled until final. Used by `npm run tutorial`
// and the benchmark; pure apart from the injected fetch and file reader (no DOM, no Node).
import { FILE_PLACEHOLDER, type BlockSpec } from "../block-contract.ts";
import { applyCaptures, substitute, substituteUrl } from "../variables.ts";
import { progressOf } from "../poll.ts";
import { expectsError, pollSpecOf, requestsOf, splitUrl, type ExportRequest } from "./model.ts";
import { isCleanupPage, type Parcours } from "./parcours.ts";

/** Where and as whom the replay sends its requests. */
export interface ReplayOptions {
  /** API base, e.g. http://127.0.0.1:3000/api. */
  base: string;
  /** Origin serving the diffusion services (the local datastore's origin, or https://data.geopf.fr). */
  services: string;
  /** Identity realm URL (the local datastore's origin + the realm's path, or the real realm). */
  iam: string;
  /** Skip (with a line) the requests to other servers than these (outside services the browser simulates). */
  localOnly?: boolean;
  /** Token per user ("dave": the reader's own). */
  tokens: Record<string, string>;
  /** Variables known before the first request (e.g. datastore). */
  values?: Record<string, string>;
  fetch: typeof fetch;
  /** The bytes of a site file (href under public/, e.g. /samples/archive/x.csv). */
  readFile: (href: string) => Promise<Uint8Array>;
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

/** The URL a request is sent to, with the variables filled in and its root mapped to the replay's base. */
export function targetUrl(url: string, values: Record<string, string>, options: Pick<ReplayOptions, "base" | "services" | "iam">): string {
  const { root, rest } = splitUrl(substituteUrl(url, values).text);
  return root === "api" ? options.base + rest : root === "iam" ? options.iam + rest : root === "services" ? options.services + rest : rest;
}

/** Builds the fetch init of a request (multipart, raw file, url-encoded or JSON body; headers; the user's token). */
export async function requestInit(request: ExportRequest, values: Record<string, string>, options: Pick<ReplayOptions, "tokens" | "readFile">): Promise<RequestInit> {
  const block: BlockSpec = request.block;
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = options.tokens[block.user ?? "dave"];
  if (token) headers["Authorization"] = `Bearer ${token}`;
  for (const header of block.headers ?? []) headers[header.name] = substitute(header.value, values).text;
  let body: RequestInit["body"];
  if (request.file) {
    const bytes = await options.readFile(request.file.href);
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
  if (options.localOnly && splitUrl(request.url).root === "none") {
    return { ...base, url, status: 0, ms: 0, outcome: "skipped", message: "service extérieur (simulé dans le navigateur seulement) : non rejoué contre l'entrepôt local" };
  }
  const missing = substituteUrl(request.url, values).missing.filter((name) => name !== FILE_PLACEHOLDER);
  if (missing.length > 0) return { ...base, url, status: 0, ms: 0, outcome: cleanup ? "skipped" : "failed", message: `variable(s) sans valeur : ${missing.map((name) => `{${name}}`).join(", ")}` };
  if (request.file?.source === "page") {
    return { ...base, url, status: 0, ms: 0, outcome: "skipped", message: `fichier produit dans la page (${request.file.name}) : non rejoué hors navigateur` };
  }
  const poll = pollSpecOf(block);
  const begin = Date.now();
  for (;;) {
    let response: Response;
    let text: string;
    try {
      response = await options.fetch(url, await requestInit(request, values, options));
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

// The captured values (applyCaptures may return the values alone, or `{ values, unmatched }`).
function capturedOf(block: BlockSpec, json: unknown): Record<string, string> {
  const result = applyCaptures(block.captures, json) as Record<string, string> | { values: Record<string, string> };
  return "values" in result && typeof result.values === "object" ? result.values : (result as Record<string, string>);
}

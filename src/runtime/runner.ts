// Sends one request of a block and reads the answer; knows nothing of the DOM.
import type { HttpMethod } from "../shared/block-contract.ts";
import { simulatorReady } from "./simulator.ts";
import type { Target } from "./transport.ts";
import { answerName, binarySummary, isBinaryType, type BinaryAnswer } from "../shared/binary-answer.ts";

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

/** Why no response came. */
export type Failure = "network" | "timeout" | "aborted";

/** What came back: an HTTP status with its body, or "error" when no response came. */
export interface Outcome {
  status: number | "error";
  ms: number;
  /** Pretty-printed JSON, raw text, or the error message. */
  text: string;
  json?: unknown;
  failure?: Failure;
  /** An answer that is not text (image, tile, archive…): its bytes; `text` then says what it is. */
  binary?: BinaryAnswer;
}

/** Longest wait for one response. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** Sends a request (after the simulated datastore is ready, in simulated mode) and measures the time to the full response. */
export async function send(request: OutgoingRequest, signal: AbortSignal): Promise<Outcome> {
  if (request.target.simulated) {
    try {
      await simulatorReady();
    } catch (error) {
      return { status: "error", ms: 0, text: (error as Error).message || String(error), failure: "network" };
    }
  }
  const { headers, body } = requestInit(request);
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const started = performance.now();
  try {
    const response = await fetch(request.target.url, { method: request.method, headers, body, signal: AbortSignal.any([signal, timeout]) });
    const type = response.headers.get("content-type");
    if (isBinaryType(type)) {
      const blob = await response.blob();
      const binary: BinaryAnswer = { blob, type: type!, name: answerName(response.headers.get("content-disposition"), request.target.url, type!) };
      return { status: response.status, ms: Math.round(performance.now() - started), text: binarySummary({ type: binary.type, size: blob.size }), binary };
    }
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    return { status: response.status, ms, ...readBody(text) };
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    const failure: Failure = timeout.aborted ? "timeout" : signal.aborted ? "aborted" : "network";
    return { status: "error", ms, text: (error as Error).message || String(error), failure };
  }
}

function readBody(text: string): { text: string; json?: unknown } {
  if (text.trim() === "") return { text: "" };
  try {
    const json: unknown = JSON.parse(text);
    return { text: JSON.stringify(json, null, 2), json };
  } catch {
    return { text };
  }
}

/** Waits for a delay unless aborted first. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

// Sends one request of a block and reads the answer, and reads an asynchronous status again until it is final
// (the one polling loop of the blocks); knows nothing of the DOM.
import type { Progress } from "../shared/poll.ts";
import { simulatorReady } from "./simulator.ts";
import { requestInit, type OutgoingRequest } from "./request-init.ts";

export type { OutgoingRequest } from "./request-init.ts";
import { answerName, binarySummary, isBinaryType, type BinaryAnswer } from "../shared/binary-answer.ts";

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
  /** The response headers (name, value), as the browser exposes them. */
  headers?: [string, string][];
}

/**
 * How a run ended: the answer is the last one read ("final": final status or nothing to wait for; "blocked": the status
 * cannot become final without another step, `reason` says which; "stopped": the reader pressed « Arrêter »;
 * "timeout": still not final after the last read).
 */
export type RunEnd =
  | { kind: "final"; outcome: Outcome }
  | { kind: "blocked"; outcome: Outcome; reason: string }
  | { kind: "stopped"; outcome: Outcome }
  | { kind: "timeout"; outcome: Outcome };

/** What the polling loop needs: the progress reader (none: one request), the delay, the limit, what to tell. */
export interface PollOptions {
  progress?: (body: unknown) => Progress;
  intervalMs: number;
  maxAttempts: number;
  /** After each answer (shown at once), and before each new read (attempt number, where the status stands). */
  onAnswer: (outcome: Outcome) => void;
  onWait: (attempt: number, label: string) => void;
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
      return { status: response.status, ms: Math.round(performance.now() - started), text: binarySummary({ type: binary.type, size: blob.size }), binary, headers: [...response.headers] };
    }
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    return { status: response.status, ms, ...readBody(text), headers: [...response.headers] };
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

/** Sends a request, then, while its answer says the status is not final, reads it again (same request). */
export async function sendUntilFinal(request: OutgoingRequest, signal: AbortSignal, options: PollOptions): Promise<RunEnd> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await send(request, signal);
    options.onAnswer(outcome);
    if (outcome.failure === "aborted") return { kind: "stopped", outcome };
    if (!options.progress || outcome.status !== 200) return { kind: "final", outcome };
    const progress = options.progress(outcome.json);
    if (progress.blocked) return { kind: "blocked", outcome, reason: progress.blocked };
    if (progress.final) return { kind: "final", outcome };
    if (attempt >= options.maxAttempts) return { kind: "timeout", outcome };
    options.onWait(attempt, progress.label);
    await pause(options.intervalMs, signal);
    if (signal.aborted) return { kind: "stopped", outcome };
  }
}

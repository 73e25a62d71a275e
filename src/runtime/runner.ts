// Sends one request of a block and reads the answer, and reads an asynchronous status again until it is final
// (the one polling loop of the blocks); knows nothing of the DOM.
import { simulatorReady } from "./simulator.ts";
import type { Failure, Outcome } from "./outcome.ts";
import { pollUntilFinal, type PollOptions, type RunEnd } from "./poll-loop.ts";
import { requestInit, type OutgoingRequest } from "./request-init.ts";

export type { OutgoingRequest } from "./request-init.ts";
export { pause, type PollOptions, type RunEnd } from "./poll-loop.ts";
export type { Failure, Outcome } from "./outcome.ts";
import { answerName, binarySummary, isBinaryType, type BinaryAnswer } from "../shared/binary-answer.ts";

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

/** Sends a request, then, while its answer says the status is not final, sends it again (see pollUntilFinal). */
export function sendUntilFinal(request: OutgoingRequest, signal: AbortSignal, options: PollOptions): Promise<RunEnd> {
  return pollUntilFinal(() => send(request, signal), signal, options);
}

// The one polling loop of the blocks: read an asynchronous resource again until its status is final, blocked (a step
// is missing), stopped by the reader, or still pending after the last read. No DOM, no fetch: the read is given.
import type { Progress } from "../shared/poll.ts";
import type { Outcome, RunEnd } from "./outcome.ts";

export type { RunEnd } from "./outcome.ts";

/** What the polling loop needs: the progress reader (none: one request), the delay, the limit, what to tell. */
export interface PollOptions {
  progress?: (body: unknown) => Progress;
  intervalMs: number;
  maxAttempts: number;
  /** After each answer (shown at once), and before each new read (attempt number, where the status stands). */
  onAnswer: (outcome: Outcome) => void;
  onWait: (attempt: number, label: string) => void;
}

/** Reads (sends) once, then, while the answer says the status is not final, waits and reads again. */
export async function pollUntilFinal(read: () => Promise<Outcome>, signal: AbortSignal, options: PollOptions): Promise<RunEnd> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await read();
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

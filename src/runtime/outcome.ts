// What a block's request gives back (one answer, or why none came) and how a run ended: the one outcome type of the
// blocks, a discriminated union told apart by `kind`, never by comparing status texts.
import type { BinaryAnswer } from "../shared/binary-answer.ts";

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


// What every model operation works with: its records, the time of the request, an id generator and the delays.
import type { RecordSource } from "./source.ts";
import type { UnitOfWork } from "./unit-of-work.ts";

/** Simulated durations, in milliseconds. */
export interface Delays {
  /** From closing an upload to the start of its first check. */
  checkStart: number;
  /** Duration of one check. */
  checkDuration: number;
  /** Offset between the starts of successive checks of one closing. */
  checkStagger: number;
  /** From launch to start of an execution (WAITING). */
  executionWaiting: number;
  /** From start to end of an execution (PROGRESS). */
  executionProgress: number;
  /** From creation of an offering to PUBLISHED. */
  offeringPublish: number;
}

/** Default durations: checks take 1–3 s, executions 3 s, publications 1 s. */
export const DEFAULT_DELAYS: Delays = {
  checkStart: 300,
  checkDuration: 1200,
  checkStagger: 400,
  executionWaiting: 1000,
  executionProgress: 2000,
  offeringPublish: 1000,
};

/** The context of one operation. */
export interface Context {
  /** The records the operation reads and writes. */
  records: UnitOfWork;
  /** The underlying rows (for the scheduler). */
  source: RecordSource;
  /** The time of the operation (ms since epoch), fixed for its whole duration. */
  now: number;
  newId: () => string;
  delays: Delays;
  /** The user id the operation is made by (the request's caller): absent for the scheduled changes and when no caller
   * is known, whose events keep the record's last initiator. */
  actor?: string;
  /** Set for a private diffusion service: the offerings the request's key may consume (the others are not served). */
  offeringFilter?: (offering: string) => boolean;
}

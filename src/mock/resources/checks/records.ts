// Check execution records: the checks a closing starts.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import { LOGS_GUARD } from "../common/records.ts";
import type { LogLine } from "../common/records.ts";

/** Check execution statuses. */
export type CheckStatus = "WAITING" | "PROGRESS" | "SUCCESS" | "FAILURE";

/** A check execution, with its outcome decided when the upload was closed and revealed over time. */
export interface CheckExecutionRecord {
  _id: string;
  datastore: string;
  check: string;
  upload: string;
  status: CheckStatus;
  creation: number;
  start: number;
  finish: number;
  outcome: "SUCCESS" | "FAILURE";
  logs: LogLine[];
}

/** When the check execution next changes status, if it still will. */
export function nextCheckEvent(execution: CheckExecutionRecord): number | undefined {
  if (execution.status === "WAITING") return execution.start;
  if (execution.status === "PROGRESS") return execution.finish;
  return undefined;
}

/** The check executions. */
const GUARD = z.looseObject({
  _id: z.string(), datastore: z.string(), check: z.string(), upload: z.string(), status: z.enum(["WAITING", "PROGRESS", "SUCCESS", "FAILURE"]),
  creation: z.number(), start: z.number(), finish: z.number(), outcome: z.enum(["SUCCESS", "FAILURE"]), logs: LOGS_GUARD,
});

/** The check executions. */
export const CHECK_EXECUTIONS = collection<CheckExecutionRecord>("check-execution", { due: nextCheckEvent, upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<CheckExecutionRecord>) });

// Processing execution records.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import type { StoredDataRecord } from "../stored-data/records.ts";
import { LOGS_GUARD, OBJECT_GUARD } from "../common/records.ts";
import type { StoredDataType } from "../stored-data/records.ts";
import type { StoredDataDetails, VectorCapture } from "../stored-data/records.ts";
import type { LogLine } from "../common/records.ts";
import type { FileAnalysis } from "../../formats/types.ts";
import type { JsonObject } from "../../core/json.ts";

/** Processing execution statuses. */
export type ExecutionStatus = "CREATED" | "WAITING" | "PROGRESS" | "SUCCESS" | "FAILURE" | "ABORTED";

/** What an execution captured from its inputs when it started. */
export interface InputSnapshot {
  files: { path: string; size: number; md5?: string; blob?: string; analysis?: FileAnalysis }[];
  srs?: string;
  /** Input stored data (type, srs, type_infos and internal details). */
  sources?: { _id: string; type: StoredDataType; srs?: string; size: number; type_infos: JsonObject; details?: StoredDataDetails; files?: StoredDataRecord["files"] }[];
  /** db_to_db: the SQL of its statics, templated when it started (origin for the logs, inputs it reads). */
  derivations?: { origin: string; sql: string; inputs: string[] }[];
  /** What a WMS harvest read from the source service when it started (harvest-output.ts). */
  harvest?: { layers: string[]; files: StoredDataRecord["files"]; request?: string; vector?: VectorCapture };
}

/** A processing execution. */
export interface ExecutionRecord {
  _id: string;
  datastore: string;
  processing: string;
  status: ExecutionStatus;
  creation: number;
  launch?: number;
  start?: number;
  finish?: number;
  /** Planned start and end, set at launch; start/finish are set when they are reached. */
  schedule?: { start: number; finish: number };
  inputs: { upload: string[]; stored_data: string[] };
  output: string;
  /** True when the output stored data was created by this execution (false for an update). */
  outputIsNew: boolean;
  parameters: JsonObject;
  callback?: JsonObject;
  snapshot?: InputSnapshot;
  logs: LogLine[];
}

/** When the execution next changes status, if it still will. */
export function nextExecutionEvent(execution: ExecutionRecord): number | undefined {
  if (!execution.schedule) return undefined;
  if (execution.status === "WAITING") return execution.schedule.start;
  if (execution.status === "PROGRESS") return execution.schedule.finish;
  return undefined;
}

/** The processing executions. */
const GUARD = z.looseObject({
  _id: z.string(), datastore: z.string(), processing: z.string(), status: z.enum(["CREATED", "WAITING", "PROGRESS", "SUCCESS", "FAILURE", "ABORTED"]),
  creation: z.number(), inputs: z.looseObject({ upload: z.array(z.string()), stored_data: z.array(z.string()) }), output: z.string(),
  outputIsNew: z.boolean(), parameters: OBJECT_GUARD, logs: LOGS_GUARD,
  schedule: z.optional(z.looseObject({ start: z.number(), finish: z.number() })),
});

/** The processing executions. */
export const EXECUTIONS = collection<ExecutionRecord>("execution", {
  due: nextExecutionEvent,
  // The files a running execution reads stay until it ends, even if their upload or stored data goes first
  // (its output stored data then holds the ones it needs).
  blobs: (execution) => execution.status !== "PROGRESS" ? [] : [...(execution.snapshot?.files ?? []), ...(execution.snapshot?.sources ?? []).flatMap((source) => source.files ?? []), ...(execution.snapshot?.harvest?.files ?? [])].flatMap((file) => (file.blob ? [file.blob] : [])),
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<ExecutionRecord>) });

/** Fills the stored data from the execution's input snapshot; may return log messages of what it did. */
export type OutputBuilder = (storedData: StoredDataRecord, snapshot: InputSnapshot, execution: ExecutionRecord) => string[] | void;

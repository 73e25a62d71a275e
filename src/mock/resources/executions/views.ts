// How the API shows processing executions.
import { STORED_DATA } from "../stored-data/records.ts";
import { UPLOADS } from "../uploads/records.ts";
import type { Context } from "../../core/context.ts";
import { storedDataRef } from "../stored-data/views.ts";
import { processingById } from "../processings/catalog.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import type { ExecutionRecord } from "./records.ts";
import { SEED_DATES } from "../../seed.ts";

// `processing` of an execution (ProcessingExecutionProcessingDto; the catalog's dates are the seed's).
function processingRef(execution: ExecutionRecord): JsonObject {
  return { name: processingById(execution.processing)?.name ?? "", _id: execution.processing, ...SEED_DATES };
}

// Last change of an execution: its latest step (records keep no separate update time).
const lastChange = (execution: ExecutionRecord): string => isoDate(execution.finish ?? execution.start ?? execution.launch ?? execution.creation);

/** Full processing execution; launch, start and finish appear progressively. */
export function executionView(execution: ExecutionRecord, ctx: Context): JsonObject {
  const output = ctx.records.get(STORED_DATA, execution.output);
  const view: JsonObject = {
    processing: processingRef(execution),
    status: execution.status,
    creation: isoDate(execution.creation),
    update: lastChange(execution),
  };
  for (const key of ["launch", "start", "finish"] as const) {
    const value = execution[key];
    if (value !== undefined) view[key] = isoDate(value);
  }
  view.inputs = {
    upload: execution.inputs.upload.flatMap((id) => {
      const upload = ctx.records.get(UPLOADS, id);
      return upload ? [{ type: upload.type, name: upload.name, status: upload.status, srs: upload.srs, _id: upload._id, creation: isoDate(upload.creation), update: isoDate(upload.update) }] : [];
    }),
    stored_data: execution.inputs.stored_data.flatMap((id) => {
      const storedData = ctx.records.get(STORED_DATA, id);
      return storedData ? [storedDataRef(storedData)] : [];
    }),
  };
  view.output = { stored_data: output ? storedDataRef(output) : { _id: execution.output } };
  view.parameters = cloneJson(execution.parameters);
  view._id = execution._id;
  return view;
}

/** Execution as listed by GET …/processings/executions. */
export function executionSummary(execution: ExecutionRecord): JsonObject {
  return { processing: processingRef(execution), status: execution.status, creation: isoDate(execution.creation), update: lastChange(execution), _id: execution._id };
}

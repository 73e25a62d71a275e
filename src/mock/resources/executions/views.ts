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

/** Full processing execution; launch, start and finish appear progressively. */
export function executionView(execution: ExecutionRecord, ctx: Context): JsonObject {
  const processing = processingById(execution.processing);
  const output = ctx.records.get(STORED_DATA, execution.output);
  const view: JsonObject = {
    processing: { name: processing?.name ?? "", _id: execution.processing },
    status: execution.status,
    creation: isoDate(execution.creation),
  };
  for (const key of ["launch", "start", "finish"] as const) {
    const value = execution[key];
    if (value !== undefined) view[key] = isoDate(value);
  }
  view.inputs = {
    upload: execution.inputs.upload.flatMap((id) => {
      const upload = ctx.records.get(UPLOADS, id);
      return upload ? [{ type: upload.type, name: upload.name, status: upload.status, srs: upload.srs, _id: upload._id }] : [];
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
  const processing = processingById(execution.processing);
  return { processing: { name: processing?.name ?? "", _id: execution.processing }, status: execution.status, creation: isoDate(execution.creation), _id: execution._id };
}

// How the API shows check executions.
import { UPLOADS } from "../uploads/records.ts";
import type { Context } from "../../core/context.ts";
import { checkById } from "../processings/catalog.ts";
import type { JsonObject } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import type { CheckExecutionRecord } from "./records.ts";
import { SEED_DATES } from "../../seed.ts";

// `check` of a check execution (CheckingExecutionCheckResponseDto; the catalog's dates are the seed's).
const checkRef = (execution: CheckExecutionRecord): JsonObject => ({ name: checkById(execution.check)?.name ?? "", _id: execution.check, ...SEED_DATES });

// Last change of a check execution: the step its status reached.
function lastChange(execution: CheckExecutionRecord): string {
  if (execution.status === "WAITING") return isoDate(execution.creation);
  return isoDate(execution.status === "PROGRESS" ? execution.start : execution.finish);
}

/** `{check: {name, _id}, _id}` as in GET …/uploads/{upload}/checks. */
export function checkExecutionSummary(execution: CheckExecutionRecord): JsonObject {
  return { check: checkRef(execution), _id: execution._id, creation: isoDate(execution.creation), update: lastChange(execution) };
}

/** Full check execution (GET …/checks/executions/{execution}); start and finish appear once reached. */
export function checkExecutionView(execution: CheckExecutionRecord, ctx: Context): JsonObject {
  const upload = ctx.records.get(UPLOADS, execution.upload);
  const view: JsonObject = {
    _id: execution._id,
    status: execution.status,
    check: checkRef(execution),
    upload: { _id: execution.upload, name: upload?.name ?? "", type: upload?.type ?? "" },
    creation: isoDate(execution.creation),
    update: lastChange(execution),
  };
  if (upload) Object.assign(view.upload as JsonObject, { creation: isoDate(upload.creation), update: isoDate(upload.update) });
  if (execution.status !== "WAITING") view.start = isoDate(execution.start);
  if (execution.status === "SUCCESS" || execution.status === "FAILURE") view.finish = isoDate(execution.finish);
  return view;
}

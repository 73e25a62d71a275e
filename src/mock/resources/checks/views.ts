// How the API shows check executions.
import { UPLOADS } from "../uploads/records.ts";
import type { Context } from "../../core/context.ts";
import { checkById } from "../processings/catalog.ts";
import type { JsonObject } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import type { CheckExecutionRecord } from "./records.ts";

/** `{check: {name, _id}, _id}` as in GET …/uploads/{upload}/checks. */
export function checkExecutionSummary(execution: CheckExecutionRecord): JsonObject {
  return { check: { name: checkById(execution.check)?.name ?? "", _id: execution.check }, _id: execution._id };
}

/** Full check execution (GET …/checks/executions/{execution}); start and finish appear once reached. */
export function checkExecutionView(execution: CheckExecutionRecord, ctx: Context): JsonObject {
  const upload = ctx.records.get(UPLOADS, execution.upload);
  const view: JsonObject = {
    _id: execution._id,
    status: execution.status,
    check: { name: checkById(execution.check)?.name ?? "", _id: execution.check },
    upload: { _id: execution.upload, name: upload?.name ?? "", type: upload?.type ?? "" },
    creation: isoDate(execution.creation),
  };
  if (execution.status !== "WAITING") view.start = isoDate(execution.start);
  if (execution.status === "SUCCESS" || execution.status === "FAILURE") view.finish = isoDate(execution.finish);
  return view;
}

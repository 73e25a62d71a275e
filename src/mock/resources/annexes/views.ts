// How the API shows annexes.
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import type { AnnexeRecord } from "./records.ts";

/** `{paths, size, mime_type, published, labels, _id, extra?, creation, update}` (AnnexStandardDetailResponseDto). */
export function annexeView(annexe: AnnexeRecord): JsonObject {
  const view: JsonObject = { paths: [...annexe.paths], size: annexe.size, mime_type: annexe.mime_type, published: annexe.published, labels: [...annexe.labels], _id: annexe._id };
  if (annexe.extra !== undefined) view.extra = cloneJson(annexe.extra) as JsonObject;
  return { ...view, creation: isoDate(annexe.creation), update: isoDate(annexe.update) };
}

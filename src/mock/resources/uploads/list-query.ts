// What GET …/uploads accepts: name (`%`), type, status, tags[key]=value, sort, fields; DELETED uploads are left out
// unless a status is asked for.
import { HIDE_DELETED } from "../common/list-query.ts";
import type { ListSpec } from "../common/list-query.ts";
import { UPLOAD_TYPES } from "./records.ts";
import type { UploadStatus } from "./records.ts";

/** Upload statuses, as the `status` filter accepts them. */
export const UPLOAD_STATUSES: readonly UploadStatus[] = ["CREATED", "OPEN", "CLOSED", "CHECKING", "GENERATING", "MODIFYING", "UNSTABLE", "DELETED"];

/** The list query of GET …/uploads. */
export const UPLOAD_LIST: ListSpec = {
  filters: { name: { path: ["name"], match: "like" }, type: { path: ["type"], values: UPLOAD_TYPES }, status: { path: ["status"], values: UPLOAD_STATUSES } },
  tags: ["tags"],
  sort: { creation: ["creation"], last_event: ["lastEvent", "date"] },
  fields: ["name", "description", "type", "open", "status", "srs", "contact", "size", "last_event", "tags", "creation", "bbox"],
  hidden: HIDE_DELETED,
};

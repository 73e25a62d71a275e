// How the API shows uploads.
import { lastEventView } from "../common/views.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import type { UploadRecord } from "./records.ts";
import { CONTACT } from "../../seed.ts";

/** Total size of an upload's files. */
export function uploadSize(upload: UploadRecord): number {
  return upload.files.reduce((sum, file) => sum + file.size, 0);
}

/** Full upload. */
export function uploadView(upload: UploadRecord): JsonObject {
  return {
    name: upload.name,
    description: upload.description,
    type: upload.type,
    status: upload.status,
    srs: upload.srs,
    contact: CONTACT,
    size: uploadSize(upload),
    last_event: lastEventView(upload.lastEvent),
    _id: upload._id,
    type_infos: cloneJson(upload.type_infos),
    open: upload.open,
    tags: { ...upload.tags },
    creation: isoDate(upload.creation),
    update: isoDate(upload.update),
  };
}

/** Upload as listed by GET …/uploads. */
export function uploadSummary(upload: UploadRecord): JsonObject {
  return {
    name: upload.name, description: upload.description, type: upload.type, status: upload.status, srs: upload.srs, size: uploadSize(upload), tags: { ...upload.tags },
    open: upload.open, _id: upload._id, update: isoDate(upload.update),
  };
}

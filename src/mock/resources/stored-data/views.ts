// How the API shows stored data.
import { lastEventView } from "../common/views.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import type { StoredDataRecord } from "./records.ts";
import { CONTACT, DATA_STORAGES } from "../../seed.ts";

/** Short stored data, as embedded in executions (ProcessingExecutionStoredDataDto). */
export function storedDataRef(storedData: StoredDataRecord): JsonObject {
  const ref: JsonObject = { name: storedData.name, type: storedData.type, status: storedData.status };
  if (storedData.srs !== undefined) ref.srs = storedData.srs;
  return Object.assign(ref, { _id: storedData._id, creation: isoDate(storedData.creation), update: isoDate(storedData.update) });
}

/** Full stored data. */
export function storedDataView(storedData: StoredDataRecord): JsonObject {
  const storage = DATA_STORAGES.find((candidate) => candidate._id === storedData.storage);
  const view: JsonObject = { name: storedData.name };
  if (storedData.description !== undefined) view.description = storedData.description;
  Object.assign(view, { type: storedData.type });
  if (storedData.srs !== undefined) view.srs = storedData.srs;
  Object.assign(view, {
    contact: CONTACT,
    last_event: lastEventView(storedData.lastEvent),
    tags: { ...storedData.tags },
    storage: { type: storage?.type ?? "S3", labels: [] },
    size: storedData.size,
    status: storedData.status,
    _id: storedData._id,
    type_infos: cloneJson(storedData.type_infos),
    open: storedData.open,
  });
  for (const key of ["edition", "extent", "extra"] as const) {
    const value = storedData[key];
    if (value !== undefined) view[key] = cloneJson(value);
  }
  if (storedData.public_activity !== undefined) view.public_activity = storedData.public_activity;
  view.creation = isoDate(storedData.creation);
  view.update = isoDate(storedData.update);
  return view;
}

/** Stored data as listed by GET …/stored_data. */
export function storedDataSummary(storedData: StoredDataRecord): JsonObject {
  return { ...storedDataRef(storedData), size: storedData.size, open: storedData.open, tags: { ...storedData.tags }, public_activity: storedData.public_activity ?? false };
}

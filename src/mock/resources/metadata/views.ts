// How the API shows metadata.
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import { ENDPOINTS, SEED_DATES } from "../../seed.ts";
import type { MetadataRecord } from "./records.ts";

/** `{type, open_data, level, file_identifier, tags, endpoints: [{name, _id, creation, update}], _id, extra?, creation, update}` (MetadataStandardResponseDto). */
export function metadataView(record: MetadataRecord): JsonObject {
  const view: JsonObject = {
    type: record.type, open_data: record.open_data, level: record.level, file_identifier: record.file_identifier, tags: { ...record.tags },
    endpoints: record.endpoints.map((id) => {
      const endpoint = ENDPOINTS.find((candidate) => candidate._id === id);
      return { name: endpoint?.technical_name ?? "", _id: id, creation: endpoint?.creation ?? SEED_DATES.creation, update: endpoint?.update ?? SEED_DATES.update };
    }),
    _id: record._id,
  };
  if (record.extra !== undefined) view.extra = cloneJson(record.extra) as JsonObject;
  return { ...view, creation: isoDate(record.creation), update: isoDate(record.update) };
}

// What GET …/configurations accepts: name and layer_name (`%`), type, status, stored_data=<id> (the configurations
// whose type_infos use it), tags[key]=value, sort, fields.
import type { ListSpec } from "../common/list-query.ts";
import { DATED_SORT } from "../common/list-query.ts";
import type { ConfigurationStatus } from "./records.ts";
import { CONFIGURATION_TYPES } from "./records.ts";

/** Configuration statuses, as the `status` filter accepts them. */
export const CONFIGURATION_STATUSES: readonly ConfigurationStatus[] = ["UNPUBLISHED", "PUBLISHED", "SYNCHRONIZING"];

/** Where a configuration names the stored data it uses. */
export const USED_STORED_DATA = ["type_infos", "used_data", "*", "stored_data"] as const;

/** The list query of GET …/configurations. */
export const CONFIGURATION_LIST: ListSpec = {
  filters: {
    name: { path: ["name"], match: "like" },
    layer_name: { path: ["layer_name"], match: "like" },
    type: { path: ["type"], values: CONFIGURATION_TYPES },
    status: { path: ["status"], values: CONFIGURATION_STATUSES },
    stored_data: { path: USED_STORED_DATA, match: "exact" },
  },
  tags: ["tags"],
  sort: DATED_SORT,
  fields: ["name", "layer_name", "type", "status", "attribution", "attributions", "metadata", "metadatas", "tags", "creation", "last_event", "update"],
};

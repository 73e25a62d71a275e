// What GET …/stored_data accepts: name (`%`), type, status, tags[key]=value, sort, fields; `owned` and `shared` are
// accepted (every stored data of the simulated datastore is its own, none is shared with it). DELETED stored data
// are left out unless a status is asked for.
import { HIDE_DELETED } from "../common/list-query.ts";
import type { ListSpec } from "../common/list-query.ts";
import { STORED_DATA_TYPES } from "./records.ts";
import type { StoredDataStatus } from "./records.ts";

/** Stored data statuses, as the `status` filter accepts them. */
export const STORED_DATA_STATUSES: readonly StoredDataStatus[] = ["CREATED", "GENERATING", "MODIFYING", "GENERATED", "DELETED", "UNSTABLE"];

/** The list query of GET …/stored_data. */
export const STORED_DATA_LIST: ListSpec = {
  filters: {
    name: { path: ["name"], match: "like" },
    type: { path: ["type"], values: STORED_DATA_TYPES },
    status: { path: ["status"], values: STORED_DATA_STATUSES },
    // owned=true keeps them all, owned=false none; shared=true none, shared=false all.
    owned: { values: ["true", "false"], resolve: (_ctx, _datastore, value) => (value === "true" ? { not: { path: ["_id"], in: [] } } : { path: ["_id"], in: [] }) },
    shared: { values: ["true", "false"], resolve: (_ctx, _datastore, value) => (value === "false" ? { not: { path: ["_id"], in: [] } } : { path: ["_id"], in: [] }) },
  },
  tags: ["tags"],
  sort: { creation: ["creation"], last_event: ["lastEvent", "date"] },
  fields: ["name", "description", "type", "open", "status", "srs", "contact", "size", "last_event", "tags", "creation", "bbox", "edition", "public_activity"],
  hidden: HIDE_DELETED,
};

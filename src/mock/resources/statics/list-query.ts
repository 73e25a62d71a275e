// What GET …/statics accepts: type, name (`%`), sort.
import { STATIC_TYPES } from "../../formats/styles.ts";
import type { ListSpec } from "../common/list-query.ts";

/** The list query of GET …/statics. */
export const STATIC_LIST: ListSpec = {
  filters: { type: { path: ["type"], values: STATIC_TYPES }, name: { path: ["name"], match: "like" } },
  sort: { creation: ["creation"], update: ["update"] },
};

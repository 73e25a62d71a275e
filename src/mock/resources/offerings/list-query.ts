// What GET …/offerings accepts: status, configuration=<id>, and through their configurations layer_name (`%`),
// type and stored_data=<id>; sort, fields.
import type { Context } from "../../core/context.ts";
import type { RowCondition } from "../../core/source.ts";
import type { ListSpec } from "../common/list-query.ts";
import { USED_STORED_DATA } from "../configurations/list-query.ts";
import { CONFIGURATIONS, CONFIGURATION_TYPES } from "../configurations/records.ts";
import type { OfferingStatus } from "./records.ts";

/** Offering statuses, as the `status` filter accepts them. */
export const OFFERING_STATUSES: readonly OfferingStatus[] = ["PUBLISHING", "MODIFYING", "PUBLISHED", "UNPUBLISHING", "UNSTABLE"];

// The offerings of the configurations that satisfy `condition` (read by the source, ids only kept).
const ofConfigurations = (condition: RowCondition) => (ctx: Context, datastore: string): RowCondition => ({
  path: ["configuration"],
  in: ctx.records.list(CONFIGURATIONS, datastore, { where: [condition] }).map((configuration) => configuration._id),
});

/** The list query of GET …/offerings. */
export const OFFERING_LIST: ListSpec = {
  filters: {
    layer_name: { resolve: (ctx, datastore, value) => ofConfigurations({ path: ["layer_name"], like: value })(ctx, datastore) },
    type: { values: CONFIGURATION_TYPES, resolve: (ctx, datastore, value) => ofConfigurations({ path: ["type"], equals: value })(ctx, datastore) },
    stored_data: { resolve: (ctx, datastore, value) => ofConfigurations({ path: USED_STORED_DATA, equals: value })(ctx, datastore) },
    status: { path: ["status"], values: OFFERING_STATUSES },
    configuration: { path: ["configuration"], match: "exact" },
  },
  sort: { creation: ["creation"], update: ["update"] },
  fields: ["open", "available", "layer_name", "type", "status", "endpoint", "configuration", "urls", "creation", "extra", "update", "public_activity"],
};

// Dependencies between stored data (GET …/stored_data/{stored data}/dependencies): a pyramid computed on top of
// earlier pyramids (step-by-step update, merge, harvest by reference) references their slabs, recorded in
// `details.uses`; a stored data another one still uses, or an offering still serves, cannot be deleted (409).
import type { Context } from "../../core/context.ts";
import { conflict } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import { STORED_DATA } from "./records.ts";
import { OFFERINGS } from "../offerings/records.ts";
import type { StoredDataRecord } from "./records.ts";

// One item of `use` / `used_by` (StoredDataDependencyDto).
const item = (storedData: StoredDataRecord): JsonObject => ({ creation: isoDate(storedData.creation), update: isoDate(storedData.update), name: storedData.name, _id: storedData._id });

/** The stored data (not deleted) of the datastore that use this one. */
export function usersOf(ctx: Context, storedData: StoredDataRecord): StoredDataRecord[] {
  return ctx.records.list(STORED_DATA, storedData.datastore).filter((other) => other.status !== "DELETED" && other.details?.uses?.includes(storedData._id));
}

/** The dependencies view: `used_by` (who references it) and `use` (what it references). */
export function dependenciesView(ctx: Context, storedData: StoredDataRecord): JsonObject {
  const use = (storedData.details?.uses ?? []).map((id) => ctx.records.get(STORED_DATA, id)).filter((other): other is StoredDataRecord => other !== undefined);
  return { used_by: usersOf(ctx, storedData).map(item), use: use.map(item) };
}

/** 409 while another stored data references this one, or an offering still serves it (its configuration was changed
 * but the offering not synchronised yet) [inferred]. */
export function assertUnused(ctx: Context, storedData: StoredDataRecord): void {
  const serving = ctx.records.list(OFFERINGS, storedData.datastore).filter((offering) => JSON.stringify(offering.served?.used_data ?? []).includes(`"${storedData._id}"`));
  if (serving.length > 0) {
    throw conflict(`La donnée stockée ${storedData._id} est encore servie par ${serving.map((offering) => `l'offre ${offering._id}`).join(", ")} : synchronisez-la (PUT …/offerings/{offering}) ou supprimez-la d'abord.`);
  }
  const users = usersOf(ctx, storedData);
  if (users.length > 0) {
    throw conflict(`La donnée stockée ${storedData._id} est référencée par ${users.map((other) => `« ${other.name} » (${other._id})`).join(", ")} : supprimez d'abord ${users.length === 1 ? "cette donnée" : "ces données"} (GET …/dependencies).`);
  }
}

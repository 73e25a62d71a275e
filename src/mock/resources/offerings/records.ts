// Offering records (publications of a configuration on an endpoint).
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import type { JsonObject } from "../../core/json.ts";

/** Offering statuses. */
export type OfferingStatus = "PUBLISHING" | "MODIFYING" | "PUBLISHED" | "UNPUBLISHING" | "UNSTABLE";

/** An offering (publication of a configuration on an endpoint). */
export interface OfferingRecord {
  _id: string;
  datastore: string;
  configuration: string;
  endpoint: string;
  open: boolean;
  available: boolean;
  public_activity: boolean;
  permissions?: JsonObject[];
  status: OfferingStatus;
  creation: number;
  update: number;
  /** When PUBLISHING (or MODIFYING, after a synchronisation) turns into PUBLISHED. */
  publishAt: number;
  /** The configuration's type_infos the services serve: taken when the offering becomes PUBLISHED (creation or
   * synchronisation), so that a PUT of the configuration changes nothing served until PUT …/offerings/{offering}. */
  served?: JsonObject;
  /** The relations (type_infos.relations) of the VECTOR-DBs served, by stored data id, taken at the same moment: a
   * column added by a derivation is served after the next synchronisation. */
  servedRelations?: Record<string, JsonObject[]>;
}

/** When the offering next changes status, if it still will. */
export function nextOfferingEvent(offering: OfferingRecord): number | undefined {
  return offering.status === "PUBLISHING" || offering.status === "MODIFYING" ? offering.publishAt : undefined;
}

/** The offerings. */
const GUARD = z.looseObject({
  _id: z.string(), datastore: z.string(), configuration: z.string(), endpoint: z.string(), open: z.boolean(), available: z.boolean(),
  public_activity: z.boolean(), status: z.string(), creation: z.number(), update: z.number(), publishAt: z.number(),
});

/** The offerings. */
export const OFFERINGS = collection<OfferingRecord>("offering", {
  due: nextOfferingEvent,
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<OfferingRecord>),
  // An offering counts in its endpoint's use.
  measure: (offering) => ({ group: offering.endpoint, size: 0 }),
});

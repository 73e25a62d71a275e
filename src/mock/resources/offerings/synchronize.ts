// PUT …/offerings/{offering} (synchronisation, SDK Offering.api_synchronize, no body): the services take the
// configuration's and stored data's changes again; the offering is MODIFYING for a short while, then PUBLISHED.
import type { Context } from "../../core/context.ts";
import { conflict } from "../../core/errors.ts";
import type { OfferingRecord } from "./records.ts";
import { findOffering } from "./offerings.ts";

/** PUBLISHED (or UNSTABLE) → MODIFYING, PUBLISHED again after the publication delay; `update` refreshed. 409 while
 * the offering is still being published or modified. */
export function synchronizeOffering(ctx: Context, datastore: string, id: string): OfferingRecord {
  const offering = findOffering(ctx, datastore, id);
  if (offering.status !== "PUBLISHED" && offering.status !== "UNSTABLE") {
    throw conflict(`L'offre ${offering._id} est ${offering.status} : attendez qu'elle soit PUBLISHED pour la synchroniser.`);
  }
  offering.status = "MODIFYING";
  offering.update = ctx.now;
  offering.publishAt = ctx.now + ctx.delays.offeringPublish;
  return offering;
}

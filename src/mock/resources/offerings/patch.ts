// PATCH …/offerings/{offering} ([ts] OfferingUpdateDto): `open` and `available` on a private endpoint (on an open
// endpoint an offering stays open and available), `public_activity`, `extra`. Closing an open offering removes the
// accesses that went without permission; unavailable, it vanishes from the services for everyone.
import * as z from "zod/mini";
import type { Context } from "../../core/context.ts";
import { ApiError } from "../../core/errors.ts";
import { object, parseBody } from "../../core/schema.ts";
import { ENDPOINTS } from "../../seed.ts";
import { jsonObject } from "../common/schemas.ts";
import { ACCESSES } from "../keys/records.ts";
import { findOffering } from "./offerings.ts";
import type { OfferingRecord } from "./records.ts";

const OFFERING_UPDATE = object({
  open: z.optional(z.boolean()),
  available: z.optional(z.boolean()),
  public_activity: z.optional(z.boolean()),
  extra: z.optional(jsonObject),
});

/** Applies the PATCH; the offering after it. */
export function patchOffering(ctx: Context, datastore: string, id: string, body: unknown): OfferingRecord {
  const offering = findOffering(ctx, datastore, id);
  const input = parseBody(OFFERING_UPDATE, body);
  const endpoint = ENDPOINTS.find((candidate) => candidate._id === offering.endpoint);
  if (endpoint?.open) {
    const problems = [
      ...(input.open === false ? [`open : l'offre est sur le point d'accès ouvert ${endpoint.technical_name}, elle reste ouverte (open: true).`] : []),
      ...(input.available === false ? [`available : seule une offre d'un point d'accès privé peut être rendue indisponible (${endpoint.technical_name} est ouvert).`] : []),
    ];
    if (problems.length > 0) throw new ApiError(400, problems);
  }
  if (input.open === false && offering.open) {
    for (const access of ctx.records.list(ACCESSES)) if (access.offering === offering._id && access.permission === undefined) ctx.records.remove(ACCESSES, access._id);
  }
  if (input.open !== undefined) offering.open = input.open;
  if (input.available !== undefined) offering.available = input.available;
  if (input.public_activity !== undefined) offering.public_activity = input.public_activity;
  if (input.extra !== undefined) (offering as OfferingRecord & { extra?: unknown }).extra = input.extra;
  offering.update = ctx.now;
  return offering;
}

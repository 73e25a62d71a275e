// Organization records: the seeded organization (which the seeded community belongs to) and its official members.
// Stored only once changed: until then it is the one the seed describes (the seeded user its only member).
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";
import { notFound } from "../../core/errors.ts";
import { SIMULATED_DATASTORE_ID, SIMULATED_USER_ID } from "../../seed.ts";
import { SIMULATED_ORGANIZATION_ID } from "../communities/records.ts";

/** An organization (`datastore`: the seeded datastore, where the record is kept). */
export interface OrganizationRecord {
  _id: string;
  datastore: string;
  name: string;
  siren: string;
  uploads_quota: number;
  members: string[];
  creation: number;
  update: number;
}

const SEEDED_AT = Date.parse("2023-02-01T09:45:10.725Z");

/** The seeded organization. */
export function seededOrganization(): OrganizationRecord {
  return {
    _id: SIMULATED_ORGANIZATION_ID,
    datastore: SIMULATED_DATASTORE_ID,
    name: "Organisme des tutoriels",
    siren: "180067001",
    uploads_quota: 100_000_000_000,
    members: [SIMULATED_USER_ID],
    creation: SEEDED_AT,
    update: SEEDED_AT,
  };
}

const GUARD = z.looseObject({
  _id: z.string(), datastore: z.string(), name: z.string(), siren: z.string(), uploads_quota: z.number(), members: z.array(z.string()),
  creation: z.number(), update: z.number(),
});

/** The organizations (only those changed since the seed are stored). */
export const ORGANIZATIONS = collection<OrganizationRecord>("organization", {
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<OrganizationRecord>),
});

/** The organization, as stored or as seeded; 404 for an unknown id. With `forWrite`, the seeded one is stored first. */
export function findOrganization(ctx: Context, id: string, forWrite = false): OrganizationRecord {
  const stored = ctx.records.get(ORGANIZATIONS, id);
  if (stored) return stored;
  if (id !== SIMULATED_ORGANIZATION_ID) throw notFound(`Organisme « ${id} » introuvable.`);
  const seeded = seededOrganization();
  return forWrite ? ctx.records.insert(ORGANIZATIONS, seeded) : seeded;
}

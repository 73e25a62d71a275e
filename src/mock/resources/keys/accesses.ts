// Accesses: a user ties one of their keys to offerings of a permission granted to them (or, without permission, to
// an open offering on a private endpoint); what a key may consume on the private services follows from them.
import type { Context } from "../../core/context.ts";
import { ApiError, notFound } from "../../core/errors.ts";
import { parseBody } from "../../core/schema.ts";
import { ENDPOINTS } from "../../seed.ts";
import { OFFERINGS } from "../offerings/records.ts";
import { findGranted } from "../permissions/permissions.ts";
import { inForce, PERMISSIONS } from "../permissions/records.ts";
import { userById } from "../users/directory.ts";
import { findKey } from "./keys.ts";
import { ACCESSES, userSpace } from "./records.ts";
import type { AccessRecord, KeyRecord } from "./records.ts";
import { ACCESS_CREATE } from "./schemas.ts";

/** POST /users/me/keys/{key}/accesses: one access per offering (an offering the key already reaches through the permission is kept once). */
export function createAccesses(ctx: Context, user: string, keyId: string, body: unknown): AccessRecord[] {
  const key = findKey(ctx, user, keyId);
  const input = parseBody(ACCESS_CREATE, body);
  const account = userById(user)!;
  const problems: string[] = [];
  const permission = input.permission === undefined ? undefined : (() => {
    try {
      return findGranted(ctx, account, input.permission);
    } catch {
      problems.push(`permission : permission « ${input.permission} » introuvable parmi celles qui vous sont accordées (GET /users/me/permissions).`);
      return undefined;
    }
  })();
  if (permission && !inForce(permission, ctx.now)) problems.push(`permission : la permission « ${permission._id} » a expiré (end_date dépassée).`);
  if (permission?.only_oauth && key.type !== "OAUTH2") problems.push(`permission : la permission « ${permission._id} » n'est utilisable qu'avec une clé OAUTH2 (only_oauth), pas avec une clé ${key.type}.`);
  for (const id of input.offerings) {
    if (permission && !permission.offerings.includes(id)) problems.push(`offerings : l'offre « ${id} » n'est pas couverte par la permission « ${permission._id} ».`);
    if (!permission && input.permission === undefined) {
      const offering = ctx.records.get(OFFERINGS, id);
      const privateEndpoint = ENDPOINTS.find((endpoint) => endpoint._id === offering?.endpoint)?.open === false;
      if (!offering || !privateEndpoint || !offering.open) problems.push(`offerings : l'offre « ${id} » demande une permission (champ « permission ») : seule une offre ouverte (open: true) d'un point d'accès privé s'en passe.`);
    }
  }
  if (problems.length > 0) throw new ApiError(400, problems);
  const existing = ctx.records.list(ACCESSES, userSpace(user)).filter((access) => access.key === key._id);
  return input.offerings.map((offering) =>
    existing.find((access) => access.offering === offering && access.permission === permission?._id)
    ?? ctx.records.insert(ACCESSES, {
      _id: ctx.newId(), datastore: userSpace(user), key: key._id, ...(permission ? { permission: permission._id } : {}), offering, creation: ctx.now, update: ctx.now,
    }));
}

/** The key's accesses, oldest first. */
export function listAccesses(ctx: Context, user: string, keyId: string): AccessRecord[] {
  findKey(ctx, user, keyId);
  return ctx.records.list(ACCESSES, userSpace(user)).filter((access) => access.key === keyId);
}

/** DELETE /users/me/keys/{key}/accesses/{access}. */
export function removeAccess(ctx: Context, user: string, keyId: string, id: string): void {
  findKey(ctx, user, keyId);
  const access = ctx.records.get(ACCESSES, id);
  if (!access || access.key !== keyId || access.datastore !== userSpace(user)) throw notFound(`Accès « ${id} » introuvable pour la clé ${keyId}.`);
  ctx.records.remove(ACCESSES, id);
}

/** The offerings the key may consume now: its accesses whose permission is still there, in force, covers the
 * offering and suits the key (only_oauth → OAUTH2), or whose offering is open (no permission); offering available. */
export function reachableOfferings(ctx: Context, key: KeyRecord): Set<string> {
  const out = new Set<string>();
  for (const access of ctx.records.list(ACCESSES, userSpace(key.user))) {
    if (access.key !== key._id) continue;
    const offering = ctx.records.get(OFFERINGS, access.offering);
    if (!offering || offering.available === false) continue;
    if (access.permission === undefined) {
      if (offering.open) out.add(offering._id);
      continue;
    }
    const permission = ctx.records.get(PERMISSIONS, access.permission);
    if (!permission || !inForce(permission, ctx.now) || !permission.offerings.includes(offering._id)) continue;
    if (permission.only_oauth && key.type !== "OAUTH2") continue;
    out.add(offering._id);
  }
  return out;
}

// The rules of permissions: created by a datastore for its offerings on private endpoints, one per beneficiary
// (a user or a community the simulation knows), changed, deleted (with the accesses that used them); seen by their
// beneficiaries (personally, or as members of the community).
import type { Context } from "../../core/context.ts";
import { ApiError, notFound } from "../../core/errors.ts";
import { parseBody } from "../../core/schema.ts";
import { ENDPOINTS } from "../../seed.ts";
import { ACCESSES } from "../keys/records.ts";
import { OFFERINGS } from "../offerings/records.ts";
import { ownerOfCommunity, userById } from "../users/directory.ts";
import type { SimUser } from "../users/directory.ts";
import { membershipsOf } from "../users/memberships.ts";
import { PERMISSIONS } from "./records.ts";
import type { PermissionRecord } from "./records.ts";
import { PERMISSION_CREATE, PERMISSION_UPDATE } from "./schemas.ts";

// 400 unless every offering belongs to the datastore and is on a private endpoint.
function assertOfferings(ctx: Context, datastore: string, ids: readonly string[]): void {
  const problems = ids.flatMap((id) => {
    const offering = ctx.records.get(OFFERINGS, id);
    if (!offering || offering.datastore !== datastore) return [`offerings : offre « ${id} » introuvable dans l'entrepôt ${datastore}.`];
    if (ENDPOINTS.find((endpoint) => endpoint._id === offering.endpoint)?.open !== false) {
      return [`offerings : l'offre « ${id} » est sur un point d'accès ouvert, dont l'accès n'est jamais contrôlé : publiez-la sur un point d'accès privé.`];
    }
    return [];
  });
  if (problems.length > 0) throw new ApiError(400, problems);
}

/** POST …/permissions: one permission per user (ACCOUNT) or community (COMMUNITY); the created permissions. */
export function createPermissions(ctx: Context, datastore: string, body: unknown): PermissionRecord[] {
  const input = parseBody(PERMISSION_CREATE, body);
  const type = input.type ?? "ACCOUNT";
  const beneficiaries = (type === "ACCOUNT" ? input.users : input.communities) ?? [];
  const unknown = beneficiaries.filter((id) => (type === "ACCOUNT" ? !userById(id) : !ownerOfCommunity(id)));
  const problems = unknown.map((id) => type === "ACCOUNT" ? `users : utilisateur « ${id} » inconnu de l'Entrepôt.` : `communities : communauté « ${id} » inconnue de l'Entrepôt.`);
  if (problems.length > 0) throw new ApiError(400, problems);
  assertOfferings(ctx, datastore, input.offerings);
  const endDate = input.end_date === undefined ? undefined : Date.parse(input.end_date);
  return beneficiaries.map((beneficiary) => ctx.records.insert(PERMISSIONS, {
    _id: ctx.newId(), datastore, type, beneficiary, licence: input.licence, ...(endDate === undefined ? {} : { end_date: endDate }),
    only_oauth: input.only_oauth ?? false, offerings: [...input.offerings], creation: ctx.now, update: ctx.now,
  }));
}

/** A permission of the datastore, or 404. */
export function findPermission(ctx: Context, datastore: string, id: string): PermissionRecord {
  const permission = ctx.records.get(PERMISSIONS, id);
  if (!permission || permission.datastore !== datastore) throw notFound(`Permission « ${id} » introuvable dans l'entrepôt ${datastore}.`);
  return permission;
}

/** The datastore's permissions, oldest first, those on `offering` only when given. */
export function listPermissions(ctx: Context, datastore: string, offering?: string): PermissionRecord[] {
  return ctx.records.list(PERMISSIONS, datastore).filter((permission) => !offering || permission.offerings.includes(offering));
}

/** PATCH …/permissions/{permission}: licence, end date (null removes it), offerings; the accesses to an offering left out go. */
export function updatePermission(ctx: Context, datastore: string, id: string, body: unknown): PermissionRecord {
  const permission = findPermission(ctx, datastore, id);
  const input = parseBody(PERMISSION_UPDATE, body);
  if (input.offerings) assertOfferings(ctx, datastore, input.offerings);
  if (input.end_date === null) delete permission.end_date;
  else if (input.end_date !== undefined) permission.end_date = Date.parse(input.end_date);
  if (input.licence !== undefined) permission.licence = input.licence;
  if (input.offerings) permission.offerings = [...input.offerings];
  permission.update = ctx.now;
  for (const access of accessesOf(ctx, id)) if (!permission.offerings.includes(access.offering)) ctx.records.remove(ACCESSES, access._id);
  return permission;
}

// Every access (of any user's keys) that goes through the permission.
const accessesOf = (ctx: Context, permission: string) => ctx.records.list(ACCESSES).filter((access) => access.permission === permission);

/** Deletes a permission and the accesses that used it. */
export function removePermission(ctx: Context, permission: PermissionRecord): void {
  for (const access of accessesOf(ctx, permission._id)) ctx.records.remove(ACCESSES, access._id);
  ctx.records.remove(PERMISSIONS, permission._id);
}

/** Whether the permission is granted to the user: personally, or to a community they belong to. */
export function grantedTo(ctx: Context, permission: PermissionRecord, user: SimUser): boolean {
  if (permission.type === "ACCOUNT") return permission.beneficiary === user._id;
  return membershipsOf(ctx, user).some((membership) => membership.community._id === permission.beneficiary);
}

/** The permissions granted to the user (GET /users/me/permissions: `personal`, `community` both true by default). */
export function grantedPermissions(ctx: Context, user: SimUser, personal = true, community = true): PermissionRecord[] {
  return ctx.records.list(PERMISSIONS)
    .filter((permission) => (permission.type === "ACCOUNT" ? personal : community) && grantedTo(ctx, permission, user));
}

/** A permission granted to the user, or 404. */
export function findGranted(ctx: Context, user: SimUser, id: string): PermissionRecord {
  const permission = ctx.records.get(PERMISSIONS, id);
  if (!permission || !grantedTo(ctx, permission, user)) throw notFound(`Permission « ${id} » introuvable parmi les vôtres.`);
  return permission;
}

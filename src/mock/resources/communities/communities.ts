// Community operations: reading and editing the community, listing its members, adding a member or changing their
// rights (PUT replaces them), removing a member, leaving. The supervisor keeps every right and cannot be removed.
import type { Context } from "../../core/context.ts";
import { badRequest, notFound } from "../../core/errors.ts";
import { parseBody } from "../../core/schema.ts";
import type { CommunityRecord, MemberRecord, Right } from "./records.ts";
import { RIGHTS, findCommunity } from "./records.ts";
import type { SimUser } from "../users/directory.ts";
import { assertCommunityRight } from "./rights.ts";
import { COMMUNITY_PATCH, MEMBER_PUT } from "./schemas.ts";
import { findUser } from "./users.ts";

/** The community, readable by its members (and by anyone when it is public). */
export function readCommunity(ctx: Context, caller: SimUser, id: string): CommunityRecord {
  const community = findCommunity(ctx, id);
  if (!community.public) assertCommunityRight(ctx, caller, community);
  return community;
}

// The community for a change by the caller, who needs the COMMUNITY right.
function forChange(ctx: Context, caller: SimUser, id: string): CommunityRecord {
  const community = findCommunity(ctx, id);
  assertCommunityRight(ctx, caller, community, "COMMUNITY");
  return findCommunity(ctx, id, true);
}

/** PATCH /communities/{community}: name, description, contact, public, supervisor (a known user, who becomes a member with every right). */
export function patchCommunity(ctx: Context, caller: SimUser, id: string, body: unknown): CommunityRecord {
  const patch = parseBody(COMMUNITY_PATCH, body);
  const community = forChange(ctx, caller, id);
  if (patch.supervisor !== undefined) {
    findUser(patch.supervisor);
    community.supervisor = patch.supervisor;
    upsertMember(ctx, community, patch.supervisor, [...RIGHTS]);
  }
  if (patch.name !== undefined) community.name = patch.name;
  if (patch.description !== undefined) community.description = patch.description;
  if (patch.contact !== undefined) community.contact = patch.contact;
  if (patch.public !== undefined) community.public = patch.public;
  community.update = ctx.now;
  return community;
}

/** GET /communities/{community}/users (COMMUNITY right): members, filtered by `rights` (each asked right held). */
export function listMembers(ctx: Context, caller: SimUser, id: string, query: URLSearchParams): MemberRecord[] {
  const community = findCommunity(ctx, id);
  assertCommunityRight(ctx, caller, community, "COMMUNITY");
  const asked = query.getAll("rights").flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  const unknown = asked.filter((value) => !(RIGHTS as readonly string[]).includes(value));
  if (unknown.length > 0) throw badRequest(`Filtre rights : droit inconnu ${unknown.join(", ")} (droits possibles : ${RIGHTS.join(", ")}).`);
  return community.members
    .map((member) => (member.user === community.supervisor ? { ...member, rights: [...RIGHTS] } : member))
    .filter((member) => asked.every((value) => member.rights.includes(value as Right)));
}

// Adds the user or replaces their rights.
function upsertMember(ctx: Context, community: CommunityRecord, user: string, rights: Right[]): MemberRecord {
  const known = community.members.find((member) => member.user === user);
  if (known) {
    known.rights = rights;
    known.update = ctx.now;
    return known;
  }
  const member = { user, rights, creation: ctx.now, update: ctx.now };
  community.members.push(member);
  return member;
}

/** PUT /communities/{community}/users/{user} (COMMUNITY right): adds a known user or replaces their rights. */
export function putMember(ctx: Context, caller: SimUser, id: string, user: string, body: unknown): MemberRecord {
  const { rights = [] } = parseBody(MEMBER_PUT, body ?? {});
  const community = forChange(ctx, caller, id);
  findUser(user);
  if (user === community.supervisor && RIGHTS.some((right) => !rights.includes(right))) {
    throw badRequest(`L'utilisateur ${user} est le superviseur de la communauté : il garde tous les droits (${RIGHTS.join(", ")}).`);
  }
  const member = upsertMember(ctx, community, user, [...rights]);
  community.update = ctx.now;
  return member;
}

// Removes a member (not the supervisor).
function removeMember(ctx: Context, community: CommunityRecord, user: string): void {
  if (user === community.supervisor) throw badRequest(`Le superviseur de la communauté (${user}) ne peut pas en être retiré : nommez d'abord un autre superviseur.`);
  const index = community.members.findIndex((member) => member.user === user);
  if (index < 0) throw notFound(`L'utilisateur « ${user} » n'est pas membre de la communauté ${community._id}.`);
  community.members.splice(index, 1);
  community.update = ctx.now;
}

/** DELETE /communities/{community}/users/{user} (COMMUNITY right). */
export function deleteMember(ctx: Context, caller: SimUser, id: string, user: string): void {
  removeMember(ctx, forChange(ctx, caller, id), user);
}

/** DELETE /users/me/communities/{community}: the caller leaves the community. */
export function leaveCommunity(ctx: Context, caller: SimUser, id: string): void {
  const community = findCommunity(ctx, id);
  assertCommunityRight(ctx, caller, community);
  removeMember(ctx, findCommunity(ctx, id, true), caller._id);
}

// What the community routes answer: the community (CommunityDetailResponseDto), its members (CommunityUserResponseDto).
import type { Context } from "../../core/context.ts";
import type { JsonObject } from "../../core/json.ts";
import { isoDate as iso } from "../../core/time.ts";
import { DATASTORE_INFO } from "../../seed.ts";
import { findOrganization } from "../organizations/records.ts";
import type { CommunityRecord, MemberRecord } from "./records.ts";
import { findUser } from "./users.ts";

/** GET /communities/{community}. */
export function communityView(ctx: Context, community: CommunityRecord): JsonObject {
  const organization = community.organization ? findOrganization(ctx, community.organization) : undefined;
  return {
    _id: community._id,
    name: community.name,
    ...(community.description !== undefined ? { description: community.description } : {}),
    technical_name: community.technical_name,
    contact: community.contact,
    public: community.public,
    ...(organization ? { organization: { name: organization.name, _id: organization._id } } : {}),
    datastore: { active: DATASTORE_INFO.active, _id: community.datastore },
    supervisor: { ...findUser(community.supervisor) },
    creation: iso(community.creation),
    update: iso(community.update),
  };
}

/** A community in lists (CommunityListResponseDto). */
export function communityListItem(ctx: Context, community: CommunityRecord): JsonObject {
  const organization = community.organization ? findOrganization(ctx, community.organization) : undefined;
  return {
    _id: community._id,
    name: community.name,
    technical_name: community.technical_name,
    public: community.public,
    ...(organization ? { organization: { name: organization.name, _id: organization._id } } : {}),
  };
}

/** A member with their rights. */
export function memberView(member: MemberRecord): JsonObject {
  return { rights: [...member.rights], user: { ...findUser(member.user) }, creation: iso(member.creation), update: iso(member.update) };
}

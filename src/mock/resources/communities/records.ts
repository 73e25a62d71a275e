// Community records: each user's own community (its datastore, supervisor, contact) and its members with their
// rights. Stored only once changed: until then a community is the one its owner's workspace describes.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";
import { notFound } from "../../core/errors.ts";
import { CONTACT, SEED_DATES } from "../../seed.ts";
import { DEFAULT_USER, knownUsers, ownerOfCommunity } from "../users/directory.ts";
import type { SimUser } from "../users/directory.ts";

/** The rights of a community member ([ts] enum of CommunityAddUserDto; the same list as users/memberships.ts). */
export const RIGHTS = ["ANNEX", "UPLOAD", "BROADCAST", "PROCESSING", "COMMUNITY"] as const;
/** One right. */
export type Right = (typeof RIGHTS)[number];

/** A member: the user, the rights, when they joined and when the rights last changed (ms). */
export interface MemberRecord {
  user: string;
  rights: Right[];
  creation: number;
  update: number;
}

/** A community (`datastore` is the id of its datastore). */
export interface CommunityRecord {
  _id: string;
  datastore: string;
  name: string;
  technical_name: string;
  description?: string;
  contact: string;
  public: boolean;
  supervisor: string;
  organization?: string;
  members: MemberRecord[];
  creation: number;
  update: number;
}

/** Id of the seeded organization the default user's community belongs to. */
export const SIMULATED_ORGANIZATION_ID = "6b1d3f5a-7c9e-4b2d-8e0f-1a3c5e7b9d24";

/** A user's own community as the platform created it: its supervisor is the user, with every right. */
export function seededCommunity(owner: SimUser): CommunityRecord {
  const { workspace } = owner;
  const at = Date.parse(SEED_DATES.creation);
  return {
    _id: workspace.community,
    datastore: workspace.datastore,
    name: workspace.name,
    technical_name: workspace.technical_name,
    contact: owner === DEFAULT_USER ? CONTACT : owner.email,
    public: true,
    supervisor: owner._id,
    ...(owner === DEFAULT_USER ? { organization: SIMULATED_ORGANIZATION_ID } : {}),
    members: [{ user: owner._id, rights: [...RIGHTS], creation: at, update: at }],
    creation: at,
    update: at,
  };
}

const GUARD = z.looseObject({
  _id: z.string(), datastore: z.string(), name: z.string(), technical_name: z.string(), contact: z.string(), public: z.boolean(), supervisor: z.string(),
  members: z.array(z.looseObject({ user: z.string(), rights: z.array(z.enum(RIGHTS)), creation: z.number(), update: z.number() })),
  creation: z.number(), update: z.number(),
});

/** The communities (only those changed since the seed are stored). */
export const COMMUNITIES = collection<CommunityRecord>("community", {
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<CommunityRecord>),
});

/** The community, as stored or as its owner's workspace describes it; 404 for an unknown id. With `forWrite`, a
 * community not stored yet is stored first. */
export function findCommunity(ctx: Context, id: string, forWrite = false): CommunityRecord {
  const stored = ctx.records.get(COMMUNITIES, id);
  if (stored) return stored;
  const owner = ownerOfCommunity(id);
  if (!owner) throw notFound(`Communauté « ${id} » introuvable.`);
  const seeded = seededCommunity(owner);
  return forWrite ? ctx.records.insert(COMMUNITIES, seeded) : seeded;
}

/** The communities the user belongs to: their own and those that added them (as they are now), with their rights. */
export function communitiesOf(ctx: Context, user: SimUser): { community: CommunityRecord; rights: Right[] }[] {
  const candidates = new Map<string, CommunityRecord>([[user.workspace.community, findCommunity(ctx, user.workspace.community)]]);
  for (const stored of ctx.records.list(COMMUNITIES)) candidates.set(stored._id, stored);
  return [...candidates.values()].flatMap((community) => {
    const rights = community.supervisor === user._id ? [...RIGHTS] : community.members.find((member) => member.user === user._id)?.rights;
    return rights ? [{ community, rights: [...rights] }] : [];
  });
}

/** Every community of the simulation, as it is now (each known user's own one). */
export function allCommunities(ctx: Context): CommunityRecord[] {
  return knownUsers().map((user) => findCommunity(ctx, user.workspace.community));
}

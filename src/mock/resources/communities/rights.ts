// The rights model of the workspaces, read from the stored communities: what a user may do in a datastore, from
// their membership of its community (the supervisor always holds every right). users/memberships.ts asks it.
import type { Context } from "../../core/context.ts";
import { forbidden } from "../../core/errors.ts";
import { SEED_DATES } from "../../seed.ts";
import type { SimUser } from "../users/directory.ts";
import type { CommunityRecord, Right } from "./records.ts";
import { communitiesOf } from "./records.ts";

/** One membership as GET /users/me lists it (`communities_member[]`). */
export interface CommunityMembership {
  rights: Right[];
  community: { _id: string; name: string; technical_name: string; datastore: string; supervisor: string; public: boolean; creation: string; update: string };
}

/** The user's memberships: their own community and every community that added them, with their rights there. */
export function communityMemberships(ctx: Context, user: SimUser): CommunityMembership[] {
  return communitiesOf(ctx, user).map(({ community, rights }) => ({
    rights,
    community: {
      _id: community._id, name: community.name, technical_name: community.technical_name, datastore: community.datastore,
      supervisor: community.supervisor, public: community.public, ...SEED_DATES,
    },
  }));
}

/** The user's rights in the datastore (undefined when they belong to no community using it). */
export function memberRights(ctx: Context, user: SimUser, datastore: string): Right[] | undefined {
  return communitiesOf(ctx, user).find(({ community }) => community.datastore === datastore)?.rights;
}

// What each right allows, as the refusal explains it.
const ALLOWS: Record<Right, string> = {
  COMMUNITY: "modifier la communauté et gérer ses membres",
  PROCESSING: "créer et lancer des traitements",
  ANNEX: "déposer, publier et supprimer des annexes",
  BROADCAST: "créer des configurations et publier des offres",
  UPLOAD: "créer et modifier des livraisons",
};

/** Throws 403 unless the user is a member of the community, holding `right` when one is asked. */
export function assertCommunityRight(ctx: Context, user: SimUser, community: CommunityRecord, right?: Right): void {
  const rights = communitiesOf(ctx, user).find((entry) => entry.community._id === community._id)?.rights;
  if (rights === undefined) throw forbidden(`Vous n'êtes pas membre de la communauté « ${community.name} » (${community._id}).`);
  if (right !== undefined && !rights.includes(right)) {
    throw forbidden(`Droit ${right} manquant : il faut ce droit pour ${ALLOWS[right]} dans la communauté « ${community.name} » (vos droits : ${rights.join(", ") || "aucun"}).`);
  }
}

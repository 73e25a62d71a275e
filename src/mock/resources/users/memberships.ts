// Who may do what where: a user's communities (each with its datastore and the user's rights in it), the rights a
// route family needs, and the check every datastore route goes through (`guarded`, applied to the route table).
import type { Context } from "../../core/context.ts";
import { forbidden } from "../../core/errors.ts";
import type { Route } from "../../http/route.ts";
import { SEED_DATES } from "../../seed.ts";
import { DEFAULT_USER, userById } from "./directory.ts";
import type { SimUser } from "./directory.ts";

/** The rights of a community member ([ts] enum). */
export const RIGHTS = ["ANNEX", "UPLOAD", "BROADCAST", "PROCESSING", "COMMUNITY"] as const;
/** One right. */
export type Right = (typeof RIGHTS)[number];

/** A community a user belongs to, with their rights in it. */
export interface Membership {
  rights: Right[];
  community: { _id: string; name: string; technical_name: string; datastore?: string; supervisor: string; public: boolean; creation: string; update: string };
}

/** Where else memberships come from (the communities' members routes register theirs): user id → memberships. */
export type MembershipSource = (ctx: Context, user: string) => Membership[];
const SOURCES: MembershipSource[] = [];

/** Adds a source of memberships (e.g. the communities' stored members); the first one naming a community wins. */
export function registerMemberships(source: MembershipSource): void {
  if (!SOURCES.includes(source)) SOURCES.push(source);
}

/** The communities of a user: those of the registered sources, then their own (supervisor, every right) unless a
 * source already named it. */
export function membershipsOf(ctx: Context, user: SimUser): Membership[] {
  const found = SOURCES.flatMap((source) => source(ctx, user._id));
  const { workspace } = user;
  if (found.some((entry) => entry.community._id === workspace.community)) return found;
  return [...found, {
    rights: [...RIGHTS],
    community: { _id: workspace.community, name: workspace.name, technical_name: workspace.technical_name, datastore: workspace.datastore, supervisor: user._id, public: true, ...SEED_DATES },
  }];
}

// The right a write needs, per route family under /datastores/{datastore}/ (reads need membership only). Stored
// data are processings' outputs (PROCESSING); statics, metadata and permissions belong to publishing (BROADCAST).
const FAMILY_RIGHTS: Record<string, Right> = {
  uploads: "UPLOAD",
  processings: "PROCESSING",
  stored_data: "PROCESSING",
  configurations: "BROADCAST",
  offerings: "BROADCAST",
  statics: "BROADCAST",
  metadata: "BROADCAST",
  permissions: "BROADCAST",
  annexes: "ANNEX",
};

/** The right a route needs on its datastore (undefined: membership is enough). */
export function rightOf(method: string, path: string): Right | undefined {
  if (method === "GET" || method === "HEAD") return undefined;
  const family = /^\/datastores\/:datastore\/([^/]+)/.exec(path)?.[1];
  return family === undefined ? undefined : FAMILY_RIGHTS[family];
}

/** Throws 403 unless the user is a member of the datastore's community with the right (when one is needed). */
export function assertMember(ctx: Context, user: SimUser, datastore: string, right: Right | undefined): void {
  const membership = membershipsOf(ctx, user).find((entry) => entry.community.datastore === datastore);
  if (!membership) {
    throw forbidden(`Vous n'avez pas accès à l'entrepôt « ${datastore} » : ${user.first_name} ${user.last_name}`.trimEnd() + ` n'est membre d'aucune communauté qui l'utilise (voir GET /users/me).`);
  }
  if (right && !membership.rights.includes(right)) {
    throw forbidden(`Droit ${right} manquant : ${user.first_name} ${user.last_name}`.trimEnd() + ` n'a pas le droit ${right} dans la communauté « ${membership.community.name} ».`);
  }
}

/** The caller of a request (the default user when the transport named none). */
export const callerOf = (caller: string | undefined): SimUser => (caller ? userById(caller) : undefined) ?? DEFAULT_USER;

/** The route, after the membership and rights check of its `:datastore` (routes without one are left as they are). */
export function guarded(route: Route): Route {
  if (!route.path.includes(":datastore")) return route;
  const right = rightOf(route.method, route.path);
  return {
    ...route,
    handle: (input) => {
      const datastore = input.params["datastore"] ?? "";
      input.store.run((ctx) => assertMember(ctx, callerOf(input.caller), datastore, right));
      return route.handle(input);
    },
  };
}

// Routes of the workspaces: the community, its members and their rights, leaving a community; the administrator
// routes that create communities and datastores (refused: no account of the simulation is a platform administrator).
import { forbidden } from "../../core/errors.ts";
import { readJson } from "../../http/request.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "../../http/respond.ts";
import type { Route, RouteInput } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { deleteMember, leaveCommunity, listMembers, patchCommunity, putMember, readCommunity } from "./communities.ts";
import { userById } from "../users/directory.ts";
import { callerOf, registerMemberships } from "../users/memberships.ts";
import { communityMemberships } from "./rights.ts";
import { allCommunities } from "./records.ts";
import { communityListItem, communityView, memberView } from "./views.ts";

const COMMUNITY = "/communities/:community";
const MEMBER = `${COMMUNITY}/users/:user`;

// A body that may be empty (PUT of a member without rights).
async function optionalJson(request: Request): Promise<unknown> {
  const text = await request.clone().text();
  return text.trim() === "" ? {} : readJson(request);
}

// 403 of every administrator route.
const notAdministrator = (): Response => {
  throw forbidden("Réservé aux administrateurs de la Géoplateforme (administrator: true dans GET /users/me) : demandez la création d'une communauté et de son entrepôt au support.");
};
const ADMIN_PATHS = ["/administrator/communities", "/administrator/datastores", "/administrator/storages", "/administrator/endpoints", "/administrator/checks", "/administrator/processings"];

// The datastore routes' checks (users/memberships.ts) read the members and rights kept here.
registerMemberships((ctx, id) => {
  const user = userById(id);
  return user ? communityMemberships(ctx, user) : [];
});

/** Community, member and administrator routes. */
export const communityRoutes: Route[] = [
  route("GET", COMMUNITY, ({ store, caller, request, params: { community = "" } }) =>
    json(store.run((ctx) => communityView(ctx, readCommunity(ctx, callerOf(caller), community))))),
  route("PATCH", COMMUNITY, async ({ store, caller, request, params: { community = "" } }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => communityView(ctx, patchCommunity(ctx, callerOf(caller), community, body))));
  }),
  route("GET", `${COMMUNITY}/users`, ({ store, caller, request, url, params: { community = "" } }) =>
    paginated(store.run((ctx) => listMembers(ctx, callerOf(caller), community, url.searchParams).map(memberView)), url, DEFAULT_LIMIT)),
  route("PUT", MEMBER, async ({ store, caller, request, params: { community = "", user = "" } }: RouteInput) => {
    const body = await optionalJson(request);
    return json(store.run((ctx) => memberView(putMember(ctx, callerOf(caller), community, user, body))));
  }),
  route("DELETE", MEMBER, ({ store, caller, request, params: { community = "", user = "" } }) => {
    store.run((ctx) => deleteMember(ctx, callerOf(caller), community, user));
    return noContent();
  }),
  route("DELETE", "/users/me/communities/:community", ({ store, caller, request, params: { community = "" } }) => {
    store.run((ctx) => leaveCommunity(ctx, callerOf(caller), community));
    return noContent();
  }),
  // The public communities, as the catalogue lists them (cartes.gouv.fr uses it to find a community to join).
  route("GET", "/catalogs/communities", ({ store, url }) =>
    paginated(store.run((ctx) => allCommunities(ctx).filter((community) => community.public).map((community) => communityListItem(ctx, community))), url, DEFAULT_LIMIT)),
  ...ADMIN_PATHS.flatMap((path) => [route("GET", path, notAdministrator), route("POST", path, notAdministrator)]),
  route("PATCH", "/administrator/communities/:community", notAdministrator),
  route("PATCH", "/administrator/datastores/:datastore", notAdministrator),
];

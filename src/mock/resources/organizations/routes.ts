// Routes of the organizations: the organization, its official members (add, remove) and its communities.
// Reserved to its official members (membership of one of its communities is not enough).
import { notFound } from "../../core/errors.ts";
import { isoDate } from "../../core/time.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { allCommunities } from "../communities/records.ts";
import { findUser } from "../communities/users.ts";
import { callerOf } from "../users/memberships.ts";
import { communityListItem } from "../communities/views.ts";
import type { OrganizationRecord } from "./records.ts";
import { memberOrganization } from "./access.ts";
import { organizationLists } from "./lists.ts";

const ORGANIZATION = "/organizations/:organization";

// OrganizationDetailResponseDto.
const organizationView = (organization: OrganizationRecord) => ({
  _id: organization._id, name: organization.name, siren: organization.siren, uploads_quota: organization.uploads_quota,
  creation: isoDate(organization.creation), update: isoDate(organization.update),
});

/** Organization routes. */
export const organizationRoutes: Route[] = [
  route("GET", ORGANIZATION, ({ store, caller, request, params: { organization = "" } }) =>
    json(store.run((ctx) => organizationView(memberOrganization(ctx, callerOf(caller)._id, organization))))),
  route("GET", `${ORGANIZATION}/users`, ({ store, caller, request, url, params: { organization = "" } }) =>
    paginated(store.run((ctx) => memberOrganization(ctx, callerOf(caller)._id, organization).members.map((user) => findUser(user))), url, DEFAULT_LIMIT)),
  route("PUT", `${ORGANIZATION}/users/:user`, ({ store, caller, request, params: { organization = "", user = "" } }) => {
    store.run((ctx) => {
      const record = memberOrganization(ctx, callerOf(caller)._id, organization, true);
      findUser(user);
      if (!record.members.includes(user)) record.members.push(user);
      record.update = ctx.now;
    });
    return noContent();
  }),
  route("DELETE", `${ORGANIZATION}/users/:user`, ({ store, caller, request, params: { organization = "", user = "" } }) => {
    store.run((ctx) => {
      const record = memberOrganization(ctx, callerOf(caller)._id, organization, true);
      const index = record.members.indexOf(user);
      if (index < 0) throw notFound(`L'utilisateur « ${user} » n'est pas membre de l'organisme ${organization}.`);
      record.members.splice(index, 1);
      record.update = ctx.now;
    });
    return noContent();
  }),
  route("GET", `${ORGANIZATION}/communities`, ({ store, caller, request, url, params: { organization = "" } }) =>
    paginated(store.run((ctx) => {
      memberOrganization(ctx, callerOf(caller)._id, organization);
      return allCommunities(ctx).filter((community) => community.organization === organization).map((community) => communityListItem(ctx, community));
    }), url, DEFAULT_LIMIT)),
  ...organizationLists,
];

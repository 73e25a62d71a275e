// GET /users/me: the calling user's account and the communities they belong to, with their rights.
import type { Context } from "../../core/context.ts";
import type { JsonObject } from "../../core/json.ts";
import { json } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import type { SimUser } from "./directory.ts";
import { KEYS_QUOTA } from "../keys/keys.ts";
import { KEYS, userSpace } from "../keys/records.ts";
import { callerOf, membershipsOf } from "./memberships.ts";

/** The account as GET /users/me returns it ([ts] `UserDetailsResponseDto`). */
export function accountView(ctx: Context, user: SimUser): JsonObject {
  return {
    _id: user._id,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    creation: user.creation,
    update: user.update,
    last_login: user.last_login,
    technical: false,
    administrator: false,
    documents_quota: 10,
    documents_use: 0,
    keys_quota: KEYS_QUOTA,
    keys_use: ctx.records.count(KEYS, userSpace(user._id)),
    communities_member: membershipsOf(ctx, user).map((entry) => ({ rights: [...entry.rights], community: { ...entry.community } })) as unknown as JsonObject[],
  };
}

/** The account routes. */
export const userRoutes: Route[] = [
  route("GET", "/users/me", ({ store, caller }) => json(store.run((ctx) => accountView(ctx, callerOf(caller))))),
];

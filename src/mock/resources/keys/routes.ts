// Routes of the caller's keys and their accesses (/users/me/keys…): no datastore membership needed.
import { readJson } from "../../http/request.ts";
import { json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { callerOf } from "../users/memberships.ts";
import { createAccesses, listAccesses, removeAccess } from "./accesses.ts";
import { createKey, findKey, listKeys, removeKey, updateKey } from "./keys.ts";
import { accessView, keySummary, keyView } from "./views.ts";

const KEYS = "/users/me/keys";
const KEY = `${KEYS}/:key`;

/** Key and access routes. */
export const keyRoutes: Route[] = [
  route("POST", KEYS, async ({ store, request, caller }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => keyView(createKey(ctx, callerOf(caller)._id, body))));
  }),
  route("GET", KEYS, ({ store, url, caller }) => paginated(store.run((ctx) => listKeys(ctx, callerOf(caller)._id).map(keySummary)), url, 10)),
  route("GET", KEY, ({ store, caller, params: { key = "" } }) => json(store.run((ctx) => keyView(findKey(ctx, callerOf(caller)._id, key))))),
  route("PATCH", KEY, async ({ store, request, caller, params: { key = "" } }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => keyView(updateKey(ctx, callerOf(caller)._id, key, body))));
  }),
  route("DELETE", KEY, ({ store, caller, params: { key = "" } }) => {
    store.run((ctx) => removeKey(ctx, callerOf(caller)._id, key));
    return noContent();
  }),
  route("POST", `${KEY}/accesses`, async ({ store, request, caller, params: { key = "" } }) => {
    const body = await readJson(request);
    store.run((ctx) => createAccesses(ctx, callerOf(caller)._id, key, body));
    return noContent();
  }),
  route("GET", `${KEY}/accesses`, ({ store, url, caller, params: { key = "" } }) =>
    paginated(store.run((ctx) => listAccesses(ctx, callerOf(caller)._id, key).map((access) => accessView(ctx, access))), url, 10)),
  route("DELETE", `${KEY}/accesses/:access`, ({ store, caller, params: { key = "", access = "" } }) => {
    store.run((ctx) => removeAccess(ctx, callerOf(caller)._id, key, access));
    return noContent();
  }),
];

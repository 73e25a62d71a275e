// Routes of permissions: the granting datastore's (…/permissions) and the beneficiary's (/users/me/permissions).
import { badRequest } from "../../core/errors.ts";
import { readJson } from "../../http/request.ts";
import { json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { callerOf } from "../users/memberships.ts";
import { createPermissions, findGranted, findPermission, grantedPermissions, listPermissions, removePermission, updatePermission } from "./permissions.ts";
import { grantedView, permissionView } from "./views.ts";

const LIST = "/datastores/:datastore/permissions";
const ONE = `${LIST}/:permission`;

// A boolean query parameter (default when absent), or 400.
function flag(url: URL, name: string, fallback: boolean): boolean {
  const value = url.searchParams.get(name);
  if (value === null) return fallback;
  if (value !== "true" && value !== "false") throw badRequest(`Paramètre « ${name} » : true ou false attendu (reçu : ${value}).`);
  return value === "true";
}

/** Permission routes. */
export const permissionRoutes: Route[] = [
  route("POST", LIST, async ({ store, request, params: { datastore = "" } }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => createPermissions(ctx, datastore, body).map((permission) => permissionView(ctx, permission))));
  }),
  route("GET", LIST, ({ store, url, params: { datastore = "" } }) =>
    paginated(store.run((ctx) => listPermissions(ctx, datastore, url.searchParams.get("offering") ?? undefined).map((permission) => permissionView(ctx, permission))), url, 10)),
  route("GET", ONE, ({ store, params: { datastore = "", permission = "" } }) => json(store.run((ctx) => permissionView(ctx, findPermission(ctx, datastore, permission))))),
  route("PATCH", ONE, async ({ store, request, params: { datastore = "", permission = "" } }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => permissionView(ctx, updatePermission(ctx, datastore, permission, body))));
  }),
  route("DELETE", ONE, ({ store, params: { datastore = "", permission = "" } }) => {
    store.run((ctx) => removePermission(ctx, findPermission(ctx, datastore, permission)));
    return noContent();
  }),
  route("GET", "/users/me/permissions", ({ store, url, caller }) => {
    const personal = flag(url, "personal", true);
    const community = flag(url, "community", true);
    return paginated(store.run((ctx) => grantedPermissions(ctx, callerOf(caller), personal, community).map((permission) => grantedView(ctx, permission))), url, 10);
  }),
  route("GET", "/users/me/permissions/:permission", ({ store, caller, params: { permission = "" } }) =>
    json(store.run((ctx) => grantedView(ctx, findGranted(ctx, callerOf(caller), permission), true)))),
  // A beneficiary may give up a permission granted to them personally.
  route("DELETE", "/users/me/permissions/:permission", ({ store, caller, params: { permission = "" } }) => {
    store.run((ctx) => {
      const found = findGranted(ctx, callerOf(caller), permission);
      if (found.type !== "ACCOUNT") throw badRequest(`La permission « ${permission} » est accordée à une communauté : seul l'entrepôt qui l'a accordée peut la supprimer.`);
      removePermission(ctx, found);
    });
    return noContent();
  }),
];

// Routes of the account and of the datastore itself.
import { json } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { assertDatastore } from "../common/access.ts";
import { userRoutes } from "../users/routes.ts";
import { datastoreView } from "./view.ts";

/** Account and datastore routes. */
export const datastoreRoutes: Route[] = [
  ...userRoutes,
  route("GET", "/datastores/:datastore", ({ store, params: { datastore = "" } }) => json(store.run((ctx) => (assertDatastore(datastore), datastoreView(ctx, datastore))))),
];

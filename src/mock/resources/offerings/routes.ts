// Routes of offerings (publications).
import { json, noContent } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { listRoute } from "../common/list-route.ts";
import { deleteOffering, findOffering } from "./offerings.ts";
import { OFFERING_LIST } from "./list-query.ts";
import { OFFERINGS } from "./records.ts";
import { synchronizeOffering } from "./synchronize.ts";
import { patchOffering } from "./patch.ts";
import { readJson } from "../../http/request.ts";
import { offeringSummary, offeringView } from "./views.ts";

const OFFERING = "/datastores/:datastore/offerings/:offering";

/** Offering routes. */
export const offeringRoutes: Route[] = [
  listRoute("/datastores/:datastore/offerings", OFFERINGS, { summary: offeringSummary, detail: offeringView }, OFFERING_LIST),
  route("GET", OFFERING, ({ store, params: { datastore = "", offering = "" } }) => json(store.run((ctx) => offeringView(findOffering(ctx, datastore, offering), ctx)))),
  // Synchronisation: no body; the offering as it is then (MODIFYING).
  route("PUT", OFFERING, ({ store, params: { datastore = "", offering = "" } }) => json(store.run((ctx) => offeringView(synchronizeOffering(ctx, datastore, offering), ctx)))),
  route("PATCH", OFFERING, async ({ store, request, params: { datastore = "", offering = "" } }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => offeringView(patchOffering(ctx, datastore, offering, body), ctx)));
  }),
  route("DELETE", OFFERING, ({ store, params: { datastore = "", offering = "" } }) => {
    store.run((ctx) => deleteOffering(ctx, datastore, offering));
    return noContent();
  }),
];

// Routes of offerings (publications).
import { DEFAULT_LIMIT, json, noContent, pageOf, pageResponse } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { recordPage } from "../common/access.ts";
import { deleteOffering, findOffering } from "./offerings.ts";
import { OFFERINGS } from "./records.ts";
import { offeringSummary, offeringView } from "./views.ts";

const OFFERING = "/datastores/:datastore/offerings/:offering";

/** Offering routes. */
export const offeringRoutes: Route[] = [
  route("GET", "/datastores/:datastore/offerings", ({ store, params: { datastore = "" }, url }) => {
    const page = pageOf(url, DEFAULT_LIMIT);
    const { items, total } = store.run((ctx) => {
      const found = recordPage(ctx, OFFERINGS, datastore, page);
      return { items: found.items.map((o) => offeringSummary(o, ctx)), total: found.total };
    });
    return pageResponse(items, total, page.offset);
  }),
  route("GET", OFFERING, ({ store, params: { datastore = "", offering = "" } }) => json(store.run((ctx) => offeringView(findOffering(ctx, datastore, offering), ctx)))),
  route("DELETE", OFFERING, ({ store, params: { datastore = "", offering = "" } }) => {
    store.run((ctx) => deleteOffering(ctx, datastore, offering));
    return noContent();
  }),
];

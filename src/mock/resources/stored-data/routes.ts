// Routes of stored data.
import { readJson } from "../../http/request.ts";
import { json, noContent } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { listRoute } from "../common/list-route.ts";
import { STORED_DATA_LIST } from "./list-query.ts";
import { STORED_DATA } from "./records.ts";
import { deleteStoredData, findStoredData, patchStoredData } from "./stored-data.ts";
import { storedDataSummary, storedDataView } from "./views.ts";
import { dependenciesView } from "./dependencies.ts";

const ITEM = "/datastores/:datastore/stored_data/:stored_data";

/** Stored data routes. */
export const storedDataRoutes: Route[] = [
  listRoute("/datastores/:datastore/stored_data", STORED_DATA, { summary: storedDataSummary, detail: storedDataView }, STORED_DATA_LIST),
  route("GET", ITEM, ({ store, params: { datastore = "", stored_data = "" } }) => json(store.run((ctx) => storedDataView(findStoredData(ctx, datastore, stored_data))))),
  route("GET", `${ITEM}/dependencies`, ({ store, params: { datastore = "", stored_data = "" } }) => json(store.run((ctx) => dependenciesView(ctx, findStoredData(ctx, datastore, stored_data))))),
  route("PATCH", ITEM, async ({ store, params: { datastore = "", stored_data = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => storedDataView(patchStoredData(ctx, datastore, stored_data, body))));
  }),
  route("DELETE", ITEM, ({ store, params: { datastore = "", stored_data = "" } }) => {
    store.run((ctx) => deleteStoredData(ctx, datastore, stored_data));
    return noContent();
  }),
];

// Routes of configurations (and the offerings created from them).
import { readJson } from "../../http/request.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { listRoute } from "../common/list-route.ts";
import { createOffering, listOfferings } from "../offerings/offerings.ts";
import { offeringView } from "../offerings/views.ts";
import { createConfiguration, deleteConfiguration, findConfiguration, replaceConfiguration } from "./configurations.ts";
import { CONFIGURATION_LIST } from "./list-query.ts";
import { CONFIGURATIONS } from "./records.ts";
import { configurationSummary, configurationView } from "./views.ts";

const CONFIGURATION = "/datastores/:datastore/configurations/:configuration";

/** Configuration routes. */
export const configurationRoutes: Route[] = [
  listRoute("/datastores/:datastore/configurations", CONFIGURATIONS, { summary: configurationSummary, detail: configurationView }, CONFIGURATION_LIST),
  route("POST", "/datastores/:datastore/configurations", async ({ store, params: { datastore = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => configurationView(createConfiguration(ctx, datastore, body))));
  }),
  route("GET", CONFIGURATION, ({ store, params: { datastore = "", configuration = "" } }) =>
    json(store.run((ctx) => configurationView(findConfiguration(ctx, datastore, configuration))))),
  route("PUT", CONFIGURATION, async ({ store, params: { datastore = "", configuration = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => configurationView(replaceConfiguration(ctx, datastore, configuration, body))));
  }),
  route("DELETE", CONFIGURATION, ({ store, params: { datastore = "", configuration = "" } }) => {
    store.run((ctx) => deleteConfiguration(ctx, datastore, configuration));
    return noContent();
  }),
  route("GET", `${CONFIGURATION}/offerings`, ({ store, params: { datastore = "", configuration = "" }, url }) =>
    paginated(store.run((ctx) => (findConfiguration(ctx, datastore, configuration), listOfferings(ctx, datastore, configuration).map((o) => offeringView(o, ctx)))), url, DEFAULT_LIMIT)),
  route("POST", `${CONFIGURATION}/offerings`, async ({ store, params: { datastore = "", configuration = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => offeringView(createOffering(ctx, datastore, configuration, body), ctx)));
  }),
];

// Routes of the account, the datastore, stored data, configurations, offerings and nomenclatures.
import { assertDatastore } from "../model/context.ts";
import { badRequest } from "../model/errors.ts";
import { readJson, readMultipartForm } from "./request.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "./respond.ts";
import type { Route } from "./route.ts";
import { route } from "./route.ts";

const STORED_DATA = "/datastores/:datastore/stored_data/:stored_data";
const CONFIGURATION = "/datastores/:datastore/configurations/:configuration";
const OFFERING = "/datastores/:datastore/offerings/:offering";
const STATIC = "/datastores/:datastore/statics/:static";

/** Account, datastore, stored data, configuration, offering, statics and nomenclature routes. */
export const publicationRoutes: Route[] = [
  route("GET", "/users/me", ({ store }) => json(store.me())),
  route("GET", "/datastores/:datastore", ({ store, params: { datastore = "" } }) => json(store.getDatastore(datastore))),
  route("GET", "/statics/nomenclatures", ({ store, url }) => {
    const query = url.searchParams;
    return paginated(store.nomenclatures({ type: query.get("type"), term: query.get("term"), label: query.get("label") }), url, DEFAULT_LIMIT);
  }),

  route("GET", "/datastores/:datastore/stored_data", ({ store, params: { datastore = "" }, url }) =>
    paginated(store.listStoredData(datastore), url, DEFAULT_LIMIT)),
  route("GET", STORED_DATA, ({ store, params: { datastore = "", stored_data = "" } }) => json(store.getStoredData(datastore, stored_data))),
  route("PATCH", STORED_DATA, async ({ store, params: { datastore = "", stored_data = "" }, request }) => {
    store.getStoredData(datastore, stored_data);
    return json(store.patchStoredData(datastore, stored_data, await readJson(request)));
  }),
  route("DELETE", STORED_DATA, ({ store, params: { datastore = "", stored_data = "" } }) => {
    store.deleteStoredData(datastore, stored_data);
    return noContent();
  }),

  route("GET", "/datastores/:datastore/configurations", ({ store, params: { datastore = "" }, url }) =>
    paginated(store.listConfigurations(datastore), url, DEFAULT_LIMIT)),
  route("POST", "/datastores/:datastore/configurations", async ({ store, params: { datastore = "" }, request }) => {
    assertDatastore(datastore);
    return json(store.createConfiguration(datastore, await readJson(request)));
  }),
  route("GET", CONFIGURATION, ({ store, params: { datastore = "", configuration = "" } }) => json(store.getConfiguration(datastore, configuration))),
  route("PUT", CONFIGURATION, async ({ store, params: { datastore = "", configuration = "" }, request }) => {
    store.getConfiguration(datastore, configuration);
    return json(store.replaceConfiguration(datastore, configuration, await readJson(request)));
  }),
  route("DELETE", CONFIGURATION, ({ store, params: { datastore = "", configuration = "" } }) => {
    store.deleteConfiguration(datastore, configuration);
    return noContent();
  }),
  route("GET", `${CONFIGURATION}/offerings`, ({ store, params: { datastore = "", configuration = "" }, url }) =>
    paginated(store.listConfigurationOfferings(datastore, configuration), url, DEFAULT_LIMIT)),
  route("POST", `${CONFIGURATION}/offerings`, async ({ store, params: { datastore = "", configuration = "" }, request }) => {
    store.getConfiguration(datastore, configuration);
    return json(store.createOffering(datastore, configuration, await readJson(request)));
  }),

  route("GET", "/datastores/:datastore/offerings", ({ store, params: { datastore = "" }, url }) =>
    paginated(store.listOfferings(datastore), url, DEFAULT_LIMIT)),
  route("GET", OFFERING, ({ store, params: { datastore = "", offering = "" } }) => json(store.getOffering(datastore, offering))),
  route("DELETE", OFFERING, ({ store, params: { datastore = "", offering = "" } }) => {
    store.deleteOffering(datastore, offering);
    return noContent();
  }),

  route("GET", "/datastores/:datastore/statics", ({ store, params: { datastore = "" }, url }) =>
    paginated(store.listStatics(datastore, url.searchParams.get("type")), url, DEFAULT_LIMIT)),
  // Multipart fields: file, type, name, description; the file is analysed, never stored.
  route("POST", "/datastores/:datastore/statics", async ({ store, params: { datastore = "" }, request }) => {
    assertDatastore(datastore);
    const form = await readMultipartForm(request);
    if ("problems" in form) throw badRequest(...form.problems);
    const { type = null, name = null, description = null, ...others } = form.fields;
    const upload = { type, name, description, otherFields: Object.keys(others), ...(form.file ? { file: form.file } : {}) };
    return json(store.createStatic(datastore, upload));
  }),
  route("GET", STATIC, ({ store, params: { datastore = "", static: id = "" } }) => json(store.getStatic(datastore, id))),
  route("DELETE", STATIC, ({ store, params: { datastore = "", static: id = "" } }) => {
    store.deleteStatic(datastore, id);
    return noContent();
  }),
];

// Routes of static files (styles, templates) and of the nomenclatures.
import { readJson } from "../../http/request.ts";
import { fileResponse, withFileForm } from "../common/files.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "../../http/respond.ts";
import { listRoute } from "../common/list-route.ts";
import { STATIC_LIST } from "./list-query.ts";
import { STATICS } from "./records.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { assertDatastore } from "../common/access.ts";
import { searchNomenclatures } from "./nomenclatures.ts";
import { createStatic, deleteStatic, findStatic, patchStatic, replaceStatic, staticContentType, staticView } from "./statics.ts";

const STATIC = "/datastores/:datastore/statics/:static";

/** Largest static file accepted. */
const MAX_STATIC_BYTES = 16 * 1024 * 1024;

/** Static and nomenclature routes. */
export const staticRoutes: Route[] = [
  route("GET", "/statics/nomenclatures", ({ url }) => {
    const query = url.searchParams;
    return paginated(searchNomenclatures({ type: query.get("type"), term: query.get("term"), label: query.get("label") }).map((entry) => ({ ...entry })), url, DEFAULT_LIMIT);
  }),
  listRoute("/datastores/:datastore/statics", STATICS, staticView, STATIC_LIST),
  // Multipart fields (or query parameters, as the SDK sends them): file, type, name, description; the file is analysed and kept.
  route("POST", "/datastores/:datastore/statics", (input) => {
    const { store, params: { datastore = "" } } = input;
    assertDatastore(datastore);
    return withFileForm(input, MAX_STATIC_BYTES, (form) => json(store.run((ctx) => staticView(createStatic(ctx, datastore, form)))));
  }),
  route("GET", STATIC, ({ store, params: { datastore = "", static: id = "" } }) => json(store.run((ctx) => staticView(findStatic(ctx, datastore, id))))),
  route("PATCH", STATIC, async ({ store, params: { datastore = "", static: id = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => staticView(patchStatic(ctx, datastore, id, body))));
  }),
  route("PUT", STATIC, (input) => {
    const { store, params: { datastore = "", static: id = "" } } = input;
    store.run((ctx) => findStatic(ctx, datastore, id));
    return withFileForm(input, MAX_STATIC_BYTES, (form) => json(store.run((ctx) => staticView(replaceStatic(ctx, datastore, id, form)))));
  }),
  route("GET", `${STATIC}/file`, async ({ store, params: { datastore = "", static: id = "" } }) => {
    const record = store.run((ctx) => findStatic(ctx, datastore, id));
    return fileResponse(store, record.blob, staticContentType(record), `« ${record.name} »`);
  }),
  route("DELETE", STATIC, ({ store, params: { datastore = "", static: id = "" } }) => {
    store.run((ctx) => deleteStatic(ctx, datastore, id));
    return noContent();
  }),
];

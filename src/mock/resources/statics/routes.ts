// Routes of static files (styles, templates) and of the nomenclatures.
import { badRequest } from "../../core/errors.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { assertDatastore } from "../common/access.ts";
import { searchNomenclatures } from "./nomenclatures.ts";
import { createStatic, deleteStatic, findStatic, listStatics, staticView } from "./statics.ts";

const STATIC = "/datastores/:datastore/statics/:static";

/** Largest static file accepted. */
const MAX_STATIC_BYTES = 16 * 1024 * 1024;

/** Static and nomenclature routes. */
export const staticRoutes: Route[] = [
  route("GET", "/statics/nomenclatures", ({ url }) => {
    const query = url.searchParams;
    return paginated(searchNomenclatures({ type: query.get("type"), term: query.get("term"), label: query.get("label") }).map((entry) => ({ ...entry })), url, DEFAULT_LIMIT);
  }),
  route("GET", "/datastores/:datastore/statics", ({ store, params: { datastore = "" }, url }) =>
    paginated(store.run((ctx) => listStatics(ctx, datastore, url.searchParams.get("type")).map(staticView)), url, DEFAULT_LIMIT)),
  // Multipart fields: file, type, name, description; the file is analysed and kept.
  route("POST", "/datastores/:datastore/statics", async ({ store, params: { datastore = "" }, request, body }) => {
    assertDatastore(datastore);
    const form = await body.multipart(request, store.blobs, { fileField: "file", limit: MAX_STATIC_BYTES });
    if (form.problems.length > 0) throw badRequest(...form.problems);
    const received = form.file;
    try {
      const bytes = received ? await store.blobs.read(received.blob.key) : undefined;
      const file = received && bytes ? { file: { name: received.name, bytes, blob: received.blob.key } } : {};
      return json(store.run((ctx) => staticView(createStatic(ctx, datastore, { fields: form.fields, ...file }))));
    } catch (error) {
      if (received && !store.source.referenced(received.blob.key)) await store.blobs.delete(received.blob.key);
      throw error;
    }
  }),
  route("GET", STATIC, ({ store, params: { datastore = "", static: id = "" } }) => json(store.run((ctx) => staticView(findStatic(ctx, datastore, id))))),
  route("DELETE", STATIC, ({ store, params: { datastore = "", static: id = "" } }) => {
    store.run((ctx) => deleteStatic(ctx, datastore, id));
    return noContent();
  }),
];

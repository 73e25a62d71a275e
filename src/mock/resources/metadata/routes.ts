// Routes of metadata: list (type, level), upload, read, replace, edit, delete, download, tags, (un)publication.
import { readJson } from "../../http/request.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { assertDatastore } from "../common/access.ts";
import { fileResponse, withFileForm } from "../common/files.ts";
import { listParam } from "../annotations/routes.ts";
import { changeMetadataTags, createMetadata, deleteMetadata, findMetadata, listMetadata, patchMetadata, publishMetadata, replaceMetadata } from "./metadata.ts";
import { metadataView } from "./views.ts";

const LIST = "/datastores/:datastore/metadata";
const ONE = `${LIST}/:metadata`;

/** Largest metadata file accepted. */
const MAX_METADATA_BYTES = 16 * 1024 * 1024;

/** Metadata routes. */
export const metadataRoutes: Route[] = [
  route("GET", LIST, ({ store, params: { datastore = "" }, url }) => paginated(store.run((ctx) => listMetadata(ctx, datastore, url.searchParams).map(metadataView)), url, DEFAULT_LIMIT)),
  // Multipart (or query) fields: file, type, open_data.
  route("POST", LIST, (input) => {
    const { store, params: { datastore = "" } } = input;
    assertDatastore(datastore);
    return withFileForm(input, MAX_METADATA_BYTES, (form) => json(store.run((ctx) => metadataView(createMetadata(ctx, datastore, form)))));
  }),
  ...[true, false].map((publish) =>
    route("POST", `${LIST}/${publish ? "publication" : "unpublication"}`, async ({ store, params: { datastore = "" }, request }) => {
      const body = await readJson(request);
      store.run((ctx) => publishMetadata(ctx, datastore, body, publish));
      return noContent();
    })),
  route("GET", ONE, ({ store, params: { datastore = "", metadata = "" } }) => json(store.run((ctx) => metadataView(findMetadata(ctx, datastore, metadata))))),
  route("PUT", ONE, (input) => {
    const { store, params: { datastore = "", metadata = "" } } = input;
    store.run((ctx) => findMetadata(ctx, datastore, metadata));
    return withFileForm(input, MAX_METADATA_BYTES, (form) => json(store.run((ctx) => metadataView(replaceMetadata(ctx, datastore, metadata, form)))));
  }),
  route("PATCH", ONE, async ({ store, params: { datastore = "", metadata = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => metadataView(patchMetadata(ctx, datastore, metadata, body))));
  }),
  route("DELETE", ONE, ({ store, params: { datastore = "", metadata = "" } }) => {
    store.run((ctx) => deleteMetadata(ctx, datastore, metadata));
    return noContent();
  }),
  route("POST", `${ONE}/tags`, async ({ store, params: { datastore = "", metadata = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => changeMetadataTags(ctx, datastore, metadata, { add: body })));
  }),
  route("DELETE", `${ONE}/tags`, ({ store, params: { datastore = "", metadata = "" }, url }) =>
    json(store.run((ctx) => changeMetadataTags(ctx, datastore, metadata, { remove: listParam(url, "tags") })))),
  route("GET", `${ONE}/file`, async ({ store, params: { datastore = "", metadata = "" } }) => {
    const record = store.run((ctx) => findMetadata(ctx, datastore, metadata));
    return fileResponse(store, record.blob, "application/xml", `la fiche « ${record.file_identifier} »`);
  }),
];

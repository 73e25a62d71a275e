// Routes of annexes: list (filters), upload, read, edit, replace, delete, download, (un)publication by labels.
import { readJson } from "../../http/request.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { assertDatastore } from "../common/access.ts";
import { fileResponse, withFileForm } from "../common/files.ts";
import { createAnnexe, deleteAnnexe, findAnnexe, listAnnexes, patchAnnexe, publishByLabels, replaceAnnexe } from "./annexes.ts";
import { annexeView } from "./views.ts";

const ANNEXES = "/datastores/:datastore/annexes";
const ANNEXE = `${ANNEXES}/:annexe`;

/** Largest annexe accepted. */
const MAX_ANNEXE_BYTES = 64 * 1024 * 1024;

// The answer of a (un)publication by labels: the number of annexes changed, as plain text (the SDK reads int(text)).
const count = (value: number): Response => new Response(String(value), { status: 200, headers: { "Content-Type": "text/plain; charset=UTF-8" } });

/** Annexe routes. */
export const annexeRoutes: Route[] = [
  route("GET", ANNEXES, ({ store, params: { datastore = "" }, url }) => paginated(store.run((ctx) => listAnnexes(ctx, datastore, url.searchParams).map(annexeView)), url, DEFAULT_LIMIT)),
  // Multipart (or query) fields: file, paths, labels, published.
  route("POST", ANNEXES, (input) => {
    const { store, params: { datastore = "" } } = input;
    assertDatastore(datastore);
    return withFileForm(input, MAX_ANNEXE_BYTES, (form) => json(store.run((ctx) => annexeView(createAnnexe(ctx, datastore, form)))));
  }),
  route("POST", `${ANNEXES}/publication`, ({ store, params: { datastore = "" }, url }) =>
    count(store.run((ctx) => publishByLabels(ctx, datastore, url.searchParams.getAll("labels"), true)))),
  route("POST", `${ANNEXES}/unpublication`, ({ store, params: { datastore = "" }, url }) =>
    count(store.run((ctx) => publishByLabels(ctx, datastore, url.searchParams.getAll("labels"), false)))),
  route("GET", ANNEXE, ({ store, params: { datastore = "", annexe = "" } }) => json(store.run((ctx) => annexeView(findAnnexe(ctx, datastore, annexe))))),
  route("PATCH", ANNEXE, async ({ store, params: { datastore = "", annexe = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => annexeView(patchAnnexe(ctx, datastore, annexe, body))));
  }),
  route("PUT", ANNEXE, (input) => {
    const { store, params: { datastore = "", annexe = "" } } = input;
    store.run((ctx) => findAnnexe(ctx, datastore, annexe));
    return withFileForm(input, MAX_ANNEXE_BYTES, (form) => json(store.run((ctx) => annexeView(replaceAnnexe(ctx, datastore, annexe, form)))));
  }),
  route("DELETE", ANNEXE, ({ store, params: { datastore = "", annexe = "" } }) => {
    store.run((ctx) => deleteAnnexe(ctx, datastore, annexe));
    return noContent();
  }),
  route("GET", `${ANNEXE}/file`, async ({ store, params: { datastore = "", annexe = "" } }) => {
    const record = store.run((ctx) => findAnnexe(ctx, datastore, annexe));
    return fileResponse(store, record.blob, record.mime_type, `l'annexe ${record._id}`);
  }),
];

// Routes of personal documents: list (owned or shared with me, filters, fields), upload, read, edit, replace,
// delete, download, sharings (list, add, remove), and the public URL of publicly shared documents.
import urls from "../../../../_data/urls.json" with { type: "json" };
import { readJson } from "../../http/request.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "../../http/respond.ts";
import type { Route, RouteInput } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { fileResponse, withFileForm } from "../common/files.ts";
import { pickFields } from "../common/list-query.ts";
import { createDocument, deleteDocument, listDocuments, ownedDocument, patchDocument, publicDocument, readableDocument, replaceDocument, shareDocument, sharingsOf, unshareDocument } from "./documents.ts";
import { documentListView, documentView } from "./views.ts";
import { requestUser } from "./users.ts";

const LIST = "/users/me/documents";
const ONE = `${LIST}/:document`;

/** Largest document accepted. */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
/** Keys `fields=` may ask for in the list. */
const FIELDS = ["name", "size", "description", "labels", "extra", "public_url", "mime_type", "creation", "update"];

// The `fields=` of a list query (comma-separated or repeated), if given.
const askedFields = (url: URL): string[] | undefined => {
  const fields = url.searchParams.getAll("fields").flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  return fields.length > 0 ? fields.filter((field) => FIELDS.includes(field)) : undefined;
};

/** Document routes. */
export const documentRoutes: Route[] = [
  route("GET", LIST, (input) => {
    const { store, url } = input;
    const fields = askedFields(url);
    const items = store.run((ctx) => listDocuments(ctx, requestUser(input), url.searchParams).map((document) => (fields ? pickFields(documentView(document), fields) : documentListView(document))));
    return paginated(items, url, DEFAULT_LIMIT);
  }),
  // Multipart (or query) fields: file, name, description, labels, public_url.
  route("POST", LIST, (input) => withFileForm(input, MAX_DOCUMENT_BYTES, (form) => json(input.store.run((ctx) => documentView(createDocument(ctx, requestUser(input), form)))))),
  route("GET", ONE, (input) => json(input.store.run((ctx) => documentView(readableDocument(ctx, requestUser(input), input.params.document ?? ""))))),
  route("PATCH", ONE, async (input) => {
    const body = await readJson(input.request);
    return json(input.store.run((ctx) => documentView(patchDocument(ctx, requestUser(input), input.params.document ?? "", body))));
  }),
  route("PUT", ONE, (input) => {
    input.store.run((ctx) => ownedDocument(ctx, requestUser(input), input.params.document ?? ""));
    return withFileForm(input, MAX_DOCUMENT_BYTES, (form) => json(input.store.run((ctx) => documentView(replaceDocument(ctx, requestUser(input), input.params.document ?? "", form)))));
  }),
  route("DELETE", ONE, (input) => {
    input.store.run((ctx) => deleteDocument(ctx, requestUser(input), input.params.document ?? ""));
    return noContent();
  }),
  route("GET", `${ONE}/file`, async (input) => {
    const record = input.store.run((ctx) => readableDocument(ctx, requestUser(input), input.params.document ?? ""));
    return fileResponse(input.store, record.blob, record.mime_type, `le document ${record._id}`);
  }),
  route("GET", `${ONE}/sharings`, (input) => json(input.store.run((ctx) => sharingsOf(ownedDocument(ctx, requestUser(input), input.params.document ?? ""))))),
  route("POST", `${ONE}/sharings`, async (input) => {
    const body = await readJson(input.request);
    return json(input.store.run((ctx) => documentView(shareDocument(ctx, requestUser(input), input.params.document ?? "", body))));
  }),
  route("DELETE", `${ONE}/sharings`, (input) => {
    input.store.run((ctx) => unshareDocument(ctx, requestUser(input), input.params.document ?? "", input.url.searchParams));
    return noContent();
  }),
];

const notFoundText = (message: string): Response => new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=UTF-8", "Access-Control-Allow-Origin": "*" } });

/** The public URL of publicly shared documents, GET {documents}/<name> without a token (`origin` replaces https://data.geopf.fr). */
export function publicDocumentRoute(origin?: string): { path: string; handle: (input: RouteInput) => Promise<Response> } {
  const root = origin ? urls.documents.replace(/^https:\/\/data\.geopf\.fr/, origin.replace(/\/+$/, "")) : urls.documents;
  return {
    path: `${root}/:name`,
    handle: async ({ store, params, url }) => {
      const name = params.name ?? url.pathname.split("/").pop() ?? "";
      const document = store.run((ctx) => publicDocument(ctx, name));
      const bytes = document ? await store.blobs.read(document.blob) : undefined;
      if (!document || !bytes) return notFoundText(`Aucun document public à ${url.pathname}.`);
      return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { status: 200, headers: { "Content-Type": document.mime_type, "Content-Length": String(bytes.length), "Access-Control-Allow-Origin": "*" } });
    },
  };
}

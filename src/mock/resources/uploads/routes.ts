// Routes of uploads (livraisons) and their files. A file's bytes go to the blob store as they arrive (streamed
// by the local server), then one transaction records it; if that fails, the stored bytes are deleted again.
import { ApiError, badRequest } from "../../core/errors.ts";
import type { Store } from "../../core/store.ts";
import type { ReceivedMultipart } from "../../http/body.ts";
import { readJson } from "../../http/request.ts";
import { json, noContent } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { listRoute } from "../common/list-route.ts";
import { ANALYSIS_LIMIT, needsAnalysis } from "./file-analysis.ts";
import { deleteFile, putFile, putMd5File, uploadTree, validatePath } from "./files.ts";
import { UPLOAD_LIST } from "./list-query.ts";
import { UPLOADS } from "./records.ts";
import { assertOpen, createUpload, deleteUpload, findUpload, patchUpload } from "./uploads.ts";
import { uploadSummary, uploadView } from "./views.ts";

const UPLOAD = "/datastores/:datastore/uploads/:upload";

/** Largest file accepted in one POST …/data (the local server streams it to disk). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

// Problems of the `path` query parameter, as messages (empty when valid).
function pathProblems(path: string | null): string[] {
  try {
    validatePath(path);
    return [];
  } catch (error) {
    if (error instanceof ApiError) return error.descriptions;
    throw error;
  }
}

// Records a received file with `record`; the blob is deleted again when that fails.
async function keep(store: Store, received: ReceivedMultipart, record: (bytes: Uint8Array | undefined) => void, read: boolean): Promise<void> {
  const file = received.file!;
  try {
    const bytes = read ? await store.blobs.read(file.blob.key) : undefined;
    record(bytes);
  } catch (error) {
    await store.forget(file.blob.key);
    throw error;
  }
}

/** Upload routes. */
export const uploadRoutes: Route[] = [
  listRoute("/datastores/:datastore/uploads", UPLOADS, { summary: uploadSummary, detail: uploadView }, UPLOAD_LIST),
  route("POST", "/datastores/:datastore/uploads", async ({ store, params: { datastore = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => uploadView(createUpload(ctx, datastore, body))));
  }),
  route("GET", UPLOAD, ({ store, params: { datastore = "", upload = "" } }) => json(store.run((ctx) => uploadView(findUpload(ctx, datastore, upload))))),
  route("PATCH", UPLOAD, async ({ store, params: { datastore = "", upload = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => uploadView(patchUpload(ctx, datastore, upload, body))));
  }),
  route("DELETE", UPLOAD, ({ store, params: { datastore = "", upload = "" } }) => {
    store.run((ctx) => deleteUpload(ctx, datastore, upload));
    return noContent();
  }),
  // 404/409 before the body is read; 400 lists every problem of the request (path and file).
  route("POST", `${UPLOAD}/data`, async ({ store, params: { datastore = "", upload = "" }, request, url, body }) => {
    const type = store.run((ctx) => {
      const found = findUpload(ctx, datastore, upload);
      assertOpen(found);
      return found.type;
    });
    const path = url.searchParams.get("path");
    const problems = pathProblems(path);
    const received = await body.multipart(request, store.blobs, { fileField: "file", limit: MAX_FILE_BYTES });
    problems.push(...received.problems);
    if (!received.file && received.problems.length === 0) problems.push("Aucun fichier dans le champ multipart « file ».");
    if (problems.length > 0 || !received.file) {
      if (received.file) await store.blobs.delete(received.file.blob.key);
      throw badRequest(...problems);
    }
    const blob = received.file.blob;
    const read = path !== null && needsAnalysis(path, type) && blob.size <= ANALYSIS_LIMIT;
    await keep(store, received, (bytes) => store.run((ctx) => putFile(ctx, datastore, upload, path, bytes ? { blob, bytes } : { blob })), read);
    return noContent();
  }),
  route("DELETE", `${UPLOAD}/data`, ({ store, params: { datastore = "", upload = "" }, url }) => {
    store.run((ctx) => deleteFile(ctx, datastore, upload, url.searchParams.get("path")));
    return noContent();
  }),
  route("POST", `${UPLOAD}/md5`, async ({ store, params: { datastore = "", upload = "" }, request, body }) => {
    store.run((ctx) => findUpload(ctx, datastore, upload));
    const received = await body.multipart(request, store.blobs, { fileField: "file", limit: 64 * 1024 * 1024 });
    if (!received.file) throw badRequest(...(received.problems.length ? received.problems : ["Aucun fichier dans le champ multipart « file »."]));
    const file = received.file;
    await keep(store, received, (bytes) => store.run((ctx) => putMd5File(ctx, datastore, upload, file.name, { blob: file.blob, bytes: bytes ?? new Uint8Array() })), true);
    return noContent();
  }),
  route("GET", `${UPLOAD}/tree`, ({ store, params: { datastore = "", upload = "" } }) => json(store.run((ctx) => uploadTree(findUpload(ctx, datastore, upload))))),
];

// Routes of uploads (livraisons), their files and their checks.
import { assertDatastore } from "../model/context.ts";
import { ApiError, badRequest } from "../model/errors.ts";
import { validatePath } from "../model/upload-files.ts";
import { readJson, readMultipartFile } from "./request.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "./respond.ts";
import type { Route } from "./route.ts";
import { route } from "./route.ts";

const UPLOAD = "/datastores/:datastore/uploads/:upload";

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

/** Upload routes. */
export const uploadRoutes: Route[] = [
  route("GET", "/datastores/:datastore/uploads", ({ store, params: { datastore = "" }, url }) =>
    paginated(store.listUploads(datastore), url, DEFAULT_LIMIT)),
  route("POST", "/datastores/:datastore/uploads", async ({ store, params: { datastore = "" }, request }) => {
    assertDatastore(datastore);
    return json(store.createUpload(datastore, await readJson(request)));
  }),
  route("GET", UPLOAD, ({ store, params: { datastore = "", upload = "" } }) => json(store.getUpload(datastore, upload))),
  route("PATCH", UPLOAD, async ({ store, params: { datastore = "", upload = "" }, request }) => {
    store.getUpload(datastore, upload);
    return json(store.patchUpload(datastore, upload, await readJson(request)));
  }),
  route("DELETE", UPLOAD, ({ store, params: { datastore = "", upload = "" } }) => {
    store.deleteUpload(datastore, upload);
    return noContent();
  }),
  // 400 lists every problem of the request (path and file); 409 when the upload is not OPEN.
  route("POST", `${UPLOAD}/data`, async ({ store, params: { datastore = "", upload = "" }, request, url }) => {
    store.getUpload(datastore, upload);
    const path = url.searchParams.get("path");
    const problems = pathProblems(path);
    const file = await readMultipartFile(request);
    if ("problems" in file) problems.push(...file.problems);
    if (problems.length > 0 || "problems" in file) throw badRequest(...problems);
    store.putUploadFile(datastore, upload, path, file.bytes);
    return noContent();
  }),
  route("DELETE", `${UPLOAD}/data`, ({ store, params: { datastore = "", upload = "" }, url }) => {
    store.deleteUploadFile(datastore, upload, url.searchParams.get("path"));
    return noContent();
  }),
  route("POST", `${UPLOAD}/md5`, async ({ store, params: { datastore = "", upload = "" }, request }) => {
    store.getUpload(datastore, upload);
    const file = await readMultipartFile(request);
    if ("problems" in file) throw badRequest(...file.problems);
    store.putUploadMd5(datastore, upload, file.name, file.bytes);
    return noContent();
  }),
  route("GET", `${UPLOAD}/tree`, ({ store, params: { datastore = "", upload = "" } }) => json(store.uploadTree(datastore, upload))),
  route("POST", `${UPLOAD}/close`, ({ store, params: { datastore = "", upload = "" } }) => {
    store.closeUpload(datastore, upload);
    return noContent();
  }),
  route("POST", `${UPLOAD}/open`, ({ store, params: { datastore = "", upload = "" } }) => {
    store.openUpload(datastore, upload);
    return noContent();
  }),
  route("GET", `${UPLOAD}/checks`, ({ store, params: { datastore = "", upload = "" } }) => json(store.uploadChecks(datastore, upload))),
  route("GET", "/datastores/:datastore/checks/executions/:execution", ({ store, params: { datastore = "", execution = "" } }) =>
    json(store.getCheckExecution(datastore, execution))),
  // Logs come whole unless page/limit are given.
  route("GET", "/datastores/:datastore/checks/executions/:execution/logs", ({ store, params: { datastore = "", execution = "" }, url }) => {
    const lines = store.checkExecutionLogs(datastore, execution);
    return paginated(lines, url, Math.max(lines.length, 1));
  }),
];

// Routes of closing and reopening uploads, of the checks (catalog, relaunch) and of their executions.
import { json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { visibleLogs } from "../../core/time.ts";
import { closeUpload, deleteCheckExecution, findCheckExecution, openUpload, uploadChecks } from "./checks.ts";
import { checkExecutionSummary, checkExecutionView } from "./views.ts";
import { checkView, findCheck, listChecks, runChecks } from "./catalog-checks.ts";
import { CHECK_EXECUTIONS } from "./records.ts";
import { readJson } from "../../http/request.ts";
import { catalogPage, listRoute } from "../common/list-route.ts";
import { CHECK_EXECUTION_LIST, CHECK_LIST } from "./list-query.ts";

const UPLOAD = "/datastores/:datastore/uploads/:upload";
const CHECK_EXECUTION = "/datastores/:datastore/checks/executions/:execution";

/** Check routes. */
export const checkRoutes: Route[] = [
  route("POST", `${UPLOAD}/close`, ({ store, params: { datastore = "", upload = "" } }) => {
    store.run((ctx) => closeUpload(ctx, datastore, upload));
    return noContent();
  }),
  route("POST", `${UPLOAD}/open`, ({ store, params: { datastore = "", upload = "" } }) => {
    store.run((ctx) => openUpload(ctx, datastore, upload));
    return noContent();
  }),
  route("GET", `${UPLOAD}/checks`, ({ store, params: { datastore = "", upload = "" } }) => json(store.run((ctx) => uploadChecks(ctx, datastore, upload)))),
  // Relaunch: the body is the list of check ids; the answer is the upload's checks, as GET …/checks shows them.
  route("POST", `${UPLOAD}/checks`, async ({ store, params: { datastore = "", upload = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => uploadChecks(ctx, datastore, runChecks(ctx, datastore, upload, body)._id)));
  }),
  route("GET", "/datastores/:datastore/checks", ({ params: { datastore = "" }, url }) => catalogPage(listChecks(datastore).map(checkView), url, CHECK_LIST)),
  // Before …/checks/:check, which would also match …/checks/executions.
  listRoute("/datastores/:datastore/checks/executions", CHECK_EXECUTIONS, (execution) => ({ ...checkExecutionSummary(execution), status: execution.status }), CHECK_EXECUTION_LIST),
  route("GET", "/datastores/:datastore/checks/:check", ({ params: { datastore = "", check = "" } }) => json(checkView(findCheck(datastore, check)))),
  route("GET", CHECK_EXECUTION, ({ store, params: { datastore = "", execution = "" } }) =>
    json(store.run((ctx) => checkExecutionView(findCheckExecution(ctx, datastore, execution), ctx)))),
  route("DELETE", CHECK_EXECUTION, ({ store, params: { datastore = "", execution = "" } }) => {
    store.run((ctx) => deleteCheckExecution(ctx, datastore, execution));
    return noContent();
  }),
  // Logs come whole unless page/limit are given.
  route("GET", `${CHECK_EXECUTION}/logs`, ({ store, params: { datastore = "", execution = "" }, url }) => {
    const lines = store.run((ctx) => visibleLogs(findCheckExecution(ctx, datastore, execution).logs, ctx.now));
    return paginated(lines, url, Math.max(lines.length, 1));
  }),
];

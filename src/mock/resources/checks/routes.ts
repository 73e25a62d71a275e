// Routes of closing and reopening uploads, and of their check executions.
import { json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { visibleLogs } from "../../core/time.ts";
import { closeUpload, findCheckExecution, openUpload, uploadChecks } from "./checks.ts";
import { checkExecutionView } from "./views.ts";

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
  route("GET", CHECK_EXECUTION, ({ store, params: { datastore = "", execution = "" } }) =>
    json(store.run((ctx) => checkExecutionView(findCheckExecution(ctx, datastore, execution), ctx)))),
  // Logs come whole unless page/limit are given.
  route("GET", `${CHECK_EXECUTION}/logs`, ({ store, params: { datastore = "", execution = "" }, url }) => {
    const lines = store.run((ctx) => visibleLogs(findCheckExecution(ctx, datastore, execution).logs, ctx.now));
    return paginated(lines, url, Math.max(lines.length, 1));
  }),
];

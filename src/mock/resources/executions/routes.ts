// Routes of processing executions.
import { visibleLogs } from "../../core/time.ts";
import { readJson } from "../../http/request.ts";
import { json, noContent, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { listRoute } from "../common/list-route.ts";
import { createExecution, findExecution } from "./executions.ts";
import { abortExecution, launchExecution } from "./lifecycle.ts";
import { EXECUTION_LIST } from "./list-query.ts";
import { EXECUTIONS } from "./records.ts";
import { deleteExecution } from "./delete-execution.ts";
import { executionSummary, executionView } from "./views.ts";

const EXECUTION = "/datastores/:datastore/processings/executions/:execution";

/** Execution routes (before the processing routes: `/processings/:processing` would also match `/processings/executions`). */
export const executionRoutes: Route[] = [
  listRoute("/datastores/:datastore/processings/executions", EXECUTIONS, executionSummary, EXECUTION_LIST),
  route("POST", "/datastores/:datastore/processings/executions", async ({ store, params: { datastore = "" }, request }) => {
    const body = await readJson(request);
    return json(store.run((ctx) => executionView(createExecution(ctx, datastore, body), ctx)));
  }),
  route("GET", EXECUTION, ({ store, params: { datastore = "", execution = "" } }) =>
    json(store.run((ctx) => executionView(findExecution(ctx, datastore, execution), ctx)))),
  route("DELETE", EXECUTION, ({ store, params: { datastore = "", execution = "" } }) => {
    store.run((ctx) => deleteExecution(ctx, datastore, execution));
    return noContent();
  }),
  route("POST", `${EXECUTION}/launch`, ({ store, params: { datastore = "", execution = "" } }) => {
    store.run((ctx) => launchExecution(ctx, datastore, execution));
    return noContent();
  }),
  route("POST", `${EXECUTION}/abort`, ({ store, params: { datastore = "", execution = "" } }) => {
    store.run((ctx) => abortExecution(ctx, datastore, execution));
    return noContent();
  }),
  // Logs come whole unless page/limit are given (Bruno sends page=0, read as the first page).
  route("GET", `${EXECUTION}/logs`, ({ store, params: { datastore = "", execution = "" }, url }) => {
    const lines = store.run((ctx) => visibleLogs(findExecution(ctx, datastore, execution).logs, ctx.now));
    return paginated(lines, url, Math.max(lines.length, 1));
  }),
];

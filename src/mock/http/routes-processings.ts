// Routes of processings and processing executions.
import { assertDatastore } from "../model/context.ts";
import { readJson } from "./request.ts";
import { DEFAULT_LIMIT, json, noContent, paginated } from "./respond.ts";
import type { Route } from "./route.ts";
import { route } from "./route.ts";

const EXECUTION = "/datastores/:datastore/processings/executions/:execution";

/** Processing routes (executions first: `/processings/:processing` would also match `/processings/executions`). */
export const processingRoutes: Route[] = [
  route("GET", "/datastores/:datastore/processings/executions", ({ store, params: { datastore = "" }, url }) =>
    paginated(store.listExecutions(datastore), url, DEFAULT_LIMIT)),
  route("POST", "/datastores/:datastore/processings/executions", async ({ store, params: { datastore = "" }, request }) => {
    assertDatastore(datastore);
    return json(store.createExecution(datastore, await readJson(request)));
  }),
  route("GET", EXECUTION, ({ store, params: { datastore = "", execution = "" } }) => json(store.getExecution(datastore, execution))),
  route("POST", `${EXECUTION}/launch`, ({ store, params: { datastore = "", execution = "" } }) => {
    store.launchExecution(datastore, execution);
    return noContent();
  }),
  route("POST", `${EXECUTION}/abort`, ({ store, params: { datastore = "", execution = "" } }) => {
    store.abortExecution(datastore, execution);
    return noContent();
  }),
  // Logs come whole unless page/limit are given (Bruno sends page=0, read as the first page).
  route("GET", `${EXECUTION}/logs`, ({ store, params: { datastore = "", execution = "" }, url }) => {
    const lines = store.executionLogs(datastore, execution);
    return paginated(lines, url, Math.max(lines.length, 1));
  }),
  route("GET", "/datastores/:datastore/processings", ({ store, params: { datastore = "" }, url }) =>
    paginated(store.listProcessings(datastore), url, DEFAULT_LIMIT)),
  route("GET", "/datastores/:datastore/processings/:processing", ({ store, params: { datastore = "", processing = "" } }) =>
    json(store.getProcessing(datastore, processing))),
];

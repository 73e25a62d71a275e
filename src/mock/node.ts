// Node adapter for tests: a simulated datastore served by MSW's setupServer (intercepts fetch in Node).
import type { SetupServer } from "msw/node";
import { setupServer } from "msw/node";
import type { HandlersOptions } from "./handlers.ts";
import { createHandlers } from "./handlers.ts";
import type { SimulatedDatastoreOptions } from "./model/datastore.ts";
import { SimulatedDatastore } from "./model/datastore.ts";
import type { DatastoreState } from "./model/types.ts";

/** Options of createNodeDatastore: the model's (clock, ids, delays), the handlers' (base URL, token), an initial state. */
export interface NodeDatastoreOptions extends SimulatedDatastoreOptions, HandlersOptions {
  state?: DatastoreState;
}

/** A datastore and an MSW server serving it; call `server.listen()` before fetching and `server.close()` after. */
export function createNodeDatastore(options: NodeDatastoreOptions = {}): { store: SimulatedDatastore; server: SetupServer } {
  const store = options.state ? SimulatedDatastore.fromJSON(options.state, options) : new SimulatedDatastore(options);
  return { store, server: setupServer(...createHandlers(store, options)) };
}

// Node adapter for tests: a simulated datastore (in memory unless given a source) served by MSW's setupServer.
import type { SetupServer } from "msw/node";
import { setupServer } from "msw/node";
import { createStore } from "./app.ts";
import type { Store, StoreOptions } from "./core/store.ts";
import type { HandlersOptions } from "./handlers.ts";
import { createHandlers } from "./handlers.ts";

/** Options of createNodeDatastore: the store's (source, blobs, clock, ids, delays) and the handlers' (base URL, token). */
export interface NodeDatastoreOptions extends StoreOptions, HandlersOptions {}

/** A datastore and an MSW server serving it; call `server.listen()` before fetching and `server.close()` after. */
export function createNodeDatastore(options: NodeDatastoreOptions = {}): { store: Store; server: SetupServer } {
  const store = createStore(options);
  return { store, server: setupServer(...createHandlers(store, options)) };
}

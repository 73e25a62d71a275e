// A route of the simulated API: method, MSW path pattern (relative to the API base) and its handler.
// Handlers use only the Fetch API (Request/Response), so they run under MSW in the browser and in Node.
import type { SimulatedDatastore } from "../model/datastore.ts";

/** HTTP methods of the routes. */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a route handler receives. */
export interface RouteInput {
  store: SimulatedDatastore;
  request: Request;
  url: URL;
  /** Path parameters (`:datastore`, `:upload`…), decoded. */
  params: Record<string, string>;
}

/** One route. */
export interface Route {
  method: RouteMethod;
  /** Pattern relative to the base, e.g. `/datastores/:datastore/uploads/:upload`. */
  path: string;
  handle: (input: RouteInput) => Response | Promise<Response>;
}

/** Shorthand to declare a route. */
export const route = (method: RouteMethod, path: string, handle: Route["handle"]): Route => ({ method, path, handle });

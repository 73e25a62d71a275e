// A route of the simulated API: method, path pattern (relative to the API base, `:name` parameters) and its
// handler. Handlers use only the Fetch API (Request/Response), so that the same route table is served by MSW
// in the browser and in Node tests, and by Hono in the local server (`npm run datastore`).
import type { Store } from "../core/store.ts";
import type { BodyReader } from "./body.ts";

/** HTTP methods of the routes. */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a route handler receives. */
export interface RouteInput {
  store: Store;
  request: Request;
  url: URL;
  /** Path parameters (`:datastore`, `:upload`…), decoded. */
  params: Record<string, string>;
  /** Reads request bodies the way the runtime does best (multipart files streamed to the blob store in Node). */
  body: BodyReader;
  /** The calling user's id, from the request's token (undefined: the default user). */
  caller?: string;
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

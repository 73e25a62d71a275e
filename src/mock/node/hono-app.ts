// The Hono application of the local server: CORS (node/cors.ts), the bearer token before any byte of a body is
// read, the body limits (node/limits.ts; multipart bodies are limited while they stream), then the app's routes and
// the diffusion services registered on Hono's router. Hono answers HEAD with the GET route; a known path with
// another method answers 405 with Allow, any other path 404; every failure is the API's error body.
import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import type { MiddlewareHandler } from "hono";
import type { BodyReader } from "../http/body.ts";
import type { Store } from "../core/store.ts";
import { authenticate } from "../http/auth.ts";
import type { IssuedTokens, TokenTable } from "../http/auth.ts";
import { dispatch, unknownRoute } from "../http/dispatch.ts";
import { errorResponse, fromError } from "../http/respond.ts";
import type { Route } from "../http/route.ts";
import { corsMiddleware } from "./cors.ts";
import type { CorsPolicy } from "./cors.ts";
import { bodyLimits } from "./limits.ts";
import type { BodyLimits } from "./limits.ts";
import { serviceOrigin } from "./service-origin.ts";
import { StorageError } from "./storage-error.ts";

/** A route of the server: an API route, or a diffusion or outside service (GET unless told, absolute path on the
 * server; "ALL": any method, e.g. an outside server's catch-all). */
export type ServedRoute = Pick<Route, "path" | "handle"> & { method?: Route["method"] | "ALL" };

/** What the application serves and how. */
export interface AppOptions {
  store: Store;
  /** Accepted tokens and the user each one stands for. */
  tokens: TokenTable;
  /** Tokens issued by the simulated identity service. */
  issued?: IssuedTokens;
  policy: CorsPolicy;
  limits: BodyLimits;
  /** Path of the API under the server, e.g. `/api`. */
  basePath: string;
  /** Where the API is served, for the 404 of paths outside it. */
  baseUrl: () => string;
  api: readonly ServedRoute[];
  diffusion: readonly ServedRoute[];
  log: (message: string) => void;
  /** Origin named in the answers' service URLs (default: each request's origin); see node/service-origin.ts. */
  publicOrigin?: string;
}

// The request as the route reads it (a JSON body of unknown length already read within its limit) and its reader.
type Env = { Bindings: HttpBindings; Variables: { prepared: { request: Request; body: BodyReader }; caller: string | undefined } };

// 401 before the body is read; the connection is closed rather than a body read that nobody wants.
const tokenFirst = (tokens: TokenTable, issued?: IssuedTokens): MiddlewareHandler<Env> => async (c, next) => {
  const denied = authenticate(c.req.raw, tokens, issued);
  if (!(denied instanceof Response)) {
    c.set("caller", denied.caller);
    return next();
  }
  if (c.req.raw.body !== null || c.req.header("content-length") || c.req.header("transfer-encoding")) denied.headers.set("Connection", "close");
  return denied;
};

// The body limits (node/limits.ts): 413 at once for a declared length over the limit; what the route reads.
const limited = (limits: BodyLimits): MiddlewareHandler<Env> => async (c, next) => {
  const prepared = await bodyLimits(c.req.raw, c.env.incoming, limits);
  if (prepared instanceof Response) return prepared;
  c.set("prepared", prepared);
  return next();
};

/** The local server's Hono application. */
export function createApp(options: AppOptions): Hono<Env> {
  const { store, basePath, log } = options;
  const app = new Hono<Env>();
  const onError = (error: unknown, request: Request): void => {
    if (error instanceof StorageError) log(`Écriture refusée (${error.code}) sur ${request.method} ${new URL(request.url).pathname} : ${error.descriptions[0]}`);
    else log(`Erreur interne sur ${request.method} ${request.url} : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  };
  app.use("*", corsMiddleware(options.policy, log));
  for (const path of [basePath || "/", `${basePath}/*`]) app.use(path, serviceOrigin(options.publicOrigin), tokenFirst(options.tokens, options.issued));
  app.use("*", limited(options.limits));
  const serve = (prefix: string, routes: readonly ServedRoute[]): void => {
    const methods = new Map<string, string[]>();
    for (const route of routes) {
      const method = route.method ?? "GET";
      methods.set(route.path, [...(methods.get(route.path) ?? []), method]);
      app.on(method, `${prefix}${route.path}`, (c) => {
        const { request, body } = c.get("prepared");
        return dispatch(route, { store, request, params: c.req.param(), body, caller: c.get("caller") }, onError, true);
      });
    }
    // After every method's route: the same path with another method.
    for (const [path, accepted] of methods) app.all(`${prefix}${path}`, (c) => unknownRoute(c.req.raw, new URL(c.req.url).pathname.slice(prefix.length) || "/", accepted));
  };
  serve(basePath, options.api);
  serve("", options.diffusion);
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (path === basePath || path.startsWith(`${basePath}/`)) return unknownRoute(c.req.raw, path.slice(basePath.length) || "/", []);
    return errorResponse(404, [`Route inconnue : ${c.req.method} ${path}. L'API de l'entrepôt simulé est servie sous ${options.baseUrl()} : utilisez cette URL de base.`]);
  });
  app.onError((error, c) => {
    onError(error, c.req.raw);
    return fromError(error);
  });
  return app;
}

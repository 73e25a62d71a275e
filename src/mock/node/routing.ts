// Route matching and answering for the local server: the app's route table (patterns relative to the API base)
// and the diffusion services (absolute patterns on the server's origin), compiled once to regular expressions;
// HEAD runs the GET route without its body; a known path with another method answers 405 with Allow; every
// failure becomes the API's error body (storage failures 507/503, bodies too large 413, the rest 500, logged).
import { BlobTooLargeError } from "../core/blobs.ts";
import { ApiError } from "../core/errors.ts";
import type { Store } from "../core/store.ts";
import type { BodyReader } from "../http/body.ts";
import { decodeParams, unknownRoute } from "../http/dispatch.ts";
import { errorResponse } from "../http/respond.ts";
import type { RouteInput } from "../http/route.ts";
import { StorageError } from "./storage-error.ts";

/** Anything routable: a method (GET when absent), a path pattern (`:name`, `*`) and a handler. */
export interface ServedRoute {
  method?: string;
  path: string;
  handle: (input: RouteInput) => Response | Promise<Response>;
}

interface Compiled {
  method: string;
  pattern: RegExp;
  names: string[];
  route: ServedRoute;
}

// `/a/:b/*` → /^\/a\/([^/]+)\/(.*)\/?$/ with names ["b", "0"].
function compile(prefix: string, route: ServedRoute): Compiled {
  const names: string[] = [];
  let wildcards = 0;
  const source = `${prefix}${route.path}`.replace(/:([A-Za-z_][A-Za-z0-9_]*)|\*|[.+?^${}()|[\]\\]/g, (token, name: string | undefined) => {
    if (name !== undefined) {
      names.push(name);
      return "([^/]+)";
    }
    if (token === "*") {
      names.push(String(wildcards++));
      return "(.*)";
    }
    return `\\${token}`;
  });
  return { method: (route.method ?? "GET").toUpperCase(), pattern: new RegExp(`^${source.replace(/\/$/, "")}/?$`), names, route };
}

/** A matched route and its (still encoded) parameters. */
export interface Match {
  route: ServedRoute;
  params: Record<string, string>;
}

/** The routes of one server, ready to match request paths. */
export class RouteTable {
  private readonly compiled: Compiled[];

  /** API routes under `basePath`, then diffusion routes (absolute paths on the server). */
  constructor(api: readonly ServedRoute[], basePath: string, diffusion: readonly ServedRoute[] = []) {
    this.compiled = [...api.map((route) => compile(basePath, route)), ...diffusion.map((route) => compile("", route))];
  }

  /** The first route for this method and path (HEAD matches GET routes). */
  match(method: string, path: string): Match | undefined {
    const wanted = method === "HEAD" ? "GET" : method;
    for (const entry of this.compiled) {
      if (entry.method !== wanted) continue;
      const found = entry.pattern.exec(path);
      if (found) return { route: entry.route, params: Object.fromEntries(entry.names.map((name, i) => [name, found[i + 1] ?? ""])) };
    }
    return undefined;
  }

  /** Every method some route accepts on this path. */
  methods(path: string): string[] {
    return [...new Set(this.compiled.filter((entry) => entry.pattern.test(path)).map((entry) => entry.method))];
  }
}

/** What answering a request needs. */
export interface AnswerContext {
  store: Store;
  request: Request;
  url: URL;
  body: BodyReader;
  log: (message: string) => void;
}

// The error body for anything a route threw.
function failure(error: unknown, request: Request, log: (message: string) => void): Response {
  if (error instanceof StorageError) {
    log(`Écriture refusée (${error.code}) sur ${request.method} ${new URL(request.url).pathname} : ${error.descriptions[0]}`);
    return errorResponse(error.status, error.descriptions);
  }
  if (error instanceof ApiError) return errorResponse(error.status, error.descriptions);
  if (error instanceof BlobTooLargeError) return errorResponse(413, [error.message], { Connection: "close" });
  log(`Erreur interne sur ${request.method} ${request.url} : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const message = error instanceof Error ? error.message : String(error);
  return errorResponse(500, [`Erreur interne de la simulation de l'API Entrepôt : ${message}. L'état n'a pas été modifié.`]);
}

/** Runs the matched route (HEAD: without body); failures become the API's error body. */
export async function answer(match: Match, context: AnswerContext): Promise<Response> {
  let response: Response;
  try {
    response = await match.route.handle({ store: context.store, request: context.request, url: context.url, params: decodeParams(match.params), body: context.body });
  } catch (error) {
    response = failure(error, context.request, context.log);
  }
  if (context.request.method !== "HEAD") return response;
  await response.body?.cancel().catch(() => undefined);
  return new Response(null, { status: response.status, headers: response.headers });
}

/** 405 (with Allow) for a known path and another method, 404 otherwise; `path` relative to the base. */
export function notRouted(table: RouteTable, request: Request, fullPath: string, path: string): Response {
  return unknownRoute(request, path, table.methods(fullPath));
}

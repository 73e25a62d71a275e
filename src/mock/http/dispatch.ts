// What every transport does with a matched route: decode the path parameters, build the route's input, turn
// anything thrown into the API's error body (an unexpected exception into a 500; the store's transaction has
// kept the state intact), and answer 404 or 405 for paths and methods the API does not have.
import { ApiError } from "../core/errors.ts";
import type { Store } from "../core/store.ts";
import type { BodyReader } from "./body.ts";
import { errorResponse, fromError } from "./respond.ts";
import type { Route } from "./route.ts";

/** Path parameters as plain decoded strings. */
export function decodeParams(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const text = Array.isArray(value) ? value.join("/") : typeof value === "string" ? value : "";
    try {
      out[key] = decodeURIComponent(text);
    } catch {
      out[key] = text;
    }
  }
  return out;
}

/** Runs a route (params decoded unless `decoded`); every failure becomes the API's error body (`onError` sees the unexpected ones and the 5xx). */
export async function dispatch(
  route: Pick<Route, "handle">,
  input: { store: Store; request: Request; params: Record<string, unknown>; body: BodyReader; caller?: string },
  onError?: (error: unknown, request: Request) => void,
  decoded = false,
): Promise<Response> {
  try {
    const params = decoded ? (input.params as Record<string, string>) : decodeParams(input.params);
    // The operations of the route are made by its caller (the initiator of the events they record).
    return await route.handle({ ...input, store: input.store.by(input.caller), url: new URL(input.request.url), params });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status >= 500) onError?.(error, input.request);
    return fromError(error);
  }
}

/** The routes' methods that accept a path (relative to the base), given a matcher. */
export function methodsOf(routes: readonly Route[], matches: (pattern: string) => boolean): string[] {
  return [...new Set(routes.filter((route) => matches(route.path)).map((route) => route.method))];
}

/** 405 naming the accepted methods, or 404 for a path the API does not know. */
export function unknownRoute(request: Request, path: string, methods: readonly string[]): Response {
  if (methods.length > 0) {
    const allowed = methods.includes("GET") ? [...methods, "HEAD"] : [...methods];
    return errorResponse(405, [`Méthode ${request.method} non autorisée sur ${path} : méthodes acceptées ${allowed.join(", ")}.`], { Allow: allowed.join(", ") });
  }
  return errorResponse(404, [`Route inconnue : ${request.method} ${path} n'existe pas dans la simulation de l'API Entrepôt.`]);
}

// MSW handlers of the simulated API Entrepôt: one handler per route of the model, the diffusion services
// (http/routes-diffusion.ts), then a catch-all that answers 404 for any other path under the API base
// (never an unhandled passthrough). This is the one list of handlers every adapter registers. Every failure becomes the
// API's error body; an unexpected exception becomes a 500 and the model's transaction keeps the state intact.
import type { HttpHandler, PathParams } from "msw";
import { http, matchRequestUrl } from "msw";
import urls from "../../_data/urls.json" with { type: "json" };
import { ApiError } from "./model/errors.ts";
import type { SimulatedDatastore } from "./model/datastore.ts";
import { CORS_HEADERS, errorResponse, fromError } from "./http/respond.ts";
import type { Route } from "./http/route.ts";
import { diffusionRoutes } from "./http/routes-diffusion.ts";
import { processingRoutes } from "./http/routes-processings.ts";
import { publicationRoutes } from "./http/routes-publication.ts";
import { uploadRoutes } from "./http/routes-uploads.ts";

/** Options of createHandlers. */
export interface HandlersOptions {
  /** API base URL (default `urls.api_entrepot` of _data/urls.json, https://data.geopf.fr/api). */
  baseUrl?: string;
  /** When set, every request must carry `Authorization: Bearer <token>` (401 otherwise). */
  token?: string;
  /** Called with unexpected exceptions (those answered with a 500), e.g. to log them. */
  onError?: (error: unknown, request: Request) => void;
  /** Origin serving the diffusion services instead of https://data.geopf.fr (e.g. a local server); false disables them. */
  diffusionOrigin?: string | false;
}

/** Every route of the simulation, in matching order. */
export const ROUTES: readonly Route[] = [...publicationRoutes, ...uploadRoutes, ...processingRoutes];

// 401 unless the request carries the expected bearer token.
function checkToken(request: Request, token: string | undefined): Response | undefined {
  if (token === undefined) return undefined;
  const header = request.headers.get("authorization");
  const challenge = { "WWW-Authenticate": 'Bearer realm="geoplateforme"' };
  if (!header) return errorResponse(401, ["Authentification requise : ajoutez l'en-tête « Authorization: Bearer <jeton> »."], challenge);
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match || match[1] !== token) return errorResponse(401, ["Jeton d'accès invalide ou expiré : demandez un nouveau jeton."], challenge);
  return undefined;
}

// Path parameters as plain decoded strings.
function stringParams(params: PathParams): Record<string, string> {
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

// 404 for a path the simulation does not know, naming the methods it accepts if the path exists.
function unknownRoute(base: string, request: Request): Response {
  const url = new URL(request.url);
  const methods = ROUTES.filter((route) => matchRequestUrl(url, `${base}${route.path}`).matches).map((route) => route.method);
  const path = url.pathname.slice(new URL(base).pathname.length) || "/";
  const hint = methods.length > 0 ? ` Méthodes acceptées sur ce chemin : ${[...new Set(methods)].join(", ")}.` : "";
  return errorResponse(404, [`Route inconnue : ${request.method} ${path} n'existe pas dans la simulation de l'API Entrepôt.${hint}`]);
}

/** The MSW handlers serving `store` under the base URL. */
export function createHandlers(store: SimulatedDatastore, options: HandlersOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? urls.api_entrepot).replace(/\/+$/, "");
  const guard = async (request: Request, run: () => Response | Promise<Response>): Promise<Response> => {
    try {
      return checkToken(request, options.token) ?? (await run());
    } catch (error) {
      if (!(error instanceof ApiError)) options.onError?.(error, request);
      return fromError(error);
    }
  };
  const methods = { GET: http.get, POST: http.post, PUT: http.put, PATCH: http.patch, DELETE: http.delete } as const;
  const handlers: HttpHandler[] = ROUTES.map((route) =>
    methods[route.method](`${base}${route.path}`, ({ request, params }) =>
      guard(request, () => route.handle({ store, request, url: new URL(request.url), params: stringParams(params) })),
    ),
  );
  // Diffusion services (WFS, WMS, WMTS/TMS, download): public, no token.
  if (options.diffusionOrigin !== false) {
    for (const service of diffusionRoutes(options.diffusionOrigin)) {
      handlers.push(http.get(service.path, ({ request, params }) => {
        try {
          return service.handle({ store, request, url: new URL(request.url), params: stringParams(params) });
        } catch (error) {
          if (!(error instanceof ApiError)) options.onError?.(error, request);
          return fromError(error);
        }
      }));
    }
  }
  // Preflight requests (only seen by the Node server; a service worker answers before CORS applies).
  handlers.push(
    http.options(`${base}/*`, () => new Response(null, {
      status: 204,
      headers: { ...CORS_HEADERS, "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE", "Access-Control-Allow-Headers": "Authorization, Content-Type", "Access-Control-Max-Age": "600" },
    })),
  );
  for (const pattern of [base, `${base}/*`]) handlers.push(http.all(pattern, ({ request }) => guard(request, () => unknownRoute(base, request))));
  return handlers;
}

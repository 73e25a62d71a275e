// MSW handlers of the simulated API Entrepôt (the browser's service worker and Node tests): one handler per
// route of the app's table, the diffusion services, then a catch-all under the API base answering 405 for a
// known path with another method and 404 otherwise (never an unhandled passthrough).
import type { HttpHandler } from "msw";
import { http, matchRequestUrl } from "msw";
import urls from "../../_data/urls.json" with { type: "json" };
import { API_ROUTES, diffusionRoutes } from "./app.ts";
import type { Store } from "./core/store.ts";
import { authenticate } from "./http/auth.ts";
import { DEFAULT_USER, tokenTable } from "./resources/users/directory.ts";
import { identityRoutes, servedAccounts, SIMULATED_ACCOUNTS } from "./identity/service.ts";
import { identityCaller } from "./identity/tokens.ts";
import type { BodyReader } from "./http/body.ts";
import { fetchBodyReader } from "./http/body.ts";
import { dispatch, methodsOf, unknownRoute } from "./http/dispatch.ts";
import { geonatureRoutes } from "./geonature/routes.ts";
import { theiaRoutes } from "./theia/routes.ts";

/** Options of createHandlers. */
export interface HandlersOptions {
  /** API base URL (default `urls.api_entrepot` of _data/urls.json, https://data.geopf.fr/api). */
  baseUrl?: string;
  /** When set, every API request must carry `Authorization: Bearer <token>` (401 otherwise). */
  token?: string;
  /** Tokens of other users, login → token (a login the seed does not know is a learner with their own datastore). */
  users?: Record<string, string>;
  /** Called with unexpected exceptions (those answered with a 500), e.g. to log them. */
  onError?: (error: unknown, request: Request) => void;
  /** Origin serving the diffusion services instead of https://data.geopf.fr; false disables them. */
  diffusionOrigin?: string | false;
  /** Runs around every API and diffusion request (persistence, cross-tab locks, simulated faults). */
  around?: (request: Request, next: () => Promise<Response>) => Promise<Response>;
  /** Serve the simulated identity service at the real realms' token URLs (default true; false in the browser, where
   * the settings dialog asks the real service for a token while the simulation may be running). */
  identity?: boolean;
  /** How bodies are read (default: the Fetch API's formData()). */
  body?: BodyReader;
}

/** The MSW handlers serving `store` under the base URL. */
export function createHandlers(store: Store, options: HandlersOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? urls.api_entrepot).replace(/\/+$/, "");
  const body = options.body ?? fetchBodyReader;
  const around = options.around ?? ((_request: Request, next: () => Promise<Response>) => next());
  const tokens = tokenTable([...(options.token ? [[DEFAULT_USER.login, options.token] as const] : []), ...Object.entries(options.users ?? {})]);
  const issued = (token: string): string | "expired" | undefined => identityCaller(store, token);
  const methods = { GET: http.get, POST: http.post, PUT: http.put, PATCH: http.patch, DELETE: http.delete } as const;
  const handlers: HttpHandler[] = API_ROUTES.map((route) =>
    methods[route.method](`${base}${route.path}`, ({ request, params }) =>
      around(request, async () => {
        const who = authenticate(request, tokens, issued);
        return who instanceof Response ? who : dispatch(route, { store, request, params, body, caller: who.caller }, options.onError);
      })),
  );
  if (options.diffusionOrigin !== false) {
    for (const service of diffusionRoutes(options.diffusionOrigin)) {
      handlers.push((service.method === "POST" ? http.post : http.get)(service.path, ({ request, params }) => around(request, () => dispatch(service, { store, request, params, body }, options.onError))));
    }
  }
  // The simulated identity service (Keycloak's token endpoint), with the diffusion services.
  if (options.diffusionOrigin !== false && options.identity !== false) {
    for (const endpoint of identityRoutes(tokens ? servedAccounts(tokens) : SIMULATED_ACCOUNTS, options.diffusionOrigin)) {
      handlers.push(http.post(endpoint.path, ({ request, params }) => around(request, () => dispatch(endpoint, { store, request, params, body }, options.onError))));
    }
  }
  // The outside servers of the data-flow tutorials: a GeoNature instance's Export API and the Theia/OZCAR deposit.
  if (options.diffusionOrigin !== false) {
    for (const outside of [...geonatureRoutes(), ...theiaRoutes()]) {
      const verb = outside.method === "ALL" ? http.all : methods[outside.method];
      handlers.push(verb(outside.path, ({ request, params }) => around(request, () => dispatch(outside, { store, request, params, body }, options.onError))));
    }
  }
  const fallback = ({ request }: { request: Request }): Promise<Response> =>
    around(request, async () => {
      const denied = authenticate(request, tokens, issued);
      if (denied instanceof Response) return denied;
      const url = new URL(request.url);
      const path = url.pathname.slice(new URL(base).pathname.length) || "/";
      return unknownRoute(request, path, methodsOf(API_ROUTES, (pattern) => matchRequestUrl(url, `${base}${pattern}`).matches));
    });
  for (const pattern of [base, `${base}/*`]) handlers.push(http.all(pattern, fallback));
  return handlers;
}

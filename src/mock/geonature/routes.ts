// Routes of the simulated GeoNature instance (https://geonature.exemple.fr/geonature/api): the Export module's API,
// one endpoint per export (`/exports/api/{id}`, its token in the path as the module writes it, or `?token=` or a
// bearer token), then 405/404 for anything else on that host.
import type { RouteInput } from "../http/route.ts";
import { authorize, csvOf, errorBody, findExport, GeoNatureError, itemsOf, pageQuery, presentedToken, selectPage } from "./rules.ts";
import { GEONATURE_API } from "./records.ts";

/** A route of an outside server the simulation plays: absolute URL pattern, method, handler. */
export interface OutsideRoute {
  method: "GET" | "PUT" | "POST" | "DELETE" | "ALL";
  path: string;
  handle: (input: RouteInput) => Response | Promise<Response>;
}

const CORS = { "Access-Control-Allow-Origin": "*" };

// GET /exports/api/{id}[/{token}].
function readExport({ request, params, url }: RouteInput): Response {
  const definition = findExport(params.export ?? "");
  authorize(definition, presentedToken(request, params.token));
  const query = pageQuery(url);
  const { total, filtered, items } = selectPage(definition, query);
  if (query.format === "csv") {
    return new Response(csvOf(items), { status: 200, headers: { ...CORS, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="export_${definition.id}_page_${query.page}.csv"` } });
  }
  const body = { total, total_filtered: filtered.length, page: query.page, limit: query.limit, items: itemsOf(items, query.format), license: { name: definition.licence.name, href: definition.licence.href } };
  return new Response(JSON.stringify(body), { status: 200, headers: { ...CORS, "Content-Type": "application/json" } });
}

// Runs a handler, turning its GeoNatureError into the instance's error body.
const guarded = (handle: (input: RouteInput) => Response) => (input: RouteInput): Response => {
  try {
    return handle(input);
  } catch (error) {
    if (error instanceof GeoNatureError) return errorBody(error);
    throw error;
  }
};

/** Options of the outside servers' routes. */
export interface OutsideOptions {
  /** The host serves other things too (the local server): the catch-all covers the root's paths only, not the host. */
  sharedHost?: boolean;
}

/** The catch-all pattern of an outside server: its whole host, or only its root's paths on a shared host. */
export const catchAllPath = (root: string, options: OutsideOptions = {}): string => `${options.sharedHost ? root : new URL(root).origin}/*`;

/** The simulated instance's routes, in matching order (the catch-all last); `api` replaces its API root. */
export function geonatureRoutes(api: string = GEONATURE_API, options: OutsideOptions = {}): OutsideRoute[] {
  const root = api.replace(/\/+$/, "");
  const exportPath = `${root}/exports/api/:export`;
  return [
    { method: "GET", path: exportPath, handle: guarded(readExport) },
    { method: "GET", path: `${exportPath}/:token`, handle: guarded(readExport) },
    {
      method: "ALL",
      path: catchAllPath(root, options),
      handle: guarded(({ request, url }) => {
        if (/\/exports\/api\/[^/]+(\/[^/]+)?\/?$/.test(url.pathname)) throw new GeoNatureError(405, `Méthode ${request.method} non autorisée : l'API d'un export se lit en GET.`);
        throw new GeoNatureError(404, `Aucune ressource à ${url.pathname} sur cette instance GeoNature simulée (l'API d'un export : ${new URL(root).pathname}/exports/api/{id}).`);
      }),
    },
  ];
}

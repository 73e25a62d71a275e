// Routes of the simulated diffusion services (roots of _data/urls.json `public` and `private`): WFS, WMS
// vector and raster, WMTS and TMS, download service. They answer small valid documents listing the
// PUBLISHED offerings of the simulated datastore; anything else gets the service's own error document.
import { featureTypes, publishedOn } from "../diffusion/published.ts";
import type { Published } from "../diffusion/published.ts";
import { wfsCapabilities, wmsCapabilities } from "../diffusion/capabilities.ts";
import { capabilitiesFeed, feedJson, feedXml, resourceFeed, subResourceFeed } from "../diffusion/download.ts";
import type { Feed } from "../diffusion/download.ts";
import { tmsMetadata, tmsService, tmsTileMap, wmtsCapabilities } from "../diffusion/tiles.ts";
import { el, xmlDocument } from "../formats/xml.ts";
import type { ConfigurationType } from "../resources/configurations/records.ts";
import { SERVICE_ROOTS } from "../seed.ts";
import type { ServiceRoots } from "../seed.ts";
import { json } from "./respond.ts";
import { publicAnnexeRoute } from "../resources/annexes/public.ts";
import type { RouteInput } from "./route.ts";

/** A route of a diffusion service: an absolute URL pattern and its handler. */
export interface DiffusionRoute {
  path: string;
  handle: (input: RouteInput) => Response | Promise<Response>;
}

const xml = (body: string, status = 200): Response => new Response(body, { status, headers: { "Content-Type": "text/xml; charset=UTF-8" } });

// OWS 1.1 exception report (WFS 2.0.0, WMTS 1.0.0).
function owsError(status: number, code: string, locator: string, message: string, version: string): Response {
  return xml(xmlDocument(el("ows:ExceptionReport", { "xmlns:ows": "http://www.opengis.net/ows/1.1", version, "xml:lang": "fr" },
    el("ows:Exception", { exceptionCode: code, locator }, el("ows:ExceptionText", {}, message)))), status);
}

// WMS 1.3.0 service exception report.
function wmsError(status: number, code: string | undefined, message: string): Response {
  return xml(xmlDocument(el("ServiceExceptionReport", { version: "1.3.0", xmlns: "http://www.opengis.net/ogc" }, el("ServiceException", { code }, message))), status);
}

// TMS error document.
const tmsError = (message: string): Response => xml(xmlDocument(el("TileMapServerError", {}, el("Message", {}, message))), 404);

// Query parameters are case-insensitive in OGC services.
function param(url: URL, name: string): string | null {
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
  return null;
}

const list = (value: string | null): string[] => (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
const UNSUPPORTED = "la simulation de la Géoplateforme ne répond qu'à GetCapabilities : les données elles-mêmes ne sont pas servies";

// Shared checks of an OGC request: SERVICE and REQUEST; returns the request name or an error response.
function ogcRequest(url: URL, service: string, error: (status: number, code: string | undefined, locator: string, message: string) => Response): string | Response {
  const given = param(url, "service");
  if (given && given.toUpperCase() !== service) return error(400, "InvalidParameterValue", "service", `Service ${given} inconnu ici : ce point d'accès est un service ${service}.`);
  const request = param(url, "request");
  if (!request) return error(400, "MissingParameterValue", "request", `Paramètre REQUEST manquant (par exemple REQUEST=GetCapabilities&SERVICE=${service}).`);
  return request;
}

function wfs(open: boolean, root: string) {
  return ({ store, url }: RouteInput): Response => {
    const error = (status: number, code: string | undefined, locator: string, message: string): Response => owsError(status, code ?? "NoApplicableCode", locator, message, "2.0.0");
    const request = ogcRequest(url, "WFS", error);
    if (typeof request !== "string") return request;
    const types = store.run((ctx) => featureTypes(publishedOn(ctx, "WFS", open)));
    const unknown = list(param(url, "typeNames") ?? param(url, "typeName")).filter((name) => !types.some((type) => type.name === name));
    if (unknown.length > 0) {
      return error(400, "InvalidParameterValue", "typeNames", `Type(s) d'objets inconnu(s) : ${unknown.join(", ")}. Types publiés : ${types.map((t) => t.name).join(", ") || "aucun"} (une offre doit être PUBLISHED).`);
    }
    if (request.toLowerCase() === "getcapabilities") return xml(wfsCapabilities(root, types));
    return error(501, "OperationNotSupported", "request", `Opération ${request} : ${UNSUPPORTED}.`);
  };
}

function wms(open: boolean, root: string, type: ConfigurationType, title: string) {
  return ({ store, url }: RouteInput): Response => {
    const request = ogcRequest(url, "WMS", (status, code, _locator, message) => wmsError(status, code === "MissingParameterValue" ? undefined : code, message));
    if (typeof request !== "string") return request;
    const published = store.run((ctx) => publishedOn(ctx, type, open));
    const unknown = list(param(url, "layers") ?? param(url, "layer")).filter((name) => !published.some((p) => p.configuration.layer_name === name));
    if (unknown.length > 0) {
      return wmsError(400, "LayerNotDefined", `Couche(s) inconnue(s) : ${unknown.join(", ")}. Couches publiées : ${published.map((p) => p.configuration.layer_name).join(", ") || "aucune"} (une offre doit être PUBLISHED).`);
    }
    if (request.toLowerCase() === "getcapabilities") return xml(wmsCapabilities(root, title, published, type === "WMS-RASTER"));
    return wmsError(501, "OperationNotSupported", `Opération ${request} : ${UNSUPPORTED}.`);
  };
}

function wmts(open: boolean, root: string) {
  return ({ store, url }: RouteInput): Response => {
    const error = (status: number, code: string | undefined, locator: string, message: string): Response => owsError(status, code ?? "NoApplicableCode", locator, message, "1.0.0");
    const request = ogcRequest(url, "WMTS", error);
    if (typeof request !== "string") return request;
    const published = store.run((ctx) => publishedOn(ctx, "WMTS-TMS", open));
    const layer = param(url, "layer");
    if (layer && !published.some((p) => p.configuration.layer_name === layer)) {
      return error(400, "InvalidParameterValue", "layer", `Couche ${layer} inconnue. Couches publiées : ${published.map((p) => p.configuration.layer_name).join(", ") || "aucune"} (une offre doit être PUBLISHED).`);
    }
    if (request.toLowerCase() === "getcapabilities") return xml(wmtsCapabilities(root, published));
    return error(501, "OperationNotSupported", "request", `Opération ${request} : ${UNSUPPORTED}.`);
  };
}

// The published WMTS-TMS layer of a TMS path, or the TMS error.
function tmsLayer(input: RouteInput, open: boolean): Published | Response {
  const layer = input.params.layer ?? "";
  const found = input.store.run((ctx) => publishedOn(ctx, "WMTS-TMS", open)).find((p) => p.configuration.layer_name === layer);
  return found ?? tmsError(`La couche ${layer} n'existe pas ou n'est pas publiée sur ce service TMS.`);
}

// A download feed in the representation the client asks for.
function feed(request: Request, body: Feed): Response {
  return (request.headers.get("accept") ?? "").includes("application/json") ? json(feedJson(body)) : xml(feedXml(body));
}

function downloadError(request: Request, message: string): Response {
  if ((request.headers.get("accept") ?? "").includes("application/json")) return json({ code: 404, message }, 404);
  return xml(xmlDocument(el("error", {}, el("code", {}, 404), el("message", {}, message))), 404);
}

function downloadRoutes(open: boolean, root: string): DiffusionRoute[] {
  const resource = (input: RouteInput): Published | undefined =>
    input.store.run((ctx) => publishedOn(ctx, "DOWNLOAD", open)).find((p) => p.configuration.layer_name === input.params.layer);
  const missing = (input: RouteInput): Response => downloadError(input.request, `La ressource ${input.params.layer} n'existe pas ou n'est pas publiée sur ce service de téléchargement.`);
  return [
    { path: `${root}/capabilities`, handle: (input) => feed(input.request, input.store.run((ctx) =>
      capabilitiesFeed(root, publishedOn(ctx, "DOWNLOAD", open), ctx.now, { zone: param(input.url, "zone"), format: param(input.url, "format") }))) },
    { path: `${root}/resource/:layer`, handle: (input) => {
      const found = resource(input);
      return found ? feed(input.request, input.store.run((ctx) => resourceFeed(root, found, ctx))) : missing(input);
    } },
    { path: `${root}/resource/:layer/:sub`, handle: (input) => {
      const found = resource(input);
      const body = found && input.store.run((ctx) => subResourceFeed(root, found, input.params.sub ?? "", ctx));
      return body ? feed(input.request, body) : found ? downloadError(input.request, `Sous-ressource ${input.params.sub} inconnue dans ${input.params.layer}.`) : missing(input);
    } },
    { path: `${root}/*`, handle: (input) => downloadError(input.request, "Chemin inconnu du service de téléchargement simulé (les fichiers eux-mêmes ne sont pas conservés par la simulation).") },
  ];
}

/** Every diffusion route, open then private, then the published annexes; `origin` replaces https://data.geopf.fr (e.g. for a local server). */
export function diffusionRoutes(origin?: string): DiffusionRoute[] {
  const routes: DiffusionRoute[] = [];
  for (const open of [true, false]) {
    const roots = Object.fromEntries(Object.entries(open ? SERVICE_ROOTS.open : SERVICE_ROOTS.private)
      .map(([key, url]) => [key, origin ? url.replace(/^https:\/\/data\.geopf\.fr/, origin.replace(/\/+$/, "")) : url])) as unknown as ServiceRoots;
    const add = (paths: string[], handle: DiffusionRoute["handle"]): void => paths.forEach((path) => routes.push({ path, handle }));
    add([roots.wfs, `${roots.wfs}/geoserver/ows`, `${roots.wfs}/ows`], wfs(open, roots.wfs));
    add([roots.wmsv, `${roots.wmsv}/geoserver/ows`, `${roots.wmsv}/ows`], wms(open, roots.wmsv, "WMS-VECTOR", "Service WMS vecteur de la Géoplateforme (simulation)"));
    add([roots.wmsr, `${roots.wmsr}/wms`], wms(open, roots.wmsr, "WMS-RASTER", "Service WMS raster de la Géoplateforme (simulation)"));
    add([roots.wmts], wmts(open, roots.wmts));
    add([`${roots.tms}/1.0.0`], ({ store }) => xml(tmsService(roots.tms, store.run((ctx) => publishedOn(ctx, "WMTS-TMS", open)))));
    add([`${roots.tms}/1.0.0/:layer`], (input) => {
      const found = tmsLayer(input, open);
      return found instanceof Response ? found : xml(tmsTileMap(roots.tms, found));
    });
    add([`${roots.tms}/1.0.0/:layer/metadata.json`], (input) => {
      const found = tmsLayer(input, open);
      if (found instanceof Response) return found;
      return found.storedData[0]?.type === "ROK4-PYRAMID-VECTOR" ? json(tmsMetadata(roots.tms, found)) : tmsError(`La couche ${input.params.layer} est une pyramide raster : pas de metadata.json.`);
    });
    add([`${roots.tms}/1.0.0/:layer/*`], (input) => {
      const found = tmsLayer(input, open);
      return found instanceof Response ? found : tmsError("Les tuiles ne sont pas produites par la simulation : seuls les documents de description des couches le sont.");
    });
    routes.push(...downloadRoutes(open, roots.download));
  }
  routes.push(publicAnnexeRoute(origin));
  return routes;
}

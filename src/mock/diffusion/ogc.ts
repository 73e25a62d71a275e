// What every simulated OGC service shares: XML responses, OWS and WMS exception reports, case-insensitive
// query parameters and the SERVICE/REQUEST checks.
import { el, xmlDocument } from "../formats/xml.ts";
import type { RouteInput } from "../http/route.ts";

/** A handler of a diffusion route. */
export type DiffusionHandler = (input: RouteInput) => Response | Promise<Response>;

/** An XML response (text/xml). */
export const xml = (body: string, status = 200): Response =>
  new Response(body, { status, headers: { "Content-Type": "text/xml; charset=UTF-8", "Access-Control-Allow-Origin": "*" } });

/** An OWS 1.1 exception report (WFS 2.0.0, WMTS 1.0.0). */
export function owsError(status: number, code: string, locator: string, message: string, version: string): Response {
  return xml(xmlDocument(el("ows:ExceptionReport", { "xmlns:ows": "http://www.opengis.net/ows/1.1", version, "xml:lang": "fr" },
    el("ows:Exception", { exceptionCode: code, locator }, el("ows:ExceptionText", {}, message)))), status);
}

/** A WMS 1.3.0 service exception report. */
export function wmsError(status: number, code: string | undefined, message: string): Response {
  return xml(xmlDocument(el("ServiceExceptionReport", { version: "1.3.0", xmlns: "http://www.opengis.net/ogc" }, el("ServiceException", { code }, message))), status);
}

/** A TMS error document (404 unless told: ROK4 answers 400 to a malformed request, 404 when there is no data). */
export const tmsError = (message: string, status = 404): Response => xml(xmlDocument(el("TileMapServerError", {}, el("Message", {}, message))), status);

/** A query parameter, whatever its case (OGC parameters are case-insensitive). */
export function param(url: URL, name: string): string | null {
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
  return null;
}

/** A comma-separated parameter as a list of trimmed, non-empty items. */
export const list = (value: string | null): string[] => (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);

/** Text of the operations the simulation does not implement. */
export const UNSUPPORTED = "opération non simulée par cet entrepôt";

/** Shared checks of an OGC request (SERVICE, REQUEST): the request name, or the error response. */
export function ogcRequest(url: URL, service: string, error: (status: number, code: string | undefined, locator: string, message: string) => Response): string | Response {
  const given = param(url, "service");
  if (given && given.toUpperCase() !== service) return error(400, "InvalidParameterValue", "service", `Service ${given} inconnu ici : ce point d'accès est un service ${service}.`);
  const request = param(url, "request");
  if (!request) return error(400, "MissingParameterValue", "request", `Paramètre REQUEST manquant (par exemple REQUEST=GetCapabilities&SERVICE=${service}).`);
  return request;
}

// The simulated WMTS 1.0.0 service (ROK4): GetCapabilities over the PUBLISHED WMTS-TMS offerings.
import { publishedOn } from "./published.ts";
import { wmtsCapabilities } from "./tiles.ts";
import type { DiffusionHandler } from "./ogc.ts";
import { ogcRequest, owsError, param, UNSUPPORTED, xml } from "./ogc.ts";

/** Handler of the WMTS root of one visibility. */
export function wmtsService(open: boolean, root: string): DiffusionHandler {
  return ({ store, url }) => {
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

// What the two simulated WMS 1.3.0 services (vector and raster) share: checks, published layers, capabilities.
import { publishedOn } from "./published.ts";
import type { Published } from "./published.ts";
import { wmsCapabilities } from "./capabilities.ts";
import type { ConfigurationType } from "../resources/configurations/records.ts";
import type { RouteInput } from "../http/route.ts";
import type { LayerStyle } from "./raster-styles.ts";
import { list, ogcRequest, param, wmsError, xml } from "./ogc.ts";

/** A checked WMS request: its name, the published layers of the service and the asked ones. */
export interface WmsRequest {
  request: string;
  published: Published[];
  layers: Published[];
}

/** Checks SERVICE, REQUEST and LAYERS: the request, or the error response; answers GetCapabilities itself. */
export function wmsRequest(input: RouteInput, open: boolean, root: string, type: ConfigurationType, title: string, styles?: Map<string, LayerStyle[]>): WmsRequest | Response {
  const { store, url } = input;
  const request = ogcRequest(url, "WMS", (status, code, _locator, message) => wmsError(status, code === "MissingParameterValue" ? undefined : code, message));
  if (typeof request !== "string") return request;
  const published = store.run((ctx) => publishedOn(ctx, type, open));
  const names = list(param(url, "layers") ?? param(url, "layer"));
  const unknown = names.filter((name) => !published.some((p) => p.configuration.layer_name === name));
  if (unknown.length > 0) {
    return wmsError(400, "LayerNotDefined", `Couche(s) inconnue(s) : ${unknown.join(", ")}. Couches publiées : ${published.map((p) => p.configuration.layer_name).join(", ") || "aucune"} (une offre doit être PUBLISHED).`);
  }
  if (request.toLowerCase() === "getcapabilities") return xml(wmsCapabilities(root, title, published, type === "WMS-RASTER", styles));
  return { request, published, layers: names.map((name) => published.find((p) => p.configuration.layer_name === name)!) };
}

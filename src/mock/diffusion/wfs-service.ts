// The simulated WFS 2.0.0 service: GetCapabilities over the PUBLISHED WFS offerings.
import { featureTypes, publishedOn } from "./published.ts";
import { wfsCapabilities } from "./capabilities.ts";
import type { DiffusionHandler } from "./ogc.ts";
import { list, ogcRequest, owsError, param, UNSUPPORTED, xml } from "./ogc.ts";

/** Handler of the WFS root of one visibility. */
export function wfsService(open: boolean, root: string): DiffusionHandler {
  return ({ store, url }) => {
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

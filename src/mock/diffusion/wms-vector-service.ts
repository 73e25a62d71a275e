// The simulated WMS-Vecteur 1.3.0 service (GeoServer): GetCapabilities over the PUBLISHED WMS-VECTOR offerings.
import type { DiffusionHandler } from "./ogc.ts";
import { UNSUPPORTED, wmsError } from "./ogc.ts";
import { wmsRequest } from "./wms-common.ts";

/** Handler of the WMS-Vecteur root of one visibility. */
export function wmsVectorService(open: boolean, root: string): DiffusionHandler {
  return (input) => {
    const checked = wmsRequest(input, open, root, "WMS-VECTOR", "Service WMS vecteur de la Géoplateforme (simulation)");
    if (checked instanceof Response) return checked;
    return wmsError(501, "OperationNotSupported", `Opération ${checked.request} : ${UNSUPPORTED}.`);
  };
}

// The simulated WMS-Raster 1.3.0 service (ROK4): GetCapabilities over the PUBLISHED WMS-RASTER offerings.
import type { DiffusionHandler } from "./ogc.ts";
import { UNSUPPORTED, wmsError } from "./ogc.ts";
import { wmsRequest } from "./wms-common.ts";

/** Handler of the WMS-Raster root of one visibility. */
export function wmsRasterService(open: boolean, root: string): DiffusionHandler {
  return (input) => {
    const checked = wmsRequest(input, open, root, "WMS-RASTER", "Service WMS raster de la Géoplateforme (simulation)");
    if (checked instanceof Response) return checked;
    return wmsError(501, "OperationNotSupported", `Opération ${checked.request} : ${UNSUPPORTED}.`);
  };
}

// Routes of the simulated diffusion services (roots of _data/urls.json `public` and `private`): WFS, WMS
// vector and raster, WMTS and TMS, download service, altimetry (the private ones behind the key check), the vector tiles
// computed on the fly (VECTOR-TMS, open only), then the published annexes. Each service is a module
// of ../diffusion/.
import { SERVICE_ROOTS, VECTOR_TMS_ROOT } from "../seed.ts";
import type { ServiceRoots } from "../seed.ts";
import { publicAnnexeRoute } from "../resources/annexes/public.ts";
import type { RouteInput } from "./route.ts";
import { privateAccess } from "./private-access.ts";
import { wfsService } from "../diffusion/wfs-service.ts";
import { wmsVectorService } from "../diffusion/wms-vector-service.ts";
import { wmsRasterService } from "../diffusion/wms-raster-service.ts";
import { wmtsService } from "../diffusion/wmts-service.ts";
import { tmsRoutes } from "../diffusion/tms-service.ts";
import { vectorTmsRoutes } from "../diffusion/vector-tms-service.ts";
import { downloadRoutes } from "../diffusion/download-service.ts";
import { altimetryRoutes } from "../diffusion/altimetry-service.ts";
import { cswRoutes } from "../diffusion/csw-service.ts";
import { searchRoutes } from "../diffusion/search-service.ts";
import { privateSearchRoutes } from "../diffusion/search-private.ts";
import { publicDocumentRoute } from "../resources/documents/routes.ts";

/** A route of a diffusion service: an absolute URL pattern and its handler. */
export interface DiffusionRoute {
  path: string;
  /** GET unless told (the altimetry service also answers POST). */
  method?: "GET" | "POST";
  handle: (input: RouteInput) => Response | Promise<Response>;
}

/** Every diffusion route, open then private, then the published annexes; `origin` replaces https://data.geopf.fr (e.g. for a local server). */
export function diffusionRoutes(origin?: string): DiffusionRoute[] {
  const routes: DiffusionRoute[] = [];
  for (const open of [true, false]) {
    const first = routes.length;
    const roots = Object.fromEntries(Object.entries(open ? SERVICE_ROOTS.open : SERVICE_ROOTS.private)
      .map(([key, url]) => [key, origin ? url.replace(/^https:\/\/data\.geopf\.fr/, origin.replace(/\/+$/, "")) : url])) as unknown as ServiceRoots;
    const add = (paths: string[], handle: DiffusionRoute["handle"]): void => paths.forEach((path) => routes.push({ path, handle }));
    add([roots.wfs, `${roots.wfs}/geoserver/ows`, `${roots.wfs}/ows`], wfsService(open, roots.wfs));
    add([roots.wmsv, `${roots.wmsv}/geoserver/ows`, `${roots.wmsv}/ows`], wmsVectorService(open, roots.wmsv));
    add([roots.wmsr, `${roots.wmsr}/wms`], wmsRasterService(open, roots.wmsr));
    add([roots.wmts], wmtsService(open, roots.wmts));
    for (const [suffix, handle] of tmsRoutes(open, roots.tms)) add([`${roots.tms}/1.0.0${suffix}`], handle);
    routes.push(...downloadRoutes(open, roots.download));
    for (const [path, handle, method] of altimetryRoutes(open, roots.alti)) routes.push(method ? { path, handle, method } : { path, handle });
    // The private roots: one key check before every service (http/private-access.ts).
    if (!open) for (let index = first; index < routes.length; index++) routes[index] = { ...routes[index]!, handle: privateAccess(routes[index]!.handle) };
  }
  // Vector tiles computed on the fly (VECTOR-TMS): an open service only.
  const tmsv = origin ? VECTOR_TMS_ROOT.replace(/^https:\/\/data\.geopf\.fr/, origin.replace(/\/+$/, "")) : VECTOR_TMS_ROOT;
  for (const [suffix, handle] of vectorTmsRoutes(tmsv)) routes.push({ path: `${tmsv}${suffix}`, handle });
  routes.push(publicAnnexeRoute(origin));
  routes.push(...cswRoutes(origin));
  routes.push(...searchRoutes(origin), ...privateSearchRoutes(origin));
  routes.push(publicDocumentRoute(origin));
  return routes;
}

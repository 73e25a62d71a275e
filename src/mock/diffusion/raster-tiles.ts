// Raster tiles of a published ROK4-PYRAMID-RASTER, for the TMS (and WMTS) services.
import type { Published } from "./published.ts";
import type { RouteInput } from "../http/route.ts";
import { tmsError } from "./ogc.ts";

/** The tile z/x/y (as in the TMS URL) of a published raster pyramid, or a TMS error. */
export async function rasterTmsTile(_input: RouteInput, _published: Published, _tile: { z: number; x: number; y: number; ext: string }): Promise<Response> {
  return tmsError("Tuiles raster non encore produites par la simulation.");
}

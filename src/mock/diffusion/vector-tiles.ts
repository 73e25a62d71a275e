// Vector tiles (Mapbox Vector Tiles) of a published ROK4-PYRAMID-VECTOR, for the TMS service.
import type { Published } from "./published.ts";
import type { RouteInput } from "../http/route.ts";
import { tmsError } from "./ogc.ts";

/** The tile z/x/y (TMS row order as in the URL) of a published vector pyramid, or a TMS error. */
export async function vectorTile(_input: RouteInput, _published: Published, _tile: { z: number; x: number; y: number; ext: string }): Promise<Response> {
  return tmsError("Tuiles vectorielles non encore produites par la simulation.");
}

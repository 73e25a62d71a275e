// What the vector tile tests share: the XYZ tile of a place, a tile point back to longitude and latitude,
// and a tile's bytes decoded as MapLibre and OpenLayers read them (@mapbox/vector-tile over pbf).
import { VectorTile } from "@mapbox/vector-tile";
import type { VectorTileFeature } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";

/** XYZ tile (row counted from the top) of a longitude, latitude at level z. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

/** Longitude, latitude of a point given in the coordinates of tile z/x/y. */
export function lonLatOf(px: number, py: number, extent: number, z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const lon = ((x + px / extent) / n) * 360 - 180;
  const mercator = Math.PI * (1 - (2 * (y + py / extent)) / n);
  return [lon, (Math.atan(Math.sinh(mercator)) * 180) / Math.PI];
}

/** The decoded tile. */
export const decodeTile = (bytes: Uint8Array): VectorTile => new VectorTile(new PbfReader(bytes));

/** The features of one layer of a decoded tile (empty when the layer is absent). */
export function layerFeatures(tile: VectorTile, name: string): VectorTileFeature[] {
  const layer = tile.layers[name];
  return layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i)) : [];
}

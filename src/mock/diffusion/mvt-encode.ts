// Mapbox Vector Tile encoding of vector tables: one geojson-vt index per table (features projected to Web
// Mercator, cut and simplified in tile coordinates), one MVT layer per table in a tile, written by vt-pbf
// (specification version 2, extent 4096). Both libraries are loaded only when a first tile is asked for.
/// <reference path="./mvt-vt-pbf.d.ts" />
import type GeoJSONVT from "geojson-vt";
import type { LegacyTile } from "geojson-vt";
import type { Feature as GeoJsonFeature, FeatureCollection, Geometry as GeoJsonGeometry } from "geojson";
import type { Table } from "./vector-data.ts";

/** Extent (units per tile side) of the tiles written. */
export const MVT_EXTENT = 4096;
/** Version of the vector tile specification written. */
export const MVT_VERSION = 2;

/** A table's tile index, with the name of the MVT layer it fills. */
export interface TableIndex {
  layer: string;
  index: GeoJSONVT;
}

// Only the wanted attributes of a feature (in the order of `attributes`).
function pick(properties: Table["features"][number]["properties"], attributes: string[]): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const name of attributes) if (name in properties) out[name] = properties[name] ?? null;
  return out;
}

/** The tile index of a table's features with their `attributes` only, precise down to level `maxZoom`. */
export async function indexTable(table: Table, attributes: string[], maxZoom: number): Promise<TableIndex> {
  const { default: GeoJSONVTClass } = await import("geojson-vt");
  const features: GeoJsonFeature[] = table.features.flatMap((feature) =>
    feature.geometry ? [{ type: "Feature" as const, id: feature.id, properties: pick(feature.properties, attributes), geometry: feature.geometry as GeoJsonGeometry }] : []);
  const collection: FeatureCollection = { type: "FeatureCollection", features };
  const index = new GeoJSONVTClass(collection, {
    maxZoom: Math.max(0, Math.min(24, maxZoom)), indexMaxZoom: Math.max(0, Math.min(5, maxZoom)), extent: MVT_EXTENT, buffer: 64, tolerance: 3,
  });
  return { layer: table.name, index };
}

/** The layers of tile z/x/y (row counted from the top) that hold at least one feature, by layer name. */
export function tileLayers(indexes: TableIndex[], z: number, x: number, y: number): Record<string, LegacyTile> {
  const layers: Record<string, LegacyTile> = {};
  for (const { layer, index } of indexes) {
    const tile = index.getTile(z, x, y);
    if (tile && tile.features.length > 0) layers[layer] = tile;
  }
  return layers;
}

/** The Mapbox Vector Tile bytes of geojson-vt tiles, one MVT layer per key. */
export async function encodeTile(layers: Record<string, LegacyTile>): Promise<Uint8Array<ArrayBuffer>> {
  const module = await import("vt-pbf");
  const fromGeojsonVt = module.fromGeojsonVt ?? module.default.fromGeojsonVt;
  return fromGeojsonVt(layers, { version: MVT_VERSION, extent: MVT_EXTENT });
}

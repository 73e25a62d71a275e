// The features of a stored data's tables, read back from the files it was made from (the bytes the datastore
// kept), for the diffusion services: WFS, WMS-Vecteur, vector tiles.
import type { Store } from "../core/store.ts";
import type { StoredDataRecord } from "../resources/stored-data/records.ts";

/** A GeoJSON geometry (coordinates in WGS 84 longitude, latitude). */
export type Geometry =
  | { type: "Point"; coordinates: number[] }
  | { type: "MultiPoint" | "LineString"; coordinates: number[][] }
  | { type: "MultiLineString" | "Polygon"; coordinates: number[][][] }
  | { type: "MultiPolygon"; coordinates: number[][][][] };

/** One feature of a table: its `ogc_fid`, attributes by integrated column name, geometry (null when none). */
export interface Feature {
  id: number;
  properties: Record<string, string | number | boolean | null>;
  geometry: Geometry | null;
}

/** One table of a VECTOR-DB (or one tiled table of a ROK4-PYRAMID-VECTOR). */
export interface Table {
  name: string;
  /** Integrated columns (without ogc_fid and geom) and their PostgreSQL types. */
  columns: { name: string; type: string }[];
  /** Geometry type as in details.relations (e.g. MULTIPOLYGON, POINT), when the table has one. */
  geometryType?: string;
  /** WGS 84 [west, south, east, north] of the features, when any. */
  bbox?: [number, number, number, number];
  features: Feature[];
}

/** The tables of a VECTOR-DB or ROK4-PYRAMID-VECTOR stored data, by name (empty for other types). */
export async function vectorTables(_store: Store, _storedData: StoredDataRecord): Promise<Map<string, Table>> {
  return new Map();
}

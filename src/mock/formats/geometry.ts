// GeoJSON geometries as the feature readers give them (coordinates in the file's CRS), their conversion to
// WGS 84 longitude/latitude and their envelope.
import { convertible, lambert93ToWgs84, mercatorToWgs84 } from "./crs.ts";
import type { Envelope } from "./wkb.ts";

/** A GeoJSON geometry (positions [x, y] or [x, y, z]). */
export type GeoJsonGeometry =
  | { type: "Point"; coordinates: number[] }
  | { type: "MultiPoint" | "LineString"; coordinates: number[][] }
  | { type: "MultiLineString" | "Polygon"; coordinates: number[][][] }
  | { type: "MultiPolygon"; coordinates: number[][][][] };

/** A feature as a reader gives it: source attribute values by source column name, geometry in the file's CRS. */
export interface SourceFeature {
  properties: Record<string, unknown>;
  geometry: GeoJsonGeometry | null;
}

type Convert = (x: number, y: number) => [number, number];

/** The conversion of an srs to WGS 84 lon/lat, or undefined when the simulation cannot convert it. */
export function toWgs84(srs: string | undefined): Convert | undefined {
  if (srs === "EPSG:2154") return lambert93ToWgs84;
  if (srs === "EPSG:3857" || srs === "EPSG:900913") return mercatorToWgs84;
  return convertible(srs) ? (x, y) => [x, y] : undefined;
}

const round = (v: number): number => Math.round(v * 1e9) / 1e9;

// Applies a conversion to nested coordinate arrays (depth 0 = one position).
function mapPositions(value: unknown, depth: number, convert: Convert): unknown {
  if (depth === 0) {
    const [x, y] = convert(...(value as [number, number]));
    return [round(x), round(y)];
  }
  return (value as unknown[]).map((item) => mapPositions(item, depth - 1, convert));
}

/** Nesting depth of the positions of each geometry type. */
export const DEPTH: Record<GeoJsonGeometry["type"], number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** The geometry with every position converted (2D, rounded to 1e-9). */
export function convertGeometry(geometry: GeoJsonGeometry, convert: Convert): GeoJsonGeometry {
  return { type: geometry.type, coordinates: mapPositions(geometry.coordinates, DEPTH[geometry.type], convert) } as GeoJsonGeometry;
}

/** Calls `visit` on every position of a geometry. */
export function eachPosition(geometry: GeoJsonGeometry, visit: (x: number, y: number) => void): void {
  const walk = (value: unknown, depth: number): void => {
    if (depth === 0) visit((value as number[])[0]!, (value as number[])[1]!);
    else for (const item of value as unknown[]) walk(item, depth - 1);
  };
  walk(geometry.coordinates, DEPTH[geometry.type]);
}

/** Envelope [minX, minY, maxX, maxY] of a geometry (undefined when it has no position). */
export function geometryEnvelope(geometry: GeoJsonGeometry): Envelope | undefined {
  let e: Envelope | undefined;
  eachPosition(geometry, (x, y) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (!e) e = [x, y, x, y];
    else e = [Math.min(e[0], x), Math.min(e[1], y), Math.max(e[2], x), Math.max(e[3], y)];
  });
  return e;
}

/** Whether a value is a GeoJSON geometry of a supported type with well-formed coordinates. */
export function isGeoJsonGeometry(value: unknown): value is GeoJsonGeometry {
  if (typeof value !== "object" || value === null) return false;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (typeof type !== "string" || !(type in DEPTH)) return false;
  const check = (item: unknown, depth: number): boolean =>
    depth === 0 ? Array.isArray(item) && item.length >= 2 && item.every((n) => typeof n === "number" && Number.isFinite(n)) : Array.isArray(item) && item.every((sub) => check(sub, depth - 1));
  return check(coordinates, DEPTH[type as GeoJsonGeometry["type"]]);
}

// Twice the signed area of a ring (positive when counter-clockwise, x east and y north).
const ringArea = (ring: number[][]): number => ring.reduce((sum, [x1, y1], i) => {
  const [x2, y2] = ring[(i + 1) % ring.length]!;
  return sum + x1! * y2! - x2! * y1!;
}, 0);

/** The geometry with its polygons wound as RFC 7946 asks: exterior rings counter-clockwise, holes clockwise. */
export function rfc7946Winding(geometry: GeoJsonGeometry): GeoJsonGeometry {
  const polygon = (rings: number[][][]): number[][][] => rings.map((ring, i) => ((ringArea(ring) < 0) === (i === 0) ? [...ring].reverse() : ring));
  if (geometry.type === "Polygon") return { type: "Polygon", coordinates: polygon(geometry.coordinates) };
  if (geometry.type === "MultiPolygon") return { type: "MultiPolygon", coordinates: geometry.coordinates.map(polygon) };
  return geometry;
}

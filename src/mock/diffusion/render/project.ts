// The map frame of a WMS request: its CRS (EPSG:3857, EPSG:4326, CRS:84, EPSG:2154), BBOX read in the
// axis order of the WMS version, size in pixels; WGS 84 positions to pixels and back, and the scale
// denominator as GeoServer computes it (OGC method: 0.28 mm pixels, degrees as metres at the equator).
import { lambert93ToWgs84, mercatorToWgs84, PM_HALF_SIDE, wgs84ToLambert93, wgs84ToMercator } from "../../formats/crs.ts";
import type { Pixel } from "./raster.ts";

/** CRS the simulated WMS draws in. */
export const MAP_CRS = ["EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:2154"] as const;
/** Other names GeoServer accepts for them. */
const ALIASES: Record<string, (typeof MAP_CRS)[number]> = {
  "EPSG:900913": "EPSG:3857", "EPSG:102100": "EPSG:3857", "OGC:CRS84": "CRS:84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84": "CRS:84",
  "URN:OGC:DEF:CRS:EPSG::4326": "EPSG:4326", "URN:OGC:DEF:CRS:EPSG::3857": "EPSG:3857", "URN:OGC:DEF:CRS:EPSG::2154": "EPSG:2154",
};

/** One of MAP_CRS. */
export type MapCrs = (typeof MAP_CRS)[number];

/** The CRS a request names, or undefined when the simulation cannot draw in it. */
export function mapCrs(name: string): MapCrs | undefined {
  const upper = name.trim().toUpperCase();
  return (MAP_CRS as readonly string[]).includes(upper) ? (upper as MapCrs) : ALIASES[upper];
}

/** A map frame: easting/northing bounds (longitude/latitude for geographic CRS), size in pixels. */
export interface Frame {
  crs: MapCrs;
  /** [minX, minY, maxX, maxY], X east, Y north. */
  bounds: [number, number, number, number];
  width: number;
  height: number;
}

/** The BBOX values as [minX, minY, maxX, maxY] east/north: WMS 1.3.0 EPSG:4326 is latitude first. */
export function frameBounds(values: number[], crs: MapCrs, version: string): [number, number, number, number] {
  const [a, b, c, d] = values as [number, number, number, number];
  return crs === "EPSG:4326" && !version.startsWith("1.1") ? [b, a, d, c] : [a, b, c, d];
}

/** WGS 84 longitude/latitude to the frame's CRS (east, north). */
export function toMap(crs: MapCrs, lon: number, lat: number): [number, number] {
  if (crs === "EPSG:3857") return wgs84ToMercator(lon, lat);
  if (crs === "EPSG:2154") return wgs84ToLambert93(lon, lat);
  return [lon, lat];
}

/** The frame's CRS (east, north) to WGS 84 longitude/latitude. */
export function fromMap(crs: MapCrs, x: number, y: number): [number, number] {
  if (crs === "EPSG:3857") return mercatorToWgs84(x, y);
  if (crs === "EPSG:2154") return lambert93ToWgs84(x, y);
  return [x, y];
}

/** WGS 84 → pixel of the frame. */
export function toPixel(frame: Frame, lon: number, lat: number): Pixel {
  const [x, y] = toMap(frame.crs, lon, lat);
  const [minX, minY, maxX, maxY] = frame.bounds;
  return [((x - minX) / (maxX - minX)) * frame.width, ((maxY - y) / (maxY - minY)) * frame.height];
}

/** Map coordinates (east, north) of a pixel position of the frame. */
export function pixelToMap(frame: Frame, px: number, py: number): [number, number] {
  const [minX, minY, maxX, maxY] = frame.bounds;
  return [minX + (px / frame.width) * (maxX - minX), maxY - (py / frame.height) * (maxY - minY)];
}

/** The frame and its copies shifted by whole worlds, covering what the BBOX shows beyond ±180° (GeoServer's
 * continuous map wrapping, for EPSG:4326, CRS:84 and EPSG:3857): drawing a feature in each copy repeats it. */
export function wrappedFrames(frame: Frame): Frame[] {
  if (frame.crs === "EPSG:2154") return [frame];
  const world = frame.crs === "EPSG:3857" ? 2 * PM_HALF_SIDE : 360;
  const [minX, minY, maxX, maxY] = frame.bounds;
  const first = Math.floor((minX + world / 2) / world);
  const last = Math.floor((maxX + world / 2) / world);
  // The copies of the 4 worlds each side at most: a wider BBOX shows them at a size where more add nothing readable.
  const ks = Array.from({ length: last - first + 1 }, (_, i) => first + i).filter((k) => Math.abs(k) <= 4);
  return ks.map((k): Frame => (k === 0 ? frame : { ...frame, bounds: [minX - k * world, minY, maxX - k * world, maxY] }));
}

/** Metres per degree at the equator, as GeoTools' OGC scale uses for geographic CRS. */
const DEGREE = (6378137 * 2 * Math.PI) / 360;

/** Scale denominator of the frame (GeoServer's OGC method: width on the ground / (pixels × 0.28 mm)). */
export function scaleDenominator(frame: Frame): number {
  const span = frame.bounds[2] - frame.bounds[0];
  const metres = frame.crs === "EPSG:4326" || frame.crs === "CRS:84" ? span * DEGREE : span;
  return metres / (frame.width * 0.00028);
}

/** The geometry's coordinates in the frame's CRS (east, north order), for GetFeatureInfo answers. */
export function projectCoordinates(crs: MapCrs, coordinates: unknown): unknown {
  if (Array.isArray(coordinates) && typeof coordinates[0] === "number") {
    const [x, y] = toMap(crs, coordinates[0], coordinates[1] as number);
    const round = (v: number): number => Math.round(v * 1e8) / 1e8;
    return [round(x), round(y)];
  }
  return Array.isArray(coordinates) ? coordinates.map((item) => projectCoordinates(crs, item)) : coordinates;
}

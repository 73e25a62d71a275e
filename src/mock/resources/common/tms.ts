// The tile matrix sets (TMS) the simulated raster_to_pyramid accepts: PM (Web Mercator, levels 0–21) and
// LAMB93_50cm (Lambert-93, levels 0–18). LAMB93_50cm is ROK4's definition (github.com/rok4/tilematrixsets,
// LAMB93_50cm.json): CRS IGNF:LAMB93, origin (0, 12 000 000) at the top-left, 256-pixel tiles, cell size
// 131 072 m at level 0 halved at each level down to 0.5 m at level 18, and the matrix widths and heights
// listed there. Coordinates of IGNF:LAMB93 are those of EPSG:2154.
import { PM_HALF_SIDE, pmResolution, wgs84ToLambert93, wgs84ToMercator } from "../../formats/crs.ts";
import type { Bbox } from "./geo.ts";

/** One tile matrix set. */
export interface TileMatrixSet {
  id: string;
  /** CRS of the pyramid (`srs` of its stored data). */
  srs: string;
  /** The EPSG code whose coordinates it uses (for drawing). */
  epsg: string;
  /** Top-left corner of every matrix. */
  origin: [number, number];
  tileSize: number;
  /** Per level: cell size (CRS units per pixel), matrix width and height in tiles. */
  levels: { resolution: number; width: number; height: number }[];
  /** WGS 84 longitude, latitude → TMS coordinates. */
  project: (lon: number, lat: number) => [number, number];
}

const LAMB93_WIDTHS = [1, 1, 1, 1, 1, 1, 2, 5, 10, 20, 39, 79, 157, 315, 630, 1260, 2520, 5040, 10080];
const LAMB93_HEIGHTS = [1, 1, 1, 3, 5, 10, 21, 41, 82, 164, 328, 656, 1313, 2627, 5255, 10510, 21020, 42040, 84081];

/** The TMS known to the simulation, by id. */
export const TILE_MATRIX_SETS: Record<string, TileMatrixSet> = {
  PM: {
    id: "PM", srs: "EPSG:3857", epsg: "EPSG:3857", origin: [-PM_HALF_SIDE, PM_HALF_SIDE], tileSize: 256,
    levels: Array.from({ length: 22 }, (_, z) => ({ resolution: pmResolution(z), width: 2 ** z, height: 2 ** z })),
    project: wgs84ToMercator,
  },
  LAMB93_50cm: {
    id: "LAMB93_50cm", srs: "IGNF:LAMB93", epsg: "EPSG:2154", origin: [0, 12000000], tileSize: 256,
    levels: LAMB93_WIDTHS.map((width, z) => ({ resolution: 131072 / 2 ** z, width, height: LAMB93_HEIGHTS[z]! })),
    project: wgs84ToLambert93,
  },
};

/** Ids of the known TMS, in the order of the processing's enum. */
export const TMS_IDS = Object.keys(TILE_MATRIX_SETS);

/** The TMS of an id (PM when the id is unknown or absent). */
export function tileMatrixSet(id: unknown): TileMatrixSet {
  return (typeof id === "string" ? TILE_MATRIX_SETS[id] : undefined) ?? TILE_MATRIX_SETS.PM!;
}

/** The level whose cell size is closest, on a logarithmic scale, to `resolution` (CRS units per pixel). */
export function closestLevel(tms: TileMatrixSet, resolution: number): number {
  let best = 0;
  tms.levels.forEach((level, z) => {
    if (Math.abs(Math.log2(level.resolution / resolution)) < Math.abs(Math.log2(tms.levels[best]!.resolution / resolution))) best = z;
  });
  return best;
}

/** The TMS box (minX, minY, maxX, maxY) of a WGS 84 box, from its projected corners and edge midpoints. */
export function projectBbox(tms: TileMatrixSet, [w, s, e, n]: Bbox): [number, number, number, number] {
  const points = [[w, s], [e, s], [e, n], [w, n], [(w + e) / 2, s], [(w + e) / 2, n], [w, (s + n) / 2], [e, (s + n) / 2]].map(([lon, lat]) => tms.project(lon!, lat!));
  return [Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))];
}

/** Columns and rows of the tiles of level z covering a box of the TMS CRS (clamped to the matrix). */
export function tileRange(tms: TileMatrixSet, [minX, minY, maxX, maxY]: [number, number, number, number], z: number): { minCol: number; maxCol: number; minRow: number; maxRow: number } {
  const level = tms.levels[z]!;
  const side = level.resolution * tms.tileSize;
  const clamp = (value: number, max: number): number => Math.max(0, Math.min(max - 1, value));
  return {
    minCol: clamp(Math.floor((minX - tms.origin[0]) / side), level.width), maxCol: clamp(Math.floor((maxX - tms.origin[0]) / side), level.width),
    minRow: clamp(Math.floor((tms.origin[1] - maxY) / side), level.height), maxRow: clamp(Math.floor((tms.origin[1] - minY) / side), level.height),
  };
}

/** Number of tiles of level z covering a WGS 84 box. */
export function tileCount(tms: TileMatrixSet, bbox: Bbox, z: number): number {
  const range = tileRange(tms, projectBbox(tms, bbox), z);
  return (range.maxCol - range.minCol + 1) * (range.maxRow - range.minRow + 1);
}

/** The box (minX, minY, maxX, maxY, TMS CRS) of tile (col, row) of level z, rows counted from the top. */
export function tmsTileBox(tms: TileMatrixSet, z: number, col: number, row: number): [number, number, number, number] {
  const side = tms.levels[z]!.resolution * tms.tileSize;
  const [ox, oy] = tms.origin;
  return [ox + col * side, oy - (row + 1) * side, ox + (col + 1) * side, oy - row * side];
}

/** WMTS scale denominator of level z (0.28 mm pixels, metric CRS). */
export const scaleDenominator = (tms: TileMatrixSet, z: number): number => tms.levels[z]!.resolution / 0.00028;

// Coordinate conversions needed by the simulation: Lambert-93 (EPSG:2154) and Web Mercator (EPSG:3857) to
// and from WGS 84 longitude/latitude, and the tile grid of the PM tile matrix set.
import type { Envelope } from "./wkb.ts";

const A = 6378137;
const E = 0.0818191910428158; // GRS80 first eccentricity
const RAD = Math.PI / 180;

// Lambert-93: conic conformal, standard parallels 44° and 49°, origin 46.5° N 3° E, false origin (700 000, 6 600 000).
const tFor = (phi: number): number => Math.tan(Math.PI / 4 - phi / 2) / ((1 - E * Math.sin(phi)) / (1 + E * Math.sin(phi))) ** (E / 2);
const mFor = (phi: number): number => Math.cos(phi) / Math.sqrt(1 - E * E * Math.sin(phi) ** 2);
const [P1, P2, P0] = [44 * RAD, 49 * RAD, 46.5 * RAD];
const N = (Math.log(mFor(P1)) - Math.log(mFor(P2))) / (Math.log(tFor(P1)) - Math.log(tFor(P2)));
const F = mFor(P1) / (N * tFor(P1) ** N);
const RHO0 = A * F * tFor(P0) ** N;
const [X0, Y0, L0] = [700000, 6600000, 3 * RAD];

/** Lambert-93 → [longitude, latitude]. */
export function lambert93ToWgs84(x: number, y: number): [number, number] {
  const dx = x - X0;
  const dy = RHO0 - (y - Y0);
  const rho = Math.sign(N) * Math.hypot(dx, dy);
  const t = (rho / (A * F)) ** (1 / N);
  let phi = Math.PI / 2 - 2 * Math.atan(t);
  for (let i = 0; i < 10; i++) phi = Math.PI / 2 - 2 * Math.atan(t * ((1 - E * Math.sin(phi)) / (1 + E * Math.sin(phi))) ** (E / 2));
  return [(Math.atan2(dx, dy) / N + L0) / RAD, phi / RAD];
}

/** [longitude, latitude] → Lambert-93. */
export function wgs84ToLambert93(lon: number, lat: number): [number, number] {
  const rho = A * F * tFor(lat * RAD) ** N;
  const theta = N * (lon * RAD - L0);
  return [X0 + rho * Math.sin(theta), Y0 + RHO0 - rho * Math.cos(theta)];
}

/** Web Mercator (EPSG:3857) → [longitude, latitude]. */
export function mercatorToWgs84(x: number, y: number): [number, number] {
  return [x / A / RAD, (2 * Math.atan(Math.exp(y / A)) - Math.PI / 2) / RAD];
}

/** [longitude, latitude] → Web Mercator (latitude clamped to ±85.0511°). */
export function wgs84ToMercator(lon: number, lat: number): [number, number] {
  const clamped = Math.max(-85.0511287798, Math.min(85.0511287798, lat));
  return [A * lon * RAD, A * Math.log(Math.tan(Math.PI / 4 + (clamped * RAD) / 2))];
}

/** Whether coordinates of this srs can be converted to WGS 84 here. */
export function convertible(srs: string | undefined): boolean {
  return ["EPSG:4326", "CRS:84", "EPSG:4171", "EPSG:3857", "EPSG:2154"].includes(srs ?? "");
}

/** An envelope of `srs` as a WGS 84 [west, south, east, north] (corners and edge midpoints projected). */
export function envelopeToWgs84(srs: string | undefined, envelope: Envelope): Envelope | undefined {
  const convert = srs === "EPSG:2154" ? lambert93ToWgs84 : srs === "EPSG:3857" ? mercatorToWgs84 : convertible(srs) ? (x: number, y: number): [number, number] => [x, y] : undefined;
  if (!convert) return undefined;
  const [minX, minY, maxX, maxY] = envelope;
  const points = [[minX, minY], [maxX, minY], [minX, maxY], [maxX, maxY], [(minX + maxX) / 2, minY], [(minX + maxX) / 2, maxY], [minX, (minY + maxY) / 2], [maxX, (minY + maxY) / 2]];
  const lonLat = points.map(([x, y]) => convert(x!, y!));
  const round = (v: number): number => Math.round(v * 1e6) / 1e6;
  return [
    round(Math.max(-180, Math.min(...lonLat.map((p) => p[0])))), round(Math.max(-90, Math.min(...lonLat.map((p) => p[1])))),
    round(Math.min(180, Math.max(...lonLat.map((p) => p[0])))), round(Math.min(90, Math.max(...lonLat.map((p) => p[1])))),
  ];
}

/** Resolution (metres per pixel, 256-pixel tiles) of level z of the PM tile matrix set. */
export const pmResolution = (z: number): number => 156543.03392804097 / 2 ** z;
/** Scale denominator of level z of PM (0.28 mm pixels). */
export const pmScaleDenominator = (z: number): number => 559082264.0287178 / 2 ** z;
/** Half the side of the PM square, in metres. */
export const PM_HALF_SIDE = 20037508.342789244;

/** Columns and rows of the PM tiles of level z covering a WGS 84 envelope. */
export function pmTileRange(bbox: Envelope, z: number): { minCol: number; maxCol: number; minRow: number; maxRow: number } {
  const n = 2 ** z;
  const [minX, minY] = wgs84ToMercator(bbox[0], bbox[1]);
  const [maxX, maxY] = wgs84ToMercator(bbox[2], bbox[3]);
  const side = (2 * PM_HALF_SIDE) / n;
  const clamp = (v: number): number => Math.max(0, Math.min(n - 1, v));
  return {
    minCol: clamp(Math.floor((minX + PM_HALF_SIDE) / side)), maxCol: clamp(Math.floor((maxX + PM_HALF_SIDE) / side - 1e-9)),
    minRow: clamp(Math.floor((PM_HALF_SIDE - maxY) / side)), maxRow: clamp(Math.floor((PM_HALF_SIDE - minY) / side - 1e-9)),
  };
}

/** Number of PM tiles of level z covering a WGS 84 envelope. */
export function pmTileCount(bbox: Envelope, z: number): number {
  const r = pmTileRange(bbox, z);
  return (r.maxCol - r.minCol + 1) * (r.maxRow - r.minRow + 1);
}

// Small geographic helpers of the model: WGS 84 boxes as GeoJSON extents, unions, pyramid levels.
import type { JsonObject } from "../../core/json.ts";

/** A WGS 84 box [west, south, east, north]. */
export type Bbox = [number, number, number, number];

/** The whole world, when nothing better is known. */
export const WORLD: Bbox = [-180, -85.0511, 180, 85.0511];

/** Union of boxes (undefined ones ignored). */
export function unionBbox(boxes: (Bbox | undefined)[]): Bbox | undefined {
  const known = boxes.filter((b): b is Bbox => b !== undefined);
  if (known.length === 0) return undefined;
  return [Math.min(...known.map((b) => b[0])), Math.min(...known.map((b) => b[1])), Math.max(...known.map((b) => b[2])), Math.max(...known.map((b) => b[3]))];
}

/** A box as a GeoJSON Polygon (the `extent` of stored data). */
export function bboxPolygon([w, s, e, n]: Bbox): JsonObject {
  return { type: "Polygon", coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** Levels top..bottom as strings (["0", …, "7"]). */
export function levelRange(top: number, bottom: number): string[] {
  const out: string[] = [];
  for (let level = top; level <= bottom; level++) out.push(String(level));
  return out;
}

/** Highest level of the PM tile matrix set. */
export const MAX_LEVEL = 21;

/** A level given as a string of digits between 0 and MAX_LEVEL, or undefined. */
export function parseLevel(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value)) return undefined;
  const level = Number(value);
  return level <= MAX_LEVEL ? level : undefined;
}

/** A rough bounding box of a WKT geometry (every number pair read as longitude, latitude). */
export function wktBbox(wkt: string): Bbox | undefined {
  const numbers = (wkt.match(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g) ?? []).map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  if (ys.length === 0) return undefined;
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

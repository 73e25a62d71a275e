// Validation of a stored data's `extent`: a GeoJSON geometry in longitude/latitude, at most 5000 positions.
import type { Problems } from "../../core/errors.ts";
import { isObject, jsonTypeOf } from "../../core/json.ts";

/** Most positions an extent may have. */
export const MAX_EXTENT_POSITIONS = 5000;

const GEOMETRY_TYPES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];

// Checks one position [lon, lat(, z)]; returns whether it is valid.
function checkPosition(value: unknown, path: string, problems: Problems): boolean {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((n) => typeof n === "number" && Number.isFinite(n))) {
    problems.add(`${path} : une position doit être un tableau [longitude, latitude] de nombres (reçu ${JSON.stringify(value)?.slice(0, 60)}).`);
    return false;
  }
  const [lon, lat] = value as number[];
  if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) {
    problems.add(`${path} : [${lon}, ${lat}] hors des bornes longitude [-180, 180] / latitude [-90, 90] (l'étendue est en EPSG:4326).`);
    return false;
  }
  return true;
}

// Checks an array of positions with a minimum length; returns the number of positions.
function checkPositions(value: unknown, path: string, min: number, problems: Problems): number {
  if (!Array.isArray(value)) {
    problems.add(`${path} : attendu un tableau de positions (reçu : ${jsonTypeOf(value)}).`);
    return 0;
  }
  if (value.length < min) problems.add(`${path} : au moins ${min} positions attendues (reçu ${value.length}).`);
  value.forEach((position, index) => checkPosition(position, `${path}[${index}]`, problems));
  return value.length;
}

// A polygon: rings of at least 4 positions whose first and last positions are equal.
function checkPolygon(value: unknown, path: string, problems: Problems): number {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(`${path} : un polygone est un tableau non vide d'anneaux.`);
    return 0;
  }
  let count = 0;
  value.forEach((ring, index) => {
    count += checkPositions(ring, `${path}[${index}]`, 4, problems);
    if (Array.isArray(ring) && ring.length >= 4) {
      const first = ring[0] as unknown;
      const last = ring[ring.length - 1] as unknown;
      if (JSON.stringify(first) !== JSON.stringify(last)) problems.add(`${path}[${index}] : l'anneau n'est pas fermé (la première position ${JSON.stringify(first)} doit être répétée à la fin, reçu ${JSON.stringify(last)}).`);
    }
  });
  return count;
}

// A list of parts, each checked by `part`.
function checkMulti(value: unknown, path: string, problems: Problems, part: (item: unknown, path: string) => number): number {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(`${path} : attendu un tableau non vide.`);
    return 0;
  }
  return value.reduce((sum: number, item, index) => sum + part(item, `${path}[${index}]`), 0);
}

/** Checks a geometry, records every problem, and returns its number of positions. */
export function checkGeometry(value: unknown, path: string, problems: Problems): number {
  if (!isObject(value)) {
    problems.add(`${path} : attendu une géométrie GeoJSON {"type": …, "coordinates": …} (reçu : ${jsonTypeOf(value)}).`);
    return 0;
  }
  const { type, coordinates } = value;
  if (typeof type !== "string" || !GEOMETRY_TYPES.includes(type)) {
    problems.add(`${path}.type : ${JSON.stringify(type)} n'est pas un type de géométrie GeoJSON (${GEOMETRY_TYPES.join(", ")}).`);
    return 0;
  }
  if (type === "GeometryCollection") {
    return checkMulti(value.geometries, `${path}.geometries`, problems, (item, itemPath) => checkGeometry(item, itemPath, problems));
  }
  const at = `${path}.coordinates`;
  if (coordinates === undefined) {
    problems.add(`${at} : obligatoire pour une géométrie ${type}.`);
    return 0;
  }
  switch (type) {
    case "Point": return checkPosition(coordinates, at, problems) ? 1 : 0;
    case "MultiPoint": return checkPositions(coordinates, at, 1, problems);
    case "LineString": return checkPositions(coordinates, at, 2, problems);
    case "MultiLineString": return checkMulti(coordinates, at, problems, (item, itemPath) => checkPositions(item, itemPath, 2, problems));
    case "Polygon": return checkPolygon(coordinates, at, problems);
    default: return checkMulti(coordinates, at, problems, (item, itemPath) => checkPolygon(item, itemPath, problems));
  }
}

/** Checks an extent: a valid geometry of at most MAX_EXTENT_POSITIONS positions. */
export function checkExtent(value: unknown, problems: Problems): void {
  const count = checkGeometry(value, "extent", problems);
  if (count > MAX_EXTENT_POSITIONS) {
    problems.add(`extent : la géométrie compte ${count} points, le maximum est ${MAX_EXTENT_POSITIONS} ; simplifiez-la.`);
  }
}

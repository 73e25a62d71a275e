// The `extent` of a stored data: a GeoJSON geometry in longitude/latitude, at most 5000 positions. Geometry
// objects keep the keys they are given (GeoJSON allows foreign members).
import * as z from "zod/mini";
import type { JsonObject } from "../../core/json.ts";
import { named, short } from "../../core/schema.ts";

// Most positions an extent may have.
const MAX_EXTENT_POSITIONS = 5000;

const finite = z.number();

/** A position [longitude, latitude(, altitude)] in EPSG:4326. */
const position = named(
  z.array(finite).check(
    z.minLength(2),
    z.maxLength(3),
    z.refine(([lon = 0, lat = 0]) => lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, {
      error: (issue) => `${short(issue.input)} hors des bornes longitude [-180, 180] / latitude [-90, 90] (l'étendue est en EPSG:4326)`,
    }),
  ),
  "position [longitude, latitude]",
  true,
);

const positions = (min: number, ...checks: z.core.$ZodCheck<unknown[]>[]) =>
  named(z.array(position).check(z.minLength(min, { error: (issue) => `au moins ${min} positions attendues (reçu ${Array.isArray(issue.input) ? issue.input.length : 0})` }), ...checks), "liste de positions", true);

// A ring: at least 4 positions, the first repeated at the end.
const ring = positions(
  4,
  z.refine((list) => JSON.stringify(list[0]) === JSON.stringify(list[list.length - 1]), {
    error: (issue) => {
      const list = issue.input as unknown[];
      return `l'anneau n'est pas fermé (la première position ${short(list[0])} doit être répétée à la fin, reçu ${short(list[list.length - 1])})`;
    },
  }),
);

const nonEmptyList = <T extends z.core.$ZodType>(item: T, noun: string) => named(z.array(item).check(z.minLength(1)), noun, true);
const polygon = nonEmptyList(ring, "liste non vide d'anneaux");

const shape = <T extends string, C extends z.core.$ZodType>(type: T, coordinates: C) => z.looseObject({ type: z.literal(type), coordinates });

const GEOMETRY = 'géométrie GeoJSON {"type": …, "coordinates": …}';

// A GeoJSON geometry (GeometryCollection holds geometries).
const geometry: z.ZodMiniType<JsonObject> = named(
  z.discriminatedUnion("type", [
    shape("Point", position),
    shape("MultiPoint", positions(1)),
    shape("LineString", positions(2)),
    shape("MultiLineString", nonEmptyList(positions(2), "liste non vide de lignes")),
    shape("Polygon", polygon),
    shape("MultiPolygon", nonEmptyList(polygon, "liste non vide de polygones")),
    z.looseObject({ type: z.literal("GeometryCollection"), geometries: nonEmptyList(z.lazy(() => geometry), "liste non vide de géométries") }),
  ]) as unknown as z.ZodMiniType<JsonObject>,
  GEOMETRY,
  true,
);

// Number of positions of a valid geometry.
function positionCount(value: unknown): number {
  if (!Array.isArray(value)) return 0;
  if (typeof value[0] === "number") return 1;
  return value.reduce((sum: number, item) => sum + positionCount(item), 0);
}
const countOf = (geometry: JsonObject): number =>
  Array.isArray(geometry.geometries) ? geometry.geometries.reduce((sum: number, item) => sum + countOf(item as JsonObject), 0) : positionCount(geometry.coordinates);

/** An extent: a valid geometry of at most MAX_EXTENT_POSITIONS positions. */
export const extent = named(
  geometry.check(
    z.refine((value) => countOf(value) <= MAX_EXTENT_POSITIONS, {
      error: (issue) => `la géométrie compte ${countOf(issue.input as JsonObject)} points, le maximum est ${MAX_EXTENT_POSITIONS} ; simplifiez-la`,
    }),
  ),
  GEOMETRY,
  true,
);

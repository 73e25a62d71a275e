// Schemas shared by several resources: free JSON values, coordinate reference systems, pyramid levels.
import * as z from "zod/mini";
import type { Json } from "../../core/json.ts";
import { named, short } from "../../core/schema.ts";
import { MAX_LEVEL, parseLevel } from "./geo.ts";

/** Any JSON value (the body is JSON already): for fields the API keeps as given. */
export const json = z.custom<Json>();

/** A JSON object of any keys (tags, callback, extra…). */
export const jsonObject = named(z.record(z.string(), json), "objet");

// Coordinate reference systems: an authority and a code, e.g. EPSG:2154 or IGNF:LAMB93.
const SRS_PATTERN = /^(EPSG:\d{4,6}|IGNF:[A-Z0-9_.]+)$/;

/** A coordinate reference system (`srs` of an upload, target `srs` of vector_to_db). */
export const srs = named(
  z.string().check(z.regex(SRS_PATTERN, { error: (issue) => `${short(issue.input)} n'est pas un système de coordonnées (attendu un code comme EPSG:2154 ou EPSG:4326)` })),
  "système de coordonnées (par exemple EPSG:2154)",
);

const levelError = (issue: { input?: unknown }): string =>
  issue.input === undefined ? `niveau obligatoire (chaîne de « 0 » à « ${MAX_LEVEL} »)` : `${short(issue.input)} n'est pas un niveau (chaîne de « 0 » à « ${MAX_LEVEL} »)`;

/** A level of the PM grid, as a string of digits from "0" to "21". */
export const level = z.string({ error: levelError }).check(z.refine((value) => parseLevel(value) !== undefined, { error: levelError }));

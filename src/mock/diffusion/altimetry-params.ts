// Parameters of the simulated altimetry service (elevation and elevationLine, GET), checked as the
// Géoplateforme's user guide describes them: lon and lat (as many, at most 5,000, between -180/180 and
// -90/90) separated by `delimiter` (`|` by default, `;` or `,`), resource, and the booleans indent, measures,
// zonly ("true"/"false", false by default); elevationLine adds sampling (2–5,000, default the number of
// points) and profile_mode (simple, accurate). The POST variant gives them in a JSON body. Problems are the
// service's JSON error (400).
import * as z from "zod/mini";
import { param } from "./ogc.ts";

/** Most points of one request. */
export const MAX_POINTS = 5000;

/** Checked parameters of an elevation or elevationLine request. */
export interface AltimetryQuery {
  resource: string;
  points: [number, number][];
  indent: boolean;
  measures: boolean;
  zonly: boolean;
  /** elevationLine only. */
  sampling?: number;
}

/** The service's error answer (status, `{"error": {"code", "message"}}`) [inferred: the shape is not documented]. */
export function altimetryError(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers: { "Content-Type": "application/json; charset=UTF-8", "Access-Control-Allow-Origin": "*" } });
}

const bad = (message: string): Response => altimetryError(400, "BAD_PARAMETER", message);

// A boolean parameter: "true" or "false" (any case), false when absent.
function flag(url: URL, name: string): boolean | Response {
  const value = param(url, name);
  if (value === null || value === "") return false;
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return bad(`Le paramètre « ${name} » vaut true ou false (reçu : « ${value} »).`);
}

// A list of coordinates within ±limit.
function coordinates(url: URL, name: "lon" | "lat", delimiter: string, limit: number): number[] | Response {
  const text = param(url, name);
  if (text === null || text.trim() === "") return bad(`Le paramètre « ${name} » est obligatoire (valeurs séparées par « ${delimiter} »).`);
  const values = text.split(delimiter).map((item) => item.trim());
  const wrong = values.find((item) => !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(item) || Math.abs(Number(item)) > limit);
  if (wrong !== undefined) return bad(`Le paramètre « ${name} » contient « ${wrong} » : nombres décimaux de -${limit} à ${limit} attendus, séparés par « ${delimiter} ».`);
  if (values.length > MAX_POINTS) return bad(`Le paramètre « ${name} » donne ${values.length} valeurs : ${MAX_POINTS} au plus.`);
  return values.map(Number);
}

/** Checks the parameters of elevation (`line` false) or elevationLine (`line` true). */
export function altimetryQuery(url: URL, line: boolean): AltimetryQuery | Response {
  const delimiter = param(url, "delimiter") ?? "|";
  if (!["|", ";", ","].includes(delimiter)) return bad(`Le paramètre « delimiter » vaut « | », « ; » ou « , » (reçu : « ${delimiter} »).`);
  const lons = coordinates(url, "lon", delimiter, 180);
  if (lons instanceof Response) return lons;
  const lats = coordinates(url, "lat", delimiter, 90);
  if (lats instanceof Response) return lats;
  if (lons.length !== lats.length) return bad(`Autant de longitudes que de latitudes sont attendues (${lons.length} « lon », ${lats.length} « lat »).`);
  if (line && lons.length < 2) return bad("Un profil altimétrique demande au moins deux points.");
  const resource = param(url, "resource");
  if (!resource) return bad("Le paramètre « resource » est obligatoire (voir la liste des ressources : …/resources).");
  const flags: boolean[] = [];
  for (const name of ["indent", "measures", "zonly"]) {
    const value = flag(url, name);
    if (value instanceof Response) return value;
    flags.push(value);
  }
  const query: AltimetryQuery = { resource, points: lons.map((lon, i) => [lon, lats[i]!]), indent: flags[0]!, measures: flags[1]!, zonly: flags[2]! };
  if (line) {
    const sampling = param(url, "sampling");
    if (sampling !== null && sampling !== "" && (!/^\d+$/.test(sampling) || Number(sampling) < 2 || Number(sampling) > MAX_POINTS)) {
      return bad(`Le paramètre « sampling » est un entier de 2 à ${MAX_POINTS} (reçu : « ${sampling} »).`);
    }
    query.sampling = sampling ? Number(sampling) : lons.length;
    const mode = param(url, "profile_mode");
    if (mode !== null && mode !== "" && !["simple", "accurate"].includes(mode)) return bad(`Le paramètre « profile_mode » vaut simple ou accurate (reçu : « ${mode} »).`);
  }
  return query;
}

// A POST body: the same parameters, as a JSON object of strings (numbers and booleans accepted).
const POSTED = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** The URL of a POST request with the parameters of its JSON body (they replace those of the query string), or the error. */
export async function postedUrl(request: Request, url: URL): Promise<URL | Response> {
  let json: unknown;
  try {
    json = JSON.parse(await request.text());
  } catch (error) {
    return bad(`Le corps de la requête doit être un objet JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const result = z.safeParse(POSTED, json);
  if (!result.success) return bad("Le corps de la requête est un objet JSON dont chaque valeur est un texte, par exemple {\"lon\": \"5.96|5.955\", \"lat\": \"45.13|45.134\", \"resource\": \"…\"}.");
  const out = new URL(url);
  for (const [key, value] of Object.entries(result.data)) out.searchParams.set(key, String(value));
  return out;
}

// Great-circle distance in metres (spherical Earth, radius 6,371 km).
function distance([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** `count` points equally spaced along the polyline (by distance), its first and last points included. */
export function samplePolyline(points: [number, number][], count: number): [number, number][] {
  const lengths = points.slice(1).map((point, i) => distance(points[i]!, point));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  if (total === 0) return Array.from({ length: count }, () => points[0]!);
  const out: [number, number][] = [];
  let segment = 0;
  let before = 0;
  for (let k = 0; k < count; k++) {
    const target = (total * k) / (count - 1);
    while (segment < lengths.length - 1 && before + lengths[segment]! < target) before += lengths[segment++]!;
    const t = lengths[segment]! === 0 ? 0 : Math.min(1, (target - before) / lengths[segment]!);
    const [a, b] = [points[segment]!, points[segment + 1]!];
    // Rounded to 1e-8 degree (about a millimetre): no floating-point noise in the answer.
    out.push([Math.round((a[0] + (b[0] - a[0]) * t) * 1e8) / 1e8, Math.round((a[1] + (b[1] - a[1]) * t) * 1e8) / 1e8]);
  }
  return out;
}

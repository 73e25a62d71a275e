// The rules of the simulated GeoNature Export API: who may read an export (public, or a token that opens it),
// which page is read (`limit` capped at 1000, `offset` a page number, as the module's API does), the column filters,
// and the page written in one of the formats (GeoJSON items by default, plain JSON with WKT, CSV).
import type { ExportDefinition, Observation } from "./records.ts";
import { EXPORT_TOKENS, EXPORTS, observations } from "./records.ts";

/** An error of the GeoNature API: Flask's JSON error body (code, name, description), in French here. */
export class GeoNatureError extends Error {
  /** `status` and its French description. */
  constructor(readonly status: 400 | 401 | 403 | 404 | 405, description: string) {
    super(description);
  }
}

const NAMES = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed" } as const;

/** The error's response. */
export function errorBody(error: GeoNatureError): Response {
  const headers: Record<string, string> = { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*" };
  if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="GeoNature"';
  return new Response(JSON.stringify({ code: error.status, name: NAMES[error.status], description: error.message }), { status: error.status, headers });
}

/** The export of that id, or 404. */
export function findExport(id: string): ExportDefinition {
  const found = /^\d+$/.test(id) ? EXPORTS.find((item) => item.id === Number(id)) : undefined;
  if (!found) throw new GeoNatureError(404, `Aucun export n'a l'identifiant « ${id} » sur cette instance (exports : ${EXPORTS.map((item) => item.id).join(", ")}).`);
  return found;
}

/** The token a request carries: in the path (`/exports/api/{id}/{token}`), as `?token=` or as a bearer token. */
export function presentedToken(request: Request, pathToken: string | undefined): string | undefined {
  if (pathToken) return pathToken;
  const query = new URL(request.url).searchParams.get("token");
  if (query) return query;
  const header = request.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return bearer?.[1];
}

/** Checks that the token (if any) is known and opens the export: 401 without a token on a private export or with an unknown one, 403 when it opens other exports only. */
export function authorize(definition: ExportDefinition, token: string | undefined): void {
  if (token !== undefined && !EXPORT_TOKENS[token]) throw new GeoNatureError(401, "Jeton inconnu ou révoqué : vérifiez le jeton de l'export (lien « Token » de la liste des exports).");
  if (definition.public) return;
  if (token === undefined) throw new GeoNatureError(401, `L'export ${definition.id} « ${definition.label} » est privé : donnez son jeton dans l'URL (/exports/api/${definition.id}/{jeton}).`);
  if (!EXPORT_TOKENS[token]!.includes(definition.id)) throw new GeoNatureError(403, `Ce jeton ne donne pas accès à l'export ${definition.id} « ${definition.label} » : demandez à l'administrateur de l'instance un jeton pour cet export.`);
}

/** Formats the simulated API answers in (`format=`). */
export const FORMATS = ["geojson", "json", "csv"] as const;

/** One of FORMATS. */
export type ExportFormat = (typeof FORMATS)[number];

/** What a request asks for: page, size, format and column filters. */
export interface PageQuery {
  limit: number;
  /** Page number, from 0. */
  page: number;
  format: ExportFormat;
  filters: [keyof Observation, string][];
}

/** Largest page, as the module caps it. */
export const MAX_LIMIT = 1000;

// Columns a filter may name (those an export exposes).
const COLUMNS: readonly (keyof Observation)[] = ["id_synthese", "uuid_perm_sinp", "cd_nom", "nom_valide", "nom_vernaculaire", "date_debut", "date_fin", "observateurs", "statut_observation", "jdd_nom"];

/** Reads limit, offset (a page number), format and the `colonne=valeur` filters; 400 on a negative number or an unknown format. */
export function pageQuery(url: URL): PageQuery {
  const integer = (name: string, fallback: number): number => {
    const raw = url.searchParams.get(name);
    // Flask's `type=int` falls back to the default when the value is not an integer.
    if (raw === null || !/^-?\d+$/.test(raw)) return fallback;
    const value = Number(raw);
    if (value < 0) throw new GeoNatureError(400, `Le paramètre « ${name} » doit être un entier positif ou nul (reçu ${raw}).`);
    return value;
  };
  const limit = Math.min(integer("limit", MAX_LIMIT), MAX_LIMIT);
  const page = integer("offset", 0);
  const format = (url.searchParams.get("format") ?? "geojson").toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) throw new GeoNatureError(400, `Format « ${format} » inconnu : formats proposés ${FORMATS.join(", ")}.`);
  const filters = COLUMNS.flatMap((column) => url.searchParams.getAll(column).map((value) => [column, value] as [keyof Observation, string]));
  return { limit, page, format: format as ExportFormat, filters };
}

/** The columns of an observation as the export shows them (without the internal fields). */
export function columnsOf(observation: Observation): Record<string, string | number> {
  const { diffusable: _diffusable, lon: _lon, lat: _lat, ...columns } = observation;
  return columns;
}

/** The export's rows matching the filters, and their page. */
export function selectPage(definition: ExportDefinition, query: PageQuery): { total: number; filtered: Observation[]; items: Observation[] } {
  const rows = observations().filter(definition.selects);
  const filtered = rows.filter((row) => query.filters.every(([column, value]) => String(row[column]) === value));
  const start = query.page * query.limit;
  return { total: rows.length, filtered, items: filtered.slice(start, start + query.limit) };
}

/** The point as WKT. */
export const wktOf = (observation: Observation): string => `POINT(${observation.lon} ${observation.lat})`;

const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[";\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A page as CSV (`;` separator, the geometry as WKT in `geom_wkt`), as GeoNature's file exports write it. */
export function csvOf(items: readonly Observation[]): string {
  const header = [...COLUMNS, "geom_wkt"];
  const lines = items.map((item) => [...COLUMNS.map((column) => csvCell(item[column] as string | number)), wktOf(item)].join(";"));
  return `${[header.join(";"), ...lines].join("\r\n")}\r\n`;
}

/** A page's items in a JSON format: a GeoJSON FeatureCollection (geometry in `geom`) or rows with `geom_wkt`. */
export function itemsOf(items: readonly Observation[], format: "geojson" | "json"): unknown {
  if (format === "json") return items.map((item) => ({ ...columnsOf(item), geom_wkt: wktOf(item) }));
  return {
    type: "FeatureCollection",
    features: items.map((item) => ({ type: "Feature", id: item.id_synthese, geometry: { type: "Point", coordinates: [item.lon, item.lat] }, properties: columnsOf(item) })),
  };
}

// Tiles of the VECTOR-TMS service, computed on the fly from a VECTOR-DB table (as pg_tileserv computes them from a
// PostGIS table): one MVT layer named after the relation's public name, cut from a geojson-vt index of the whole
// table (built once per table version, mvt-encode.ts), then `?filter=` (a CQL filter, wfs-cql.ts) and
// `?properties=` (the attributes kept) applied to the features of the tile. Levels 0 to VECTOR_TMS_MAX_ZOOM.
import type { LegacyFeature } from "geojson-vt";
import type { RouteInput } from "../http/route.ts";
import type { Table, Feature } from "./vector-data.ts";
import { encodeTile, indexTable } from "./mvt-encode.ts";
import type { TableIndex } from "./mvt-encode.ts";
import { MVT_TYPE } from "./vector-tiles.ts";
import { attributeFilter } from "./attribute-filter.ts";
import type { Filter } from "./wfs-filter.ts";
import { matches } from "./wfs-filter.ts";
import { list, param } from "./ogc.ts";

/** Finest level served (pg_tileserv advertises 0 to 22; geojson-vt keeps the tiles it cut, so the simulation stops at 18). */
export const VECTOR_TMS_MAX_ZOOM = 18;

/** Headers of every answer of the service: readable from any page, never cached (the data may change). */
export const VECTOR_TMS_HEADERS = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } as const;

/** A plain-text French error of the service (pg_tileserv answers its errors as text). */
export const vectorTmsError = (status: number, message: string): Response =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...VECTOR_TMS_HEADERS } });

// The tile index of a table and its features by ogc_fid, built once per table (tables are cached and never
// modified by vector-data.ts: a new version of the data is a new Table object).
interface Indexed {
  index: Promise<TableIndex>;
  byId: Map<number, Feature>;
}
const INDEXES = new WeakMap<Table, Indexed>();

function indexedOf(table: Table): Indexed {
  let found = INDEXES.get(table);
  if (!found) {
    found = { index: indexTable(table, table.columns.map((column) => column.name), VECTOR_TMS_MAX_ZOOM), byId: new Map(table.features.map((feature) => [feature.id, feature])) };
    INDEXES.set(table, found);
    found.index.catch(() => INDEXES.delete(table));
  }
  return found;
}

/** What a tile request asks for: the attributes kept and the filter, or the 400 answer. */
export interface TileQuery {
  properties: string[];
  filter?: Filter;
}

/** Reads `?properties=` and `?filter=` against the table's columns (`ogc_fid` is the features' id, always given). */
export function tileQuery(url: URL, table: Table, layer: string): TileQuery | Response {
  const columns = table.columns.map((column) => column.name);
  const known = `attributs de la couche : ${columns.join(", ") || "aucun"}`;
  const asked = list(param(url, "properties"));
  const unknown = asked.filter((name) => name !== "ogc_fid" && !columns.includes(name));
  if (unknown.length > 0) {
    return vectorTmsError(400, `Paramètre properties invalide : ${unknown.length > 1 ? "attributs inconnus" : "attribut inconnu"} ${unknown.map((name) => `« ${name} »`).join(", ")} dans la couche ${layer} (${known}).`);
  }
  const properties = asked.length > 0 ? columns.filter((name) => asked.includes(name)) : columns;
  const text = param(url, "filter");
  if (text === null || text.trim() === "") return { properties };
  const parsed = attributeFilter(text, columns);
  if ("syntax" in parsed) return vectorTmsError(400, `Paramètre filter invalide (${parsed.syntax}) ; exemple : filter=royaume='Paléarctique'.`);
  if ("unknown" in parsed) {
    const missing = parsed.unknown;
    return vectorTmsError(400, `Paramètre filter invalide : ${missing.length > 1 ? "attributs inconnus" : "attribut inconnu"} ${missing.map((name) => `« ${name} »`).join(", ")} dans la couche ${layer} (${known}).`);
  }
  return { properties, filter: parsed.filter };
}

/** The tile z/x/y (row counted from the top) of a tile path, or the 400 answer (not integers, extension, level, grid). */
export function parseTile(z: string, x: string, tile: string): { z: number; x: number; y: number } | Response {
  const match = /^(\d+)\.([A-Za-z0-9]+)$/.exec(tile);
  if (!/^\d+$/.test(z) || !/^\d+$/.test(x) || !match) return vectorTmsError(400, `Chemin de tuile invalide : attendu {z}/{x}/{y}.pbf avec des entiers, par exemple 5/16/11.pbf (reçu ${z}/${x}/${tile}).`);
  const [level, column, row] = [Number(z), Number(x), Number(match[1])];
  const extension = match[2]!.toLowerCase();
  if (extension !== "pbf" && extension !== "mvt") return vectorTmsError(400, `Extension « ${match[2]} » invalide : les tuiles de ce service sont des tuiles vectorielles Mapbox Vector Tile, d'extension pbf.`);
  if (level > VECTOR_TMS_MAX_ZOOM) return vectorTmsError(400, `Niveau ${level} hors des niveaux du service : de 0 à ${VECTOR_TMS_MAX_ZOOM}.`);
  const side = 2 ** level;
  if (column >= side || row >= side) return vectorTmsError(400, `Tuile ${level}/${column}/${row} hors de la grille : au niveau ${level}, x et y vont de 0 à ${side - 1}.`);
  return { z: level, x: column, y: row };
}

// A tile feature with only the kept attributes (geojson-vt's tiles are cached: never modified in place).
function kept(feature: LegacyFeature, properties: string[]): LegacyFeature {
  const tags: Record<string, unknown> = {};
  for (const name of properties) if (feature.tags && name in feature.tags) tags[name] = feature.tags[name];
  return { ...feature, tags };
}

/** The tile z/x/y of a table as one MVT layer `layer`; an empty MVT (200, no bytes) where no feature falls, as pg_tileserv. */
export async function vectorTmsTile(input: RouteInput, table: Table, layer: string, tile: { z: number; x: number; y: number }): Promise<Response> {
  const query = tileQuery(input.url, table, layer);
  if (query instanceof Response) return query;
  const indexed = indexedOf(table);
  const cut = (await indexed.index).index.getTile(tile.z, tile.x, tile.y);
  const features = (cut?.features ?? []).filter((feature) => {
    if (!query.filter) return true;
    const source = indexed.byId.get(Number(feature.id));
    return source !== undefined && matches(query.filter, source, layer);
  }).map((feature) => kept(feature, query.properties));
  const headers = { "Content-Type": MVT_TYPE, ...VECTOR_TMS_HEADERS };
  if (features.length === 0) return new Response(new Uint8Array(0), { headers });
  return new Response(await encodeTile({ [layer]: { features } }), { headers });
}

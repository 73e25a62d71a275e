// The simulated VECTOR-TMS service (`{tmsv}`, vector tiles computed on the fly from VECTOR-DB tables): its
// paths and documents follow pg_tileserv, whose layers are `<schema>.<table>` — here `<layer_name>.<public_name>`
// of each relation of the PUBLISHED (or MODIFYING) VECTOR-TMS offerings: `1.0.0/index.json` (the layers),
// `1.0.0/<layer>.json` (pg_tileserv's detail keys and TileJSON 3.0.0's: tile URL, bounds, levels, fields) and
// the tiles `1.0.0/<layer>/{z}/{x}/{y}.pbf` (vector-tms-tiles.ts). Errors are French plain text.
import type { RouteInput } from "../http/route.ts";
import { json } from "../http/respond.ts";
import type { DiffusionHandler } from "./ogc.ts";
import { declaredBbox, publishedOn, text } from "./published.ts";
import type { Published } from "./published.ts";
import { publishedRelations } from "../resources/offerings/urls.ts";
import type { StoredDataRecord } from "../resources/stored-data/records.ts";
import { WORLD } from "../resources/common/geo.ts";
import { vectorTables } from "./vector-data.ts";
import type { Table } from "./vector-data.ts";
import { fieldType } from "./tiles.ts";
import { parseTile, VECTOR_TMS_HEADERS, VECTOR_TMS_MAX_ZOOM, vectorTmsError, vectorTmsTile } from "./vector-tms-tiles.ts";

/** One layer of the service: a relation of a published VECTOR-TMS configuration. */
export interface VectorTmsLayer {
  /** `<layer_name>.<public_name>`. */
  id: string;
  /** The configuration's layer_name (pg_tileserv's schema). */
  schema: string;
  /** The relation's public name (else its native name): the MVT layer of the tiles. */
  name: string;
  /** The table of the VECTOR-DB. */
  native: string;
  description: string;
  published: Published;
  storedData: StoredDataRecord;
}

/** The layers the service publishes (open VECTOR-TMS endpoints only: the platform has no private one). */
export function vectorTmsLayers(input: RouteInput): VectorTmsLayer[] {
  return input.store.run((ctx) => publishedOn(ctx, "VECTOR-TMS", true)).flatMap((published) =>
    publishedRelations(published.configuration).flatMap(({ name, native, storedData: id, relation }) => {
      const storedData = published.storedData.find((candidate) => candidate._id === id);
      if (!storedData) return [];
      const description = text(relation.abstract) || text(published.configuration.type_infos.abstract);
      return [{ id: `${published.configuration.layer_name}.${name}`, schema: published.configuration.layer_name, name, native, description, published, storedData }];
    }));
}

// The layer of a path, or the 404 naming the published ones.
function layerOf(input: RouteInput, id: string): VectorTmsLayer | Response {
  const layers = vectorTmsLayers(input);
  const found = layers.find((layer) => layer.id === id);
  if (found) return found;
  const names = layers.map((layer) => layer.id).join(", ") || "aucune";
  return vectorTmsError(404, `La couche « ${id} » n'existe pas ou n'est pas publiée sur le service TMS vecteur (couches publiées : ${names} ; voir 1.0.0/index.json).`);
}

// The layer's table as the VECTOR-DB holds it now (the relations of the last publication), or the answer saying why not.
async function tableOf(input: RouteInput, layer: VectorTmsLayer): Promise<Table | Response> {
  try {
    const table = (await vectorTables(input.store, layer.storedData)).get(layer.native);
    if (table) return table;
  } catch (error) {
    return vectorTmsError(404, `Aucune donnée : la table « ${layer.native} » de la couche ${layer.id} n'a pas pu être lue (${error instanceof Error ? error.message : String(error)}).`);
  }
  return vectorTmsError(404, `Aucune donnée : la table « ${layer.native} » de la couche ${layer.id} n'existe plus dans la donnée stockée « ${layer.storedData.name} ».`);
}

// PostgreSQL type names as pg_tileserv gives them (pg_type.typname).
const TYPNAMES: Record<string, string> = {
  integer: "int4", bigint: "int8", smallint: "int2", real: "float4", "double precision": "float8", numeric: "numeric", boolean: "bool",
  "character varying": "varchar", text: "text", date: "date", "timestamp without time zone": "timestamp", "timestamp with time zone": "timestamptz",
};

// Geometry types as PostGIS's typmod names them (MULTIPOLYGON → MultiPolygon).
const GEOMETRIES: Record<string, string> = {
  POINT: "Point", MULTIPOINT: "MultiPoint", LINESTRING: "LineString", MULTILINESTRING: "MultiLineString", POLYGON: "Polygon", MULTIPOLYGON: "MultiPolygon",
};
const geometryName = (type: string | undefined): string | undefined => (type ? GEOMETRIES[type.toUpperCase()] ?? "Geometry" : undefined);

/** `1.0.0/<layer>.json`: pg_tileserv's table detail with TileJSON 3.0.0's keys (`tiles`, `vector_layers`). */
export function layerDescription(root: string, layer: VectorTmsLayer, table: Table): Record<string, unknown> {
  const relationBbox = layer.storedData.details?.relations?.find((relation) => relation.name === layer.native)?.bbox;
  const bounds = declaredBbox(layer.published.configuration.type_infos) ?? table.bbox ?? relationBbox ?? WORLD;
  const tileUrl = `${root}/1.0.0/${layer.id}/{z}/{x}/{y}.pbf`;
  const geometry = geometryName(table.geometryType ?? layer.storedData.details?.relations?.find((relation) => relation.name === layer.native)?.geometry_type);
  return {
    tilejson: "3.0.0", id: layer.id, schema: layer.schema, name: layer.name, description: layer.description,
    ...(geometry ? { geometrytype: geometry } : {}),
    properties: table.columns.map((column) => ({ name: column.name, type: TYPNAMES[column.type] ?? column.type, description: "" })),
    bounds, center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, 0], minzoom: 0, maxzoom: VECTOR_TMS_MAX_ZOOM,
    tileurl: tileUrl, tiles: [tileUrl], format: "pbf", sourcelayer: layer.name,
    vector_layers: [{
      id: layer.name, description: layer.description, fields: Object.fromEntries(table.columns.map((column) => [column.name, fieldType(column.type)])), minzoom: 0, maxzoom: VECTOR_TMS_MAX_ZOOM,
    }],
  };
}

/** The VECTOR-TMS routes: `[path suffix, handler]` under `{tmsv}`. */
export function vectorTmsRoutes(root: string): [string, DiffusionHandler][] {
  // Links are given on the origin asked (the local server answers on its own).
  const rootOf = (input: RouteInput): string => `${input.url.origin}${new URL(root).pathname.replace(/\/+$/, "")}`;
  return [
    ["/1.0.0/index.json", (input) => json(Object.fromEntries(vectorTmsLayers(input).map((layer) => [layer.id, {
      type: "table", id: layer.id, schema: layer.schema, name: layer.name, description: layer.description, detailurl: `${rootOf(input)}/1.0.0/${layer.id}.json`,
    }])), 200, VECTOR_TMS_HEADERS)],
    ["/1.0.0/:name", async (input) => {
      const name = input.params.name ?? "";
      if (!name.endsWith(".json")) return vectorTmsError(404, `Chemin inconnu du service TMS vecteur : attendu 1.0.0/index.json, 1.0.0/{couche}.json ou 1.0.0/{couche}/{z}/{x}/{y}.pbf (reçu 1.0.0/${name}).`);
      const layer = layerOf(input, name.slice(0, -".json".length));
      if (layer instanceof Response) return layer;
      const table = await tableOf(input, layer);
      return table instanceof Response ? table : json(layerDescription(rootOf(input), layer, table), 200, VECTOR_TMS_HEADERS);
    }],
    ["/1.0.0/:layer/:z/:x/:tile", async (input) => {
      const layer = layerOf(input, input.params.layer ?? "");
      if (layer instanceof Response) return layer;
      const tile = parseTile(input.params.z ?? "", input.params.x ?? "", input.params.tile ?? "");
      if (tile instanceof Response) return tile;
      const table = await tableOf(input, layer);
      return table instanceof Response ? table : vectorTmsTile(input, table, layer.name, tile);
    }],
    ["/1.0.0/:layer/*", () => vectorTmsError(404, "Chemin inconnu du service TMS vecteur : attendu 1.0.0/index.json, 1.0.0/{couche}.json ou 1.0.0/{couche}/{z}/{x}/{y}.pbf.")],
  ];
}

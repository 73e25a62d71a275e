// VECTOR-DB (vector_to_db) and ROK4-PYRAMID-VECTOR (db_to_pyramid) outputs, computed from the analyses of
// the input files or from the input stored data.
//
// VECTOR-DB: one relation per layer (GeoPackage table, CSV or GeoJSON file, shapefile), named after it with
// normaliseName (formats/names.ts); attributes `ogc_fid` (integer primary key), the source columns with
// normalised names and PostgreSQL types, then `geom` when the layer has a geometry. Size: per relation 16 KiB
// of table and index pages + 40 bytes per row + the attribute and geometry bytes read, rounded up to 8 KiB.
//
// ROK4-PYRAMID-VECTOR: levels from the smallest top to the largest bottom of the composition (or of
// top_level/bottom_level); size: per tiled table and level, 200 bytes per PM tile covering the data's box
// plus 120 bytes per feature.
import { envelopeToWgs84, pmTileCount } from "../../formats/crs.ts";
import { uniqueName } from "../../formats/names.ts";
import { vectorLayers } from "../uploads/file-analysis.ts";
import type { Bbox } from "../common/geo.ts";
import { bboxPolygon, levelRange, parseLevel, unionBbox, WORLD, wktBbox } from "../common/geo.ts";
import type { Json, JsonObject } from "../../core/json.ts";
import { isObject, isStringArray } from "../../core/json.ts";
import type { OutputBuilder } from "./records.ts";
import type { StoredDataDetails } from "../stored-data/records.ts";

type Relation = { name: string; type: "TABLE"; attributes: Record<string, string>; primary_key: string[] };
type RelationDetails = NonNullable<StoredDataDetails["relations"]>[number];

const roundUp = (bytes: number, block: number): number => Math.ceil(bytes / block) * block;

/** The relations of a VECTOR-DB's type_infos (name and attribute names). */
export function relationsOf(typeInfos: JsonObject): { name: string; attributes: string[] }[] {
  const relations = typeInfos.relations;
  if (!Array.isArray(relations)) return [];
  return relations.flatMap((relation) => {
    if (!isObject(relation) || typeof relation.name !== "string") return [];
    const attributes = relation.attributes;
    const names = isStringArray(attributes) ? attributes : isObject(attributes) ? Object.keys(attributes) : [];
    return [{ name: relation.name, attributes: names }];
  });
}

/** VECTOR-DB: relations from the layers of the input files; an update replaces relations of the same name. */
export const vectorDbOutput: OutputBuilder = (storedData, snapshot, execution) => {
  const target = typeof execution.parameters.srs === "string" ? execution.parameters.srs : undefined;
  const previous = Array.isArray(storedData.type_infos.relations) ? storedData.type_infos.relations.filter((r): r is JsonObject => isObject(r)) : [];
  const taken = new Set<string>();
  const relations: Relation[] = [];
  const details: RelationDetails[] = [];
  let size = 0;
  const messages: string[] = [];
  // Shapefile layers are combined from the analyses of their .shp, .shx, .dbf, .prj and .cpg.
  const layers = vectorLayers(snapshot.files);
  for (const { path, layer } of layers) {
    const name = uniqueName(layer.name, taken);
    messages.push(`Couche « ${layer.name} » de ${path} intégrée dans la table ${name} : ${layer.features} objet(s)${layer.srs && target && layer.srs !== target ? `, reprojetés de ${layer.srs} en ${target}` : ""}`);
    const columns = new Set(["ogc_fid", "geom"]);
    const attributes: Record<string, string> = { ogc_fid: "integer" };
    for (const column of layer.columns) attributes[uniqueName(column.name, columns)] = column.type;
    if (layer.geometry) attributes.geom = "geometry";
    relations.push({ name, type: "TABLE", attributes, primary_key: ["ogc_fid"] });
    const detail: RelationDetails = { name, features: layer.features };
    if (layer.geometry) detail.geometry_type = layer.geometry.type;
    const bbox = layer.extent ? envelopeToWgs84(layer.srs ?? snapshot.srs, layer.extent) : undefined;
    if (bbox) detail.bbox = bbox;
    details.push(detail);
    size += roundUp(16384 + 40 * layer.features + layer.attributeBytes + layer.geometryBytes, 8192);
  }
  const kept = previous.filter((relation) => !taken.has(String(relation.name)));
  const keptDetails = (storedData.details?.relations ?? []).filter((relation) => !taken.has(relation.name));
  storedData.type_infos = { relations: [...kept, ...(relations as unknown as JsonObject[])] as Json[] };
  const allDetails = [...keptDetails, ...details];
  const bbox = unionBbox(allDetails.map((relation) => relation.bbox));
  storedData.details = { relations: allDetails };
  if (bbox) {
    storedData.details.bbox = bbox;
    storedData.extent = bboxPolygon(bbox);
  }
  storedData.size = (kept.length > 0 ? storedData.size : 0) + size;
  storedData.srs = target ?? snapshot.srs ?? storedData.srs ?? "EPSG:4326";
  return messages;
};

/** One tiled table of a vector pyramid. */
export interface TiledTable {
  table: string;
  top: number;
  bottom: number;
  attributes: string[];
}

/** The tables a db_to_pyramid execution tiles: its composition, or every relation between top_level and bottom_level. */
export function tiledTables(parameters: JsonObject, relations: { name: string; attributes: string[] }[]): TiledTable[] {
  const data = (name: string): string[] => (relations.find((r) => r.name === name)?.attributes ?? []).filter((a) => a !== "ogc_fid" && a !== "geom");
  if (Array.isArray(parameters.composition)) {
    return parameters.composition.filter((r): r is JsonObject => isObject(r)).map((item) => {
      const table = String(item.table);
      const wanted = isStringArray(item.attributes) && !item.attributes.includes("*") ? item.attributes : data(table);
      return { table, top: parseLevel(item.top_level) ?? 0, bottom: parseLevel(item.bottom_level) ?? 0, attributes: wanted };
    });
  }
  const top = parseLevel(parameters.top_level) ?? 0;
  const bottom = parseLevel(parameters.bottom_level) ?? top;
  return relations.map((relation) => ({ table: relation.name, top, bottom, attributes: data(relation.name) }));
}

/** ROK4-PYRAMID-VECTOR: PM levels of the composition; an update merges the tiled tables. */
export const vectorPyramidOutput: OutputBuilder = (storedData, snapshot, execution) => {
  const source = snapshot.sources?.find((candidate) => candidate.type === "VECTOR-DB");
  const relations = source ? relationsOf(source.type_infos) : [];
  const tables = tiledTables(execution.parameters, relations);
  const area = typeof execution.parameters.area === "string" ? wktBbox(execution.parameters.area) : undefined;
  const bbox: Bbox = area ?? source?.details?.bbox ?? storedData.details?.bbox ?? WORLD;
  const features = (table: string): number => source?.details?.relations?.find((r) => r.name === table)?.features ?? 0;
  let size = 0;
  for (const table of tables) for (let z = table.top; z <= table.bottom; z++) size += 200 * pmTileCount(bbox, z) + 120 * features(table.table);
  const merged = [...(storedData.details?.layers ?? []).filter((layer) => !tables.some((t) => t.table === layer.table)), ...tables];
  const top = Math.min(...merged.map((t) => t.top));
  const bottom = Math.max(...merged.map((t) => t.bottom));
  storedData.type_infos = { tms: "PM", levels: merged.length > 0 ? levelRange(top, bottom) : [] };
  storedData.details = { bbox, layers: merged, format: "application/x-protobuf" };
  storedData.extent = bboxPolygon(bbox);
  storedData.srs = "EPSG:3857";
  storedData.size = (merged.length > tables.length ? storedData.size : 0) + size;
  return tables.map((table) => `Tuilage de la table ${table.table} sur la grille PM, niveaux ${table.top} à ${table.bottom} (attributs : ${table.attributes.join(", ") || "aucun"})`);
};

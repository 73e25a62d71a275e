// VECTOR-DB (vector_to_db) and ROK4-PYRAMID-VECTOR (db_to_pyramid) outputs, computed from the analyses of
// the input files or from the input stored data.
//
// VECTOR-DB: one relation per layer (GeoPackage table, CSV or GeoJSON file, shapefile), named after it with
// normaliseName (formats/names.ts); attributes `ogc_fid` (integer primary key), the source columns with
// normalised names and PostgreSQL types, then `geom` when the layer has a geometry. Size: per relation 16 KiB
// of table and index pages + 40 bytes per row + the attribute and geometry bytes read, rounded up to 8 KiB.
// Each relation keeps its source (file, layer, source → integrated columns) and the stored data's `files` the
// source files (their blobs), so that the diffusion services read the features back (diffusion/vector-data.ts).
//
// ROK4-PYRAMID-VECTOR: levels from the smallest top to the largest bottom of the composition (or of
// top_level/bottom_level); size: per tiled table and level, 200 bytes per PM tile covering the data's box
// plus 120 bytes per feature. The tiled tables keep the sources and files of the VECTOR-DB, which may go.
import { envelopeToWgs84, pmTileCount } from "../../formats/crs.ts";
import { uniqueName } from "../../formats/names.ts";
import { extension, vectorLayers } from "../uploads/file-analysis.ts";
import type { Bbox } from "../common/geo.ts";
import { bboxPolygon, levelRange, parseLevel, unionBbox, WORLD, wktBbox } from "../common/geo.ts";
import type { Json, JsonObject } from "../../core/json.ts";
import { isObject, isStringArray } from "../../core/json.ts";
import type { OutputBuilder } from "./records.ts";
import type { RelationSource, StoredDataDetails, StoredDataRecord } from "../stored-data/records.ts";
import type { InputSnapshot } from "./records.ts";
import type { SourceLayer } from "../uploads/file-analysis.ts";
import { journalDbOutput, usesJournal } from "./vector-sql-output.ts";
import { hasJournal, journalSources } from "./vector-journal.ts";

type Relation = { name: string; type: "TABLE"; attributes: Record<string, string>; primary_key: string[] };
type RelationDetails = NonNullable<StoredDataDetails["relations"]>[number];
type TiledLayer = NonNullable<StoredDataDetails["layers"]>[number];

const roundUp = (bytes: number, block: number): number => Math.ceil(bytes / block) * block;
type StoredFile = StoredDataRecord["files"][number];

const FORMATS: Record<string, RelationSource["format"]> = { gpkg: "GPKG", csv: "CSV", geojson: "GEOJSON", json: "GEOJSON", shp: "SHAPEFILE" };

/** Where a layer is read from: its file's blob (a shapefile's .shp and .dbf); undefined when a blob is missing. */
export function sourceOf({ path, layer, shapefile }: SourceLayer, files: InputSnapshot["files"], srs: string | undefined, columns: RelationSource["columns"]): RelationSource | undefined {
  const format = FORMATS[extension(path)];
  const main = files.find((file) => file.path === path)?.blob;
  const dbfPath = shapefile?.companions.find((companion) => extension(companion) === "dbf");
  const dbf = dbfPath ? files.find((file) => file.path === dbfPath)?.blob : undefined;
  if (!format || !main || (format === "SHAPEFILE" && !dbf)) return undefined;
  const source: RelationSource = { path, format, layer: layer.name, blobs: dbf ? [main, dbf] : [main], columns };
  const layerSrs = layer.srs ?? srs;
  if (layerSrs) source.srs = layerSrs;
  if (shapefile) source.encoding = shapefile.encoding;
  return source;
}

/** The files (unique by blob) whose blobs the sources read, among the candidates. */
export function sourceFiles(candidates: readonly StoredFile[], sources: readonly (RelationSource | undefined)[]): StoredFile[] {
  const wanted = new Set(sources.flatMap((source) => source?.blobs ?? []));
  const files = new Map<string, StoredFile>();
  for (const file of candidates) {
    if (file.blob && wanted.has(file.blob) && !files.has(file.blob)) files.set(file.blob, { path: file.path, size: file.size, ...(file.md5 ? { md5: file.md5 } : {}), blob: file.blob });
  }
  return [...files.values()];
}

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
  if (usesJournal(storedData, snapshot)) return journalDbOutput(storedData, snapshot, execution);
  const target = typeof execution.parameters.srs === "string" ? execution.parameters.srs : undefined;
  const previous = Array.isArray(storedData.type_infos.relations) ? storedData.type_infos.relations.filter((r): r is JsonObject => isObject(r)) : [];
  const taken = new Set<string>();
  const relations: Relation[] = [];
  const details: RelationDetails[] = [];
  let size = 0;
  const messages: string[] = [];
  // Shapefile layers are combined from the analyses of their .shp, .shx, .dbf, .prj and .cpg.
  const layers = vectorLayers(snapshot.files);
  for (const item of layers) {
    const { path, layer } = item;
    const name = uniqueName(layer.name, taken);
    messages.push(`Couche « ${layer.name} » de ${path} intégrée dans la table ${name} : ${layer.features} objet(s)${layer.srs && target && layer.srs !== target ? `, reprojetés de ${layer.srs} en ${target}` : ""}`);
    const columns = new Set(["ogc_fid", "geom"]);
    const attributes: Record<string, string> = { ogc_fid: "integer" };
    const mapping: RelationSource["columns"] = [];
    for (const column of layer.columns) {
      const integrated = uniqueName(column.name, columns);
      attributes[integrated] = column.type;
      mapping.push({ source: column.name, name: integrated, type: column.type });
    }
    if (layer.geometry) attributes.geom = "geometry";
    relations.push({ name, type: "TABLE", attributes, primary_key: ["ogc_fid"] });
    const detail: RelationDetails = { name, features: layer.features };
    if (layer.geometry) detail.geometry_type = layer.geometry.type;
    const source = sourceOf(item, snapshot.files, snapshot.srs, mapping);
    if (source) detail.source = source;
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
  // The source files of the relations kept (from the stored data) and of the new ones (from the upload).
  storedData.files = sourceFiles([...storedData.files, ...snapshot.files.flatMap((file) => (file.blob ? [{ path: file.path, size: file.size, md5: file.md5, blob: file.blob }] : []))], allDetails.map((relation) => relation.source));
  if (bbox) {
    storedData.details.bbox = bbox;
    storedData.extent = bboxPolygon(bbox);
  }
  storedData.size = (kept.length > 0 ? storedData.size : 0) + size;
  storedData.srs = target ?? snapshot.srs ?? storedData.srs ?? "EPSG:4326";
  return messages;
};

/** One tiled table of a vector pyramid: its levels, attributes, and the composition's MVT layer name and filter. */
export interface TiledTable {
  table: string;
  top: number;
  bottom: number;
  attributes: string[];
  /** The MVT layer its features go to (default: the table's name). */
  layer?: string;
  /** A CQL filter on its attributes: only the features it keeps are tiled. */
  filter?: string;
}

/** The tables a db_to_pyramid execution tiles: its composition, or every relation between top_level and bottom_level. */
export function tiledTables(parameters: JsonObject, relations: { name: string; attributes: string[] }[]): TiledTable[] {
  const data = (name: string): string[] => (relations.find((r) => r.name === name)?.attributes ?? []).filter((a) => a !== "ogc_fid" && a !== "geom");
  if (Array.isArray(parameters.composition)) {
    return parameters.composition.filter((r): r is JsonObject => isObject(r)).map((item) => {
      const table = String(item.table);
      const wanted = isStringArray(item.attributes) && !item.attributes.includes("*") ? item.attributes : data(table);
      const tiled: TiledTable = { table, top: parseLevel(item.top_level) ?? 0, bottom: parseLevel(item.bottom_level) ?? 0, attributes: wanted };
      if (typeof item.layer === "string" && item.layer.trim() !== "") tiled.layer = item.layer.trim();
      if (typeof item.filter === "string" && item.filter.trim() !== "") tiled.filter = item.filter.trim();
      return tiled;
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
  // Each tiled table keeps its relation's source, geometry type and count, to be served without the VECTOR-DB.
  const tiled = tables.map((table): TiledLayer => {
    const relation = source?.details?.relations?.find((r) => r.name === table.table);
    const layer: TiledLayer = { ...table, features: relation?.features ?? 0 };
    if (relation?.geometry_type) layer.geometry_type = relation.geometry_type;
    if (relation?.source) layer.source = relation.source;
    return layer;
  });
  const merged = [...(storedData.details?.layers ?? []).filter((layer) => !tables.some((t) => t.table === layer.table)), ...tiled];
  const top = Math.min(...merged.map((t) => t.top));
  const bottom = Math.max(...merged.map((t) => t.bottom));
  storedData.type_infos = { tms: "PM", levels: merged.length > 0 ? levelRange(top, bottom) : [] };
  storedData.details = { bbox, layers: merged, format: "application/x-protobuf" };
  // A VECTOR-DB with a journal has no file per table: the pyramid keeps its relations and journal, replayed when tiles are read.
  if (source?.details && hasJournal(source.details)) {
    storedData.details.relations = source.details.relations ?? [];
    storedData.details.journal = source.details.journal ?? [];
  }
  storedData.files = sourceFiles([...storedData.files, ...(source?.files ?? [])], [...merged.map((layer) => layer.source), ...(hasJournal(storedData.details) ? journalSources(storedData.details) : [])]);
  storedData.extent = bboxPolygon(bbox);
  storedData.srs = "EPSG:3857";
  storedData.size = (merged.length > tables.length ? storedData.size : 0) + size;
  return tables.map((table) => `Tuilage de la table ${table.table} sur la grille PM, niveaux ${table.top} à ${table.bottom} (attributs : ${table.attributes.join(", ") || "aucun"})`);
};

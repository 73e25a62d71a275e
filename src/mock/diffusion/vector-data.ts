// The features of a stored data's tables, read back from the files it was made from (the bytes the datastore
// kept), for the diffusion services: WFS, WMS-Vecteur, vector tiles.
//
// A VECTOR-DB's relations and a ROK4-PYRAMID-VECTOR's tiled tables each keep their source (file blobs, layer,
// source → integrated columns, srs): the layer is read again, every value typed as its PostgreSQL column, the
// geometry converted to WGS 84 (polygons wound as RFC 7946 asks), the features numbered 1..n (ogc_fid) in
// source order. A VECTOR-DB with a journal (SQL structure, injections, derivations) is replayed by
// vector-replay.ts over the same cached file reads. Tables are cached in
// memory by their source (blob keys never change content), within a bound; a source that cannot be read (blob
// gone, record older than the sources) gives a table without features.
import { filterAttributes } from "./attribute-filter.ts";
import type { Store } from "../core/store.ts";
import { isObject } from "../core/json.ts";
import { readFeatures } from "../formats/features.ts";
import { convertGeometry, geometryEnvelope, rfc7946Winding, toWgs84 } from "../formats/geometry.ts";
import type { GeoJsonGeometry } from "../formats/geometry.ts";
import { relationsOf } from "../resources/executions/vector-outputs.ts";
import type { RelationSource, StoredDataRecord } from "../resources/stored-data/records.ts";
import { hasJournal } from "../resources/executions/vector-journal.ts";
import { forgetReplays, journalTables } from "./vector-replay.ts";

/** A GeoJSON geometry (here with coordinates in WGS 84 longitude, latitude). */
export type Geometry = GeoJsonGeometry;

/** One feature of a table: its `ogc_fid`, attributes by integrated column name, geometry (null when none). */
export interface Feature {
  id: number;
  properties: Record<string, string | number | boolean | null>;
  geometry: Geometry | null;
}

/** One table of a VECTOR-DB (or one tiled table of a ROK4-PYRAMID-VECTOR); shared by the cache, never to be modified. */
export interface Table {
  name: string;
  /** Integrated columns (without ogc_fid and geom) and their PostgreSQL types. */
  columns: { name: string; type: string }[];
  /** Geometry type as in details.relations (e.g. MULTIPOLYGON, POINT), when the table has one. */
  geometryType?: string;
  /** WGS 84 [west, south, east, north] of the features, when any. */
  bbox?: [number, number, number, number];
  features: Feature[];
}

type Value = Feature["properties"][string];

/** A source value as its PostgreSQL column gives it back (numbers, booleans, text; null when empty or invalid). */
export function pgValue(value: unknown, type: string): Value {
  if (value === null || value === undefined || value === "") return null;
  if (["integer", "bigint", "smallint", "double precision", "real", "numeric"].includes(type)) {
    const n = typeof value === "number" ? value : typeof value === "boolean" ? Number(value) : Number(String(value).trim());
    if (!Number.isFinite(n)) return null;
    return type === "integer" || type === "bigint" || type === "smallint" ? Math.trunc(n) : n;
  }
  if (type === "boolean") {
    if (typeof value === "boolean") return value;
    const text = String(value).trim().toLowerCase();
    return ["1", "true", "t", "y", "yes", "oui"].includes(text) ? true : ["0", "false", "f", "n", "no", "non"].includes(text) ? false : null;
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

// Parsed tables by source, oldest first (a bounded LRU over the number of features kept).
const CACHE = new Map<string, Promise<Table>>();
const CACHE_ENTRIES = 64;
const CACHE_FEATURES = 400_000;
const cachedFeatures = new Map<string, number>();

/** Forgets every parsed table (tests, or a reset of the datastore). */
export function forgetVectorTables(): void {
  CACHE.clear();
  cachedFeatures.clear();
  forgetReplays();
}

// Caches a table being read, then evicts the oldest ones past the bounds (a failed read is forgotten).
function remember(key: string, table: Promise<Table>): Promise<Table> {
  CACHE.set(key, table);
  table.then((done) => {
    cachedFeatures.set(key, done.features.length);
    let total = [...cachedFeatures.values()].reduce((sum, n) => sum + n, 0);
    for (const oldest of CACHE.keys()) {
      if ((CACHE.size <= CACHE_ENTRIES && total <= CACHE_FEATURES) || oldest === key) break;
      total -= cachedFeatures.get(oldest) ?? 0;
      CACHE.delete(oldest);
      cachedFeatures.delete(oldest);
    }
  }, () => {
    CACHE.delete(key);
    cachedFeatures.delete(key);
  });
  return table;
}

// Reads a table from its source's blobs.
async function readTable(store: Store, name: string, source: RelationSource, geometryType: string | undefined, attributes?: string[]): Promise<Table> {
  const columns = source.columns.filter((column) => !attributes || attributes.includes(column.name));
  const table: Table = { name, columns: columns.map(({ name, type }) => ({ name, type })), features: [] };
  if (geometryType) table.geometryType = geometryType;
  const files: Uint8Array[] = [];
  for (const key of source.blobs) {
    const bytes = await store.blobs.read(key);
    if (!bytes) throw new Error(`fichier ${source.path} absent de l'entrepôt`);
    files.push(bytes);
  }
  const read = readFeatures(source.format, files, source.layer, source.encoding);
  const convert = toWgs84(source.srs ?? read.srs);
  let bbox: [number, number, number, number] | undefined;
  table.features = read.features.map((feature, i) => {
    const properties: Feature["properties"] = {};
    for (const column of columns) properties[column.name] = pgValue(feature.properties[column.source], column.type);
    const geometry = feature.geometry && convert ? (rfc7946Winding(convertGeometry(feature.geometry, convert)) as Geometry) : null;
    const envelope = geometry ? geometryEnvelope(geometry) : undefined;
    if (envelope) bbox = bbox ? [Math.min(bbox[0], envelope[0]), Math.min(bbox[1], envelope[1]), Math.max(bbox[2], envelope[2]), Math.max(bbox[3], envelope[3])] : envelope;
    return { id: i + 1, properties, geometry };
  });
  if (bbox) table.bbox = bbox;
  return table;
}

// The table of a source, from the cache or read (an unreadable source gives no features, and is not cached).
async function tableOf(store: Store, name: string, source: RelationSource | undefined, geometryType: string | undefined, columns: { name: string; type: string }[], attributes?: string[]): Promise<Table> {
  const empty = (): Table => ({ name, columns: columns.filter((c) => !attributes || attributes.includes(c.name)), features: [], ...(geometryType ? { geometryType } : {}) });
  if (!source || !Array.isArray(source.blobs) || !Array.isArray(source.columns)) return empty();
  const key = JSON.stringify([name, geometryType ?? null, attributes ?? null, source]);
  const hit = CACHE.get(key);
  if (hit) {
    CACHE.delete(key);
    CACHE.set(key, hit);
    return hit.catch(empty);
  }
  try {
    return await remember(key, readTable(store, name, source, geometryType, attributes));
  } catch {
    return empty();
  }
}

/** The features of a kept file as its source maps them (cached; none when it cannot be read). */
export async function sourceFeatures(store: Store, source: RelationSource): Promise<readonly Feature[]> {
  return (await tableOf(store, source.layer, source, undefined, source.columns.map(({ name, type }) => ({ name, type })))).features;
}

// Integrated columns of a VECTOR-DB's relation from its type_infos (for records without sources).
function declaredColumns(storedData: StoredDataRecord, relation: string): { name: string; type: string }[] {
  const entry = Array.isArray(storedData.type_infos.relations) ? storedData.type_infos.relations.find((r) => isObject(r) && r.name === relation) : undefined;
  const attributes = isObject(entry) && isObject(entry.attributes) ? entry.attributes : {};
  return Object.entries(attributes).filter(([name]) => name !== "ogc_fid" && name !== "geom").map(([name, type]) => ({ name, type: String(type) }));
}

// What a pyramid keeps of a table: the attributes of every composition item on it, and those their filters read.
function keptAttributes(storedData: StoredDataRecord, table: string): string[] {
  const items = (storedData.details?.layers ?? []).filter((layer) => layer.table === table);
  return [...new Set(items.flatMap((item) => [...item.attributes, ...(item.filter ? filterAttributes(item.filter) : [])]))];
}

/** The tables of a VECTOR-DB or ROK4-PYRAMID-VECTOR stored data, by name (empty for other types). */
export async function vectorTables(store: Store, storedData: StoredDataRecord): Promise<Map<string, Table>> {
  const tables = new Map<string, Table>();
  if (storedData.type === "VECTOR-DB" && hasJournal(storedData.details)) return journalTables(store, storedData);
  if (storedData.type === "VECTOR-DB") {
    const details = storedData.details?.relations ?? [];
    for (const { name } of relationsOf(storedData.type_infos)) {
      const detail = details.find((relation) => relation.name === name);
      const columns = detail?.source?.columns.map(({ name: column, type }) => ({ name: column, type })) ?? declaredColumns(storedData, name);
      tables.set(name, await tableOf(store, name, detail?.source, detail?.geometry_type, columns));
    }
  } else if (storedData.type === "ROK4-PYRAMID-VECTOR" && hasJournal(storedData.details)) {
    // Tiled from a VECTOR-DB with a journal: its tables replayed as they were, with the composition's attributes.
    const relations = (storedData.details?.relations ?? []).map((relation) => ({ name: relation.name }));
    const replayed = await journalTables(store, { ...storedData, type: "VECTOR-DB", type_infos: { relations } });
    for (const layer of storedData.details?.layers ?? []) {
      const table = replayed.get(layer.table);
      if (!table || tables.has(layer.table)) continue;
      const kept = keptAttributes(storedData, layer.table);
      const columns = table.columns.filter((column) => kept.includes(column.name));
      const features = table.features.map((feature) => ({ ...feature, properties: Object.fromEntries(columns.map((c) => [c.name, feature.properties[c.name] ?? null])) }));
      tables.set(layer.table, { ...table, columns, features });
    }
  } else if (storedData.type === "ROK4-PYRAMID-VECTOR") {
    for (const layer of storedData.details?.layers ?? []) {
      if (tables.has(layer.table)) continue;
      const kept = keptAttributes(storedData, layer.table);
      const columns = layer.source?.columns.map(({ name, type }) => ({ name, type })) ?? kept.map((name) => ({ name, type: "character varying" }));
      tables.set(layer.table, await tableOf(store, layer.table, layer.source, layer.geometry_type, columns, kept));
    }
  }
  return tables;
}

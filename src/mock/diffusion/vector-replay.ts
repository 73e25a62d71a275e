// The tables of a VECTOR-DB that has a journal (resources/executions/vector-journal.ts): every kept file it
// reads is read back (cached by source, like the first-integration tables), then the journal is replayed over
// them by the SQL engine; each table and view becomes a Table of features. The result is cached by the
// stored data's relations and journal (an execution appending to the journal changes the key).
import type { Store } from "../core/store.ts";
import { geometryEnvelope } from "../formats/geometry.ts";
import { buildDatabase, journalSources } from "../resources/executions/vector-journal.ts";
import type { RelationSource, StoredDataRecord } from "../resources/stored-data/records.ts";
import { relationsOf } from "../resources/executions/vector-outputs.ts";
import type { RelationRows } from "../sql/database.ts";
import { geometryColumn } from "../sql/database.ts";
import { isGeometry } from "../sql/types.ts";
import type { Feature, Geometry, Table } from "./vector-data.ts";
import { sourceFeatures } from "./vector-data.ts";

const REPLAYS = new Map<string, Promise<Map<string, Table>>>();
const REPLAY_ENTRIES = 16;

/** Forgets the replayed databases (with forgetVectorTables). */
export function forgetReplays(): void {
  REPLAYS.clear();
}

type Value = Feature["properties"][string];

// A relation's rows as features: ogc_fid, else a one-column integer primary key, else the row number, as id.
function toTable(name: string, relation: RelationRows, primaryKey: string[], geometryType: string | undefined, attributes: string[]): Table {
  const geom = geometryColumn(relation.columns);
  // Only the columns the stored data's relations list (an offering serves those of its last publication).
  const columns = relation.columns.filter((c) => c.name !== "ogc_fid" && !isGeometry(c.type) && (attributes.length === 0 || attributes.includes(c.name)));
  const key = relation.columns.some((c) => c.name === "ogc_fid") ? "ogc_fid" : primaryKey.length === 1 ? primaryKey[0]! : undefined;
  let bbox: Table["bbox"];
  const features = relation.rows.map((row, i): Feature => {
    const properties: Feature["properties"] = {};
    for (const column of columns) {
      const value = row[column.name] ?? null;
      properties[column.name] = (typeof value === "object" && value !== null ? null : value) as Value;
    }
    const value = geom ? row[geom] : null;
    const geometry = value && typeof value === "object" ? (value.geometry as Geometry) : null;
    const envelope = geometry ? geometryEnvelope(geometry) : undefined;
    if (envelope) bbox = bbox ? [Math.min(bbox[0], envelope[0]), Math.min(bbox[1], envelope[1]), Math.max(bbox[2], envelope[2]), Math.max(bbox[3], envelope[3])] : envelope;
    const id = key && typeof row[key] === "number" ? (row[key] as number) : i + 1;
    return { id, properties, geometry };
  });
  const table: Table = { name, columns: columns.map(({ name: column, type }) => ({ name: column, type })), features };
  const type = geometryType ?? features.find((f) => f.geometry)?.geometry?.type.toUpperCase();
  if (type) table.geometryType = type;
  if (bbox) table.bbox = bbox;
  return table;
}

// Reads the kept files, replays the journal, converts every relation.
async function replay(store: Store, storedData: StoredDataRecord): Promise<Map<string, Table>> {
  const read = new Map<string, readonly Feature[]>();
  const keyOf = (source: RelationSource): string => JSON.stringify(source);
  for (const source of journalSources(storedData.details)) {
    if (!read.has(keyOf(source))) read.set(keyOf(source), await sourceFeatures(store, source));
  }
  const db = buildDatabase(storedData.details, (source) => read.get(keyOf(source)) ?? []);
  const tables = new Map<string, Table>();
  for (const { name, attributes } of relationsOf(storedData.type_infos)) {
    const detail = storedData.details?.relations?.find((relation) => relation.name === name);
    let rows: RelationRows;
    try {
      rows = db.read({ name }, 0);
    } catch {
      rows = { columns: [], rows: [] };
    }
    tables.set(name, toTable(name, rows, db.tables.get(name)?.primaryKey ?? [], detail?.geometry_type, attributes));
  }
  return tables;
}

/** The tables and views of a VECTOR-DB with a journal, by name. */
export function journalTables(store: Store, storedData: StoredDataRecord): Promise<Map<string, Table>> {
  const key = JSON.stringify([storedData._id, storedData.type_infos.relations ?? null, storedData.details ?? null]);
  const hit = REPLAYS.get(key);
  if (hit) return hit;
  const result = replay(store, storedData);
  REPLAYS.set(key, result);
  result.catch(() => REPLAYS.delete(key));
  for (const oldest of REPLAYS.keys()) {
    if (REPLAYS.size <= REPLAY_ENTRIES) break;
    REPLAYS.delete(oldest);
  }
  return result;
}

// What was applied to a VECTOR-DB, in order, and how its tables are rebuilt from it. A VECTOR-DB made by the
// first-integration path only has relations read from files (details.relations[].source); as soon as SQL is
// involved (structure file of an upload, derivation, rows injected into a table that SQL created,
// .delete/.update files), details.journal keeps every step: SQL text (already templated), rows inserted from a
// kept file, rows deleted or modified from a kept CSV. Replaying the journal over the file-read tables gives
// the tables and views: with no rows when an execution validates new steps (synchronously), with the rows
// read back from the kept bytes when a diffusion service reads them (diffusion/vector-data.ts).
import type { Feature } from "../../diffusion/vector-data.ts";
import type { SqlValue } from "../../sql/ast.ts";
import type { Row, SqlTable } from "../../sql/database.ts";
import { geometryColumn, SqlDatabase } from "../../sql/database.ts";
import { compare } from "../../sql/eval.ts";
import { coerce } from "../../sql/types.ts";
import type { JsonObject } from "../../core/json.ts";
import type { RelationSource, StoredDataDetails } from "../stored-data/records.ts";

/** One step applied to a VECTOR-DB. */
export type JournalEntry =
  | { op: "sql"; origin: string; sql: string; inputs?: { schema: string; details?: StoredDataDetails }[] }
  | { op: "insert"; table: string; source: RelationSource }
  | { op: "delete" | "update"; table: string; path: string; columns: string[]; rows: string[][] };

/** The features of a kept file (empty to build the structure only). */
export type SourceFeatures = (source: RelationSource) => readonly Feature[];

/** An execution that cannot complete: its message goes to the log, the execution ends in FAILURE. */
export class ExecutionFailure extends Error {}

const NO_ROWS: SourceFeatures = () => [];

// A table read from a file by the first integration: ogc_fid, the integrated columns, geom.
function baseTable(relation: NonNullable<StoredDataDetails["relations"]>[number], source: RelationSource, features: SourceFeatures): SqlTable {
  const columns = [
    { name: "ogc_fid", type: "integer", serial: true, notNull: true },
    ...source.columns.map((c) => ({ name: c.name, type: c.type, serial: false, notNull: false })),
    ...(relation.geometry_type ? [{ name: "geom", type: "geometry", serial: false, notNull: false }] : []),
  ];
  const rows = features(source).map((f): Row => ({ ogc_fid: f.id, ...f.properties, ...(relation.geometry_type ? { geom: f.geometry ? { geometry: f.geometry } : null } : {}) }));
  return { name: relation.name, columns, primaryKey: ["ogc_fid"], rows, sequences: { ogc_fid: rows.length } };
}

/** Applies one step to the database; throws SqlError / Error (French) when it cannot be applied. */
export function applyEntry(db: SqlDatabase, entry: JournalEntry, features: SourceFeatures = NO_ROWS): void {
  if (entry.op === "sql") {
    db.inputs = new Map((entry.inputs ?? []).map((input) => [input.schema, buildDatabase(input.details, features)]));
    try {
      db.run(entry.sql);
    } finally {
      db.inputs = new Map();
    }
    return;
  }
  const table = db.tables.get(entry.table);
  if (!table) throw new Error(`la table « ${entry.table} » n'existe pas dans la donnée stockée`);
  const names = table.columns.map((c) => c.name);
  if (entry.op === "insert") {
    const geom = geometryColumn(table.columns);
    const rows = features(entry.source).map((f): Row => ({ ...f.properties, ...(geom ? { [geom]: f.geometry ? { geometry: f.geometry } : null } : {}) }));
    // Rows that the table refuses (duplicate key, value of the wrong type) are left out, one by one.
    for (const row of rows) {
      try {
        db.insert(table, [row], 0);
      } catch {
        continue;
      }
    }
    return;
  }
  const unknown = entry.columns.find((column) => !names.includes(column));
  if (unknown) throw new Error(`${entry.path} : la colonne « ${unknown} » n'existe pas dans la table « ${table.name} » (colonnes : ${names.join(", ")})`);
  const typed = (row: string[]): SqlValue[] => entry.columns.map((column, i) => coerce(row[i] === "" ? null : row[i] ?? null, table.columns.find((c) => c.name === column)!.type));
  const same = (row: Row, column: string, value: SqlValue): boolean => (value === null ? row[column] === null : row[column] != null && compare(row[column]!, value) === 0);
  if (entry.op === "delete") {
    const filters = entry.rows.map(typed);
    table.rows = table.rows.filter((row) => !filters.some((values) => entry.columns.every((column, i) => same(row, column, values[i]!))));
    return;
  }
  if (table.primaryKey.length === 0) throw new Error(`${entry.path} : la table « ${table.name} » n'a pas de clé primaire, ses objets ne peuvent pas être modifiés par un fichier .update`);
  const missing = table.primaryKey.find((key) => !entry.columns.includes(key));
  if (missing) throw new Error(`${entry.path} : la colonne « ${missing} » de la clé primaire de « ${table.name} » est obligatoire dans un fichier .update`);
  for (const values of entry.rows.map(typed)) {
    const target = table.rows.find((row) => table.primaryKey.every((key) => same(row, key, values[entry.columns.indexOf(key)]!)));
    if (target) entry.columns.forEach((column, i) => { if (!table.primaryKey.includes(column)) target[column] = values[i]!; });
  }
}

/** The database of a VECTOR-DB: its file-read tables, then its journal replayed (a step that fails is skipped). */
export function buildDatabase(details: StoredDataDetails | undefined, features: SourceFeatures = NO_ROWS): SqlDatabase {
  const db = new SqlDatabase();
  for (const relation of details?.relations ?? []) {
    if (relation.source && Array.isArray(relation.source.columns)) db.tables.set(relation.name, baseTable(relation, relation.source, features));
  }
  for (const entry of details?.journal ?? []) {
    try {
      applyEntry(db, entry, features);
    } catch {
      continue;
    }
  }
  return db;
}

/** Every kept file the database is read from (file-read tables, injected rows, derivation inputs). */
export function journalSources(details: StoredDataDetails | undefined): RelationSource[] {
  const sources = (details?.relations ?? []).flatMap((relation) => (relation.source ? [relation.source] : []));
  for (const entry of details?.journal ?? []) {
    if (entry.op === "insert") sources.push(entry.source);
    if (entry.op === "sql") for (const input of entry.inputs ?? []) sources.push(...journalSources(input.details));
  }
  return sources;
}

/** Whether the relations come from a journal (else only from the files of a first integration). */
export const hasJournal = (details: StoredDataDetails | undefined): boolean => (details?.journal?.length ?? 0) > 0;

/** A VECTOR-DB's type_infos from its database. */
export const relationsInfos = (db: SqlDatabase): JsonObject => ({ relations: db.relations() as unknown as JsonObject[] });

// RecordSource on SQLite (better-sqlite3) for the local server: `<dir>/datastore.sqlite`, one table of rows
// addressed by (kind, id) in insertion order, a table of blob references, one transaction per operation.
//
// Choices:
// - WAL journal with synchronous=FULL: every commit is on disk (WAL fsynced) before run() returns, so a write
//   acknowledged by the server survives a process kill and also a power loss or system crash (NORMAL would only
//   survive the first). File contents are fsynced too (file-blobs.ts); one fsync per write is the price.
// - locking_mode=EXCLUSIVE, the lock taken by a write at open and held until close: a second process (or a second
//   connection) on the same directory gets SQLITE_BUSY at once and is refused with a French message. The lock is
//   the operating system's, so it disappears with the process, even after `kill -9` (no stale lock file).
// - `seq INTEGER PRIMARY KEY` is the rowid (an explicit alias, so VACUUM keeps it) and gives the insertion order;
//   (kind, id) is the unique key; an UPSERT keeps `seq` when a row is replaced, so an updated row keeps its place.
// - Row counts per (kind, datastore) are kept by triggers in `counts`, so that a list's total costs the same at
//   10 rows as at 10,000 (count(*) walks the index).
// - `hidden` rows (DELETED records, left out of lists unless asked for) are kept out by an index and counted apart
//   (`visible_counts`), so that a default list page costs the same at 100 rows as at 10,000.
// - Group totals (count and size per kind, datastore and group: a storage's use…) are kept by triggers in `totals`.
// - Rows edited by hand (null or non-text columns) are read as they can be; the UnitOfWork reports unparsable JSON.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { GroupTotal, RecordSource, RowKey, RowQuery, StoredRow } from "../core/source.ts";
import { asStorageError } from "./storage-error.ts";
import { importLegacyState, type LegacyImport } from "./json-import.ts";
import { DATABASE_FILE, lockAndPrepare, OWNER_FILE } from "./sqlite-schema.ts";
import { orderSql, registerFunctions, whereSql } from "./sqlite-query.ts";

/** StorageError (507/503), thrown by a commit that failed. */
export { StorageError } from "./storage-error.ts";
/** Names of the database file and of its owner side file inside the state directory. */
export { DATABASE_FILE, OWNER_FILE } from "./sqlite-schema.ts";

type RawRow = { kind: unknown; id: unknown; datastore: unknown; json: unknown; due: unknown; blobs: unknown; grp?: unknown; size?: unknown; hidden?: unknown };

// A row as stored, whatever a hand edit left in it.
function toRow(raw: RawRow): StoredRow {
  return {
    kind: String(raw.kind),
    id: String(raw.id),
    datastore: typeof raw.datastore === "string" ? raw.datastore : "",
    json: typeof raw.json === "string" ? raw.json : raw.json instanceof Uint8Array ? Buffer.from(raw.json).toString("utf8") : "",
    due: typeof raw.due === "number" && Number.isFinite(raw.due) ? raw.due : typeof raw.due === "bigint" ? Number(raw.due) : null,
    blobs: blobList(raw.blobs),
    group: typeof raw.grp === "string" ? raw.grp : null,
    size: typeof raw.size === "number" ? raw.size : 0,
    hidden: raw.hidden === 1 || raw.hidden === 1n,
  };
}

// The blob keys of the `blobs` column (a JSON list of strings), [] when absent or unreadable.
function blobList(value: unknown): string[] {
  if (typeof value !== "string" || value === "") return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

const COLUMNS = "kind, id, datastore, json, due, blobs, grp, size, hidden";

/** Options of openSqliteSource. */
export interface SqliteSourceOptions {
  /** synchronous pragma (default FULL, see the comment at the top). */
  synchronous?: "FULL" | "NORMAL";
  /** Clock for the due time of imported records (default Date.now). */
  now?: () => number;
}

/** A record source in a SQLite database, opened by openSqliteSource(). */
export class SqliteSource implements RecordSource {
  /** What was found when opening: a new database, an existing one, and the import of a datastore.json. */
  readonly opening: { created: boolean; imported?: LegacyImport; reindex?: boolean };
  private readonly statements;
  // Statements of filtered or sorted lists, by SQL text (their shape; the values are parameters).
  private readonly queries = new Map<string, Database.Statement>();

  /** Wraps an open database (use openSqliteSource). */
  constructor(
    readonly db: Database.Database,
    readonly file: string,
    created: boolean,
  ) {
    this.opening = { created };
    registerFunctions(db);
    const prepare = (sql: string) => db.prepare(sql);
    this.statements = {
      get: prepare(`SELECT ${COLUMNS} FROM rows WHERE kind = ? AND id = ?`),
      listAll: prepare(`SELECT ${COLUMNS} FROM rows WHERE kind = ? ORDER BY seq LIMIT ? OFFSET ?`),
      listDatastore: prepare(`SELECT ${COLUMNS} FROM rows WHERE kind = ? AND datastore = ? ORDER BY seq LIMIT ? OFFSET ?`),
      countAll: prepare("SELECT coalesce(sum(n), 0) AS n FROM counts WHERE kind = ?"),
      countDatastore: prepare("SELECT coalesce(sum(n), 0) AS n FROM counts WHERE kind = ? AND datastore = ?"),
      listVisible: prepare(`SELECT ${COLUMNS} FROM rows WHERE kind = ? AND datastore = ? AND hidden = 0 ORDER BY seq LIMIT ? OFFSET ?`),
      countVisible: prepare("SELECT coalesce(sum(n), 0) AS n FROM visible_counts WHERE kind = ? AND datastore = ?"),
      upsert: prepare(
        "INSERT INTO rows (kind, id, datastore, json, due, blobs, grp, size, hidden) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) " +
          "ON CONFLICT (kind, id) DO UPDATE SET datastore = excluded.datastore, json = excluded.json, due = excluded.due, blobs = excluded.blobs, grp = excluded.grp, size = excluded.size, hidden = excluded.hidden RETURNING seq",
      ),
      seqOf: prepare("SELECT seq FROM rows WHERE kind = ? AND id = ?"),
      deleteRow: prepare("DELETE FROM rows WHERE seq = ?"),
      deleteRefs: prepare("DELETE FROM blob_refs WHERE seq = ?"),
      insertRef: prepare("INSERT INTO blob_refs (blob, seq) VALUES (?, ?)"),
      nextDue: prepare("SELECT kind, id, due FROM rows WHERE due IS NOT NULL AND due <= ? ORDER BY due LIMIT 1"),
      totals: prepare("SELECT grp, n, size FROM totals WHERE kind = ? AND datastore = ? AND n > 0"),
      referenced: prepare("SELECT 1 FROM blob_refs WHERE blob = ? LIMIT 1"),
      referencedBlobs: prepare("SELECT DISTINCT blob FROM blob_refs"),
      getMeta: prepare("SELECT value FROM meta WHERE key = ?"),
      setMeta: prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
    };
  }

  transaction<T>(work: () => T): T {
    // Nested calls join the outer transaction (as MemorySource does).
    if (this.db.inTransaction) return work();
    try {
      return this.db.transaction(work)();
    } catch (error) {
      throw asStorageError(error);
    }
  }

  get(kind: string, id: string): StoredRow | undefined {
    const raw = this.statements.get.get(kind, id) as RawRow | undefined;
    return raw ? toRow(raw) : undefined;
  }

  list(kind: string, query: RowQuery = {}): StoredRow[] {
    const limit = query.limit ?? -1;
    const offset = query.offset ?? 0;
    if (query.where?.length || query.sort || (query.visible && query.datastore === undefined)) {
      const { sql, params } = this.filtered(kind, query);
      return (this.query(`SELECT ${COLUMNS} FROM rows WHERE ${sql} ORDER BY ${orderSql(query.sort)} LIMIT ? OFFSET ?`).all(...params, limit, offset) as RawRow[]).map(toRow);
    }
    if (query.visible) return (this.statements.listVisible.all(kind, query.datastore, limit, offset) as RawRow[]).map(toRow);
    const raws = (query.datastore === undefined ? this.statements.listAll.all(kind, limit, offset) : this.statements.listDatastore.all(kind, query.datastore, limit, offset)) as RawRow[];
    return raws.map(toRow);
  }

  count(kind: string, query: RowQuery = {}): number {
    if (query.where?.length || (query.visible && query.datastore === undefined)) {
      const { sql, params } = this.filtered(kind, query);
      return (this.query(`SELECT count(*) AS n FROM rows WHERE ${sql}`).get(...params) as { n: number }).n;
    }
    if (query.visible) return (this.statements.countVisible.get(kind, query.datastore) as { n: number }).n;
    const result = (query.datastore === undefined ? this.statements.countAll.get(kind) : this.statements.countDatastore.get(kind, query.datastore)) as { n: number };
    return result.n;
  }

  // The WHERE clause of a filtered query (kind, datastore, conditions) and its parameters.
  private filtered(kind: string, query: RowQuery): { sql: string; params: unknown[] } {
    const where = whereSql(query.where);
    const sql = ["kind = ?", ...(query.datastore === undefined ? [] : ["datastore = ?"]), ...(query.visible ? ["hidden = 0"] : []), ...(where ? [where.sql] : [])].join(" AND ");
    return { sql, params: [kind, ...(query.datastore === undefined ? [] : [query.datastore]), ...(where?.params ?? [])] };
  }

  // A prepared statement of a filtered query, kept by its text (at most 64).
  private query(sql: string): Database.Statement {
    let statement = this.queries.get(sql);
    if (!statement) {
      if (this.queries.size >= 64) this.queries.clear();
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return statement;
  }

  put(row: StoredRow): void {
    const blobs = [...new Set(row.blobs)];
    const { seq } = this.statements.upsert.get(row.kind, row.id, row.datastore, row.json, row.due, blobs.length > 0 ? JSON.stringify(blobs) : null, row.group ?? null, row.size ?? 0, row.hidden ? 1 : 0) as { seq: number };
    this.statements.deleteRefs.run(seq);
    for (const blob of blobs) this.statements.insertRef.run(blob, seq);
  }

  delete(kind: string, id: string): void {
    const found = this.statements.seqOf.get(kind, id) as { seq: number } | undefined;
    if (!found) return;
    this.statements.deleteRefs.run(found.seq);
    this.statements.deleteRow.run(found.seq);
  }

  nextDue(until: number): (RowKey & { due: number }) | undefined {
    const raw = this.statements.nextDue.get(until) as { kind: unknown; id: unknown; due: unknown } | undefined;
    if (!raw || typeof raw.due !== "number") return undefined;
    return { kind: String(raw.kind), id: String(raw.id), due: raw.due };
  }

  totals(kind: string, datastore: string): GroupTotal[] {
    return (this.statements.totals.all(kind, datastore) as { grp: string; n: number; size: number }[]).map((total) => ({ group: total.grp, count: total.n, size: total.size }));
  }

  referenced(blob: string): boolean {
    return this.statements.referenced.get(blob) !== undefined;
  }

  referencedBlobs(): Set<string> {
    return new Set((this.statements.referencedBlobs.all() as { blob: unknown }[]).map((row) => String(row.blob)));
  }

  clear(): void {
    this.db.exec("DELETE FROM blob_refs; DELETE FROM rows; DELETE FROM counts;");
  }

  /** A value of the database's meta table. */
  getMeta(key: string): string | undefined {
    return (this.statements.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  /** Sets a value of the meta table (inside the current transaction, if any). */
  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value);
  }

  /** Closes the database (releasing the directory for another server). */
  close(): void {
    if (!this.db.open) return;
    this.db.close();
    fs.rmSync(path.join(path.dirname(this.file), OWNER_FILE), { force: true });
  }
}

/** Opens (creating it if needed) `<dir>/datastore.sqlite`, locks it for this process and imports a datastore.json. */
export function openSqliteSource(dir: string, options: SqliteSourceOptions = {}): SqliteSource {
  const absolute = path.resolve(dir);
  fs.mkdirSync(absolute, { recursive: true });
  const file = path.join(absolute, DATABASE_FILE);
  const created = !fs.existsSync(file);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 0 });
  } catch (error) {
    throw new Error(`Impossible d'ouvrir la base ${file} : ${error instanceof Error ? error.message : String(error)}. Démarrage refusé.`);
  }
  try {
    const prepared = lockAndPrepare(db, absolute, file, options.synchronous ?? "FULL");
    const source = new SqliteSource(db, file, created);
    if (prepared.reindex) source.opening.reindex = true;
    const imported = importLegacyState(absolute, source, options.now ?? Date.now);
    if (imported) source.opening.imported = imported;
    try {
      fs.writeFileSync(path.join(absolute, OWNER_FILE), `${JSON.stringify({ pid: process.pid, started: new Date().toISOString() })}\n`);
    } catch {
      // Information only (a full disk must not stop the start).
    }
    return source;
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
}

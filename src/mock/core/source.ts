// The store interface every adapter implements (memory, SQLite in Node, IndexedDB-backed memory in the browser):
// rows of JSON records addressed by kind and id, read and written synchronously inside atomic transactions.
// The core knows no resource: a row's kind, datastore, due time and blob keys are given by the collection.
import type { RowCondition, RowSort } from "./row-query.ts";

/** Conditions and sort orders on a row's JSON (see row-query.ts for their semantics). */
export type { JsonPath, RowCondition, RowSort, RowValue } from "./row-query.ts";

/** One stored record. */
export interface StoredRow {
  /** Collection name, e.g. `upload`. */
  kind: string;
  id: string;
  /** Datastore the record belongs to. */
  datastore: string;
  /** The record as JSON text. */
  json: string;
  /** When the record's lifecycle next acts (ms since epoch), or null. */
  due: number | null;
  /** Keys of the file contents (blobs) the record references. */
  blobs: string[];
  /** The total the record counts in (e.g. a storage), if any, and its size there (see RecordSource.totals). */
  group?: string | null;
  size?: number;
  /** Left out of lists unless asked for (e.g. a DELETED upload); see RowQuery.visible. */
  hidden?: boolean;
}

/** How many rows of a kind and datastore count in a group, and their total size. */
export interface GroupTotal {
  group: string;
  count: number;
  size: number;
}

/** Which rows of a kind to read: one datastore's, those whose JSON satisfies every condition of `where`, in
 * insertion order or by `sort` (ties in insertion order), a page of them. */
export interface RowQuery {
  datastore?: string;
  /** Only the rows listed by default (not `hidden`: e.g. not DELETED), read through an index. */
  visible?: boolean;
  where?: readonly RowCondition[];
  sort?: RowSort;
  offset?: number;
  limit?: number;
}

/** The key of a row. */
export interface RowKey {
  kind: string;
  id: string;
}

/** What one committed transaction changed (for a persistence behind a memory source, or other tabs). */
export interface ChangeBatch {
  puts: StoredRow[];
  deletes: RowKey[];
}

/** A synchronous, transactional record store. */
export interface RecordSource {
  /** Runs `work` atomically: every write inside is committed together, none if it throws or the commit fails. */
  transaction<T>(work: () => T): T;
  /** The row, if any. */
  get(kind: string, id: string): StoredRow | undefined;
  /** Rows of a kind, in insertion order (an updated row keeps its place) unless sorted. */
  list(kind: string, query?: RowQuery): StoredRow[];
  /** How many rows of a kind (of one datastore, satisfying `where`) there are; offset, limit and sort are ignored. */
  count(kind: string, query?: RowQuery): number;
  /** Inserts or replaces a row. */
  put(row: StoredRow): void;
  /** Removes a row (no-op when absent). */
  delete(kind: string, id: string): void;
  /** The row whose due time is the earliest, if it is at or before `until`. */
  nextDue(until: number): (RowKey & { due: number }) | undefined;
  /** Per group, the number and total size of a datastore's rows of a kind (kept up to date, not recomputed). */
  totals(kind: string, datastore: string): GroupTotal[];
  /** Whether any row references the blob. */
  referenced(blob: string): boolean;
  /** Every blob key referenced by a row. */
  referencedBlobs(): Set<string>;
  /** Removes every row. */
  clear(): void;
}

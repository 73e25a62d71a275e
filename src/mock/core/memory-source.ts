// RecordSource in memory: maps per kind (insertion order kept), an index of due times, an undo log for
// transactions, and commit listeners (the browser persists each committed batch and tells other tabs).
// Filtered and sorted lists read each row's JSON parsed once (kept with the row until it is replaced).
import { compareSortValues, matchesAll, sortValue } from "./row-query.ts";
import type { ChangeBatch, GroupTotal, RecordSource, RowKey, RowQuery, StoredRow } from "./source.ts";

type Undo = { key: RowKey; before: StoredRow | undefined };

/** Called with what each committed transaction changed. */
export type CommitListener = (batch: ChangeBatch) => void;

/** A record source held in memory. */
export class MemorySource implements RecordSource {
  private readonly kinds = new Map<string, Map<string, StoredRow>>();
  private readonly dues = new Map<string, RowKey & { due: number }>();
  private readonly blobRefs = new Map<string, number>();
  private readonly groups = new Map<string, Map<string, GroupTotal>>();
  private readonly listeners = new Set<CommitListener>();
  // Parsed JSON of the rows a filtered or sorted list read (undefined when unparsable), dropped with the row object.
  private readonly parsed = new WeakMap<StoredRow, unknown>();
  private undo: Undo[] | undefined;

  /** A source holding the given rows. */
  constructor(rows: Iterable<StoredRow> = []) {
    for (const row of rows) this.write(row);
  }

  /** Registers a commit listener; returns its unsubscribe function. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies a batch committed elsewhere (another tab), without calling the listeners. */
  applyBatch(batch: ChangeBatch): void {
    for (const key of batch.deletes) this.erase(key.kind, key.id);
    for (const row of batch.puts) this.write(row);
  }

  transaction<T>(work: () => T): T {
    if (this.undo) return work();
    const undo: Undo[] = (this.undo = []);
    try {
      const result = work();
      this.undo = undefined;
      const batch = batchOf(undo, this);
      if (batch.puts.length + batch.deletes.length > 0) for (const listener of this.listeners) listener(batch);
      return result;
    } catch (error) {
      this.undo = undefined;
      for (const { key, before } of undo.reverse()) {
        if (before) this.write(before);
        else this.erase(key.kind, key.id);
      }
      throw error;
    }
  }

  get(kind: string, id: string): StoredRow | undefined {
    return this.kinds.get(kind)?.get(id);
  }

  list(kind: string, query: RowQuery = {}): StoredRow[] {
    const offset = query.offset ?? 0;
    const end = query.limit === undefined ? Infinity : offset + query.limit;
    if (query.sort) {
      const { path, direction } = query.sort;
      const sign = direction === "desc" ? -1 : 1;
      const keyed = [...this.matching(kind, query)].map((row, index) => ({ row, index, value: sortValue(this.json(row), path) }));
      keyed.sort((a, b) => sign * compareSortValues(a.value, b.value) || a.index - b.index);
      return keyed.slice(offset, end).map((entry) => entry.row);
    }
    const out: StoredRow[] = [];
    let index = 0;
    for (const row of this.matching(kind, query)) {
      if (index >= offset && index < end) out.push(row);
      if (++index >= end) break;
    }
    return out;
  }

  count(kind: string, query: RowQuery = {}): number {
    const rows = this.kinds.get(kind);
    if (!rows || (query.datastore === undefined && !query.where?.length && !query.visible)) return rows?.size ?? 0;
    let count = 0;
    for (const _ of this.matching(kind, query)) count++;
    return count;
  }

  // The rows of a kind of the query's datastore that satisfy its conditions, in insertion order.
  private *matching(kind: string, query: RowQuery): Generator<StoredRow> {
    for (const row of this.kinds.get(kind)?.values() ?? []) {
      if (query.datastore !== undefined && row.datastore !== query.datastore) continue;
      if (query.visible && row.hidden) continue;
      if (query.where?.length && !matchesAll(this.json(row), query.where)) continue;
      yield row;
    }
  }

  // The row's JSON, parsed once.
  private json(row: StoredRow): unknown {
    if (this.parsed.has(row)) return this.parsed.get(row);
    let value: unknown;
    try {
      value = JSON.parse(row.json);
    } catch {
      value = undefined;
    }
    this.parsed.set(row, value);
    return value;
  }

  put(row: StoredRow): void {
    this.undo?.push({ key: row, before: this.get(row.kind, row.id) });
    this.write(row);
  }

  delete(kind: string, id: string): void {
    const before = this.get(kind, id);
    if (!before) return;
    this.undo?.push({ key: { kind, id }, before });
    this.erase(kind, id);
  }

  nextDue(until: number): (RowKey & { due: number }) | undefined {
    let best: (RowKey & { due: number }) | undefined;
    for (const entry of this.dues.values()) if (entry.due <= until && (!best || entry.due < best.due)) best = entry;
    return best ? { ...best } : undefined;
  }

  totals(kind: string, datastore: string): GroupTotal[] {
    return [...(this.groups.get(`${kind}\u0000${datastore}`)?.values() ?? [])].filter((total) => total.count > 0).map((total) => ({ ...total }));
  }

  referenced(blob: string): boolean {
    return (this.blobRefs.get(blob) ?? 0) > 0;
  }

  referencedBlobs(): Set<string> {
    return new Set(this.blobRefs.keys());
  }

  clear(): void {
    for (const kind of [...this.kinds.keys()]) for (const id of [...this.kinds.get(kind)!.keys()]) this.delete(kind, id);
  }

  /** Every row (for a persistence that saves them). */
  rows(): StoredRow[] {
    return [...this.kinds.values()].flatMap((rows) => [...rows.values()]);
  }

  private write(given: StoredRow): void {
    const row: StoredRow = { ...given, group: given.group ?? null, size: given.size ?? 0, hidden: given.hidden ?? false };
    this.erase(row.kind, row.id, true);
    let rows = this.kinds.get(row.kind);
    if (!rows) this.kinds.set(row.kind, (rows = new Map()));
    rows.set(row.id, row);
    if (row.due !== null) this.dues.set(`${row.kind}\u0000${row.id}`, { kind: row.kind, id: row.id, due: row.due });
    for (const blob of row.blobs) this.blobRefs.set(blob, (this.blobRefs.get(blob) ?? 0) + 1);
    this.tally(row, 1);
  }

  // Adds (sign 1) or removes (sign -1) a row from its group's total.
  private tally(row: StoredRow, sign: 1 | -1): void {
    if (row.group === undefined || row.group === null) return;
    const key = `${row.kind}\u0000${row.datastore}`;
    let groups = this.groups.get(key);
    if (!groups) this.groups.set(key, (groups = new Map()));
    const total = groups.get(row.group) ?? { group: row.group, count: 0, size: 0 };
    total.count += sign;
    total.size += sign * (row.size ?? 0);
    groups.set(row.group, total);
  }

  // Removes a row's indexes; `keepPlace` leaves the map entry so that a replacement keeps its position.
  private erase(kind: string, id: string, keepPlace = false): void {
    const rows = this.kinds.get(kind);
    const row = rows?.get(id);
    if (!row) return;
    this.dues.delete(`${kind}\u0000${id}`);
    this.tally(row, -1);
    for (const blob of row.blobs) {
      const count = (this.blobRefs.get(blob) ?? 1) - 1;
      if (count > 0) this.blobRefs.set(blob, count);
      else this.blobRefs.delete(blob);
    }
    if (!keepPlace) rows!.delete(id);
  }
}

// The net changes of a transaction: the final state of every key it touched.
function batchOf(undo: Undo[], source: MemorySource): ChangeBatch {
  const batch: ChangeBatch = { puts: [], deletes: [] };
  const seen = new Set<string>();
  for (const { key } of undo) {
    const id = `${key.kind}\u0000${key.id}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const row = source.get(key.kind, key.id);
    if (row) batch.puts.push(row);
    else batch.deletes.push({ kind: key.kind, id: key.id });
  }
  return batch;
}

// The records one operation reads and writes: each row read is parsed once and remembered with its text, and
// flush() writes back only the records whose JSON changed (cost proportional to what the operation touched,
// not to the size of the store). Records are plain JSON; the model mutates them in place.
import type { Collection, RecordBase } from "./collection.ts";
import { rowOf } from "./collection.ts";
import type { RecordSource, RowQuery, StoredRow } from "./source.ts";

/** What a list asks for besides the datastore: conditions, sort order, page. */
export type ListQuery = Omit<RowQuery, "datastore">;

interface Entry {
  collection: Collection<RecordBase>;
  record: RecordBase | undefined;
  /** JSON as last read or written; undefined for a record inserted by this unit. */
  text: string | undefined;
}

/** Reads and writes of one operation on a record source. */
export class UnitOfWork {
  private readonly entries = new Map<string, Entry>();
  /** Blob keys that flushed changes stopped referencing (to delete once committed, if nothing else uses them). */
  readonly released = new Set<string>();
  /** Records that could not be read (corrupt rows), as `kind id: reason`. */
  readonly ignored: string[] = [];

  /** A unit of work over the source. */
  constructor(private readonly source: RecordSource) {}

  /** The record, or undefined (also for a corrupt row, which is then reported in `ignored`). */
  get<T extends RecordBase>(collection: Collection<T>, id: string): T | undefined {
    const key = keyOf(collection.kind, id);
    const known = this.entries.get(key);
    if (known) return known.record as T | undefined;
    const row = this.source.get(collection.kind, id);
    return this.remember(collection, key, row);
  }

  /** Records (of one datastore when given) whose JSON satisfies `query.where`, in insertion order or by
   * `query.sort`, a page of them with offset/limit. Changes made so far are flushed first, so that the source
   * filters the records as they are now. */
  list<T extends RecordBase>(collection: Collection<T>, datastore?: string, query: ListQuery = {}): T[] {
    this.flush();
    const out: T[] = [];
    for (const row of this.source.list(collection.kind, { ...query, datastore })) {
      const key = keyOf(collection.kind, row.id);
      const known = this.entries.get(key);
      const record = known ? (known.record as T | undefined) : this.remember(collection, key, row);
      if (record) out.push(record);
    }
    return out;
  }

  /** How many records of one datastore the collection holds (satisfying `where` when given), changes included. */
  count<T extends RecordBase>(collection: Collection<T>, datastore: string, where?: ListQuery["where"], visible = false): number {
    this.flush();
    return this.source.count(collection.kind, { datastore, ...(where ? { where } : {}), ...(visible ? { visible } : {}) });
  }

  /** Per group, how many of a datastore's records count in it and their total size (as last flushed). */
  totals<T extends RecordBase>(collection: Collection<T>, datastore: string): Map<string, { count: number; size: number }> {
    return new Map(this.source.totals(collection.kind, datastore).map((total) => [total.group, { count: total.count, size: total.size }]));
  }

  /** Adds a new record (written at the next flush). */
  insert<T extends RecordBase>(collection: Collection<T>, record: T): T {
    this.entries.set(keyOf(collection.kind, record._id), { collection: collection as unknown as Collection<RecordBase>, record, text: undefined });
    return record;
  }

  /** Removes a record (at the next flush). */
  remove<T extends RecordBase>(collection: Collection<T>, id: string): void {
    const key = keyOf(collection.kind, id);
    const entry = this.entries.get(key);
    const row = this.source.get(collection.kind, id);
    for (const blob of row?.blobs ?? []) this.released.add(blob);
    this.source.delete(collection.kind, id);
    // Remembered as gone: later reads in this unit see no record, and flush() has nothing to write.
    this.entries.set(key, { collection: entry?.collection ?? (collection as unknown as Collection<RecordBase>), record: undefined, text: "" });
  }

  /** Writes every new or changed record to the source. */
  flush(): void {
    for (const entry of this.entries.values()) {
      const record = entry.record;
      if (!record) continue;
      const text = JSON.stringify(record);
      if (text === entry.text) continue;
      const before = entry.text === undefined ? undefined : this.source.get(entry.collection.kind, record._id);
      const row = rowOf(entry.collection, record, text);
      for (const blob of before?.blobs ?? []) if (!row.blobs.includes(blob)) this.released.add(blob);
      this.source.put(row);
      entry.text = text;
    }
  }

  private remember<T extends RecordBase>(collection: Collection<T>, key: string, row: StoredRow | undefined): T | undefined {
    let record: T | undefined;
    if (row) {
      try {
        const parsed: unknown = JSON.parse(row.json);
        const checked = isRecord(parsed) ? (collection.upgrade ? collection.upgrade(parsed) : (parsed as unknown as T)) : "pas un objet avec _id et datastore";
        if (typeof checked === "string") this.ignored.push(`${collection.kind} ${row.id} : ${checked}`);
        else record = checked;
      } catch {
        this.ignored.push(`${collection.kind} ${row.id} : JSON invalide`);
      }
    }
    this.entries.set(key, { collection: collection as unknown as Collection<RecordBase>, record, text: row && record ? row.json : undefined });
    if (row && !record) this.entries.get(key)!.text = "";
    return record;
  }
}

const keyOf = (kind: string, id: string): string => `${kind}\u0000${id}`;

// A record must at least be an object with string _id and datastore.
function isRecord(value: unknown): value is Record<string, unknown> & RecordBase {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as RecordBase)._id === "string" && typeof (value as RecordBase).datastore === "string";
}

// A typed collection of records: its kind (the rows' name in the store), and what the store needs to know of
// its records (datastore, when their lifecycle next acts, which file contents they reference, how a stored
// record is checked). Each resource declares its own; the core knows none.
import type * as z from "zod/mini";
import type { StoredRow } from "./source.ts";

/** What every record carries. */
export interface RecordBase {
  _id: string;
  datastore: string;
}

/** A collection of records of type T. */
export interface Collection<T extends RecordBase> {
  kind: string;
  /** When the record's lifecycle next acts (ms since epoch), if it still will. */
  due?: (record: T) => number | undefined;
  /** Keys of the file contents (blobs) the record references. */
  blobs?: (record: T) => string[];
  /** Whether lists leave the record out unless asked for (e.g. DELETED); indexed by the sources. */
  hidden?: (record: T) => boolean;
  /** The total the record counts in and its size there (e.g. a stored data in its storage); none when undefined. */
  measure?: (record: T) => { group: string; size: number } | undefined;
  /** Checks (and upgrades) a record read from the store: the record, or why it cannot be used (French). */
  upgrade?: (record: Record<string, unknown>) => T | string;
}

/** An `upgrade` that fills the fields older records lack (`defaults`), then checks the record against a schema. */
export function recordGuard<T>(schema: z.ZodMiniType<T>, defaults?: (record: Record<string, unknown>) => Record<string, unknown>): (record: Record<string, unknown>) => T | string {
  return (stored) => {
    // Only a record that lacked something becomes a new object (and is saved again, upgraded, at the next write).
    let record = stored;
    for (const [key, value] of Object.entries(defaults?.(stored) ?? {})) if (record[key] === undefined) record = { ...record, [key]: value };
    const parsed = schema.safeParse(record);
    // The record itself, not the parser's copy: its JSON (key order included) stays as stored, so that reading
    // it never counts as a change.
    if (parsed.success) return record as T;
    const issue = parsed.error.issues[0]!;
    return `champ « ${issue.path.join(".") || "(racine)"} » invalide (${issue.message})`;
  };
}

/** The row a record is stored as: its JSON and what the collection derives from it (due time, blobs, total, hidden). */
export function rowOf<T extends RecordBase>(collection: Collection<T>, record: T, json: string): StoredRow {
  const measured = collection.measure?.(record);
  return {
    kind: collection.kind,
    id: record._id,
    datastore: record.datastore,
    json,
    due: collection.due?.(record) ?? null,
    blobs: collection.blobs?.(record) ?? [],
    group: measured?.group ?? null,
    size: measured?.size ?? 0,
    hidden: collection.hidden?.(record) ?? false,
  };
}

/** Declares a collection. */
export function collection<T extends RecordBase>(kind: string, options: Omit<Collection<T>, "kind"> = {}): Collection<T> {
  return { kind, ...options };
}

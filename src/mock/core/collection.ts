// A typed collection of records: its kind (the rows' name in the store), and what the store needs to know of
// its records (datastore, when their lifecycle next acts, which file contents they reference). Each resource
// declares its own; the core knows none.

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
  /** Fills in fields missing from records saved by an older version; returns undefined when unusable. */
  upgrade?: (record: Record<string, unknown>) => T | undefined;
}

/** Declares a collection. */
export function collection<T extends RecordBase>(kind: string, options: Omit<Collection<T>, "kind"> = {}): Collection<T> {
  return { kind, ...options };
}

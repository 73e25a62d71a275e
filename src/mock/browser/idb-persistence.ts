// The datastore's rows in IndexedDB: read whole at start, then kept up to date one committed batch at a time (one
// IDB transaction per batch, logged under a sequence number), so that another tab catches up from the change log at
// a cost proportional to what it missed, and reloads everything only when the log no longer covers the gap.
import type { ChangeBatch, RowKey, StoredRow } from "../core/source.ts";
import type { EntrepotDatabase, LogEntry, Meta, SavedRow } from "./idb-schema.ts";
import { checkLogEntry, checkMeta, checkRow, describeKey, logValue, META_KEY, metaValue, newEpoch, savedValue } from "./idb-schema.ts";

/** What other tabs are told of a committed change: the log entry (as saved) and the history it belongs to. */
export interface ChangeMessage {
  epoch: string;
  seq: number;
  [field: string]: unknown;
}

/** What a catch-up found: the changes missed, or every row when the log does not cover the gap. */
export type CatchUp = { changes: LogEntry[] } | { reload: StoredRow[] };

/** How many log entries are kept (older ones are pruned; a tab further behind reloads everything). */
export const DEFAULT_LOG_LIMIT = 500;

type Transaction = ReturnType<EntrepotDatabase["transaction"]>;

/** Rows, sequence number and change log of one database, as this tab last saw them. */
export class IdbPersistence {
  private readonly orders = new Map<string, number>();
  private nextOrder = 0;
  private seq = 0;
  private epoch = "";
  // Another tab wrote between this tab's catch-up and its write (no Web Locks): reload at the next catch-up.
  private stale = false;

  /** A persistence over an open database; `report` receives the French descriptions of what was ignored. */
  constructor(
    readonly db: EntrepotDatabase,
    private readonly report: (messages: string[]) => void,
    private readonly logLimit = DEFAULT_LOG_LIMIT,
  ) {}

  /** Sequence number of the last batch this tab knows of (0: nothing ever written). */
  get sequence(): number {
    return this.seq;
  }

  /** Every readable row, in insertion order, with the sequence number; starts the history if there is none. */
  async load(): Promise<StoredRow[]> {
    const tx = this.db.transaction(["rows", "log", "meta"], "readwrite");
    const [value, keys, values] = await Promise.all([tx.objectStore("meta").get(META_KEY), tx.objectStore("rows").getAllKeys(), tx.objectStore("rows").getAll()]);
    let meta = this.readMeta(value);
    if (!meta) {
      // A new history (first start, or an unreadable meta): tabs that knew another one will reload everything.
      meta = { seq: 0, epoch: newEpoch() };
      await Promise.all([tx.objectStore("log").clear(), tx.objectStore("meta").put(metaValue(meta), META_KEY)]);
    }
    await tx.done;
    return this.adopt(meta, keys, values);
  }

  /** What changed since this tab's last load, write or catch-up (one transaction). */
  async catchUp(): Promise<CatchUp> {
    const tx = this.db.transaction(["rows", "log", "meta"], "readonly");
    const meta = this.readMeta(await tx.objectStore("meta").get(META_KEY));
    const seq = meta?.seq ?? 0;
    const sameHistory = !this.stale && (meta?.epoch ?? "") === this.epoch && seq >= this.seq;
    if (sameHistory && seq === this.seq) {
      await tx.done;
      return { changes: [] };
    }
    if (sameHistory) {
      const values = await tx.objectStore("log").getAll(IDBKeyRange.bound(this.seq + 1, seq));
      const entries = values.map((value, index) => checkLogEntry(value, this.seq + 1 + index));
      if (entries.length === seq - this.seq && entries.every((entry) => entry !== undefined)) {
        await tx.done;
        for (const entry of entries) this.follow(entry);
        return { changes: entries };
      }
    }
    const [keys, values] = await Promise.all([tx.objectStore("rows").getAllKeys(), tx.objectStore("rows").getAll(), tx.done]);
    return { reload: this.adopt(meta, keys, values) };
  }

  /** Writes one committed batch and its log entry in one transaction; returns what to tell the other tabs. */
  async write(batch: ChangeBatch): Promise<ChangeMessage> {
    const tx = this.db.transaction(["rows", "log", "meta"], "readwrite");
    return this.commit(tx, async () => {
      const current = checkMeta(await tx.objectStore("meta").get(META_KEY)) ?? { seq: 0, epoch: newEpoch() };
      if (current.epoch !== this.epoch || current.seq !== this.seq) this.stale = true;
      const entry: LogEntry = { seq: current.seq + 1, puts: batch.puts.map((row) => ({ ...row, order: this.orderOf(row) })), deletes: batch.deletes, reset: false };
      const rows = tx.objectStore("rows");
      const log = tx.objectStore("log");
      const requests: Promise<unknown>[] = [];
      for (const key of entry.deletes) requests.push(rows.delete([key.kind, key.id]));
      for (const row of entry.puts) requests.push(rows.put(savedValue(row), [row.kind, row.id]));
      requests.push(log.put(logValue(entry), entry.seq));
      if (entry.seq > this.logLimit) requests.push(log.delete(IDBKeyRange.upperBound(entry.seq - this.logLimit)));
      requests.push(tx.objectStore("meta").put(metaValue({ seq: entry.seq, epoch: current.epoch }), META_KEY));
      return { entry, epoch: current.epoch, requests };
    });
  }

  /** Clears rows, blobs and the log in one transaction ("Tout recommencer"); returns what to tell the other tabs. */
  async clear(): Promise<ChangeMessage> {
    const tx = this.db.transaction(["rows", "blobs", "log", "meta"], "readwrite");
    return this.commit(tx, async () => {
      const current = checkMeta(await tx.objectStore("meta").get(META_KEY)) ?? { seq: 0, epoch: newEpoch() };
      const entry: LogEntry = { seq: current.seq + 1, puts: [], deletes: [], reset: true };
      const requests: Promise<unknown>[] = [tx.objectStore("rows").clear(), tx.objectStore("blobs").clear(), tx.objectStore("log").clear()];
      requests.push(tx.objectStore("log").put(logValue(entry), entry.seq), tx.objectStore("meta").put(metaValue({ seq: entry.seq, epoch: current.epoch }), META_KEY));
      return { entry, epoch: current.epoch, requests };
    });
  }

  /**
   * A change announced by another tab: the entry to apply when it is the next one, undefined when already known,
   * "gap" when this tab missed something (it should catch up from the log).
   */
  receive(message: unknown): LogEntry | "gap" | undefined {
    if (typeof message !== "object" || message === null) return undefined;
    const { epoch, seq } = message as { epoch?: unknown; seq?: unknown };
    if (typeof epoch !== "string" || typeof seq !== "number") return undefined;
    if (this.stale || epoch !== this.epoch) return "gap";
    if (seq <= this.seq) return undefined;
    const entry = seq === this.seq + 1 ? checkLogEntry(message, seq) : undefined;
    if (!entry) return "gap";
    this.follow(entry);
    return entry;
  }

  // Runs the writes of a transaction; a synchronous failure aborts it, so that nothing of the batch is kept.
  private async commit(tx: Transaction, work: () => Promise<{ entry: LogEntry; epoch: string; requests: Promise<unknown>[] }>): Promise<ChangeMessage> {
    let written: { entry: LogEntry; epoch: string; requests: Promise<unknown>[] };
    try {
      written = await work();
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished
      }
      await tx.done.catch(() => undefined);
      throw error;
    }
    await Promise.all([...written.requests, tx.done]);
    this.epoch = written.epoch;
    this.follow(written.entry);
    return { ...logValue(written.entry), epoch: written.epoch, seq: written.entry.seq };
  }

  // Notes what an entry changed (insertion order of rows, sequence number).
  private follow(entry: LogEntry): void {
    if (entry.reset) {
      this.orders.clear();
      this.nextOrder = 0;
    }
    for (const key of entry.deletes) this.orders.delete(keyOf(key));
    for (const row of entry.puts) {
      this.orders.set(keyOf(row), row.order);
      this.nextOrder = Math.max(this.nextOrder, row.order + 1);
    }
    this.seq = entry.seq;
  }

  // The row's place in insertion order: kept when it already exists, the next one otherwise.
  private orderOf(row: RowKey): number {
    const key = keyOf(row);
    let order = this.orders.get(key);
    if (order === undefined) this.orders.set(key, (order = this.nextOrder++));
    return order;
  }

  // The meta value, reporting it when present but unreadable.
  private readMeta(value: unknown): Meta | undefined {
    const meta = checkMeta(value);
    if (!meta && value !== undefined) this.report(["Entrepôt simulé : numéro de version de l'état illisible dans IndexedDB, état relu en entier."]);
    return meta;
  }

  // Takes a full read as this tab's view: checks every row, reports the unusable ones, sorts by insertion order.
  private adopt(meta: Meta | undefined, keys: IDBValidKey[], values: unknown[]): StoredRow[] {
    const ignored: string[] = [];
    const rows: SavedRow[] = [];
    values.forEach((value, index) => {
      const key = keys[index]!;
      const row = checkRow(value);
      if (typeof row === "string") ignored.push(`Entrepôt simulé : enregistrement IndexedDB ignoré (${describeKey(key)}) : ${row}.`);
      else if (!Array.isArray(key) || key[0] !== row.kind || key[1] !== row.id) ignored.push(`Entrepôt simulé : enregistrement IndexedDB ignoré (${describeKey(key)}) : clé différente du contenu.`);
      else rows.push(row);
    });
    if (ignored.length > 0) this.report(ignored);
    rows.sort((a, b) => a.order - b.order);
    this.orders.clear();
    for (const row of rows) this.orders.set(keyOf(row), row.order);
    this.nextOrder = rows.length > 0 ? rows[rows.length - 1]!.order + 1 : 0;
    this.seq = meta?.seq ?? 0;
    this.epoch = meta?.epoch ?? "";
    this.stale = false;
    return rows.map(withoutOrder);
  }
}

const keyOf = (key: RowKey): string => `${key.kind}\u0000${key.id}`;

/** The store's row of a saved row. */
export function withoutOrder(row: SavedRow): StoredRow {
  return { kind: row.kind, id: row.id, datastore: row.datastore, json: row.json, due: row.due, blobs: row.blobs, group: row.group ?? null, size: row.size ?? 0, hidden: row.hidden ?? false };
}

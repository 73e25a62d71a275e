// The simulated datastore's engine: a record source, the clock, the id generator, the delays and the registered
// lifecycles. Each call of run() is one API operation: in one transaction it applies the due changes, runs the
// operation and writes back what changed; after the commit it deletes the blobs nothing references any more.
import type { BlobStore } from "./blobs.ts";
import { MemoryBlobStore } from "./blobs.ts";
import type { Collection, RecordBase } from "./collection.ts";
import { rowOf } from "./collection.ts";
import type { Context, Delays } from "./context.ts";
import { DEFAULT_DELAYS } from "./context.ts";
import { MemorySource } from "./memory-source.ts";
import type { Lifecycle } from "./scheduler.ts";
import { advance } from "./scheduler.ts";
import type { RecordSource } from "./source.ts";
import { UnitOfWork } from "./unit-of-work.ts";

/** Options of a Store. */
export interface StoreOptions {
  /** Where records live (default: in memory). */
  source?: RecordSource;
  /** Where file contents live (default: in memory). */
  blobs?: BlobStore;
  /** Clock in ms since epoch (default Date.now); inject a fake one in tests. */
  now?: () => number;
  /** Id generator (default crypto.randomUUID, UUID v4). */
  newId?: () => string;
  /** Durations of checks, executions and publications. */
  delays?: Partial<Delays>;
  /** What the durations are multiplied by, read at each operation (default 1): the reader's pace setting. */
  delayFactor?: () => number;
  /** The collections whose rows reindex() re-derives. */
  collections?: readonly Collection<RecordBase>[];
  /** Called with the records that could not be read (corrupt rows), which the operation ignored. */
  onIgnored?: (messages: string[]) => void;
}

/** Records, clock, transactions and lifecycles; the resources' operations run through run(). */
export class Store {
  /** Where records live. */
  readonly source: RecordSource;
  /** Where file contents live. */
  readonly blobs: BlobStore;
  private readonly clock: () => number;
  private readonly newId: () => string;
  private readonly delays: Delays;
  private readonly delayFactor: () => number;
  private readonly lifecycles = new Map<string, Lifecycle>();
  private readonly onIgnored: ((messages: string[]) => void) | undefined;
  private readonly collections: readonly Collection<RecordBase>[];
  private actor: string | undefined;

  /** A store over the given source and blobs, with the given lifecycles. */
  constructor(lifecycles: readonly Lifecycle[], options: StoreOptions = {}) {
    this.source = options.source ?? new MemorySource();
    this.blobs = options.blobs ?? new MemoryBlobStore();
    this.clock = options.now ?? (() => Date.now());
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
    this.delays = { ...DEFAULT_DELAYS, ...options.delays };
    this.delayFactor = options.delayFactor ?? (() => 1);
    this.onIgnored = options.onIgnored;
    this.collections = options.collections ?? [];
    for (const item of lifecycles) this.lifecycles.set(item.collection.kind, item);
  }

  /** The current time of the store's clock. */
  now(): number {
    return this.clock();
  }

  /** The same store (records, clock, lifecycles), whose operations are made by `actor` (a user id; undefined: none known). */
  by(actor: string | undefined): Store {
    const view = Object.create(this) as Store;
    view.actor = actor;
    return view;
  }

  /** Runs one operation in a transaction, after applying the changes that are due. */
  run<T>(operation: (ctx: Context) => T): T {
    const ctx = this.context(this.clock());
    const { records } = ctx;
    const result = this.source.transaction(() => {
      advance(ctx, this.lifecycles);
      const value = operation(ctx);
      records.flush();
      return value;
    });
    if (records.ignored.length > 0) this.onIgnored?.(records.ignored);
    for (const blob of records.released) void this.forget(blob).catch(() => undefined);
    return result;
  }

  /** Deletes a blob unless a record references it (bytes released by a change, or received for a write that failed). */
  async forget(key: string): Promise<void> {
    if (!this.source.referenced(key)) await this.blobs.delete(key);
  }

  /** Applies the changes due at `now` (default: the clock); returns how many were applied. */
  advance(now?: number): number {
    const ctx = this.context(now ?? this.clock());
    return this.source.transaction(() => {
      const applied = advance(ctx, this.lifecycles);
      ctx.records.flush();
      return applied;
    });
  }

  // A new operation's context at `now`, its delays scaled by the current factor.
  private context(now: number): Context {
    const factor = this.delayFactor();
    const delays = factor === 1 ? this.delays : (Object.fromEntries(Object.entries(this.delays).map(([name, ms]) => [name, Math.round(ms * factor)])) as unknown as Delays);
    const ctx: Context = { records: new UnitOfWork(this.source), source: this.source, now, newId: this.newId, delays };
    if (this.actor !== undefined) ctx.actor = this.actor;
    return ctx;
  }

  /** Re-derives every row's due time, blob references and total from its record (after an import); returns how many changed. */
  reindex(): number {
    const records = new UnitOfWork(this.source);
    let changed = 0;
    this.source.transaction(() => {
      for (const collection of this.collections) {
        for (const row of this.source.list(collection.kind)) {
          const record = records.get(collection, row.id);
          if (!record) continue;
          // The stored JSON is kept as it is; only what the collection derives from it is recomputed.
          const next = rowOf(collection, record, row.json);
          if (JSON.stringify(next) !== JSON.stringify({ ...next, ...row })) {
            this.source.put(next);
            changed++;
          }
        }
      }
    });
    if (records.ignored.length > 0) this.onIgnored?.(records.ignored);
    return changed;
  }

  /** Forgets every record and file (back to the seed). */
  async reset(): Promise<void> {
    this.source.transaction(() => this.source.clear());
    for (const key of await this.blobs.keys()) await this.blobs.delete(key);
  }

  /** Deletes the blobs no record references (e.g. left by a crash between writing a file and committing). */
  async sweepBlobs(): Promise<number> {
    const referenced = this.source.referencedBlobs();
    let removed = 0;
    for (const key of await this.blobs.keys()) {
      if (!referenced.has(key)) {
        await this.blobs.delete(key);
        removed++;
      }
    }
    return removed;
  }
}

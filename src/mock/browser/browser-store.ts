// The simulated datastore's store in the browser. The model is synchronous and IndexedDB is not, so a MemorySource
// is the working copy, loaded from IndexedDB at start; each committed batch is written back (one IDB transaction)
// before the operation's answer leaves; other tabs are told through BroadcastChannel; operations are serialised
// across tabs (Web Locks) and start by catching up from the change log. Without IndexedDB (missing, refused, full)
// everything goes on in memory and onPersistenceLost says so.
import { MemorySource } from "../core/memory-source.ts";
import type { ChangeBatch, RowKey } from "../core/source.ts";
import type { StoreOptions } from "../core/store.ts";
import { Store } from "../core/store.ts";
import { IdbBlobStore } from "./idb-blobs.ts";
import type { CatchUp } from "./idb-persistence.ts";
import { IdbPersistence, withoutOrder } from "./idb-persistence.ts";
import type { EntrepotDatabase, LogEntry } from "./idb-schema.ts";
import { browserIndexedDB, DATABASE_NAME, openDatabase } from "./idb-schema.ts";
import type { LegacyOptions } from "./legacy-state.ts";
import { LEGACY_STORAGE_KEY, readLegacy, removeLegacy } from "./legacy-state.ts";
import type { TabLinkOptions } from "./tabs.ts";
import { TabLink } from "./tabs.ts";

/** Options of openBrowserStore. */
export interface BrowserStoreOptions extends Omit<StoreOptions, "source" | "blobs">, TabLinkOptions {
  /** Builds the store over the given source and blobs (default: a Store without lifecycles). */
  createStore?: (options: StoreOptions) => Store;
  /** Name of the IndexedDB database (default DATABASE_NAME). */
  databaseName?: string;
  /** The IndexedDB factory (default globalThis.indexedDB; null: memory only). */
  indexedDB?: IDBFactory | null;
  /** Where to find a state saved by earlier versions (localStorage), imported once. */
  legacy?: LegacyOptions;
  /** Log entries kept for tabs that fall behind. */
  logLimit?: number;
  /** How long to wait for IndexedDB to open (default 5 s). */
  openTimeoutMs?: number;
  /** Called once when the datastore can no longer be saved (at start or on a failed write): memory only from then. */
  onPersistenceLost?: (reason: string) => void;
}

/** The browser's store and what runs around each of its operations. */
export interface BrowserStore {
  readonly store: Store;
  /** Whether changes are saved in IndexedDB (false: memory only, lost on reload). */
  readonly persistent: boolean;
  /** How this tab followed the others: full reloads, and log entries or messages applied. */
  readonly stats: { fullLoads: number; changesApplied: number };
  /** Runs one operation: alone across tabs, after catching up, and resolved once its changes are saved. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Clears records, blobs and the log, in every tab ("Tout recommencer"). */
  reset(): Promise<void>;
  /** Closes the database and the channel. */
  close(): void;
}

const message = (error: unknown): string => (error instanceof Error ? `${error.name} : ${error.message}` : String(error));

class PersistentBrowserStore implements BrowserStore {
  readonly source = new MemorySource();
  readonly stats = { fullLoads: 0, changesApplied: 0 };
  readonly blobs: IdbBlobStore;
  readonly store: Store;
  private db: EntrepotDatabase | undefined;
  private persistence: IdbPersistence | undefined;
  private link: TabLink | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lost = false;
  private readonly reported = new Set<string>();
  // What could not be read (corrupt rows or blobs), in French: to the console (once each) and to the page.
  private readonly report = (messages: string[]): void => {
    const fresh = messages.filter((line) => !this.reported.has(line));
    if (fresh.length === 0) return;
    for (const line of fresh) {
      this.reported.add(line);
      console.warn(line);
    }
    this.options.onIgnored?.(fresh);
  };

  constructor(private readonly options: BrowserStoreOptions) {
    this.blobs = new IdbBlobStore({ database: () => (this.lost ? undefined : this.db), onWriteFailed: (error) => this.lose(error), report: this.report });
    const { createStore = (o: StoreOptions) => new Store([], o), ...storeOptions } = options;
    const onIgnored = (messages: string[]): void => this.report(messages.map((line) => `Entrepôt simulé : enregistrement ignoré (${line}).`));
    this.store = createStore({ ...storeOptions, onIgnored, source: this.source, blobs: this.blobs });
  }

  get persistent(): boolean {
    return !this.lost;
  }

  /** Opens the database, imports an old state once, loads every row and removes unreferenced blobs. */
  async start(): Promise<void> {
    const name = this.options.databaseName ?? DATABASE_NAME;
    const factory = this.options.indexedDB === undefined ? browserIndexedDB() : this.options.indexedDB;
    try {
      if (!factory) throw new Error("IndexedDB absent de ce navigateur");
      this.db = await openDatabase(factory, name, this.options.openTimeoutMs ?? 5000);
      this.persistence = new IdbPersistence(this.db, this.report, this.options.logLimit);
      this.link = new TabLink(name, this.options, (data) => this.receive(data));
      await this.link.exclusive(async () => {
        let rows = await this.persistence!.load();
        const legacy = readLegacy(this.options.legacy ?? {}, this.store.now());
        if (this.persistence!.sequence === 0 && rows.length === 0 && legacy.rows.length > 0) {
          // Imported rows get their due times, file references and totals from their records before being saved.
          this.source.applyBatch({ puts: legacy.rows, deletes: [] });
          this.store.reindex();
          rows = this.source.rows();
          this.link!.post(await this.persistence!.write({ puts: rows, deletes: [] }));
        }
        removeLegacy(this.options.legacy ?? {}, legacy.keys);
        this.source.applyBatch({ puts: rows, deletes: [] });
        await this.store.sweepBlobs();
      });
    } catch (error) {
      this.lose(error);
      // Memory only: an old state is still worth showing, and kept where it is.
      if (this.source.rows().length === 0) {
        this.source.applyBatch({ puts: readLegacy(this.options.legacy ?? {}, this.store.now()).rows, deletes: [] });
        this.store.reindex();
      }
    }
    this.source.onCommit((batch) => this.enqueue(batch));
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.lost || !this.link) return work();
    return this.link.exclusive(async () => {
      await this.catchUp();
      try {
        return await work();
      } finally {
        await this.writing;
      }
    });
  }

  async reset(): Promise<void> {
    const clearLocal = (): void => {
      this.forgetAll();
      const legacy = this.options.legacy ?? {};
      removeLegacy(legacy, legacy.keys ?? [LEGACY_STORAGE_KEY]);
    };
    if (this.lost || !this.link || !this.persistence) return clearLocal();
    const persistence = this.persistence;
    const link = this.link;
    await link.exclusive(async () => {
      await this.writing;
      try {
        link.post(await persistence.clear());
      } catch (error) {
        this.lose(error);
      }
      clearLocal();
    });
  }

  close(): void {
    this.link?.close();
    this.db?.close();
  }

  // Forgets this tab's copy of every record and file (a reset, here or in another tab).
  private forgetAll(): void {
    this.source.applyBatch({ puts: [], deletes: this.keys() });
    this.blobs.clearMemory();
  }

  private keys(): RowKey[] {
    return this.source.rows().map(({ kind, id }) => ({ kind, id }));
  }

  // Each committed batch is written in commit order, then announced.
  private enqueue(batch: ChangeBatch): void {
    if (this.lost) return;
    this.writing = this.writing.then(async () => {
      if (this.lost || !this.persistence) return;
      try {
        this.link?.post(await this.persistence.write(batch));
      } catch (error) {
        this.lose(error);
      }
    });
  }

  private async catchUp(): Promise<void> {
    let found: CatchUp;
    try {
      found = await this.persistence!.catchUp();
    } catch (error) {
      return this.lose(error);
    }
    if ("reload" in found) {
      this.stats.fullLoads++;
      this.source.applyBatch({ puts: found.reload, deletes: this.keys() });
    } else for (const entry of found.changes) this.apply(entry);
  }

  private receive(data: unknown): void {
    if (this.lost || !this.persistence) return;
    const entry = this.persistence.receive(data);
    if (entry === "gap") void this.exclusive(async () => undefined);
    else if (entry) this.apply(entry);
  }

  private apply(entry: LogEntry): void {
    this.stats.changesApplied++;
    if (entry.reset) this.forgetAll();
    else this.source.applyBatch({ puts: entry.puts.map(withoutOrder), deletes: entry.deletes });
  }

  // From now on, memory only (said once).
  private lose(error: unknown): void {
    if (this.lost) return;
    this.lost = true;
    const reason = message(error);
    console.warn(`Entrepôt simulé : IndexedDB indisponible (${reason}) ; l'entrepôt continue en mémoire, il sera perdu au rechargement.`);
    this.link?.close();
    this.db?.close();
    this.options.onPersistenceLost?.(reason);
  }
}

/** Opens the browser's store: IndexedDB when usable, memory otherwise (never rejects for storage reasons). */
export async function openBrowserStore(options: BrowserStoreOptions = {}): Promise<BrowserStore> {
  const store = new PersistentBrowserStore(options);
  await store.start();
  return store;
}

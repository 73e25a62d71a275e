// Shared pieces of the browser store's tests: fake IndexedDB (one factory per test, shared by its "tabs"), a Web
// Locks stand-in shared by the tabs of a test, a localStorage stand-in, a test collection and a condition wait.
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { collection } from "../../../../src/mock/core/collection.ts";
import type { BrowserStore, BrowserStoreOptions } from "../../../../src/mock/browser/browser-store.ts";
import { openBrowserStore } from "../../../../src/mock/browser/browser-store.ts";
import type { LockManagerLike } from "../../../../src/mock/browser/tabs.ts";

/** A record of the test collection. */
export interface Thing {
  _id: string;
  datastore: string;
  name: string;
  count?: number;
  files?: string[];
}

/** The test collection (its records reference blobs through `files`). */
export const THINGS = collection<Thing>("thing", { blobs: (thing) => thing.files ?? [] });

/** Datastore of the test records. */
export const DS = "ds-test";

/** Web Locks between the "tabs" of one test: one holder per name at a time, in request order. */
export class TestLocks implements LockManagerLike {
  private readonly queues = new Map<string, Promise<unknown>>();

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(name) ?? Promise.resolve();
    const run = previous.then(callback, callback);
    this.queues.set(name, run.catch(() => undefined));
    return run;
  }
}

/** localStorage stand-in. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}

let databases = 0;

/** One test's browser: an IndexedDB, locks, a database name of its own; tabs() opens stores on them. */
export function browser(defaults: BrowserStoreOptions = {}) {
  const factory = new IDBFactory();
  const locks = new TestLocks();
  const databaseName = `entrepot-test-${process.pid}-${++databases}`;
  const opened: BrowserStore[] = [];
  return {
    factory,
    locks,
    databaseName,
    /** Opens a "tab" (closed by closeAll). */
    async tab(options: BrowserStoreOptions = {}): Promise<BrowserStore> {
      const tab = await openBrowserStore({ indexedDB: factory, locks, databaseName, legacy: { storage: null }, ...defaults, ...options });
      opened.push(tab);
      return tab;
    },
    /** Closes every tab opened (their channels would keep the process alive). */
    closeAll(): void {
      for (const tab of opened.splice(0)) tab.close();
    },
  };
}

/** Inserts a thing through the store, as one operation. */
export function insert(tab: BrowserStore, thing: Omit<Thing, "datastore">): Promise<Thing> {
  return tab.exclusive(async () => tab.store.run((ctx) => ctx.records.insert(THINGS, { datastore: DS, ...thing })));
}

/** Every thing the tab's store lists, in order. */
export function names(tab: BrowserStore): string[] {
  return tab.store.run((ctx) => ctx.records.list(THINGS, DS).map((thing) => thing.name));
}

/** Waits until `condition` holds (polling each turn of the event loop), failing after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`délai dépassé : ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

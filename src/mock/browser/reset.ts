// "Tout recommencer" from a page whose simulated datastore has not started: clears what IndexedDB holds (records,
// files, change log) without loading it, and tells the open tabs, which empty their working copies.
import { IdbPersistence } from "./idb-persistence.ts";
import { browserIndexedDB, DATABASE_NAME, openDatabase } from "./idb-schema.ts";
import type { LegacyOptions } from "./legacy-state.ts";
import { LEGACY_STORAGE_KEY, removeLegacy } from "./legacy-state.ts";
import type { TabLinkOptions } from "./tabs.ts";
import { TabLink } from "./tabs.ts";

/** Options of clearSavedDatastore (the same defaults as openBrowserStore). */
export interface ClearOptions extends TabLinkOptions {
  databaseName?: string;
  indexedDB?: IDBFactory | null;
  legacy?: LegacyOptions;
}

/** Clears the datastore saved in this browser, in every tab; does nothing where IndexedDB is unavailable. */
export async function clearSavedDatastore(options: ClearOptions = {}): Promise<void> {
  const legacy = options.legacy ?? {};
  removeLegacy(legacy, legacy.keys ?? [LEGACY_STORAGE_KEY]);
  const name = options.databaseName ?? DATABASE_NAME;
  const factory = options.indexedDB === undefined ? browserIndexedDB() : options.indexedDB;
  if (!factory) return;
  let link: TabLink | undefined;
  try {
    const db = await openDatabase(factory, name, 5000);
    link = new TabLink(name, options, () => undefined);
    const persistence = new IdbPersistence(db, () => undefined);
    try {
      await link.exclusive(async () => link!.post(await persistence.clear()));
    } finally {
      db.close();
    }
  } catch (error) {
    console.warn("Entrepôt simulé : impossible d'effacer l'état enregistré dans IndexedDB.", error);
  } finally {
    link?.close();
  }
}

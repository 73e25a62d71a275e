// One-time migration of the state earlier versions of the site kept in localStorage: one JSON value holding the
// whole datastore ({version: 1, uploads: {id: record}, …}), turned into rows for IndexedDB, then removed.
import type { StoredRow } from "../core/source.ts";
import { legacyRows } from "../legacy-state.ts";

/** localStorage key of the state saved by earlier versions. */
export const LEGACY_STORAGE_KEY = "entrepot-simulation";

/** Where to look for an old state. */
export interface LegacyOptions {
  /** The storage to read (default: localStorage, when the browser allows it; null: none). */
  storage?: Storage | null;
  /** Keys to read (default [LEGACY_STORAGE_KEY]). */
  keys?: readonly string[];
}

// localStorage, or undefined where the browser forbids it.
function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The old states found: their rows, and the keys to remove once they are saved elsewhere. */
export function readLegacy(options: LegacyOptions, now: number): { rows: StoredRow[]; keys: string[] } {
  const storage = options.storage === undefined ? defaultStorage() : (options.storage ?? undefined);
  const found: { rows: StoredRow[]; keys: string[] } = { rows: [], keys: [] };
  if (!storage) return found;
  for (const key of options.keys ?? [LEGACY_STORAGE_KEY]) {
    let text: string | null;
    try {
      text = storage.getItem(key);
    } catch {
      continue;
    }
    if (text === null) continue;
    found.keys.push(key);
    try {
      const { rows, ignored } = legacyRows(text, now);
      found.rows.push(...rows);
      if (ignored.length > 0) console.warn(`Entrepôt simulé : enregistrements illisibles de l'ancien état (${key}) ignorés : ${ignored.join(" ; ")}.`);
    } catch (error) {
      console.warn(`Entrepôt simulé : ancien état (${key}) illisible, ignoré et effacé.`, error);
    }
  }
  return found;
}

/** Removes the old states (once imported, or unreadable). */
export function removeLegacy(options: LegacyOptions, keys: readonly string[]): void {
  const storage = options.storage === undefined ? defaultStorage() : (options.storage ?? undefined);
  for (const key of keys) {
    try {
      storage?.removeItem(key);
    } catch {
      // Read again (and ignored, since IndexedDB is no longer empty) at the next start.
    }
  }
}

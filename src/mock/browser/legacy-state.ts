// One-time migration of the state earlier versions of the site kept in localStorage: one JSON value holding the
// whole datastore ({version: 1, uploads: {id: record}, …}), turned into rows for IndexedDB, then removed.
import type { StoredRow } from "../core/source.ts";

/** localStorage key of the state saved by earlier versions. */
export const LEGACY_STORAGE_KEY = "entrepot-simulation";

/** Where to look for an old state. */
export interface LegacyOptions {
  /** The storage to read (default: localStorage, when the browser allows it; null: none). */
  storage?: Storage | null;
  /** Keys to read (default [LEGACY_STORAGE_KEY]). */
  keys?: readonly string[];
}

/** Collection of the old state → kind of the rows, and the statuses after which a record still moves on. */
const COLLECTIONS: Record<string, { kind: string; moving: readonly string[] }> = {
  uploads: { kind: "upload", moving: [] },
  checkExecutions: { kind: "check-execution", moving: ["WAITING", "PROGRESS"] },
  executions: { kind: "execution", moving: ["WAITING", "PROGRESS"] },
  storedData: { kind: "stored-data", moving: [] },
  configurations: { kind: "configuration", moving: [] },
  offerings: { kind: "offering", moving: ["PUBLISHING", "UNPUBLISHING"] },
  statics: { kind: "static", moving: [] },
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Rows of an old state; records that may still move on are due at `now` (their lifecycle then catches up with
 * their timestamps). Throws when the text is not a state of version 1; skips (and lists) unusable records.
 */
export function legacyRows(text: string, now: number): { rows: StoredRow[]; skipped: string[] } {
  const state: unknown = JSON.parse(text);
  if (!isObject(state) || state["version"] !== 1) throw new Error("état d'une autre version ou illisible");
  const rows: StoredRow[] = [];
  const skipped: string[] = [];
  for (const [name, { kind, moving }] of Object.entries(COLLECTIONS)) {
    const records = state[name];
    if (records === undefined) continue;
    if (!isObject(records)) throw new Error(`collection ${name} illisible`);
    for (const [key, record] of Object.entries(records)) {
      if (!isObject(record) || typeof record["_id"] !== "string" || typeof record["datastore"] !== "string") {
        skipped.push(`${kind} ${key}`);
        continue;
      }
      const due = typeof record["status"] === "string" && moving.includes(record["status"]) ? now : null;
      rows.push({ kind, id: record["_id"], datastore: record["datastore"], json: JSON.stringify(record), due, blobs: [] });
    }
  }
  return { rows, skipped };
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
      const { rows, skipped } = legacyRows(text, now);
      found.rows.push(...rows);
      if (skipped.length > 0) console.warn(`Entrepôt simulé : enregistrements illisibles de l'ancien état (${key}) ignorés : ${skipped.join(", ")}.`);
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

// The runtime's one door to browser storage: localStorage (progress, settings) and sessionStorage (this tab's token)
// when they work, memory otherwise (private mode, storage disabled or full). Every key of the site starts with PREFIX
// so that "Tout recommencer" finds them. Values are validated when read: a corrupt entry is ignored, never trusted,
// and reported (ignoredEntries, onIgnored) so that the page can say what it set aside.
import type { ZodMiniType } from "zod/mini";

/** Prefix of every key the site writes. */
export const PREFIX = "entrepot-tutoriels:v1:";

/** "local": kept across reloads and shared by the tabs; "session": this tab only. */
export type Area = "local" | "session";

/** A Storage kept in memory (lost on reload), for when the browser's refuses. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const memory: Record<Area, Storage> = { local: memoryStorage(), session: memoryStorage() };

/** The browser's storage of an area, or undefined when missing or forbidden (the accessor may throw). */
function browserStorage(area: Area): Storage | undefined {
  try {
    const storage = area === "local" ? globalThis.localStorage : globalThis.sessionStorage;
    return storage && storage !== memory[area] ? storage : undefined;
  } catch {
    return undefined;
  }
}

let persistent = true;
const lostListeners = new Set<() => void>();

/** Calls `listener` once localStorage refuses a write (full, disabled): values then live in memory only. */
export function onPersistenceLost(listener: () => void): void {
  lostListeners.add(listener);
}

function markLost(): void {
  if (!persistent) return;
  persistent = false;
  lostListeners.forEach((listener) => listener());
}

/** Whether values survive a reload (false when localStorage is missing or failed once). */
export function isPersistent(): boolean {
  if (persistent && browserStorage("local") === undefined) markLost();
  return persistent;
}

/**
 * Libraries that read localStorage themselves (MSW's cookie store) fail where the browser forbids it: give them the
 * memory fallback instead. isPersistent() still says false, and the page says progress won't persist.
 */
export function provideLocalStorage(): void {
  try {
    void globalThis.localStorage;
  } catch {
    Object.defineProperty(globalThis, "localStorage", { value: memory.local, configurable: true });
  }
}

const ignored: string[] = [];
const ignoredListeners = new Set<(entries: readonly string[]) => void>();

/** Records that a stored entry (described in French: "les réglages"…) was unreadable and ignored. */
export function reportIgnored(what: string): void {
  if (ignored.includes(what)) return;
  ignored.push(what);
  ignoredListeners.forEach((listener) => listener([...ignored]));
}

/** What was ignored so far, in French, in the order found. */
export function ignoredEntries(): readonly string[] {
  return [...ignored];
}

/** Calls `listener` with the whole list each time a new entry is ignored. */
export function onIgnored(listener: (entries: readonly string[]) => void): void {
  ignoredListeners.add(listener);
}

/** Names an ignored entry, from the reasons the schema gave (none when the text is not JSON). */
export type Describe = string | ((issues: readonly { path: readonly PropertyKey[] }[]) => string);

/** Parses stored text and validates it; undefined (and the entry reported) when it is not JSON or not of the schema. */
export function parseStored<T>(text: string, schema: ZodMiniType<T>, what: Describe): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    reportIgnored(typeof what === "string" ? what : what([]));
    return undefined;
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  reportIgnored(typeof what === "string" ? what : what(result.error.issues));
  return undefined;
}

/** The raw text under a key of the site (memory first: what storage refused), or null. */
function readText(key: string, area: Area): string | null {
  const kept = memory[area].getItem(PREFIX + key);
  if (kept !== null) return kept;
  try {
    return browserStorage(area)?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

/** Reads a JSON value: undefined when absent, or when corrupt (then reported as `what`, see reportIgnored). */
export function readJson<T>(key: string, schema: ZodMiniType<T>, what: Describe, area: Area = "local"): T | undefined {
  const text = readText(key, area);
  return text === null ? undefined : parseStored(text, schema, what);
}

/** Writes a JSON value; falls back to memory (and, for localStorage, reports it through isPersistent) when refused. */
export function writeJson(key: string, value: unknown, area: Area = "local"): void {
  const text = JSON.stringify(value);
  try {
    const storage = browserStorage(area);
    if (!storage) throw new Error("no storage");
    storage.setItem(PREFIX + key, text);
    memory[area].removeItem(PREFIX + key);
  } catch {
    if (area === "local") markLost();
    memory[area].setItem(PREFIX + key, text);
  }
}

/** Removes one value. */
export function removeValue(key: string, area: Area = "local"): void {
  memory[area].removeItem(PREFIX + key);
  try {
    browserStorage(area)?.removeItem(PREFIX + key);
  } catch {
    // nothing persisted, nothing to remove
  }
}

/** The full storage key (as in StorageEvent.key) of a key of the site. */
export const storageKey = (key: string): string => PREFIX + key;

/**
 * Removes every key of the site from localStorage and its fallback (variables, results, settings, simulated
 * datastore): what was ignored as corrupt is gone with them.
 */
export function clearAll(): void {
  ignored.length = 0;
  ignoredListeners.forEach((listener) => listener([]));
  for (const storage of [memory.local, browserStorage("local")]) {
    try {
      if (!storage) continue;
      const keys: string[] = [];
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index);
        if (key?.startsWith(PREFIX)) keys.push(key);
      }
      keys.forEach((key) => storage.removeItem(key));
    } catch {
      // nothing persisted, nothing to clear
    }
  }
}

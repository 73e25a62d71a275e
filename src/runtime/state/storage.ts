// Persistent key/value storage for the browser: localStorage when it works, memory otherwise (private mode,
// storage disabled or full). Every key of the site starts with PREFIX so that "Tout recommencer" finds them.

/** Prefix of every key the site writes. */
export const PREFIX = "entrepot-tutoriels:v1:";

const memory = new Map<string, string>();
let persistent = true;
const lostListeners = new Set<() => void>();

/** Calls `listener` once storage refuses a write (full, disabled): values then live in memory only. */
export function onPersistenceLost(listener: () => void): void {
  lostListeners.add(listener);
}

function markLost(): void {
  if (!persistent) return;
  persistent = false;
  lostListeners.forEach((listener) => listener());
}

function local(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Whether values survive a reload (false when storage is missing or failed once). */
export function isPersistent(): boolean {
  if (persistent && local() === undefined) markLost();
  return persistent;
}

/** Reads a JSON value, or the fallback when absent or unreadable. */
export function readJson<T>(key: string, fallback: T): T {
  const raw = memory.get(PREFIX + key) ?? safeGet(PREFIX + key);
  if (raw === null || raw === undefined) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

function safeGet(key: string): string | null {
  try {
    return local()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Writes a JSON value; falls back to memory (and reports it through isPersistent) when storage refuses. */
export function writeJson(key: string, value: unknown): void {
  const text = JSON.stringify(value);
  try {
    const storage = local();
    if (!storage) throw new Error("no storage");
    storage.setItem(PREFIX + key, text);
    memory.delete(PREFIX + key);
  } catch {
    markLost();
    memory.set(PREFIX + key, text);
  }
}

/** Removes every key of the site (variables, results, simulated datastore). */
export function clearAll(): void {
  for (const key of [...memory.keys()]) if (key.startsWith(PREFIX)) memory.delete(key);
  try {
    const storage = local();
    if (!storage) return;
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

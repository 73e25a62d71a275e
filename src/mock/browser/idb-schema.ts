// IndexedDB layout of the simulated datastore in the browser, and the checks every value read back goes through.
// Keys are out of line, so a hand-edited or corrupt value (null, wrong type, unknown version) is still addressable:
// it is skipped and reported in French, never trusted.
import * as z from "zod/mini";
import type { DBSchema, IDBPDatabase } from "idb";
import { wrap } from "idb";
import type { RowKey, StoredRow } from "../core/source.ts";

/** Default name of the database. */
export const DATABASE_NAME = "entrepot-simulation";

/** Version of the database layout (object stores). */
export const DATABASE_VERSION = 1;

/** Version of each saved value; anything else is ignored. */
export const RECORD_VERSION = 1;

/** A row as saved: the store's row plus its place in insertion order (lists keep that order across reloads). */
export interface SavedRow extends StoredRow {
  order: number;
}

/** One committed batch in the change log, or a reset ("Tout recommencer"). */
export interface LogEntry {
  seq: number;
  puts: SavedRow[];
  deletes: RowKey[];
  reset: boolean;
}

/** Sequence number of the last committed batch, and the identity of this database's history. */
export interface Meta {
  seq: number;
  /** Random id chosen when the history starts: a tab that knew another history reloads everything. */
  epoch: string;
}

/** The object stores; values are `unknown` until checked. */
export interface EntrepotSchema extends DBSchema {
  rows: { key: [string, string]; value: unknown };
  blobs: { key: string; value: unknown };
  log: { key: number; value: unknown };
  meta: { key: string; value: unknown };
}

/** An open database. */
export type EntrepotDatabase = IDBPDatabase<EntrepotSchema>;

/** Key of the single meta value. */
export const META_KEY = "state";

/** Opens (creating if needed) the database through `factory`; rejects when refused, blocked or too slow. */
export async function openDatabase(factory: IDBFactory, name: string, timeoutMs: number): Promise<EntrepotDatabase> {
  const request = factory.open(name, DATABASE_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    for (const store of ["rows", "blobs", "log", "meta"]) if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
  };
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const opened = wrap(request) as unknown as Promise<EntrepotDatabase>;
  // Opened after the timeout: nobody will use it.
  opened.then((db) => timedOut && db.close(), () => undefined);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`IndexedDB n'a pas répondu en ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const db = await Promise.race([opened, timeout]);
    // A newer version of the site opening the database in another tab: let it, this tab then works in memory.
    db.addEventListener("versionchange", () => db.close());
    return db;
  } finally {
    clearTimeout(timer);
  }
}

const ROW = z.object({
  v: z.literal(RECORD_VERSION),
  kind: z.string(),
  id: z.string(),
  datastore: z.string(),
  json: z.string(),
  due: z.nullable(z.number()),
  blobs: z.array(z.string()),
  order: z.number(),
  group: z.optional(z.nullable(z.string())),
  size: z.optional(z.number()),
  hidden: z.optional(z.boolean()),
});

const META = z.object({ v: z.literal(RECORD_VERSION), seq: z.int().check(z.nonnegative()), epoch: z.string().check(z.minLength(1)) });

const LOG_ENTRY = z.object({
  v: z.literal(RECORD_VERSION),
  seq: z.number(),
  puts: z.array(z.unknown()),
  deletes: z.array(z.object({ kind: z.string(), id: z.string() })),
  reset: z.optional(z.boolean()),
});

/** The saved row, or the French reason why it cannot be used. */
export function checkRow(value: unknown): SavedRow | string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value === null ? "valeur nulle" : `valeur de type ${Array.isArray(value) ? "tableau" : typeof value}`;
  const parsed = ROW.safeParse(value);
  if (parsed.success) {
    const { kind, id, datastore, json, due, blobs, order, group, size, hidden } = parsed.data;
    return { kind, id, datastore, json, due, blobs, order, group: group ?? null, size: size ?? 0, hidden: hidden ?? false };
  }
  const issue = parsed.error.issues[0]!;
  if (issue.path[0] === "v") return `version inconnue (${JSON.stringify((value as Record<string, unknown>)["v"]) ?? "absente"})`;
  return `champ « ${issue.path.join(".")} » invalide`;
}

/** The value to save for a row. */
export function savedValue(row: SavedRow): Record<string, unknown> {
  return { v: RECORD_VERSION, kind: row.kind, id: row.id, datastore: row.datastore, json: row.json, due: row.due, blobs: row.blobs, order: row.order, group: row.group ?? null, size: row.size ?? 0, hidden: row.hidden ?? false };
}

/** The log entry, or undefined when unusable. */
export function checkLogEntry(value: unknown, seq: number): LogEntry | undefined {
  const parsed = LOG_ENTRY.safeParse(value);
  if (!parsed.success || parsed.data.seq !== seq) return undefined;
  const puts: SavedRow[] = [];
  for (const put of parsed.data.puts) {
    const row = checkRow(put);
    if (typeof row === "string") return undefined;
    puts.push(row);
  }
  return { seq, puts, deletes: parsed.data.deletes, reset: parsed.data.reset === true };
}

/** The value to save for a log entry. */
export function logValue(entry: LogEntry): Record<string, unknown> {
  return { v: RECORD_VERSION, seq: entry.seq, puts: entry.puts.map(savedValue), deletes: entry.deletes.map(({ kind, id }) => ({ kind, id })), reset: entry.reset };
}

/** The meta value, or undefined when absent or unusable. */
export function checkMeta(value: unknown): Meta | undefined {
  const parsed = META.safeParse(value);
  return parsed.success ? { seq: parsed.data.seq, epoch: parsed.data.epoch } : undefined;
}

/** The value to save for the meta. */
export function metaValue(meta: Meta): Record<string, unknown> {
  return { v: RECORD_VERSION, seq: meta.seq, epoch: meta.epoch };
}

/** A new random history id. */
export function newEpoch(): string {
  return globalThis.crypto.randomUUID();
}

/** How a key of the rows store is shown in a message. */
export function describeKey(key: IDBValidKey): string {
  return Array.isArray(key) ? key.map(String).join(" ") : String(key);
}

/** The browser's IndexedDB factory, or undefined where it is missing or refused (reading it throws in some sandboxes). */
export function browserIndexedDB(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB ?? undefined;
  } catch {
    return undefined;
  }
}

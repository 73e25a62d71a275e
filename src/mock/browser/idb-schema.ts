// IndexedDB layout of the simulated datastore in the browser, and the checks every value read back goes through.
// Keys are out of line, so a hand-edited or corrupt value (null, wrong type, unknown version) is still addressable:
// it is skipped and reported in French, never trusted.
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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");

/** The saved row, or the French reason why it cannot be used. */
export function checkRow(value: unknown): SavedRow | string {
  if (!isObject(value)) return value === null ? "valeur nulle" : `valeur de type ${Array.isArray(value) ? "tableau" : typeof value}`;
  if (value["v"] !== RECORD_VERSION) return `version inconnue (${JSON.stringify(value["v"]) ?? "absente"})`;
  const { kind, id, datastore, json, due, blobs, order } = value;
  if (typeof kind !== "string" || typeof id !== "string" || typeof datastore !== "string" || typeof json !== "string") return "champs kind, id, datastore ou json manquants";
  if (!(due === null || (typeof due === "number" && Number.isFinite(due)))) return "échéance invalide";
  if (!isStringArray(blobs) || typeof order !== "number" || !Number.isFinite(order)) return "champs blobs ou order invalides";
  return { kind, id, datastore, json, due, blobs, order };
}

/** The value to save for a row. */
export function savedValue(row: SavedRow): Record<string, unknown> {
  return { v: RECORD_VERSION, kind: row.kind, id: row.id, datastore: row.datastore, json: row.json, due: row.due, blobs: row.blobs, order: row.order };
}

/** The log entry, or undefined when unusable. */
export function checkLogEntry(value: unknown, seq: number): LogEntry | undefined {
  if (!isObject(value) || value["v"] !== RECORD_VERSION || value["seq"] !== seq || !Array.isArray(value["puts"]) || !Array.isArray(value["deletes"])) return undefined;
  const puts: SavedRow[] = [];
  for (const put of value["puts"]) {
    const row = checkRow(put);
    if (typeof row === "string") return undefined;
    puts.push(row);
  }
  const deletes: RowKey[] = [];
  for (const key of value["deletes"]) {
    if (!isObject(key) || typeof key["kind"] !== "string" || typeof key["id"] !== "string") return undefined;
    deletes.push({ kind: key["kind"], id: key["id"] });
  }
  return { seq, puts, deletes, reset: value["reset"] === true };
}

/** The value to save for a log entry. */
export function logValue(entry: LogEntry): Record<string, unknown> {
  return { v: RECORD_VERSION, seq: entry.seq, puts: entry.puts.map(savedValue), deletes: entry.deletes.map(({ kind, id }) => ({ kind, id })), reset: entry.reset };
}

/** The meta value, or undefined when absent or unusable. */
export function checkMeta(value: unknown): Meta | undefined {
  if (!isObject(value) || value["v"] !== RECORD_VERSION) return undefined;
  const { seq, epoch } = value;
  return typeof seq === "number" && Number.isInteger(seq) && seq >= 0 && typeof epoch === "string" && epoch !== "" ? { seq, epoch } : undefined;
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

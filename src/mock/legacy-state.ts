// The whole-state JSON that earlier versions saved (format version 1: `{version: 1, uploads: {id: record}, …}`, in
// `datastore.json` for the local server, in localStorage for the browser), turned into rows of the record source.
// Both importers use it; the store then re-derives each row from its record (Store.reindex).
import { isObject } from "./core/json.ts";
import type { StoredRow } from "./core/source.ts";

/** Collections of the old state and the kinds of their rows. */
export const LEGACY_KINDS = {
  uploads: "upload",
  checkExecutions: "check-execution",
  executions: "execution",
  storedData: "stored-data",
  configurations: "configuration",
  offerings: "offering",
  statics: "static",
} as const;

/** Statuses after which a record may still move on by itself, per kind (its row gets a due time). */
const MOVING: Record<string, readonly string[]> = {
  "check-execution": ["WAITING", "PROGRESS"],
  execution: ["WAITING", "PROGRESS"],
  offering: ["PUBLISHING", "UNPUBLISHING"],
};

/** The rows of an old state text; throws an Error with a French reason when it is not a version-1 state. */
export function legacyRows(text: string, now: number): { rows: StoredRow[]; ignored: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`JSON invalide (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(parsed)) throw new Error("le fichier ne contient pas un objet JSON");
  if (parsed["version"] !== 1) throw new Error(`version ${JSON.stringify(parsed["version"] ?? null)} inconnue (1 attendue)`);
  const rows: StoredRow[] = [];
  const ignored: string[] = [];
  for (const [key, kind] of Object.entries(LEGACY_KINDS)) {
    const records = parsed[key];
    if (records === undefined && key === "statics") continue; // states saved before statics existed
    if (!isObject(records)) throw new Error(`« ${key} » manquant ou qui n'est pas un objet`);
    for (const [id, record] of Object.entries(records)) {
      if (!isObject(record) || typeof record["datastore"] !== "string") {
        ignored.push(`${kind} ${id} : enregistrement illisible, ignoré`);
        continue;
      }
      const recordId = typeof record["_id"] === "string" ? record["_id"] : id;
      const moving = MOVING[kind]?.includes(String(record["status"])) ?? false;
      rows.push({ kind, id: recordId, datastore: record["datastore"], json: JSON.stringify({ ...record, _id: recordId }), due: moving ? now : null, blobs: [] });
    }
  }
  return { rows, ignored };
}

// One-time import of the old whole-state file `<dir>/datastore.json` (format version 1) into the SQLite source:
// every record becomes a row of its collection, in one transaction, then the file is renamed
// `datastore.json.imported-<timestamp>`. An unreadable file stops the start with a French message and is left as
// it is. The file's SHA-256 is recorded with the rows, so that a crash between the commit and the rename only
// renames the file at the next start (nothing imported twice).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { StoredRow } from "../core/source.ts";
import { legacyRows } from "../legacy-state.ts";

/** Name of the old state file. */
export const LEGACY_FILE = "datastore.json";

/** What an import did. */
export interface LegacyImport {
  /** The old file, as found. */
  file: string;
  /** Where it was renamed. */
  renamedTo: string;
  /** Rows written. */
  rows: number;
  /** Records left out (not objects, no string datastore), in French. */
  ignored: string[];
  /** True when the rows were already imported (a crash happened before the rename). */
  alreadyImported: boolean;
}

/** What importLegacyState needs of the source. */
export interface LegacyTarget {
  transaction<T>(work: () => T): T;
  put(row: StoredRow): void;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
}

// A filesystem-safe timestamp, e.g. 2024-09-16T08-00-00-000Z.
const stamp = (date: Date): string => date.toISOString().replace(/[:.]/g, "-");

/** Imports `<dir>/datastore.json` once if it exists; throws (file untouched) when it cannot be read. */
export function importLegacyState(dir: string, target: LegacyTarget, now: () => number): LegacyImport | undefined {
  const file = path.join(dir, LEGACY_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw new Error(`Impossible de lire l'ancien état ${file} : ${error instanceof Error ? error.message : String(error)}. Démarrage refusé ; le fichier n'a pas été modifié.`);
  }
  const hash = createHash("sha256").update(text).digest("hex");
  const alreadyImported = target.getMeta("legacy-import") === hash;
  let rows: StoredRow[] = [];
  let ignored: string[] = [];
  if (!alreadyImported) {
    try {
      ({ rows, ignored } = legacyRows(text, now()));
    } catch (error) {
      throw new Error(
        `Ancien état illisible (${file}) : ${error instanceof Error ? error.message : String(error)}. ` +
          "Démarrage refusé ; le fichier n'a pas été modifié : corrigez-le, ou déplacez-le pour repartir d'un entrepôt neuf.",
      );
    }
    target.transaction(() => {
      for (const row of rows) target.put(row);
      target.setMeta("legacy-import", hash);
    });
  }
  const renamedTo = `${file}.imported-${stamp(new Date(now()))}`;
  fs.renameSync(file, renamedTo);
  return { file, renamedTo, rows: rows.length, ignored, alreadyImported };
}

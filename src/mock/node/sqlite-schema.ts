// Schema of the local server's SQLite database and its opening: the exclusive lock (a second server on the same
// directory is refused, naming the process that holds it), WAL and synchronous mode, tables, indexes and triggers.
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { StorageError } from "./storage-error.ts";

/** Name of the database file inside the state directory. */
export const DATABASE_FILE = "datastore.sqlite";
/** Side file naming the process that holds the database (information for the refusal message only). */
export const OWNER_FILE = "datastore.owner.json";
/** Version of the schema below. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS rows (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  datastore TEXT NOT NULL,
  json TEXT,
  due INTEGER,
  blobs TEXT,
  grp TEXT,
  size INTEGER,
  hidden INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS rows_key ON rows (kind, id);
CREATE INDEX IF NOT EXISTS rows_datastore ON rows (kind, datastore, seq);
CREATE INDEX IF NOT EXISTS rows_visible ON rows (kind, datastore, hidden, seq);
CREATE INDEX IF NOT EXISTS rows_due ON rows (due) WHERE due IS NOT NULL;
CREATE TABLE IF NOT EXISTS counts (kind TEXT NOT NULL, datastore TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, datastore));
CREATE TRIGGER IF NOT EXISTS rows_counted_in AFTER INSERT ON rows BEGIN
  INSERT INTO counts (kind, datastore, n) VALUES (new.kind, new.datastore, 1) ON CONFLICT (kind, datastore) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS rows_counted_out AFTER DELETE ON rows BEGIN
  UPDATE counts SET n = n - 1 WHERE kind = old.kind AND datastore = old.datastore;
END;
CREATE TRIGGER IF NOT EXISTS rows_counted_moved AFTER UPDATE OF kind, datastore ON rows WHEN old.kind IS NOT new.kind OR old.datastore IS NOT new.datastore BEGIN
  UPDATE counts SET n = n - 1 WHERE kind = old.kind AND datastore = old.datastore;
  INSERT INTO counts (kind, datastore, n) VALUES (new.kind, new.datastore, 1) ON CONFLICT (kind, datastore) DO UPDATE SET n = n + 1;
END;
CREATE TABLE IF NOT EXISTS visible_counts (kind TEXT NOT NULL, datastore TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, datastore));
CREATE TRIGGER IF NOT EXISTS rows_visible_in AFTER INSERT ON rows WHEN new.hidden = 0 BEGIN
  INSERT INTO visible_counts (kind, datastore, n) VALUES (new.kind, new.datastore, 1) ON CONFLICT (kind, datastore) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS rows_visible_out AFTER DELETE ON rows WHEN old.hidden = 0 BEGIN
  UPDATE visible_counts SET n = n - 1 WHERE kind = old.kind AND datastore = old.datastore;
END;
CREATE TRIGGER IF NOT EXISTS rows_visible_moved AFTER UPDATE OF kind, datastore, hidden ON rows BEGIN
  UPDATE visible_counts SET n = n - 1 WHERE old.hidden = 0 AND kind = old.kind AND datastore = old.datastore;
  INSERT INTO visible_counts (kind, datastore, n) SELECT new.kind, new.datastore, 1 WHERE new.hidden = 0
    ON CONFLICT (kind, datastore) DO UPDATE SET n = n + 1;
END;
CREATE TABLE IF NOT EXISTS totals (kind TEXT NOT NULL, datastore TEXT NOT NULL, grp TEXT NOT NULL, n INTEGER NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (kind, datastore, grp));
CREATE TRIGGER IF NOT EXISTS rows_totals_in AFTER INSERT ON rows WHEN new.grp IS NOT NULL BEGIN
  INSERT INTO totals (kind, datastore, grp, n, size) VALUES (new.kind, new.datastore, new.grp, 1, coalesce(new.size, 0))
    ON CONFLICT (kind, datastore, grp) DO UPDATE SET n = n + 1, size = size + coalesce(new.size, 0);
END;
CREATE TRIGGER IF NOT EXISTS rows_totals_out AFTER DELETE ON rows WHEN old.grp IS NOT NULL BEGIN
  UPDATE totals SET n = n - 1, size = size - coalesce(old.size, 0) WHERE kind = old.kind AND datastore = old.datastore AND grp = old.grp;
END;
CREATE TRIGGER IF NOT EXISTS rows_totals_moved AFTER UPDATE OF kind, datastore, grp, size ON rows BEGIN
  UPDATE totals SET n = n - 1, size = size - coalesce(old.size, 0) WHERE old.grp IS NOT NULL AND kind = old.kind AND datastore = old.datastore AND grp = old.grp;
  INSERT INTO totals (kind, datastore, grp, n, size) SELECT new.kind, new.datastore, new.grp, 1, coalesce(new.size, 0) WHERE new.grp IS NOT NULL
    ON CONFLICT (kind, datastore, grp) DO UPDATE SET n = n + 1, size = size + coalesce(new.size, 0);
END;
CREATE TABLE IF NOT EXISTS blob_refs (blob TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS blob_refs_blob ON blob_refs (blob);
CREATE INDEX IF NOT EXISTS blob_refs_seq ON blob_refs (seq);
`;


// Who holds the directory, from the owner file, for the refusal message.
function ownerText(dir: string): string {
  try {
    const owner = JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), "utf8")) as { pid?: unknown; started?: unknown };
    return ` (processus ${String(owner.pid)}, démarré le ${String(owner.started)})`;
  } catch {
    return "";
  }
}

/** Takes the exclusive lock and creates the schema (says whether rows need re-deriving); translates failures into French messages. */
export function lockAndPrepare(db: Database.Database, dir: string, file: string, synchronous: string): { reindex: boolean } {
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${synchronous}`);
    db.exec("BEGIN EXCLUSIVE");
    const counted = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'counts'").get() !== undefined;
    // A database made before the group totals existed: its rows get the columns (the totals start empty and
    // fill as records are written again).
    const columns = (db.prepare("SELECT name FROM pragma_table_info('rows')").all() as { name: string }[]).map((column) => column.name);
    if (columns.length > 0 && !columns.includes("grp")) db.exec("ALTER TABLE rows ADD COLUMN grp TEXT; ALTER TABLE rows ADD COLUMN size INTEGER;");
    // A database made before rows could be hidden from lists: the column, and visible counts filled once (every
    // row visible until its record is re-derived: the caller reindexes, see the returned flag).
    const unhidden = columns.length > 0 && !columns.includes("hidden");
    if (unhidden) db.exec("ALTER TABLE rows ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;");
    const visibleCounted = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'visible_counts'").get() !== undefined;
    db.exec(SCHEMA);
    if (!visibleCounted) db.exec("DELETE FROM visible_counts; INSERT INTO visible_counts (kind, datastore, n) SELECT kind, datastore, count(*) FROM rows WHERE hidden = 0 GROUP BY kind, datastore;");
    // A database made before the counts existed: fill them once.
    if (!counted) db.exec("DELETE FROM counts; INSERT INTO counts (kind, datastore, n) SELECT kind, datastore, count(*) FROM rows GROUP BY kind, datastore;");
    const version = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined;
    if (version === undefined) db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
    else if (version.value !== String(SCHEMA_VERSION)) {
      db.exec("ROLLBACK");
      throw new Error(`La base ${file} est d'une autre version du schéma (${version.value}, attendu ${SCHEMA_VERSION}) : démarrage refusé, le fichier n'a pas été modifié.`);
    }
    db.exec("COMMIT");
    return { reindex: unhidden };
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))) {
      throw new Error(
        `Le dossier ${dir} est déjà utilisé par un autre entrepôt simulé${ownerText(dir)} : sa base ${DATABASE_FILE} est verrouillée. ` +
          "Arrêtez l'autre serveur ou choisissez un autre dossier avec DATASTORE_DIR. Démarrage refusé.",
      );
    }
    if (typeof code === "string" && (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT"))) {
      throw new Error(`${file} n'est pas une base SQLite lisible (${code}) : déplacez-le ou choisissez un autre DATASTORE_DIR. Démarrage refusé, le fichier n'a pas été modifié.`);
    }
    if (error instanceof StorageError || typeof code === "string") {
      throw new Error(`Impossible d'ouvrir la base ${file} en écriture (${String(code)}) : ${error instanceof Error ? error.message : String(error)}. Démarrage refusé.`);
    }
    throw error;
  }
}

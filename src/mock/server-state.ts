// On-disk state of the local datastore server: `<dir>/datastore.json`, loaded at start and rewritten
// atomically (temporary file + rename) after every change, so that a restart (or a crash) loses nothing.
// An unreadable file is moved aside as `datastore.json.corrupt-<timestamp>` and the server starts fresh.
import fs from "node:fs";
import path from "node:path";
import { SimulatedDatastore } from "./model/datastore.ts";
import type { SimulatedDatastoreOptions } from "./model/datastore.ts";
import type { DatastoreState } from "./model/types.ts";

/** Name of the state file inside the data directory. */
export const STATE_FILE = "datastore.json";

/** Where the state lives and what happened when it was loaded. */
export interface LoadedState {
  store: SimulatedDatastore;
  /** Absolute path of the state file. */
  file: string;
  /** `loaded`: resumed from the file; `fresh`: no file yet; `corrupt`: unreadable file moved to `corruptCopy`. */
  origin: "loaded" | "fresh" | "corrupt";
  /** Where the unreadable file was moved (origin `corrupt` only). */
  corruptCopy?: string;
  /** Why the file could not be read (origin `corrupt` only). */
  reason?: string;
}

// A filesystem-safe timestamp, e.g. 2024-09-16T08-00-00-000Z.
const stamp = (date: Date): string => date.toISOString().replace(/[:.]/g, "-");

// Error code of a filesystem error, if any.
const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : undefined;

/** Loads `<dir>/datastore.json` (creating `dir` if needed); a missing file gives a fresh store, a corrupt one is moved aside. */
export function loadState(dir: string, options: SimulatedDatastoreOptions = {}): LoadedState {
  const absolute = path.resolve(dir);
  fs.mkdirSync(absolute, { recursive: true });
  const file = path.join(absolute, STATE_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (codeOf(error) === "ENOENT") return { store: new SimulatedDatastore(options), file, origin: "fresh" };
    // Unreadable for another reason (permissions…): refuse to start rather than overwrite the file later.
    throw new Error(`Impossible de lire l'état de l'entrepôt simulé (${file}) : ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return { store: SimulatedDatastore.fromJSON(text, options), file, origin: "loaded" };
  } catch (error) {
    const corruptCopy = `${file}.corrupt-${stamp(new Date())}`;
    fs.renameSync(file, corruptCopy);
    const reason = error instanceof Error ? error.message : String(error);
    return { store: new SimulatedDatastore(options), file, origin: "corrupt", corruptCopy, reason };
  }
}

/** Writes the state atomically: a temporary file in the same directory, then a rename over the state file. */
export function saveState(file: string, state: DatastoreState): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, "utf8");
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Saves the store's state after every change; returns the function that stops saving. */
export function persistChanges(store: SimulatedDatastore, file: string, onError: (error: unknown) => void): () => void {
  return store.subscribe((state) => {
    try {
      saveState(file, state);
    } catch (error) {
      onError(error);
    }
  });
}

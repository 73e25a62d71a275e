// File contents of the simulated datastore in the browser: one IndexedDB value per blob, readable from every tab.
// While IndexedDB is unavailable (missing, refused, full) blobs are kept in memory, for this tab only.
import type { BlobStore, WrittenBlob } from "../core/blobs.ts";
import { collect } from "../core/blobs.ts";
import type { EntrepotDatabase } from "./idb-schema.ts";
import { RECORD_VERSION } from "./idb-schema.ts";

/** What the blob store is told by its owner. */
export interface IdbBlobHooks {
  /** The database, or undefined while the datastore lives in memory. */
  database: () => EntrepotDatabase | undefined;
  /** Called when IndexedDB refuses a write (e.g. QuotaExceededError): the owner goes on in memory. */
  onWriteFailed: (error: unknown) => void;
  /** Receives the French description of an unreadable blob. */
  report: (messages: string[]) => void;
}

/** Blobs in IndexedDB (object store `blobs`), in memory as a fallback. */
export class IdbBlobStore implements BlobStore {
  private readonly memory = new Map<string, Uint8Array>();

  /** A blob store over the owner's database. */
  constructor(private readonly hooks: IdbBlobHooks) {}

  async write(body: ReadableStream<Uint8Array> | Uint8Array, limit?: number): Promise<WrittenBlob> {
    const { bytes, md5 } = await collect(body, limit);
    const key = `blob-${globalThis.crypto.randomUUID()}`;
    const db = this.hooks.database();
    if (db) {
      try {
        // A view on a larger buffer would be cloned with the whole buffer: save its own bytes only.
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
        await db.put("blobs", { v: RECORD_VERSION, bytes: own, md5 }, key);
        return { key, size: bytes.length, md5 };
      } catch (error) {
        this.hooks.onWriteFailed(error);
      }
    }
    this.memory.set(key, bytes);
    return { key, size: bytes.length, md5 };
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    const held = this.memory.get(key);
    const db = this.hooks.database();
    if (held || !db) return held;
    const value: unknown = await db.get("blobs", key).catch(() => undefined);
    if (value === undefined) return undefined;
    const bytes = typeof value === "object" && value !== null && (value as { v?: unknown }).v === RECORD_VERSION ? (value as { bytes?: unknown }).bytes : undefined;
    if (bytes instanceof Uint8Array) return bytes;
    this.hooks.report([`Entrepôt simulé : contenu de fichier illisible dans IndexedDB (${key}), ignoré.`]);
    return undefined;
  }

  async delete(key: string): Promise<void> {
    this.memory.delete(key);
    await this.hooks.database()?.delete("blobs", key).catch(() => undefined);
  }

  async keys(): Promise<string[]> {
    const stored = (await this.hooks.database()?.getAllKeys("blobs").catch(() => [])) ?? [];
    return [...new Set([...this.memory.keys(), ...stored])];
  }

  /** Forgets the blobs held in memory (the database's are cleared with its other stores). */
  clearMemory(): void {
    this.memory.clear();
  }
}

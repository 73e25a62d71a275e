// File contents (blobs) kept by the datastore: uploaded files' bytes, read back by later steps (downloads,
// diffusion services). Each adapter stores them its own way (files on disk, IndexedDB, memory); records only
// hold their keys, size and MD5.
import { Md5 } from "../../shared/md5.ts";

/** What writing a blob gives back. */
export interface WrittenBlob {
  key: string;
  size: number;
  md5: string;
}

/** Raised when a body is larger than the limit given to write(). */
export class BlobTooLargeError extends Error {
  /** `limit` in bytes. */
  constructor(readonly limit: number) {
    super(`Fichier trop volumineux : ${Math.floor(limit / (1024 * 1024))} Mio au plus.`);
    this.name = "BlobTooLargeError";
  }
}

/** Where file contents live. */
export interface BlobStore {
  /** Stores bytes under a new key (streamed when given a stream); rejects with BlobTooLargeError past `limit`. */
  write(body: ReadableStream<Uint8Array> | Uint8Array, limit?: number): Promise<WrittenBlob>;
  /** The whole content, or undefined when the key is unknown. */
  read(key: string): Promise<Uint8Array | undefined>;
  /** Forgets a blob (no-op when unknown). */
  delete(key: string): Promise<void>;
  /** Every stored key. */
  keys(): Promise<string[]>;
}

/** Reads a stream whole, refusing more than `limit` bytes; returns the bytes and their MD5. */
export async function collect(body: ReadableStream<Uint8Array> | Uint8Array, limit = Infinity): Promise<{ bytes: Uint8Array; md5: string }> {
  if (body instanceof Uint8Array) {
    if (body.length > limit) throw new BlobTooLargeError(limit);
    return { bytes: body, md5: new Md5().update(body).hex() };
  }
  const chunks: Uint8Array[] = [];
  const md5 = new Md5();
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BlobTooLargeError(limit);
    }
    md5.update(value);
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes, md5: md5.hex() };
}

/** Blobs in memory (tests, and the browser when storage is unavailable). */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Uint8Array>();
  private counter = 0;

  async write(body: ReadableStream<Uint8Array> | Uint8Array, limit?: number): Promise<WrittenBlob> {
    const { bytes, md5 } = await collect(body, limit);
    const key = `blob-${Date.now().toString(36)}-${(++this.counter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    this.blobs.set(key, bytes);
    return { key, size: bytes.length, md5 };
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    return this.blobs.get(key);
  }

  async delete(key: string): Promise<void> {
    this.blobs.delete(key);
  }

  async keys(): Promise<string[]> {
    return [...this.blobs.keys()];
  }
}

// BlobStore on disk for the local server: one file per blob under `<dir>/files/`, written by streaming (never
// held whole in memory, MD5 computed as the bytes pass), first under a temporary name, fsynced, then renamed and
// the directory fsynced, so that a key handed back names complete, durable bytes. Temporaries left by a crash are
// removed at open; blobs no record references are removed by Store.sweepBlobs().
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { BlobStore, WrittenBlob } from "../core/blobs.ts";
import { BlobTooLargeError } from "../core/blobs.ts";
import { asStorageError } from "./storage-error.ts";

/** Folder of the blobs inside the state directory. */
export const FILES_DIR = "files";
const TEMP_PREFIX = ".tmp-";
// Keys are generated here: letters, digits and dashes only (no path can be built from a foreign key).
const KEY_PATTERN = /^[A-Za-z0-9-]{1,80}$/;

/** Bytes a blob can be written from: a Web stream, a Node stream or bytes. */
export type BlobSource = ReadableStream<Uint8Array> | Readable | Uint8Array;

/** A BlobStore whose blobs are files under `<dir>/files/`. */
export class FileBlobStore implements BlobStore {
  /** Absolute path of the blobs' folder. */
  readonly root: string;

  /** Opens (creating it) `<dir>/files/` and removes the temporaries a crash left. */
  constructor(dir: string) {
    this.root = path.resolve(dir, FILES_DIR);
    fs.mkdirSync(this.root, { recursive: true });
    for (const name of fs.readdirSync(this.root)) if (name.startsWith(TEMP_PREFIX)) fs.rmSync(path.join(this.root, name), { force: true });
  }

  async write(body: BlobSource, limit = Infinity): Promise<WrittenBlob> {
    const key = randomUUID();
    const temporary = path.join(this.root, `${TEMP_PREFIX}${key}`);
    const md5 = createHash("md5");
    let size = 0;
    let handle: fsp.FileHandle | undefined;
    // A Node stream may fail before it is read (while the file opens): the reading below reports it.
    if (!(body instanceof Uint8Array) && !(body instanceof ReadableStream)) body.on("error", () => undefined);
    try {
      handle = await fsp.open(temporary, "wx");
      for await (const chunk of chunksOf(body)) {
        size += chunk.length;
        if (size > limit) throw new BlobTooLargeError(limit);
        md5.update(chunk);
        let offset = 0;
        while (offset < chunk.length) offset += (await handle.write(chunk, offset)).bytesWritten;
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
      await fsp.rename(temporary, path.join(this.root, key));
      await syncDirectory(this.root);
      return { key, size, md5: md5.digest("hex") };
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await fsp.rm(temporary, { force: true }).catch(() => undefined);
      if (!(body instanceof Uint8Array)) cancel(body);
      throw asStorageError(error);
    }
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    const file = this.pathOf(key);
    if (!file) return undefined;
    try {
      return new Uint8Array(await fsp.readFile(file));
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return undefined;
      throw asStorageError(error);
    }
  }

  /** A stream of the blob's bytes (for large downloads), or undefined when the key is unknown. */
  async stream(key: string): Promise<{ size: number; stream: Readable } | undefined> {
    const file = this.pathOf(key);
    if (!file) return undefined;
    try {
      const stat = await fsp.stat(file);
      return { size: stat.size, stream: fs.createReadStream(file) };
    } catch {
      return undefined;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    if (file) await fsp.rm(file, { force: true });
  }

  async keys(): Promise<string[]> {
    return (await fsp.readdir(this.root)).filter((name) => !name.startsWith(TEMP_PREFIX) && KEY_PATTERN.test(name));
  }

  /** The file of a key, or undefined for anything that is not a key this store makes (`..`, `a/b`…). */
  pathOf(key: string): string | undefined {
    return KEY_PATTERN.test(key) ? path.join(this.root, key) : undefined;
  }
}

// The chunks of any blob source, as Uint8Array.
async function* chunksOf(body: BlobSource): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  if (body instanceof ReadableStream) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const chunk of body as Readable) yield typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Uint8Array);
}

// Stops a source that will not be read to its end.
function cancel(body: ReadableStream<Uint8Array> | Readable): void {
  if (body instanceof ReadableStream) void body.cancel().catch(() => undefined);
  else body.destroy();
}

// Makes a rename durable (Linux: fsync of the directory; ignored where directories cannot be opened).
async function syncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, "r");
    await handle.sync();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

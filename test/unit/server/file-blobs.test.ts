// FileBlobStore and the streaming multipart reader of the local server: bytes and MD5 intact, limits, temporary
// files, hostile keys and bodies, and a 50 MB body parsed without holding it in memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { BlobTooLargeError, MemoryBlobStore } from "../../../src/mock/core/blobs.ts";
import { FileBlobStore, FILES_DIR } from "../../../src/mock/node/file-blobs.ts";
import { streamingBodyReader } from "../../../src/mock/node/multipart.ts";
import { tempDir } from "./temp.ts";

const BOUNDARY = "----limite-de-test";
const md5 = (bytes: Uint8Array | string): string => createHash("md5").update(bytes).digest("hex");

/** Parts of a multipart body, as text. */
function multipartText(parts: { name: string; filename?: string; content: string }[]): string {
  return parts
    .map((part) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ""}\r\n${part.filename !== undefined ? "Content-Type: application/octet-stream\r\n" : ""}\r\n${part.content}\r\n`)
    .join("") + `--${BOUNDARY}--\r\n`;
}

/** A request carrying a multipart body given as a Node stream (through incomingOf). */
function multipartRequest(body: Readable | string, type = `multipart/form-data; boundary=${BOUNDARY}`) {
  const stream = typeof body === "string" ? Readable.from([Buffer.from(body)]) : body;
  const request = new Request("http://127.0.0.1/x", { method: "POST", headers: { "Content-Type": type } });
  const reader = streamingBodyReader({ incomingOf: (r) => (r === request ? stream : undefined) });
  return { request, reader };
}

test("FileBlobStore writes a stream to dir/files, fsynced, with size and MD5; read, keys, delete", async () => {
  const dir = tempDir();
  const store = new FileBlobStore(dir);
  const bytes = new TextEncoder().encode("contenu é\u0000\u00ff".repeat(1000));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
      controller.close();
    },
  });
  const written = await store.write(stream);
  assert.equal(written.size, bytes.length);
  assert.equal(written.md5, md5(bytes));
  assert.deepEqual(fs.readdirSync(path.join(dir, FILES_DIR)), [written.key]);
  assert.deepEqual(await store.read(written.key), bytes);
  const small = await store.write(new Uint8Array([1, 2, 3]));
  assert.deepEqual((await store.keys()).sort(), [written.key, small.key].sort());
  await store.delete(written.key);
  assert.equal(await store.read(written.key), undefined);
  await store.delete("inconnu");
  assert.deepEqual(await store.keys(), [small.key]);
});

test("FileBlobStore refuses past the limit and removes the temporary file", async () => {
  const dir = tempDir();
  const store = new FileBlobStore(dir);
  await assert.rejects(store.write(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000), (error: unknown) => error instanceof BlobTooLargeError && /Mio au plus/.test(error.message));
  await assert.rejects(store.write(new Uint8Array(11), 10), BlobTooLargeError);
  assert.deepEqual(fs.readdirSync(path.join(dir, FILES_DIR)), []);
});

test("FileBlobStore removes stale temporaries at open and refuses keys that are paths", async () => {
  const dir = tempDir();
  const files = path.join(dir, FILES_DIR);
  fs.mkdirSync(files, { recursive: true });
  fs.writeFileSync(path.join(files, ".tmp-laisse-par-un-crash"), "partiel");
  fs.writeFileSync(path.join(dir, "secret.txt"), "secret");
  const store = new FileBlobStore(dir);
  assert.deepEqual(fs.readdirSync(files), []);
  for (const key of ["../secret.txt", "..", "a/b", "", "/etc/passwd", ".tmp-x"]) {
    assert.equal(await store.read(key), undefined, key);
    await store.delete(key);
  }
  assert.ok(fs.existsSync(path.join(dir, "secret.txt")));
});

test("multipart: the file field goes to the blob store, text fields are collected, other files drained", async () => {
  const dir = tempDir();
  const blobs = new FileBlobStore(dir);
  const { request, reader } = multipartRequest(
    multipartText([
      { name: "type", content: "SLD" },
      { name: "autre", filename: "ignoré.bin", content: "ignoré" },
      { name: "file", filename: "style.sld", content: "<StyledLayerDescriptor/>" },
      { name: "name", content: "Mon style é" },
    ]),
  );
  const received = await reader.multipart(request, blobs, { fileField: "file", limit: 1000 });
  assert.deepEqual(received.problems, []);
  assert.deepEqual(received.fields, { type: "SLD", name: "Mon style é" });
  assert.equal(received.file!.name, "style.sld");
  assert.equal(received.file!.blob.md5, md5("<StyledLayerDescriptor/>"));
  assert.deepEqual(await blobs.keys(), [received.file!.blob.key]);
});

test("multipart through request.body (no Node stream) and into a MemoryBlobStore", async () => {
  const form = new FormData();
  form.append("file", new Blob(["abc"]), "a.txt");
  form.append("path", "data/a.txt");
  const request = new Request("http://127.0.0.1/x", { method: "POST", body: form });
  const received = await streamingBodyReader().multipart(request, new MemoryBlobStore(), { fileField: "file", limit: 10 });
  assert.deepEqual(received.problems, []);
  assert.equal(received.file!.blob.md5, md5("abc"));
  assert.deepEqual(received.fields, { path: "data/a.txt" });
});

test("multipart problems in French: not multipart, no boundary, malformed, field too long; no blob left", async () => {
  const dir = tempDir();
  const blobs = new FileBlobStore(dir);
  const notMultipart = multipartRequest("{}", "application/json");
  assert.match((await notMultipart.reader.multipart(notMultipart.request, blobs, { fileField: "file", limit: 10 })).problems[0]!, /multipart\/form-data avec le fichier dans le champ « file »/);
  const noBoundary = multipartRequest("x", "multipart/form-data");
  assert.match((await noBoundary.reader.multipart(noBoundary.request, blobs, { fileField: "file", limit: 10 })).problems[0]!, /Corps multipart illisible/);
  const truncated = multipartRequest(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\ndébut sans fin`);
  const cut = await truncated.reader.multipart(truncated.request, blobs, { fileField: "file", limit: 1000 });
  assert.match(cut.problems[0]!, /Corps multipart illisible/);
  assert.equal(cut.file, undefined);
  const long = multipartRequest(multipartText([{ name: "description", content: "x".repeat(70 * 1024) }, { name: "file", filename: "a", content: "a" }]));
  const tooLong = await long.reader.multipart(long.request, blobs, { fileField: "file", limit: 1000 });
  assert.deepEqual(tooLong.problems, ["Champ « description » trop long : 64 Kio au plus."]);
  assert.equal(tooLong.file, undefined);
  assert.deepEqual(await blobs.keys(), [], "no blob kept for a refused body");
});

test("multipart: a file over the limit throws BlobTooLargeError and leaves no file", async () => {
  const dir = tempDir();
  const blobs = new FileBlobStore(dir);
  const { request, reader } = multipartRequest(multipartText([{ name: "file", filename: "gros.bin", content: "y".repeat(5000) }]));
  await assert.rejects(reader.multipart(request, blobs, { fileField: "file", limit: 1000 }), BlobTooLargeError);
  assert.deepEqual(fs.readdirSync(path.join(dir, FILES_DIR)), []);
});

test("multipart: a body interrupted by the client gives a problem, not a hang", async () => {
  const blobs = new FileBlobStore(tempDir());
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`;
  const body = new Readable({ read() {} });
  body.push(Buffer.from(head + "partiel"));
  const { request, reader } = multipartRequest(body);
  const pending = reader.multipart(request, blobs, { fileField: "file", limit: 1_000_000 });
  setImmediate(() => body.destroy());
  const received = await pending;
  assert.match(received.problems[0]!, /interrompu|illisible/);
  assert.deepEqual(await blobs.keys(), []);
});

test("a 50 MB multipart body is streamed to disk: MD5 matches and memory stays low", async () => {
  const dir = tempDir();
  const blobs = new FileBlobStore(dir);
  const SIZE = 50 * 1024 * 1024;
  const CHUNK = 64 * 1024;
  const hash = createHash("md5");
  let sent = 0;
  let seed = 12345;
  // The body is generated as it is read: the test itself holds one chunk at a time.
  const body = new Readable({
    read() {
      if (sent === 0) this.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="path"\r\n\r\ndata/gros.bin\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="gros.bin"\r\n\r\n`));
      if (sent >= SIZE) {
        this.push(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
        this.push(null);
        return;
      }
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, SIZE - sent));
      for (let i = 0; i < chunk.length; i += 4) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        chunk.writeUInt32LE(seed, i);
      }
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const { request, reader } = multipartRequest(body);
  const received = await reader.multipart(request, blobs, { fileField: "file", limit: 2 * 1024 ** 3 });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  assert.deepEqual(received.problems, []);
  assert.deepEqual(received.fields, { path: "data/gros.bin" });
  assert.equal(received.file!.blob.size, SIZE);
  assert.equal(received.file!.blob.md5, hash.digest("hex"));
  assert.equal(fs.statSync(path.join(dir, FILES_DIR, received.file!.blob.key)).size, SIZE);
  const growth = peak - before;
  assert.ok(growth < 20 * 1024 * 1024, `RSS grew by ${(growth / 1024 / 1024).toFixed(1)} MB for a 50 MB body`);
});

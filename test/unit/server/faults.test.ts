// Fault tests of the local server, each on `tsx scripts/datastore.ts` in a child process: a state directory that
// becomes read-only, a full disk, `kill -9` during a burst of writes, two servers on one directory. Each records
// which writes were acknowledged (2xx) and which were refused (5xx); after a restart every acknowledged write is
// present and no refused write is (writes in flight when the server died may go either way).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "./temp.ts";
import type { Outcome } from "./fault-helpers.ts";
import { canMount, DS, ext4Available, failExt4, fileForm, mountExt4, mountTmpfs, read, spawnServer, unmount, uploadNames, write } from "./fault-helpers.ts";

const UPLOAD = { description: "panne", type: "ARCHIVE", srs: "EPSG:2154" };

/** Names created per outcome. */
type Ledger = Record<Outcome, string[]>;
const ledger = (): Ledger => ({ acknowledged: [], refused: [], unknown: [] });

/** Creates an upload named `name` and files its outcome. */
async function createUpload(url: string, name: string, book: Ledger): Promise<{ status: number; id?: string }> {
  const result = await write(`${url}${DS}/uploads`, "POST", { ...UPLOAD, name });
  book[result.outcome].push(name);
  return { status: result.status, id: result.json?._id as string | undefined };
}

/** Asserts the rule of every fault test on the restarted server. */
async function assertLedger(url: string, book: Ledger): Promise<void> {
  const names = await uploadNames(url);
  for (const name of book.acknowledged) assert.ok(names.has(name), `acknowledged write lost: ${name}`);
  for (const name of book.refused) assert.ok(!names.has(name), `refused write present: ${name}`);
}

test("read-only state directory: writes refused 503 while reads go on; nothing acknowledged is lost", { skip: ext4Available() ? false : "needs root, loop devices and ext4 (the simulated read-only case is in http.test.ts)" }, async () => {
  const work = tempDir("faults-ro-");
  const image = path.join(work, "disque.img");
  const mnt = path.join(work, "mnt");
  const dir = path.join(mnt, "etat");
  let server;
  try {
    const device = mountExt4(image, mnt);
    server = await spawnServer(dir);
    const book = ledger();
    const upload = await createUpload(server.url, "avant-1", book);
    await createUpload(server.url, "avant-2", book);
    const files: Ledger = ledger();
    const sent = await write(`${server.url}${DS}/uploads/${upload.id}/data?path=data/avant.bin`, "POST", fileForm(10_000, "avant.bin"));
    files[sent.outcome].push("data/avant.bin");
    // The filesystem turns read-only under the running server (as ext4 does after a disk error).
    failExt4(device);
    for (let i = 0; i < 5; i++) {
      const refused = await createUpload(server.url, `pendant-${i}`, book);
      assert.equal(refused.status, 503, `write ${i} on a read-only disk`);
    }
    const file = await write(`${server.url}${DS}/uploads/${upload.id}/data?path=data/pendant.bin`, "POST", fileForm(10_000, "pendant.bin"));
    assert.equal(file.status, 503);
    assert.match(file.json.error_description[0], /Rien n'a été modifié/);
    files[file.outcome].push("data/pendant.bin");
    assert.ok((await uploadNames(server.url)).has("avant-1"), "reads still answer");
    await server.kill();
    unmount(mnt);
    mountExt4(image, mnt);
    server = await spawnServer(dir);
    assert.deepEqual(book.acknowledged, ["avant-1", "avant-2"]);
    await assertLedger(server.url, book);
    const tree = JSON.stringify(await read(`${server.url}${DS}/uploads/${upload.id}/tree`));
    for (const name of files.acknowledged) assert.ok(tree.includes(path.basename(name)), `acknowledged file lost: ${name}`);
    for (const name of files.refused) assert.ok(!tree.includes(path.basename(name)), `refused file present: ${name}`);
  } finally {
    await server?.kill();
    unmount(mnt);
  }
});

test("full disk: uploads refused 507 once the disk is full; after a restart, acknowledged ones are all there", { skip: canMount ? false : "needs root to mount a small tmpfs (the StorageError mapping is tested in sqlite-source.test.ts)" }, async () => {
  const work = tempDir("faults-full-");
  let mnt: string | undefined;
  let server;
  try {
    mnt = mountTmpfs(work, "2m");
    const dir = path.join(mnt, "etat");
    server = await spawnServer(dir);
    const book = ledger();
    const files: Ledger = ledger();
    const upload = await createUpload(server.url, "livraison", book);
    assert.equal(upload.status, 200);
    let full = 0;
    for (let i = 0; i < 200 && full < 3; i++) {
      const result = await write(`${server.url}${DS}/uploads/${upload.id}/data?path=data/f${i}.bin`, "POST", fileForm(96 * 1024, `f${i}.bin`));
      files[result.outcome].push(`f${i}.bin`);
      if (result.outcome === "refused") {
        assert.equal(result.status, 507, JSON.stringify(result.json));
        assert.match(result.json.error_description[0], /plein.*Rien n'a été modifié/);
        full++;
      }
    }
    assert.equal(full, 3, "the disk filled up");
    for (let i = 0; i < 20; i++) await createUpload(server.url, `json-${i}`, book);
    assert.ok(files.acknowledged.length > 5, `${files.acknowledged.length} files acknowledged before the disk was full`);
    await server.kill();
    // Restart on the same, still full, disk.
    server = await spawnServer(dir);
    await assertLedger(server.url, book);
    const tree = JSON.stringify(await read(`${server.url}${DS}/uploads/${upload.id}/tree`));
    for (const name of files.acknowledged) assert.ok(tree.includes(`"${name}"`), `acknowledged file lost: ${name}`);
    for (const name of files.refused) assert.ok(!tree.includes(`"${name}"`), `refused file present: ${name}`);
    assert.ok(!fs.readdirSync(path.join(dir, "files")).some((name) => name.startsWith(".tmp-")), "no partial file left");
  } finally {
    await server?.kill();
    if (mnt) unmount(mnt);
  }
});

test("kill -9 during a burst of writes: every acknowledged write survives", async () => {
  const dir = tempDir("faults-kill-");
  let server = await spawnServer(dir);
  const book = ledger();
  try {
    let stop = false;
    let counter = 0;
    const killed = (async () => {
      while (book.acknowledged.length < 150) await new Promise((resolve) => setImmediate(resolve));
      stop = true;
      await server.kill("SIGKILL");
    })();
    const clients = Array.from({ length: 16 }, async (_, client) => {
      while (!stop) await createUpload(server.url, `rafale-${client}-${counter++}`, book);
    });
    await Promise.all([killed, ...clients]);
    assert.ok(book.acknowledged.length >= 150);
    server = await spawnServer(dir);
    await assertLedger(server.url, book);
    assert.equal(book.refused.length, 0, "no write was refused");
  } finally {
    await server.kill();
  }
});

test("two servers on one directory: the second refuses to start and says why; the first keeps every write", async () => {
  const dir = tempDir("faults-two-");
  let first = await spawnServer(dir);
  const book = ledger();
  try {
    await createUpload(first.url, "premier-1", book);
    await assert.rejects(spawnServer(dir), (error: unknown) => {
      const output = (error as { output?: string }).output ?? "";
      return output.includes(`Le dossier ${dir} est déjà utilisé par un autre entrepôt simulé`) && /processus \d+/.test(output) && output.includes("DATASTORE_DIR");
    });
    await createUpload(first.url, "premier-2", book);
    assert.deepEqual(book.acknowledged, ["premier-1", "premier-2"]);
    await first.kill("SIGTERM");
    first = await spawnServer(dir);
    await assertLedger(first.url, book);
  } finally {
    await first.kill();
  }
});

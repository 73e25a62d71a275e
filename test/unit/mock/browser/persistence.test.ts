// The browser store on a fake IndexedDB: what one tab saves is there after a "reload" (a new store on the same
// database), file bytes included; corrupt records are skipped and reported; without IndexedDB, or when it is full,
// everything goes on in memory and the page is told; "Tout recommencer" clears everything.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { afterEach, test } from "node:test";
import { IDBObjectStore } from "fake-indexeddb";
import { openBrowserStore } from "../../../../src/mock/browser/browser-store.ts";
import { THINGS, browser, insert, names } from "./helpers.ts";

let current: ReturnType<typeof browser> | undefined;
afterEach(() => current?.closeAll());
const fresh = (...args: Parameters<typeof browser>) => (current = browser(...args));

/** Puts values straight into an object store of the test database, as a hand edit or a corrupt disk would. */
async function putRaw(factory: IDBFactory, name: string, store: string, entries: [IDBValidKey, unknown][]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(store, "readwrite");
  for (const [key, value] of entries) tx.objectStore(store).put(value, key);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

test("records survive a reload, in insertion order, an update keeping its place", async () => {
  const site = fresh();
  const first = await site.tab();
  assert.equal(first.persistent, true);
  for (const name of ["a", "b", "c"]) await insert(first, { _id: name, name });
  await first.exclusive(async () => first.store.run((ctx) => void (ctx.records.get(THINGS, "a")!.name = "a2")));
  await first.exclusive(async () => first.store.run((ctx) => ctx.records.remove(THINGS, "b")));
  first.close();

  const reloaded = await site.tab();
  assert.deepEqual(names(reloaded), ["a2", "c"]);
  await insert(reloaded, { _id: "d", name: "d" });
  reloaded.close();
  assert.deepEqual(names(await site.tab()), ["a2", "c", "d"]);
});

test("file bytes are kept in IndexedDB and read back after a reload; unreferenced ones are swept at start", async () => {
  const site = fresh();
  const first = await site.tab();
  const bytes = new TextEncoder().encode("contenu du fichier");
  const kept = await first.store.blobs.write(bytes);
  const orphan = await first.store.blobs.write(new Uint8Array([1, 2, 3]));
  assert.equal(kept.size, bytes.length);
  assert.equal(kept.md5, createHash("md5").update(bytes).digest("hex"));
  await insert(first, { _id: "f", name: "f", files: [kept.key] });
  first.close();

  const reloaded = await site.tab();
  assert.deepEqual(await reloaded.store.blobs.read(kept.key), bytes);
  assert.equal(await reloaded.store.blobs.read(orphan.key), undefined, "blob written but never referenced: swept");
  // Deleting the record releases its blob.
  await reloaded.exclusive(async () => reloaded.store.run((ctx) => ctx.records.remove(THINGS, "f")));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(await reloaded.store.blobs.keys(), []);
});

test("corrupt IndexedDB records are skipped and reported in French; the store starts and writes", async () => {
  const site = fresh();
  const first = await site.tab();
  await insert(first, { _id: "ok", name: "ok" });
  first.close();
  const good = { v: 1, kind: "thing", id: "x", datastore: "ds-test", json: "{}", due: null, blobs: [], order: 5 };
  await putRaw(site.factory, site.databaseName, "rows", [
    [["thing", "null"], null],
    [["thing", "text"], "texte"],
    [["thing", "future"], { ...good, v: 2 }],
    [["thing", "bad-due"], { ...good, due: "demain" }],
    [["thing", "other"], good],
  ]);
  const ignored: string[] = [];
  const reloaded = await site.tab({ onIgnored: (messages) => ignored.push(...messages) });
  assert.deepEqual(names(reloaded), ["ok"]);
  assert.equal(ignored.length, 5, ignored.join("\n"));
  assert.match(ignored.join("\n"), /enregistrement IndexedDB ignoré \(thing null\) : valeur nulle/);
  assert.match(ignored.join("\n"), /thing text\) : valeur de type string/);
  assert.match(ignored.join("\n"), /thing future\) : version inconnue \(2\)/);
  assert.match(ignored.join("\n"), /thing other\) : clé différente du contenu/);
  await insert(reloaded, { _id: "new", name: "new" });
  assert.equal(reloaded.persistent, true);
});

test("a corrupt row JSON or meta value is reported, not fatal", async () => {
  const site = fresh();
  const first = await site.tab();
  await insert(first, { _id: "ok", name: "ok" });
  first.close();
  const broken = { v: 1, kind: "thing", id: "broken", datastore: "ds-test", json: "{pas du json", due: null, blobs: [], order: 9 };
  await putRaw(site.factory, site.databaseName, "rows", [[["thing", "broken"], broken]]);
  await putRaw(site.factory, site.databaseName, "meta", [["state", { v: 1, seq: "beaucoup" }]]);
  const ignored: string[] = [];
  const reloaded = await site.tab({ onIgnored: (messages) => ignored.push(...messages) });
  assert.deepEqual(names(reloaded), ["ok"]);
  assert.match(ignored.join("\n"), /thing broken : JSON invalide/);
  assert.match(ignored.join("\n"), /version de l'état illisible/);
});

test("without IndexedDB the store works in memory and says so once", async () => {
  for (const indexedDB of [null, { open: () => { throw new DOMException("refusé", "SecurityError"); } } as unknown as IDBFactory]) {
    const lost: string[] = [];
    const tab = await openBrowserStore({ indexedDB, legacy: { storage: null }, onPersistenceLost: (reason) => lost.push(reason) });
    assert.equal(tab.persistent, false);
    assert.equal(lost.length, 1);
    await insert(tab, { _id: "m", name: "m" });
    assert.deepEqual(names(tab), ["m"]);
    const blob = await tab.store.blobs.write(new Uint8Array([7]));
    assert.deepEqual(await tab.store.blobs.read(blob.key), new Uint8Array([7]));
    await tab.reset();
    assert.deepEqual(names(tab), []);
    tab.close();
  }
});

test("IndexedDB full (QuotaExceededError): the answer still comes, then memory only, the page is told once", async () => {
  const site = fresh();
  const lost: string[] = [];
  const tab = await site.tab({ onPersistenceLost: (reason) => lost.push(reason) });
  await insert(tab, { _id: "saved", name: "saved" });
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function () {
    throw new DOMException("Quota exceeded", "QuotaExceededError");
  };
  try {
    const thing = await insert(tab, { _id: "memory", name: "memory" });
    assert.equal(thing.name, "memory");
    await insert(tab, { _id: "memory-2", name: "memory-2" });
  } finally {
    IDBObjectStore.prototype.put = put;
  }
  assert.equal(tab.persistent, false);
  assert.deepEqual(lost.length, 1);
  assert.match(lost[0]!, /QuotaExceededError/);
  assert.deepEqual(names(tab), ["saved", "memory", "memory-2"]);
  tab.close();
  // What was saved before is still there; the failed batch left nothing half written.
  assert.deepEqual(names(await site.tab()), ["saved"]);
});

test("a write transaction aborted by the browser (asynchronous failure) also means memory only, nothing half written", async () => {
  const site = fresh();
  const lost: string[] = [];
  const tab = await site.tab({ onPersistenceLost: (reason) => lost.push(reason) });
  await insert(tab, { _id: "saved", name: "saved" });
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
    const request = put.apply(this, args);
    if (this.name === "log") queueMicrotask(() => this.transaction.abort());
    return request;
  };
  try {
    assert.equal((await insert(tab, { _id: "memory", name: "memory" })).name, "memory");
  } finally {
    IDBObjectStore.prototype.put = put;
  }
  assert.equal(tab.persistent, false);
  assert.equal(lost.length, 1);
  tab.close();
  assert.deepEqual(names(await site.tab()), ["saved"]);
});

test("reset clears records, blobs and the log", async () => {
  const site = fresh();
  const tab = await site.tab();
  const blob = await tab.store.blobs.write(new Uint8Array([1]));
  await insert(tab, { _id: "a", name: "a", files: [blob.key] });
  await tab.reset();
  assert.deepEqual(names(tab), []);
  assert.deepEqual(await tab.store.blobs.keys(), []);
  tab.close();
  const reloaded = await site.tab();
  assert.deepEqual(names(reloaded), []);
  assert.equal(await reloaded.store.blobs.read(blob.key), undefined);
  await insert(reloaded, { _id: "b", name: "b" });
  assert.deepEqual(names(reloaded), ["b"]);
});

// One-time import of the whole-state JSON earlier versions kept in localStorage: its records become rows (kinds,
// datastore, due now for what still moves on), saved in IndexedDB, and the key is removed; an unreadable state is
// ignored with a warning and removed; without IndexedDB it is used in memory and kept.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { createStore } from "../../../../src/mock/app.ts";
import { openBrowserStore } from "../../../../src/mock/browser/browser-store.ts";
import { LEGACY_STORAGE_KEY } from "../../../../src/mock/browser/legacy-state.ts";
import { MemoryStorage, browser } from "./helpers.ts";

let current: ReturnType<typeof browser> | undefined;
afterEach(() => current?.closeAll());
const NOW = Date.UTC(2024, 8, 16, 8, 0, 0);
const DS = "ds-ancien";

const OLD_STATE = {
  version: 1,
  uploads: { u1: { _id: "u1", datastore: DS, name: "Livraison", status: "CLOSED" } },
  checkExecutions: {
    c1: { _id: "c1", datastore: DS, status: "PROGRESS" },
    c2: { _id: "c2", datastore: DS, status: "SUCCESS" },
  },
  executions: { e1: { _id: "e1", datastore: DS, status: "WAITING" }, e2: { _id: "e2", datastore: DS, status: "CREATED" } },
  storedData: { s1: { _id: "s1", datastore: DS, status: "GENERATED" } },
  configurations: { k1: { _id: "k1", datastore: DS, status: "PUBLISHED" } },
  offerings: { o1: { _id: "o1", datastore: DS, status: "PUBLISHING" }, o2: { _id: "o2", datastore: DS, status: "PUBLISHED" }, o3: null },
  statics: { t1: { _id: "t1", datastore: DS, name: "style" } },
};

test("the old localStorage state is imported into IndexedDB once, then removed", async () => {
  const site = (current = browser());
  const storage = new MemoryStorage();
  storage.setItem(LEGACY_STORAGE_KEY, JSON.stringify(OLD_STATE));
  storage.setItem("autre-clé", "gardée");
  const tab = await site.tab({ legacy: { storage }, now: () => NOW });
  const due = (kind: string, id: string) => tab.store.source.get(kind, id)?.due;
  assert.equal(JSON.parse(tab.store.source.get("upload", "u1")!.json).name, "Livraison");
  assert.equal(tab.store.source.get("upload", "u1")!.datastore, DS);
  assert.deepEqual(
    ["check-execution c1", "check-execution c2", "execution e1", "execution e2", "offering o1", "offering o2", "stored-data s1", "configuration k1", "static t1"].map((key) => due(...(key.split(" ") as [string, string]))),
    [NOW, null, NOW, null, NOW, null, null, null, null],
  );
  assert.equal(tab.store.source.get("offering", "o3"), undefined, "an unusable record is skipped");
  assert.equal(storage.getItem(LEGACY_STORAGE_KEY), null);
  assert.equal(storage.getItem("autre-clé"), "gardée");
  tab.close();

  // Saved in IndexedDB: there after a reload, and an old state appearing again is not imported over it.
  storage.setItem(LEGACY_STORAGE_KEY, JSON.stringify({ ...OLD_STATE, uploads: {} }));
  const reloaded = await site.tab({ legacy: { storage } });
  assert.ok(reloaded.store.source.get("upload", "u1"));
  assert.equal(reloaded.store.source.list("static").length, 1);
  assert.equal(storage.getItem(LEGACY_STORAGE_KEY), null);
});

test("an unreadable old state is ignored with a warning and removed", async (t) => {
  const warnings: unknown[][] = [];
  t.mock.method(console, "warn", (...args: unknown[]) => void warnings.push(args));
  for (const text of ["{pas du json", "null", JSON.stringify({ version: 2, uploads: {} }), JSON.stringify({ version: 1, uploads: [] })]) {
    const site = (current = browser());
    const storage = new MemoryStorage();
    storage.setItem("ancienne-clé", text);
    const tab = await site.tab({ legacy: { storage, keys: ["ancienne-clé"] } });
    assert.equal(tab.store.source.list("upload").length, 0);
    assert.equal(storage.getItem("ancienne-clé"), null, text);
    site.closeAll();
  }
  assert.equal(warnings.length, 4);
  assert.match(String(warnings[0]![0]), /ancien état \(ancienne-clé\) illisible, ignoré et effacé/);
});

test("without IndexedDB the old state is used in memory and kept for a later start", async () => {
  const storage = new MemoryStorage();
  storage.setItem(LEGACY_STORAGE_KEY, JSON.stringify(OLD_STATE));
  const tab = await openBrowserStore({ indexedDB: null, legacy: { storage } });
  assert.equal(tab.persistent, false);
  assert.ok(tab.store.source.get("upload", "u1"));
  assert.notEqual(storage.getItem(LEGACY_STORAGE_KEY), null);
  tab.close();
});

test("imported records get their due times and totals from their records (the app's collections)", async () => {
  const site = (current = browser());
  const storage = new MemoryStorage();
  const upload = {
    _id: "u9", datastore: DS, name: "Livraison", description: "d", type: "ARCHIVE", srs: "EPSG:2154", status: "CLOSED", open: false,
    creation: 1, update: 1, lastEvent: { title: "Création", date: 1 }, tags: {}, type_infos: {}, checks: [],
    files: [{ path: "a.txt", size: 5, md5: "5d41402abc4b2a76b9719d911017c592", kind: "data" }],
  };
  storage.setItem(LEGACY_STORAGE_KEY, JSON.stringify({ ...OLD_STATE, uploads: { u9: upload } }));
  const tab = await site.tab({ legacy: { storage }, now: () => NOW, createStore });
  assert.deepEqual(tab.store.source.totals("upload", DS), [{ group: "uploads", count: 1, size: 5 }]);
  tab.close();
  const reloaded = await site.tab({ legacy: { storage }, createStore });
  assert.deepEqual(reloaded.store.source.totals("upload", DS), [{ group: "uploads", count: 1, size: 5 }], "saved with the totals");
});

// Two "tabs" (two stores on one fake IndexedDB, Web Locks stand-in, Node's BroadcastChannel): each sees the other's
// changes without re-reading the whole state, operations never run on a stale copy, a tab that missed messages
// catches up from the change log (or reloads everything when the log was pruned), and a reset reaches every tab.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { clearSavedDatastore } from "../../../../src/mock/browser/reset.ts";
import { MemoryStorage, THINGS, browser, insert, names, until } from "./helpers.ts";

let current: ReturnType<typeof browser> | undefined;
afterEach(() => current?.closeAll());
const fresh = (...args: Parameters<typeof browser>) => (current = browser(...args));

test("a tab sees another tab's changes through the channel, without an operation of its own", async () => {
  const site = fresh();
  const first = await site.tab();
  const second = await site.tab();
  await insert(first, { _id: "a", name: "a" });
  await until(() => second.store.source.get("thing", "a") !== undefined, "second tab sees a");
  await first.exclusive(async () => first.store.run((ctx) => ctx.records.remove(THINGS, "a")));
  await until(() => second.store.source.get("thing", "a") === undefined, "second tab sees a deleted");
  assert.equal(second.stats.fullLoads, 0);
  assert.equal(second.stats.changesApplied, 2);
});

test("operations of two tabs are serialised: none is lost, none runs on a stale copy", async () => {
  const site = fresh();
  const first = await site.tab({ broadcast: false });
  const second = await site.tab({ broadcast: false });
  await insert(first, { _id: "counter", name: "counter", count: 0 });
  const bump = (tab: typeof first) =>
    tab.exclusive(async () => {
      // An await inside the operation (as a handler reading a body) lets the other tab try to run meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      return tab.store.run((ctx) => ++ctx.records.get(THINGS, "counter")!.count!);
    });
  const counts = await Promise.all(Array.from({ length: 20 }, (_, index) => bump(index % 2 === 0 ? first : second)));
  assert.deepEqual([...counts].sort((a, b) => a - b), Array.from({ length: 20 }, (_, index) => index + 1));
  await first.exclusive(async () => undefined);
  assert.equal(first.store.run((ctx) => ctx.records.get(THINGS, "counter")!.count), 20);
  // Without messages, each tab followed the other from the change log only.
  assert.equal(first.stats.fullLoads + second.stats.fullLoads, 0);
});

test("a tab that missed changes catches up from the log, at the cost of what it missed", async () => {
  const site = fresh();
  const first = await site.tab();
  await insert(first, { _id: "before", name: "before" });
  const deaf = await site.tab({ broadcast: false });
  for (const name of ["x", "y", "z"]) await insert(first, { _id: name, name });
  assert.deepEqual(names(deaf), ["before"], "not told, not yet caught up");
  await deaf.exclusive(async () => undefined);
  assert.deepEqual(names(deaf), ["before", "x", "y", "z"]);
  assert.equal(deaf.stats.changesApplied, 3);
  assert.equal(deaf.stats.fullLoads, 0);
});

test("a tab further behind than the log reloads everything", async () => {
  const site = fresh({ logLimit: 2 });
  const first = await site.tab();
  const deaf = await site.tab({ broadcast: false });
  for (const name of ["1", "2", "3", "4", "5"]) await insert(first, { _id: name, name });
  await deaf.exclusive(async () => undefined);
  assert.deepEqual(names(deaf), ["1", "2", "3", "4", "5"]);
  assert.equal(deaf.stats.fullLoads, 1);
  // From then on, the log again.
  await insert(first, { _id: "6", name: "6" });
  await deaf.exclusive(async () => undefined);
  assert.equal(deaf.stats.fullLoads, 1);
  assert.deepEqual(names(deaf), ["1", "2", "3", "4", "5", "6"]);
});

test("a reset in one tab empties the others (by message, or from the log)", async () => {
  const site = fresh();
  const first = await site.tab();
  const second = await site.tab();
  const deaf = await site.tab({ broadcast: false });
  await insert(first, { _id: "a", name: "a" });
  await until(() => names(second).length === 1, "second tab sees a");
  await deaf.exclusive(async () => undefined);
  assert.deepEqual(names(deaf), ["a"]);
  await first.reset();
  await until(() => names(second).length === 0, "second tab emptied");
  await deaf.exclusive(async () => undefined);
  assert.deepEqual(names(deaf), []);
  // Both go on from the new history.
  await insert(second, { _id: "b", name: "b" });
  await until(() => names(first).join() === "b", "first tab sees b");
});

test("blobs written in one tab are readable in another", async () => {
  const site = fresh();
  const first = await site.tab();
  const second = await site.tab();
  const blob = await first.store.blobs.write(new TextEncoder().encode("partagé"));
  await insert(first, { _id: "f", name: "f", files: [blob.key] });
  await second.exclusive(async () => undefined);
  assert.equal(new TextDecoder().decode(await second.store.blobs.read(blob.key)), "partagé");
});

test("a page whose datastore never started clears the saved one, and the open tabs follow", async () => {
  const site = fresh();
  const open = await site.tab();
  const blob = await open.store.blobs.write(new Uint8Array([1, 2]));
  await insert(open, { _id: "a", name: "a", files: [blob.key] });
  const storage = new MemoryStorage();
  storage.setItem("entrepot-simulation", "{}");
  await clearSavedDatastore({ indexedDB: site.factory, locks: site.locks, databaseName: site.databaseName, legacy: { storage } });
  await until(() => names(open).length === 0, "open tab emptied");
  assert.equal(storage.getItem("entrepot-simulation"), null);
  const reloaded = await site.tab();
  assert.deepEqual(names(reloaded), []);
  assert.equal(await reloaded.store.blobs.read(blob.key), undefined);
});

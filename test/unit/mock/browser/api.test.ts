// The API served over the browser store (the handlers' `around` hook as the browser adapter uses it), two "tabs"
// on one fake IndexedDB: an upload and its file bytes survive a reload, another tab lists them without reloading,
// checks keep progressing after the reload, and each answer comes once its changes are saved.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { getResponse } from "msw";
import { createStore } from "../../../../src/mock/app.ts";
import type { BrowserStore } from "../../../../src/mock/browser/browser-store.ts";
import { createHandlers } from "../../../../src/mock/handlers.ts";
import { SIMULATED_DATASTORE_ID } from "../../../../src/mock/seed.ts";
import { browser } from "./helpers.ts";

const BASE = "https://data.geopf.fr/api";
const DS = `${BASE}/datastores/${SIMULATED_DATASTORE_ID}`;
let clock = Date.UTC(2024, 8, 16, 8, 0, 0);
let current: ReturnType<typeof browser> | undefined;
afterEach(() => current?.closeAll());

/** A tab: its store, and a fetch answered by the handlers the way the browser adapter wires them. */
async function tab(site: ReturnType<typeof browser>): Promise<{ datastore: BrowserStore; call: (method: string, url: string, body?: BodyInit) => Promise<Response> }> {
  const datastore = await site.tab({ createStore, now: () => clock });
  const handlers = createHandlers(datastore.store, { around: (_request, next) => datastore.exclusive(next) });
  const call = async (method: string, url: string, body?: BodyInit): Promise<Response> => {
    const headers = typeof body === "string" ? { "Content-Type": "application/json" } : undefined;
    const response = await getResponse(handlers, new Request(url, { method, body: body ?? null, ...(headers ? { headers } : {}) }));
    assert.ok(response, `${method} ${url} unanswered`);
    return response;
  };
  return { datastore, call };
}

test("an upload and its file survive a reload and are listed by another tab; checks go on after the reload", async () => {
  const site = (current = browser());
  const first = await tab(site);
  const other = await tab(site);
  const created = await first.call("POST", `${DS}/uploads`, JSON.stringify({ name: "Livraison", description: "Essai", type: "ARCHIVE", srs: "EPSG:2154" }));
  assert.equal(created.status, 200);
  const upload = ((await created.json()) as { _id: string })._id;
  const form = new FormData();
  form.append("file", new Blob(["contenu de l'archive"]), "archive.zip");
  assert.equal((await first.call("POST", `${DS}/uploads/${upload}/data?path=archive.zip`, form)).status, 204);

  // The other tab, opened before, lists it at once.
  const listed = (await (await other.call("GET", `${DS}/uploads`)).json()) as { _id: string }[];
  assert.deepEqual(listed.map((item) => item._id), [upload]);

  assert.equal((await first.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  first.datastore.close();
  clock += 60_000;
  const reloaded = await tab(site);
  const after = (await (await reloaded.call("GET", `${DS}/uploads/${upload}`)).json()) as { status: string; size: number };
  assert.equal(after.status, "CLOSED");
  assert.equal(after.size, "contenu de l'archive".length);
  const blobs = await reloaded.datastore.store.blobs.keys();
  assert.equal(blobs.length, 1);
  assert.equal(new TextDecoder().decode(await reloaded.datastore.store.blobs.read(blobs[0]!)), "contenu de l'archive");
  const checks = (await (await reloaded.call("GET", `${DS}/uploads/${upload}/checks`)).json()) as Record<string, unknown[]>;
  assert.ok((checks["passed"]?.length ?? 0) + (checks["failed"]?.length ?? 0) > 0, JSON.stringify(checks));
});

// The store and the transport guarantees: operations through the resources, rows reloaded into another store,
// commits only on change, transactions (an exception leaves the rows intact and answers 500), cost independent
// of the number of records, corrupt rows ignored, body limits, token, 404 and 405.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { createStore } from "../../../src/mock/app.ts";
import { ApiError } from "../../../src/mock/core/errors.ts";
import { MemorySource } from "../../../src/mock/core/memory-source.ts";
import type { RowQuery, StoredRow } from "../../../src/mock/core/source.ts";
import { createNodeDatastore } from "../../../src/mock/node.ts";
import { closeUpload } from "../../../src/mock/resources/checks/checks.ts";
import { createExecution } from "../../../src/mock/resources/executions/executions.ts";
import { launchExecution } from "../../../src/mock/resources/executions/lifecycle.ts";
import { findExecution } from "../../../src/mock/resources/executions/executions.ts";
import { putFile } from "../../../src/mock/resources/uploads/files.ts";
import { UPLOADS } from "../../../src/mock/resources/uploads/records.ts";
import { createUpload, findUpload } from "../../../src/mock/resources/uploads/uploads.ts";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { assertError, BASE, DS, fileForm, harness, T0 } from "./helpers.ts";

const ds = SIMULATED_DATASTORE_ID;
const UPLOAD_BODY = { name: "U", description: "D", type: "ARCHIVE", srs: "EPSG:2154" };
// A file's stored content as the blob store describes it ("hello").
const HELLO = { key: "blob-hello", size: 5, md5: "5d41402abc4b2a76b9719d911017c592" };
const ARCHIVE_EXECUTION = { processing: ids.processings.archive_to_archive, output: { stored_data: { name: "S", storage_tags: ["ARCHIVE"] } } };

test("the resources directly: upload, checks and execution progress lazily with the clock", () => {
  const clock = { now: T0 };
  const store = createStore({ now: () => clock.now });
  const upload = store.run((ctx) => createUpload(ctx, ds, UPLOAD_BODY)._id);
  store.run((ctx) => putFile(ctx, ds, upload, "data/x.txt", { blob: HELLO }));
  store.run((ctx) => closeUpload(ctx, ds, upload));
  assert.equal(store.run((ctx) => findUpload(ctx, ds, upload).status), "CHECKING");
  assert.throws(() => store.run((ctx) => closeUpload(ctx, ds, upload)), (error: unknown) => error instanceof ApiError && error.status === 409);
  clock.now += 3000;
  assert.equal(store.run((ctx) => findUpload(ctx, ds, upload).status), "CLOSED");
  const execution = store.run((ctx) => createExecution(ctx, ds, { ...ARCHIVE_EXECUTION, inputs: { upload: [upload] } })._id);
  store.run((ctx) => launchExecution(ctx, ds, execution));
  assert.equal(store.advance(clock.now + 3000), 2, "start and finish applied");
  assert.equal(store.run((ctx) => findExecution(ctx, ds, execution).status), "SUCCESS");
});

test("another store over the same rows gives the same answers, and progression continues after the reload", async () => {
  const source = new MemorySource();
  const h = harness({ source });
  after(() => h.close());
  const upload = (await h.call("POST", `${DS}/uploads`, { json: UPLOAD_BODY })).body._id as string;
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/data?path=data/a.txt`, { form: fileForm("aaa") })).status, 204);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(5000);
  const execution = (await h.call("POST", `${DS}/processings/executions`, { json: { ...ARCHIVE_EXECUTION, inputs: { upload: [upload] } } })).body._id as string;
  assert.equal((await h.call("POST", `${DS}/processings/executions/${execution}/launch`)).status, 204);
  h.tick(1500);
  const paths = [`${DS}/uploads/${upload}`, `${DS}/uploads/${upload}/tree`, `${DS}/uploads/${upload}/checks`, `${DS}/processings/executions/${execution}`, `${DS}/processings/executions/${execution}/logs`, DS, `${DS}/stored_data`];
  const answers = async (call: typeof h.call) => Promise.all(paths.map(async (path) => (await call("GET", path)).body));
  const before = await answers(h.call);
  h.close();
  const reloaded = harness({ source: new MemorySource(source.rows()) });
  after(() => reloaded.close());
  reloaded.clock.now = h.clock.now;
  assert.deepEqual(await answers(reloaded.call), before);
  assert.equal(before[3].status, "PROGRESS");
  reloaded.tick(5000);
  assert.equal((await reloaded.call("GET", `${DS}/processings/executions/${execution}`)).body.status, "SUCCESS");
});

test("a commit happens only when an operation changed something", () => {
  const source = new MemorySource();
  const store = createStore({ source, now: () => T0 });
  let commits = 0;
  source.onCommit(() => commits++);
  store.run((ctx) => ctx.records.list(UPLOADS, ds));
  assert.equal(commits, 0);
  const id = store.run((ctx) => createUpload(ctx, ds, UPLOAD_BODY)._id);
  assert.equal(commits, 1);
  assert.throws(() => store.run((ctx) => createUpload(ctx, ds, {})));
  // Reading records (checked against their schema on the way) writes nothing back.
  store.run((ctx) => [ctx.records.list(UPLOADS, ds), findUpload(ctx, ds, id)]);
  assert.equal(commits, 1);
});

test("an exception inside an operation answers 500 and leaves every row intact", async () => {
  let failOn = 0;
  let n = 0;
  const newId = (): string => {
    n++;
    if (failOn > 0 && n === failOn) throw new Error("id generator broke");
    return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  };
  const errors: unknown[] = [];
  const clock = { now: T0 };
  const source = new MemorySource();
  const { store, server } = createNodeDatastore({ source, now: () => clock.now, newId, onError: (error) => errors.push(error) });
  server.listen({ onUnhandledRequest: "error" });
  after(() => server.close());
  const upload = store.run((ctx) => createUpload(ctx, ds, UPLOAD_BODY)._id);
  store.run((ctx) => putFile(ctx, ds, upload, "data/x.txt", { blob: HELLO }));
  store.run((ctx) => closeUpload(ctx, ds, upload));
  clock.now += 5000;
  store.advance();
  const before = JSON.stringify(source.rows());
  // The stored data gets its id, then the execution's id generation throws.
  failOn = n + 2;
  const response = await fetch(`${BASE}${DS}/processings/executions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...ARCHIVE_EXECUTION, inputs: { upload: [upload] } }),
  });
  assert.equal(response.status, 500);
  const body = (await response.json()) as { error: string; error_description: string[] };
  assert.equal(body.error, "Internal Server Error");
  assert.match(body.error_description[0]!, /id generator broke.*L'état n'a pas été modifié/);
  assert.equal(JSON.stringify(source.rows()), before, "rows untouched");
  assert.equal(errors.length, 1);
});

// A memory source that counts the rows it hands out.
class CountingSource extends MemorySource {
  rowsRead = 0;
  override get(kind: string, id: string): StoredRow | undefined {
    this.rowsRead++;
    return super.get(kind, id);
  }
  override list(kind: string, query?: RowQuery): StoredRow[] {
    const rows = super.list(kind, query);
    this.rowsRead += rows.length;
    return rows;
  }
}

test("reading, changing, listing a page or reading the datastore's use reads the same number of rows with 10 or 5,000 uploads", async () => {
  const costs: number[][] = [];
  for (const count of [10, 5000]) {
    const source = new CountingSource();
    const h = harness({ source });
    for (let i = 0; i < count; i++) h.store.run((ctx) => createUpload(ctx, ds, { ...UPLOAD_BODY, name: `U${i}` }));
    const last = h.store.run((ctx) => ctx.records.list(UPLOADS, ds, { offset: count - 1, limit: 1 })[0]!._id);
    const cost: number[] = [];
    for (const [method, path, json] of [["GET", `${DS}/uploads/${last}`], ["PATCH", `${DS}/uploads/${last}`, { name: "V" }], ["GET", `${DS}/uploads?page=2&limit=5`], ["GET", DS]] as const) {
      source.rowsRead = 0;
      const reply = await h.call(method, path, json ? { json } : {});
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      cost.push(source.rowsRead);
    }
    assert.equal((await h.call("GET", `${DS}/uploads?limit=1`)).headers.get("content-range"), `1-1/${count}`);
    assert.equal((await h.call("GET", DS)).body.storages.uploads.use, 0);
    costs.push(cost);
    h.close();
  }
  assert.deepEqual(costs[1], costs[0]);
});

test("a corrupt row is ignored and reported; the rest of the datastore answers", async () => {
  const source = new MemorySource();
  const ignored: string[] = [];
  const h = harness({ source, onIgnored: (messages) => ignored.push(...messages) });
  after(() => h.close());
  const good = (await h.call("POST", `${DS}/uploads`, { json: UPLOAD_BODY })).body._id as string;
  const handEdited = JSON.stringify({ _id: "bad-fields", datastore: ds, name: "sans fichiers", status: "OPEN" });
  for (const [id, json] of [["bad-null", "null"], ["bad-json", "{not json"], ["bad-shape", "[1,2]"], ["bad-fields", handEdited]]) {
    source.put({ kind: "upload", id: id!, datastore: ds, json: json!, due: null, blobs: [] });
  }
  const list = await h.call("GET", `${DS}/uploads`);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.map((item: { _id: string }) => item._id), [good]);
  assertError(await h.call("GET", `${DS}/uploads/bad-null`), 404, /introuvable/);
  assertError(await h.call("GET", `${DS}/uploads/bad-fields`), 404, /introuvable/);
  assert.ok(ignored.some((message) => /bad-fields : champ « creation » invalide/.test(message)), JSON.stringify(ignored));
  assert.equal((await h.call("GET", DS)).status, 200);
  assert.ok(ignored.some((message) => /bad-json/.test(message)), JSON.stringify(ignored));
});

test("bodies nested too deep or with a text too long answer 400, never 500", async () => {
  const h = harness();
  after(() => h.close());
  const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  assertError(await h.call("POST", `${DS}/uploads`, { raw: `{"name":"U","description":"D","type":"ARCHIVE","srs":"EPSG:2154","type_infos":{"x":${deep}}}` }), 400, /imbriqué trop profondément/);
  const collection = `${'{"type":"GeometryCollection","geometries":['.repeat(5000)}${"]}".repeat(5000)}`;
  assertError(await h.call("POST", `${DS}/processings/executions`, { raw: `{"processing":"x","inputs":{},"output":{},"parameters":{"area":${collection}}}` }), 400, /imbriqué/);
  assertError(await h.call("POST", `${DS}/uploads`, { json: { ...UPLOAD_BODY, name: "x".repeat(70_000) } }), 400, /dépasse 65536 caractères/);
});

test("token, unknown routes and methods: 401, 404, 405 with the accepted methods", async () => {
  const h = harness({ token: "secret" });
  after(() => h.close());
  assertError(await h.call("GET", "/users/me"), 401, /Authorization: Bearer/);
  assertError(await h.call("GET", "/users/me", { headers: { Authorization: "Bearer wrong" } }), 401, /invalide/);
  const auth = { headers: { Authorization: "Bearer secret" } };
  assert.equal((await h.call("GET", "/users/me", auth)).status, 200);
  assertError(await h.call("GET", "/datastores", auth), 404, /Route inconnue : GET \/datastores/);
  assertError(await h.call("GET", "", auth), 404, /Route inconnue/);
  const wrong = await h.call("PUT", `${DS}/uploads`, auth);
  assertError(wrong, 405, /méthodes acceptées GET, POST, HEAD/);
  assert.equal(wrong.headers.get("allow"), "GET, POST, HEAD");
  assertError(await h.call("GET", `${DS}/ressource_inconnue`, auth), 404, /ressource_inconnue/);
  const upload = (await h.call("POST", `${DS}/uploads`, { ...auth, json: UPLOAD_BODY })).body._id;
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/data?path=data/x`, { ...auth, form: fileForm("x") })).status, 204);
});

test("a record saved by an earlier version without its update date, last event or lists is read, upgraded and saved so", async () => {
  const source = new MemorySource();
  const h = harness({ source });
  after(() => h.close());
  const old = { _id: "old-upload", datastore: ds, name: "Ancienne", description: "d", type: "ARCHIVE", srs: "EPSG:2154", status: "OPEN", creation: T0 };
  source.put({ kind: "upload", id: "old-upload", datastore: ds, json: JSON.stringify(old), due: null, blobs: [] });
  const read = await h.call("GET", `${DS}/uploads/old-upload`);
  assert.equal(read.status, 200, JSON.stringify(read.body));
  assert.deepEqual([read.body.size, read.body.open, read.body.tags, read.body.update], [0, false, {}, read.body.creation]);
  assert.equal((await h.call("PATCH", `${DS}/uploads/old-upload`, { json: { name: "Renommée" } })).status, 200);
  assert.deepEqual(JSON.parse(source.get("upload", "old-upload")!.json).files, [], "saved upgraded");
});

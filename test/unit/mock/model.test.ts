// The model used directly and the transport guarantees: persistence round trip, lazy progression across a
// reload, transactions (an exception leaves the state intact and answers 500), token, unknown routes.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { SimulatedDatastore } from "../../../src/mock/model/datastore.ts";
import { ApiError } from "../../../src/mock/model/errors.ts";
import { createNodeDatastore } from "../../../src/mock/node.ts";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { assertError, BASE, DS, fileForm, harness, T0 } from "./helpers.ts";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

// A model with a fake clock and counter ids.
function model(clock: { now: number }, state?: ReturnType<SimulatedDatastore["toJSON"]>): SimulatedDatastore {
  let n = 100;
  const options = { now: () => clock.now, newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}` };
  return state ? SimulatedDatastore.fromJSON(JSON.stringify(state), options) : new SimulatedDatastore(options);
}

test("the model directly: upload, checks and execution progress lazily with the clock", () => {
  const clock = { now: T0 };
  const store = model(clock);
  const upload = store.createUpload(SIMULATED_DATASTORE_ID, { name: "U", description: "D", type: "ARCHIVE", srs: "EPSG:2154" })._id as string;
  store.putUploadFile(SIMULATED_DATASTORE_ID, upload, "data/x.txt", bytes("hello"));
  store.closeUpload(SIMULATED_DATASTORE_ID, upload);
  assert.equal(store.getUpload(SIMULATED_DATASTORE_ID, upload).status, "CHECKING");
  assert.throws(() => store.closeUpload(SIMULATED_DATASTORE_ID, upload), (error: unknown) => error instanceof ApiError && error.status === 409);
  clock.now += 3000;
  assert.equal(store.getUpload(SIMULATED_DATASTORE_ID, upload).status, "CLOSED");
  const execution = store.createExecution(SIMULATED_DATASTORE_ID, {
    processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "S", storage_tags: ["ARCHIVE"] } },
  });
  store.launchExecution(SIMULATED_DATASTORE_ID, execution._id as string);
  assert.equal(store.advance(clock.now + 3000), 2, "start and finish applied");
  assert.equal(store.getExecution(SIMULATED_DATASTORE_ID, execution._id as string).status, "SUCCESS");
});

test("toJSON → fromJSON gives the same answers, and progression continues after the reload", () => {
  const clock = { now: T0 };
  const store = model(clock);
  const ds = SIMULATED_DATASTORE_ID;
  const upload = store.createUpload(ds, { name: "U", description: "D", type: "ARCHIVE", srs: "EPSG:2154" })._id as string;
  store.putUploadFile(ds, upload, "data/a.txt", bytes("aaa"));
  store.putUploadMd5(ds, upload, "a.md5", bytes("47bce5c74f589f4867dbd57e9ca9f808  data/a.txt\n"));
  store.closeUpload(ds, upload);
  clock.now += 5000;
  const execution = store.createExecution(ds, { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "S", storage_tags: ["ARCHIVE"] } } });
  const executionId = execution._id as string;
  store.launchExecution(ds, executionId);
  clock.now += 1500;
  const checks = store.uploadChecks(ds, upload);
  const answers = (s: SimulatedDatastore) => ({
    upload: s.getUpload(ds, upload), tree: s.uploadTree(ds, upload), checks: s.uploadChecks(ds, upload),
    execution: s.getExecution(ds, executionId), logs: s.executionLogs(ds, executionId), datastore: s.getDatastore(ds),
    storedData: s.listStoredData(ds),
  });
  const saved = JSON.parse(JSON.stringify(store.toJSON()));
  const reloaded = model(clock, saved);
  assert.deepEqual(answers(reloaded), answers(store));
  assert.equal(answers(reloaded).execution.status, "PROGRESS");
  assert.equal((checks.passed as unknown[]).length, 2);
  clock.now += 5000;
  assert.equal(reloaded.getExecution(ds, executionId).status, "SUCCESS");
  assert.equal(store.getExecution(ds, executionId).status, "SUCCESS");
  assert.deepEqual(reloaded.toJSON(), store.toJSON());
  assert.throws(() => SimulatedDatastore.fromJSON({ version: 2 }), /autre version/);
  assert.throws(() => SimulatedDatastore.fromJSON("not json"));
});

test("subscribers are told about changes only", () => {
  const clock = { now: T0 };
  const store = model(clock);
  let calls = 0;
  store.subscribe(() => calls++);
  store.getDatastore(SIMULATED_DATASTORE_ID);
  store.listUploads(SIMULATED_DATASTORE_ID);
  assert.equal(calls, 0);
  store.createUpload(SIMULATED_DATASTORE_ID, { name: "U", description: "D", type: "ARCHIVE", srs: "EPSG:2154" });
  assert.equal(calls, 1);
  assert.throws(() => store.createUpload(SIMULATED_DATASTORE_ID, {}));
  assert.equal(calls, 1);
});

test("an exception inside an operation answers 500 and leaves the state intact", async () => {
  let failOn = 0;
  let n = 0;
  const newId = (): string => {
    n++;
    if (failOn > 0 && n === failOn) throw new Error("id generator broke");
    return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  };
  const errors: unknown[] = [];
  const clock = { now: T0 };
  const { store, server } = createNodeDatastore({ now: () => clock.now, newId, onError: (error) => errors.push(error) });
  server.listen({ onUnhandledRequest: "error" });
  after(() => server.close());
  const upload = store.createUpload(SIMULATED_DATASTORE_ID, { name: "U", description: "D", type: "ARCHIVE", srs: "EPSG:2154" })._id as string;
  store.putUploadFile(SIMULATED_DATASTORE_ID, upload, "data/a.txt", bytes("a"));
  store.closeUpload(SIMULATED_DATASTORE_ID, upload);
  clock.now += 5000;
  store.advance();
  const before = JSON.stringify(store.toJSON());
  // The stored data gets its id, then the execution's id generation throws.
  failOn = n + 2;
  const response = await fetch(`${BASE}${DS}/processings/executions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "S", storage_tags: ["ARCHIVE"] } } }),
  });
  assert.equal(response.status, 500);
  const body = (await response.json()) as { error: string; error_description: string[] };
  assert.equal(body.error, "Internal Server Error");
  assert.match(body.error_description[0]!, /id generator broke.*L'état n'a pas été modifié/);
  assert.equal(JSON.stringify(store.toJSON()), before, "state untouched");
  assert.equal(errors.length, 1);
  // A method that throws something unexpected.
  store.listUploads = () => {
    throw new TypeError("boom");
  };
  assert.equal((await fetch(`${BASE}${DS}/uploads`)).status, 500);
  assert.equal(JSON.stringify(store.toJSON()), before);
});

test("token, unknown routes, unknown methods", async () => {
  const h = harness({ token: "secret" });
  after(() => h.close());
  assertError(await h.call("GET", "/users/me"), 401, /Authorization: Bearer/);
  assertError(await h.call("GET", "/users/me", { headers: { Authorization: "Bearer wrong" } }), 401, /invalide/);
  const auth = { headers: { Authorization: "Bearer secret" } };
  assert.equal((await h.call("GET", "/users/me", auth)).status, 200);
  assertError(await h.call("GET", "/datastores", auth), 404, /Route inconnue : GET \/datastores/);
  assertError(await h.call("GET", "", auth), 404, /Route inconnue/);
  assertError(await h.call("PUT", `${DS}/uploads`, auth), 404, /Méthodes acceptées sur ce chemin : GET, POST/);
  assertError(await h.call("GET", `${DS}/annexes`, auth), 404, /annexes/);
  const upload = (await h.call("POST", `${DS}/uploads`, { ...auth, json: { name: "U", description: "D", type: "ARCHIVE", srs: "EPSG:2154" } })).body._id;
  const sent = await h.call("POST", `${DS}/uploads/${upload}/data?path=data/x`, { ...auth, form: fileForm("x") });
  assert.equal(sent.status, 204);
  const preflight = await fetch(`${BASE}${DS}/uploads`, { method: "OPTIONS" });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /Authorization/);
});

test("a state saved before statics existed is still readable", () => {
  const clock = { now: T0 };
  const saved = model(clock).toJSON() as unknown as Record<string, unknown>;
  delete saved.statics;
  const reloaded = model(clock, saved as unknown as ReturnType<SimulatedDatastore["toJSON"]>);
  assert.deepEqual(reloaded.listStatics(SIMULATED_DATASTORE_ID), []);
});

// State on disk: records in <dir>/datastore.sqlite and file contents in <dir>/files, resumed after a restart;
// an old datastore.json imported once, or refused (start refused, file untouched) when unreadable.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DATABASE_FILE } from "../../../src/mock/node/sqlite-source.ts";
import { FILES_DIR } from "../../../src/mock/node/file-blobs.ts";
import { LEGACY_FILE } from "../../../src/mock/node/json-import.ts";
import ids from "../../../_data/ids.json" with { type: "json" };
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { DS, fileForm, startTestServer, tempDir } from "./helpers.ts";

const UPLOAD = { name: "Données départementales", description: "Départements", type: "ARCHIVE", srs: "EPSG:2154" };

test("an upload and its file survive a restart on the same directory", async () => {
  const first = await startTestServer();
  assert.ok(first.logs.some((line) => line.startsWith("  Nouvel entrepôt")), first.logs.join("\n"));
  const created = await first.call("POST", `${DS}/uploads`, { json: UPLOAD });
  assert.equal(created.status, 200);
  assert.equal((await first.call("POST", `${DS}/uploads/${created.body._id}/data?path=data/a.csv`, { form: fileForm("contenu", "a.csv") })).status, 204);
  await first.server.close();

  const file = path.join(first.dir, DATABASE_FILE);
  assert.equal(first.server.stateFile, file);
  assert.ok(fs.existsSync(file));
  const blobs = fs.readdirSync(path.join(first.dir, FILES_DIR));
  assert.equal(blobs.length, 1, "the file's bytes are kept");
  assert.equal(fs.readFileSync(path.join(first.dir, FILES_DIR, blobs[0]!), "utf8"), "contenu");
  assert.ok(!fs.readdirSync(path.join(first.dir, FILES_DIR)).some((name) => name.startsWith(".tmp-")), "no temporary file left");

  const second = await startTestServer({ dir: first.dir });
  try {
    assert.ok(second.logs.some((line) => line.includes(`État repris depuis ${file}`)), second.logs.join("\n"));
    const again = await second.call("GET", `${DS}/uploads/${created.body._id}`);
    assert.equal(again.status, 200);
    assert.equal(again.body.name, "Données départementales");
    assert.equal(again.body.size, Buffer.byteLength("contenu"));
    assert.equal((await second.call("GET", `${DS}/uploads`)).body.length, 1);
  } finally {
    await second.server.close();
  }
});

test("a file no record references (crash between writing it and committing) is removed at start", async () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, FILES_DIR), { recursive: true });
  fs.writeFileSync(path.join(dir, FILES_DIR, "0f0e0d0c-orphelin"), "sans enregistrement");
  fs.writeFileSync(path.join(dir, FILES_DIR, ".tmp-partiel"), "partiel");
  const t = await startTestServer({ dir });
  try {
    assert.deepEqual(fs.readdirSync(path.join(dir, FILES_DIR)), []);
    assert.ok(t.logs.some((line) => line.includes("1 fichier(s) reçu(s) sans enregistrement")), t.logs.join("\n"));
  } finally {
    await t.server.close();
  }
});

test("an old datastore.json is imported at start, then renamed", async () => {
  const dir = tempDir();
  const record = { _id: "00000000-0000-4000-8000-000000000001", datastore: SIMULATED_DATASTORE_ID, name: "Importée", description: "d", type: "ARCHIVE", srs: "EPSG:2154", status: "OPEN",
    creation: 1, update: 1, lastEvent: { title: "Création", date: 1 }, open: true, tags: {}, type_infos: {}, files: [{ path: "a.txt", size: 5, md5: "5d41402abc4b2a76b9719d911017c592", kind: "data" }], checks: [] };
  const stored = { _id: "00000000-0000-4000-8000-000000000002", datastore: SIMULATED_DATASTORE_ID, name: "Archive", type: "ARCHIVE", status: "GENERATED", storage: ids.storages.s3_data_archive,
    size: 1234, open: false, tags: {}, type_infos: {}, files: [], creation: 1, update: 1, lastEvent: { title: "Création", date: 1 } };
  const state = { version: 1, uploads: { [record._id]: record }, checkExecutions: {}, executions: {}, storedData: { [stored._id]: stored }, configurations: {}, offerings: {}, statics: {} };
  fs.writeFileSync(path.join(dir, LEGACY_FILE), JSON.stringify(state));
  const t = await startTestServer({ dir });
  try {
    assert.ok(t.logs.some((line) => line.includes(`Ancien état importé depuis ${path.join(dir, LEGACY_FILE)} (2 enregistrements)`)), t.logs.join("\n"));
    assert.ok(!fs.existsSync(path.join(dir, LEGACY_FILE)));
    assert.equal(fs.readdirSync(dir).filter((name) => name.startsWith(`${LEGACY_FILE}.imported-`)).length, 1);
    const list = await t.call("GET", `${DS}/uploads`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body.map((upload: { _id: string }) => upload._id), [record._id]);
    // The imported records count in the datastore's use.
    const { storages } = (await t.call("GET", DS)).body;
    assert.equal(storages.uploads.use, 5);
    assert.equal(storages.data.find((item: { storage: { _id: string } }) => item.storage._id === ids.storages.s3_data_archive).use, 1234);
  } finally {
    await t.server.close();
  }
});

test("an unreadable datastore.json refuses the start, names the file and leaves it untouched", async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, LEGACY_FILE), "{ tronqué");
  await assert.rejects(startTestServer({ dir }), (error: unknown) => error instanceof Error && error.message.includes(path.join(dir, LEGACY_FILE)) && /Démarrage refusé ; le fichier n'a pas été modifié/.test(error.message));
  assert.equal(fs.readFileSync(path.join(dir, LEGACY_FILE), "utf8"), "{ tronqué");
  // The directory is not left locked: once the file is moved away, the server starts.
  fs.renameSync(path.join(dir, LEGACY_FILE), path.join(dir, "ailleurs.json"));
  const t = await startTestServer({ dir });
  await t.server.close();
});

test("a corrupt row is ignored with a French message; the list and the datastore still answer", async () => {
  const first = await startTestServer();
  const created = await first.call("POST", `${DS}/uploads`, { json: UPLOAD });
  assert.equal(created.status, 200);
  const other = await first.call("POST", `${DS}/uploads`, { json: { ...UPLOAD, name: "Deuxième" } });
  await first.server.close();
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(path.join(first.dir, DATABASE_FILE));
  db.prepare("UPDATE rows SET json = 'null' WHERE id = ?").run(created.body._id);
  db.close();
  const second = await startTestServer({ dir: first.dir });
  try {
    const list = await second.call("GET", `${DS}/uploads`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body.map((upload: { _id: string }) => upload._id), [other.body._id]);
    assert.equal((await second.call("GET", DS)).status, 200);
    assert.ok(second.logs.some((line) => line.startsWith("Enregistrements illisibles ignorés") && line.includes(created.body._id)), second.logs.join("\n"));
  } finally {
    await second.server.close();
  }
});

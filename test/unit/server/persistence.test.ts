// State on disk: saved atomically after every change, resumed after a restart, corrupt files moved aside.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { loadState, saveState, STATE_FILE } from "../../../src/mock/server-state.ts";
import { DS, startTestServer, tempDir } from "./helpers.ts";

const UPLOAD = { name: "Données départementales", description: "Départements", type: "ARCHIVE", srs: "EPSG:2154" };

test("an upload survives a restart on the same directory", async () => {
  const first = await startTestServer();
  assert.ok(first.logs.some((line) => line.startsWith("  Nouvel entrepôt")), first.logs.join("\n"));
  const created = await first.call("POST", `${DS}/uploads`, { json: UPLOAD });
  assert.equal(created.status, 200);
  const form = new FormData();
  form.append("file", new Blob(["contenu"]), "a.csv");
  assert.equal((await first.call("POST", `${DS}/uploads/${created.body._id}/data?path=data/a.csv`, { form })).status, 204);
  await first.server.close();

  const file = path.join(first.dir, STATE_FILE);
  assert.ok(fs.existsSync(file));
  assert.deepEqual(fs.readdirSync(first.dir), [STATE_FILE], "no temporary file left");

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

test("a corrupt state file is kept aside and the server starts fresh", async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, STATE_FILE), "{ tronqué");
  const t = await startTestServer({ dir });
  try {
    const copies = fs.readdirSync(dir).filter((name) => name.startsWith(`${STATE_FILE}.corrupt-`));
    assert.equal(copies.length, 1, fs.readdirSync(dir).join(", "));
    assert.equal(fs.readFileSync(path.join(dir, copies[0]!), "utf8"), "{ tronqué");
    assert.ok(t.logs.some((line) => line.includes("Fichier d'état illisible") && line.includes(copies[0]!)), t.logs.join("\n"));
    assert.equal((await t.call("GET", `${DS}/uploads`)).body.length, 0);
    assert.equal((await t.call("POST", `${DS}/uploads`, { json: UPLOAD })).status, 200);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8")).version, 1, "a new state is written");
  } finally {
    await t.server.close();
  }
});

test("a state of another shape counts as corrupt", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, STATE_FILE), JSON.stringify({ version: 99 }));
  const loaded = loadState(dir);
  assert.equal(loaded.origin, "corrupt");
  assert.match(loaded.reason ?? "", /autre version/);
  assert.ok(loaded.corruptCopy && fs.existsSync(loaded.corruptCopy));
});

test("loadState creates the directory; saveState replaces the file whole", () => {
  const dir = path.join(tempDir(), "sous", "dossier");
  const loaded = loadState(dir);
  assert.equal(loaded.origin, "fresh");
  assert.ok(fs.statSync(dir).isDirectory());
  saveState(loaded.file, loaded.store.toJSON());
  saveState(loaded.file, loaded.store.toJSON());
  assert.deepEqual(fs.readdirSync(dir), [STATE_FILE]);
  assert.equal(loadState(dir).origin, "loaded");
});

// Import of the old whole-state file `datastore.json` into SQLite, and the directory lock across processes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { openSqliteSource } from "../../../../src/mock/node/sqlite-source.ts";
import { LEGACY_FILE } from "../../../../src/mock/node/json-import.ts";

const dirs: string[] = [];
process.on("exit", () => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlite-import-"));
  dirs.push(dir);
  return dir;
}

const NOW = Date.UTC(2024, 8, 16, 8, 0, 0);
const DS = "ds1";
const state = {
  version: 1,
  uploads: {
    u2: { _id: "u2", datastore: DS, name: "deuxième", status: "OPEN" },
    u1: { _id: "u1", datastore: DS, name: "première", status: "CLOSED" },
    broken: null,
  },
  checkExecutions: {
    c1: { _id: "c1", datastore: DS, status: "WAITING" },
    c2: { _id: "c2", datastore: DS, status: "PROGRESS" },
    c3: { _id: "c3", datastore: DS, status: "SUCCESS" },
  },
  executions: { e1: { _id: "e1", datastore: DS, status: "PROGRESS" }, e2: { _id: "e2", datastore: DS, status: "CREATED" } },
  storedData: { s1: { _id: "s1", datastore: DS, status: "GENERATED" } },
  configurations: { k1: { _id: "k1", datastore: DS, status: "PUBLISHED" } },
  offerings: {
    o1: { _id: "o1", datastore: DS, status: "PUBLISHING" },
    o2: { _id: "o2", datastore: DS, status: "UNPUBLISHING" },
    o3: { _id: "o3", datastore: DS, status: "PUBLISHED" },
  },
  statics: { st1: { _id: "st1", datastore: DS, name: "style" }, nodatastore: { _id: "nodatastore" } },
};

test("datastore.json is imported once, with due times for what may still move, then renamed", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, LEGACY_FILE), JSON.stringify(state));
  const source = openSqliteSource(dir, { now: () => NOW });
  try {
    const imported = source.opening.imported!;
    assert.ok(imported, "import reported");
    assert.equal(imported.rows, 13);
    assert.deepEqual(imported.ignored, ["upload broken : enregistrement illisible, ignoré", "static nodatastore : enregistrement illisible, ignoré"]);
    assert.equal(imported.alreadyImported, false);
    assert.ok(!fs.existsSync(path.join(dir, LEGACY_FILE)));
    assert.equal(path.basename(imported.renamedTo), `${LEGACY_FILE}.imported-2024-09-16T08-00-00-000Z`);
    assert.ok(fs.existsSync(imported.renamedTo));
    assert.deepEqual(source.list("upload", { datastore: DS }).map((r) => r.id), ["u2", "u1"]);
    assert.deepEqual(JSON.parse(source.get("upload", "u1")!.json), state.uploads.u1);
    const dues = Object.fromEntries(["check-execution", "execution", "offering", "stored-data", "configuration", "static"].flatMap((kind) => source.list(kind).map((r) => [r.id, r.due])));
    assert.deepEqual(dues, { c1: NOW, c2: NOW, c3: null, e1: NOW, e2: null, o1: NOW, o2: NOW, o3: null, s1: null, k1: null, st1: null });
  } finally {
    source.close();
  }
  const again = openSqliteSource(dir);
  try {
    assert.equal(again.opening.imported, undefined, "nothing to import the second time");
    assert.equal(again.count("upload"), 2);
  } finally {
    again.close();
  }
});

test("a crash between the import's commit and the rename: the next start only renames", () => {
  const dir = tempDir();
  const file = path.join(dir, LEGACY_FILE);
  fs.writeFileSync(file, JSON.stringify(state));
  openSqliteSource(dir, { now: () => NOW }).close();
  fs.renameSync(fs.readdirSync(dir).map((name) => path.join(dir, name)).find((name) => name.includes(".imported-"))!, file);
  const source = openSqliteSource(dir, { now: () => NOW + 1 });
  try {
    assert.equal(source.opening.imported?.alreadyImported, true);
    assert.equal(source.opening.imported?.rows, 0);
    assert.ok(!fs.existsSync(file));
  } finally {
    source.close();
  }
});

for (const [label, content, pattern] of [
  ["invalid JSON", "{ tronqué", /JSON invalide/],
  ["another version", JSON.stringify({ version: 99 }), /version 99 inconnue/],
  ["a missing collection", JSON.stringify({ version: 1, uploads: {} }), /« checkExecutions » manquant/],
  ["not an object", "[]", /pas un objet JSON/],
] as const) {
  test(`an unreadable datastore.json (${label}) refuses the start and is left untouched`, () => {
    const dir = tempDir();
    const file = path.join(dir, LEGACY_FILE);
    fs.writeFileSync(file, content);
    assert.throws(() => openSqliteSource(dir), (error: unknown) => {
      const message = error instanceof Error ? error.message : "";
      return pattern.test(message) && message.includes(file) && /Démarrage refusé ; le fichier n'a pas été modifié/.test(message);
    });
    assert.equal(fs.readFileSync(file, "utf8"), content);
    assert.deepEqual(fs.readdirSync(dir).filter((name) => name.startsWith(LEGACY_FILE)), [LEGACY_FILE]);
    // The lock is released: once the file is moved away, the start succeeds.
    fs.renameSync(file, `${file}.aside`);
    openSqliteSource(dir).close();
  });
}

test("another process holding the directory: refused with its pid; free again after kill -9", async () => {
  const dir = tempDir();
  const module = new URL("../../../../src/mock/node/sqlite-source.ts", import.meta.url).href;
  const code = `import { openSqliteSource } from ${JSON.stringify(module)}; openSqliteSource(${JSON.stringify(dir)}); console.log("ready"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    let output = "";
    child.stdout!.setEncoding("utf8");
    while (!output.includes("ready")) {
      const [chunk] = (await once(child.stdout!, "data")) as [string];
      output += chunk;
    }
    assert.throws(() => openSqliteSource(dir), new RegExp(`déjà utilisé par un autre entrepôt simulé \\(processus ${child.pid}`));
  } finally {
    child.kill("SIGKILL");
    if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
  }
  const after = openSqliteSource(dir);
  after.close();
});

// IGN's Bruno collection bruno/entrepot/archive (Geoplateforme/clients-configurations), rewritten for the local
// server in test/clients/bruno/entrepot-archive (same requests in the same order, same post-response captures,
// a bearer token instead of Keycloak, environment variables instead of prompts), run by the Bruno CLI
// (@usebruno/cli, `bru run`) against a local server: every request must succeed and every capture be set
// (each request's `tests` block checks its status and captures).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { DatastoreServer } from "../../../src/mock/node/server.ts";
import { tempDir } from "../server/temp.ts";
import { CLIENT_TOKEN, DATASTORE, startClientServer } from "./server.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const COLLECTION = path.join(ROOT, "test/clients/bruno/entrepot-archive");
const BRU = path.join(ROOT, "node_modules/.bin/bru");

// The collection's requests in the order Bruno's runner shows them (root requests by seq, then each folder).
const ORDER = [
  "connection.bru", "current-user.bru", "current-datastore.bru",
  "01 - Livraison/01_creation.bru", "01 - Livraison/02_upload.bru", "01 - Livraison/03_tree.bru", "01 - Livraison/04_close.bru", "01 - Livraison/05_checks.bru",
  "02 - Intégration/01_processings.bru", "02 - Intégration/02_execution_creation.bru", "02 - Intégration/03_execution_launch.bru",
  "02 - Intégration/04_execution_read.bru", "02 - Intégration/05_execution_logs.bru", "02 - Intégration/06_storeddata_read.bru",
  "02 - Intégration/07_storeddata_addinfos.bru", "02 - Intégration/08_upload_delete.bru",
  "03 - Publication/01_nomenclature.bru", "03 - Publication/02_configuration_creation.bru", "03 - Publication/03_configuration_read.bru",
  "03 - Publication/04_offering_creation.bru", "03 - Publication/05_offering_read.bru",
];

let server: DatastoreServer;
before(async () => {
  // Bruno waits --delay ms between requests, as a user clicking through the collection: checks and the execution end meanwhile.
  server = await startClientServer({ checkStart: 1, checkDuration: 5, checkStagger: 1, executionWaiting: 1, executionProgress: 5, offeringPublish: 5 });
});
after(() => server.close());

// Runs bru asynchronously (the server answers from this process): exit code and output.
function bru(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(BRU, args, { cwd: COLLECTION, encoding: "utf8", timeout: 110_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) || 1 : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

test("bru run : la collection archive passe entièrement contre l'entrepôt local", { timeout: 120_000 }, async () => {
  const report = path.join(tempDir("bruno-report-"), "report.json");
  const run = await bru([
    "run", "connection.bru", "current-user.bru", "current-datastore.bru", "01 - Livraison", "02 - Intégration", "03 - Publication",
    "--env", "Local", "--env-var", `endpoint=${server.url}`, "--env-var", `token=${CLIENT_TOKEN}`, "--env-var", `current_datastore=${DATASTORE}`,
    "--delay", "20", "--reporter-json", report,
  ]);
  assert.ok(fs.existsSync(report), `bru n'a pas écrit de rapport :\n${run.output}`);
  const parsed = JSON.parse(fs.readFileSync(report, "utf8"));
  const results: any[] = (Array.isArray(parsed) ? parsed[0] : parsed).results;
  assert.deepEqual(results.map((result) => result.test?.filename), ORDER);
  for (const result of results) {
    const name = result.test?.filename;
    assert.ok(result.response?.status >= 200 && result.response?.status < 300, `${name} : ${result.response?.status} ${JSON.stringify(result.response?.data)} ${result.error ?? ""}`);
    const tests = [...(result.testResults ?? []), ...(result.postResponseTestResults ?? []), ...(result.preRequestTestResults ?? [])];
    assert.ok(tests.length > 0, `${name} : aucun test exécuté`);
    for (const check of tests) assert.equal(check.status, "pass", `${name} : ${check.description} — ${check.error ?? ""}`);
  }
  assert.equal(run.code, 0, run.output);
});

// The exports of « Exporter ce parcours » run in third-party runners against the local datastore (short delays):
// the bash script (curl + jq) of two tutorials (uploads with form fields, array-item matchers, polls of every kind;
// every tutorial is replayed by test/unit/scripts/tutorial-replay.test.ts), the Bruno collection of the archive
// tutorial by `bru run` (@usebruno/cli) and its Arazzo workflow by Redocly's runner (`redocly respect`), all at once.
// Each asserts every step's status and the final states on the way.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadParcours } from "../../../src/build/parcours-build.ts";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { toArazzo } from "../../../src/shared/export/arazzo.ts";
import { toBruno } from "../../../src/shared/export/bruno.ts";
import { requestsOf } from "../../../src/shared/export/model.ts";
import type { Parcours } from "../../../src/shared/export/parcours.ts";
import { toShell } from "../../../src/shared/export/shell.ts";
import { LOCAL_TOKENS, startLocalDatastore } from "../../../scripts/tutorial-run.ts";
import { tempDir } from "../server/temp.ts";


const ROOT = path.resolve(import.meta.dirname, "../../..");
const BRU = path.join(ROOT, "node_modules/.bin/bru");
const all = await loadParcours();
const BASH_TUTORIALS = ["alimentation-diffusion-archive", "donnees-complementaires"];
const REDOCLY = path.join(ROOT, "node_modules/.bin/redocly");
let local: Awaited<ReturnType<typeof startLocalDatastore>>;
before(async () => {
  local = await startLocalDatastore({ checkStart: 20, checkDuration: 80, checkStagger: 20, executionWaiting: 20, executionProgress: 150, offeringPublish: 60 });
});
after(() => local.close());

// Runs a command asynchronously (the server answers from this process).
function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: "utf8", timeout: 230_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) || 1 : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

// The sample files a tutorial sends, read from public/.
function samplesOf(parcours: Parcours): Record<string, Uint8Array> {
  const samples: Record<string, Uint8Array> = {};
  for (const request of requestsOf(parcours)) if (request.file?.href) samples[request.file.href] = fs.readFileSync(path.join(ROOT, "public", request.file.href));
  return samples;
}

// Writes an export's files under a new temporary folder.
function writeFiles(files: Record<string, string | Uint8Array>, prefix: string): string {
  const dir = tempDir(prefix);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe("exports rejoués par bash, bru et redocly contre l'entrepôt local", { concurrency: 4 }, () => {
  for (const parcours of all.filter((entry) => BASH_TUTORIALS.includes(entry.tutorial))) {
    test(parcours.tutorial, { timeout: 240_000 }, async () => {
      const dir = tempDir("export-bash-");
      fs.writeFileSync(path.join(dir, "tutoriel.sh"), toShell(parcours));
      for (const [href, bytes] of Object.entries(samplesOf(parcours))) {
        fs.mkdirSync(path.dirname(path.join(dir, href)), { recursive: true });
        fs.writeFileSync(path.join(dir, href), bytes);
      }
      const { code, output } = await run("bash", ["tutoriel.sh"], {
        cwd: dir,
        env: { API: local.server.url, SERVICES: local.server.origin, IAM: `${local.server.origin}/realms/geoplateforme`, TOKEN: LOCAL_TOKENS.dave, TOKEN_ANNE: LOCAL_TOKENS.anne, POLL_INTERVAL: "0.05", POLL_TIMEOUT: "60", datastore: SIMULATED_DATASTORE_ID },
      });
      assert.equal(code, 0, output);
      const steps = output.split("\n").filter((line) => /^[✔✘–] /.test(line));
      const sent = steps.filter((line) => line.startsWith("✔"));
      assert.ok(!steps.some((line) => line.startsWith("✘")), output);
      // One line per request, more for polls that read again.
      assert.ok(sent.length >= requestsOf(parcours).length, `${sent.length} requêtes réussies pour ${requestsOf(parcours).length} :\n${output}`);
      assert.match(output, /Parcours terminé\./);
      if (/statut final/.test(output)) assert.doesNotMatch(output, /statut final : (FAILURE|UNSTABLE|ABORTED|BLOCKED)/);
      if (requestsOf(parcours).some((request) => request.block.method === "GET" && /\/offerings\/\{[^}]+\}$/.test(request.url))) assert.match(output, /statut final : PUBLISHED/);
    });
  }

test("export Bruno : bru run passe la collection du tutoriel archive", { timeout: 240_000 }, async () => {
  const parcours = all.find((entry) => entry.tutorial === "alimentation-diffusion-archive")!;
  const dir = tempDir("export-bruno-");
  for (const [file, content] of Object.entries(toBruno(parcours, { samples: samplesOf(parcours) }))) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  const report = path.join(dir, "rapport.json");
  const { code, output } = await run(BRU, [
    // The developer sandbox (Node's vm) runs the scripts several times faster than the default QuickJS one.
    "run", "--sandbox", "developer", "--env", "Tutoriel", "--env-var", `baseUrl=${local.server.url}`, "--env-var", `services=${local.server.origin}`, "--env-var", `token=${LOCAL_TOKENS.dave}`,
    "--env-var", `datastore=${SIMULATED_DATASTORE_ID}`, "--env-var", "pollInterval=50", "--reporter-json", report,
  ], { cwd: dir });
  assert.ok(fs.existsSync(report), output);
  const parsed = JSON.parse(fs.readFileSync(report, "utf8"));
  const results: any[] = (Array.isArray(parsed) ? parsed[0] : parsed).results;
  // Every request ran at least once (polls run again while pending), in the tutorial's order.
  const names = [...new Set(results.map((result) => result.test?.filename))];
  assert.equal(names.length, requestsOf(parcours).length, output);
  for (const result of results) {
    const tests = [...(result.testResults ?? []), ...(result.postResponseTestResults ?? [])];
    assert.ok(tests.length > 0, `${result.test?.filename} : aucun test`);
    for (const check of tests) assert.equal(check.status, "pass", `${result.test?.filename} : ${check.description} — ${check.error ?? ""}`);
  }
  const offering = results.filter((result) => /offerings/.test(result.request?.url ?? "") && result.request?.method === "GET").at(-1);
  assert.equal(offering?.response?.data?.status, "PUBLISHED");
  const patched = results.find((result) => /stored_data/.test(result.request?.url ?? "") && result.request?.method === "PATCH");
  assert.equal(patched?.response?.data?.status, "GENERATED");
  assert.equal(code, 0, output);
});

test("export Arazzo : redocly respect passe le workflow du tutoriel archive", { timeout: 240_000 }, async () => {
  const parcours = all.find((entry) => entry.tutorial === "alimentation-diffusion-archive")!;
  const dir = writeFiles(toArazzo(parcours, { samples: samplesOf(parcours), retryAfter: 0.1 }), "export-arazzo-");
  const report = path.join(dir, "rapport.json");
  const { code, output } = await run(REDOCLY, [
    "respect", "tutoriel.arazzo.json", "--input", `token=${LOCAL_TOKENS.dave}`, "--input", `datastore=${SIMULATED_DATASTORE_ID}`,
    "--server", `entrepot=${local.server.url}`, "--server", `services=${local.server.origin}`, "--json-output", report,
  ], { cwd: dir, env: { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } });
  assert.ok(fs.existsSync(report), output);
  const workflow = (Object.values(JSON.parse(fs.readFileSync(report, "utf8")).files)[0] as any).executedWorkflows[0];
  const steps: any[] = workflow.executedSteps;
  // Every step ran, in order; a poll retried while pending is reported once per attempt: its last attempt passed every
  // check, and its earlier ones failed only their success criteria (still pending), never on an HTTP error.
  const ids = [...new Set(steps.map((step) => step.stepId))];
  assert.equal(ids.length, requestsOf(parcours).length, output);
  const last = ids.map((id) => steps.filter((step) => step.stepId === id).at(-1));
  for (const step of steps.filter((step) => !last.includes(step))) {
    assert.ok(step.response.statusCode >= 200 && step.response.statusCode < 300, `${step.stepId} (essai précédent) : HTTP ${step.response.statusCode}`);
  }
  for (const step of last) {
    assert.equal(step.status, "success", `${step.stepId} : ${JSON.stringify(step.checks?.filter((check: any) => !check.passed))}`);
    assert.ok(step.response.statusCode >= 200 && step.response.statusCode < 300, `${step.stepId} : HTTP ${step.response.statusCode}`);
  }
  assert.ok(steps.some((step) => /offerings\/[^/]+$/.test(step.request?.url ?? "") && step.response.body?.status === "PUBLISHED"), "offre PUBLISHED");
  assert.ok(steps.some((step) => /stored_data\/[^/]+$/.test(step.request?.url ?? "") && step.response.body?.status === "GENERATED"), "donnée stockée GENERATED");
  assert.equal(code, 0, output);
});
});

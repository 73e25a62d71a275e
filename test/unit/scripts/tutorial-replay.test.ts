// Every tutorial replayed headless (npm run tutorial's engine) against the local datastore with shortened delays:
// each step answers as the page expects, every polled resource ends in its success status, and the tutorial's
// stored data is GENERATED and its offerings PUBLISHED on the way; the flows tutorials send the files their page
// components produce, the connexion tutorial sees its short-lived token refused once expired. Tutorials run
// concurrently (the replay waits on I/O).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadParcours } from "../../../src/build/parcours-build.ts";
import type { Parcours } from "../../../src/shared/export/parcours.ts";
import { junitReport, LOCAL_TOKENS, REPLAY_TOKEN_LIFETIME, replayTutorial, startLocalDatastore } from "../../../scripts/tutorial-run.ts";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { DIVERGENCES } from "./headless.ts";

const all = await loadParcours();

describe("npm run tutorial : chaque tutoriel rejoué contre l'entrepôt local", { concurrency: 4 }, () => {
  for (const parcours of all) {
    test(parcours.tutorial, { timeout: 120_000, todo: DIVERGENCES[parcours.tutorial] }, async () => {
      const report = await replayTutorial(parcours, {});
      const lines = report.steps.map((step) => `${step.outcome} ${step.status} ${step.label} ${step.message ?? ""}`).join("\n");
      assert.ok(report.steps.length > 0);
      for (const step of report.steps) {
        assert.equal(step.outcome, "ok", `${step.label} : ${step.message ?? ""}\n${lines}`);
        assert.ok(step.status >= 200 && step.status < 500, `${step.label} : HTTP ${step.status}`);
      }
      assert.equal(report.ok, true, lines);
      const blocks = parcours.pages.flatMap((page) => page.blocks);
      if (blocks.some((block) => /\/stored_data\/\{[^}]+\}$/.test(block.url) && block.method === "PATCH" || /\/stored_data\/\{[^}]+\}$/.test(block.url) && block.method === "GET")) {
        assert.ok(report.steps.some((step) => /\/stored_data\//.test(step.url) && step.resourceStatus === "GENERATED"), `aucune donnée stockée GENERATED :\n${lines}`);
      }
      if (blocks.some((block) => block.method === "GET" && /\/offerings\/\{[^}]+\}$/.test(block.url))) {
        assert.ok(report.steps.some((step) => /\/offerings\//.test(step.url) && step.final === "PUBLISHED"), `aucune offre PUBLISHED :\n${lines}`);
      }
      // A file produced in the page is sent (never skipped), and the step showing an expired token waited for it.
      for (const file of blocks.flatMap((block) => block.files ?? []).filter((item) => item.source === "page")) {
        const sent = report.steps.find((step) => step.label.endsWith(` · ${file.name}`));
        assert.ok(sent && sent.outcome === "ok" && sent.status >= 200 && sent.status < 300, `${file.name} non envoyé :\n${lines}`);
      }
      for (const step of report.steps.filter((item) => item.waitedMs !== undefined)) {
        assert.equal(step.status, 401, lines);
        assert.ok(step.waitedMs! <= REPLAY_TOKEN_LIFETIME * 1000 + 500, `${step.waitedMs} ms d'attente`);
      }
    });
  }
});

test("le rejeu du tutoriel « Connexion » attend l'expiration du jeton avant le bloc du jeton expiré", async () => {
  const report = await replayTutorial(all.find((entry) => entry.tutorial === "controle-acces-api")!, {});
  const expired = report.steps.filter((step) => step.waitedMs !== undefined);
  assert.equal(expired.length, 1, report.steps.map((step) => step.label).join("\n"));
  assert.match(expired[0]!.label, /Renouveler le jeton.*GET \/users\/me/);
  assert.equal(expired[0]!.status, 401);
});

// The archive tutorial with its offering block asking for an endpoint the local datastore does not have: the server
// answers 4xx where the page expects the offering; the cleanup still runs.
function withUnknownEndpoint(parcours: Parcours): Parcours {
  const copy = structuredClone(parcours);
  const block = copy.pages.flatMap((page) => page.blocks).find((item) => item.method === "POST" && /\/offerings$/.test(item.url))!;
  block.body = block.body!.replace(/"endpoint":\s*"[^"]+"/, '"endpoint": "00000000-0000-4000-8000-000000000000"');
  return copy;
}

test("rapport JUnit : un cas par étape, l'échec nommé", async () => {
  const parcours = withUnknownEndpoint(all.find((entry) => entry.tutorial === "alimentation-diffusion-archive")!);
  const report = await replayTutorial(parcours, {});
  assert.equal(report.ok, false);
  const failed = report.steps.filter((step) => step.outcome === "failed");
  assert.equal(failed.length, 1, report.steps.map((step) => `${step.outcome} ${step.label}`).join("\n"));
  assert.match(failed[0]!.label, /Publication en téléchargement · bloc \d+ · POST .*\/offerings$/);
  assert.ok(failed[0]!.status >= 400 && failed[0]!.status < 500);
  // After the failure, the cleanup: the configuration and the stored data deleted, the offering (never made) skipped.
  const cleanup = report.steps.filter((step) => step.cleanup);
  assert.ok(cleanup.some((step) => step.method === "DELETE" && /\/configurations\//.test(step.url) && step.outcome === "ok"), JSON.stringify(cleanup));
  assert.ok(cleanup.some((step) => /\/offerings\//.test(step.url) && step.outcome === "skipped"));
  const xml = junitReport(parcours.title, report);
  assert.equal((xml.match(/<testcase /g) ?? []).length, report.steps.length);
  assert.equal((xml.match(/<failure /g) ?? []).length, 1);
  assert.equal((xml.match(/<skipped /g) ?? []).length, report.steps.filter((step) => step.outcome === "skipped").length);
  const testcase = xml.split("\n").find((line) => line.includes("<failure "))!;
  assert.ok(testcase.includes(`name="${failed[0]!.label.replace(/&/g, "&amp;")} (HTTP ${failed[0]!.status})"`), testcase);
  assert.match(testcase, /failure message="[^"]*endpoint/i);
});

test("--base sur un entrepôt de cette machine (npm run datastore) : les services de diffusion sont lus sur son origine", async () => {
  const local = await startLocalDatastore();
  try {
    const parcours = all.find((entry) => entry.tutorial === "alimentation-diffusion-archive")!;
    const report = await replayTutorial(parcours, { base: local.server.url, token: LOCAL_TOKENS.dave, datastore: SIMULATED_DATASTORE_ID });
    const lines = report.steps.map((step) => `${step.outcome} ${step.status} ${step.url} ${step.message ?? ""}`).join("\n");
    assert.equal(report.ok, true, lines);
    const download = report.steps.filter((step) => /\/telechargement\//.test(step.url));
    assert.ok(download.length > 0, lines);
    for (const step of download) assert.ok(step.url.startsWith(`${local.server.origin}/`), `${step.url} hors de l'entrepôt local :\n${lines}`);
    assert.ok(report.steps.some((step) => /\/offerings\//.test(step.url) && step.final === "PUBLISHED"), lines);
  } finally {
    await local.close();
  }
});

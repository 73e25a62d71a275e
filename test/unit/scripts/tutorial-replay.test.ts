// Every tutorial replayed headless (npm run tutorial's engine) against the local datastore with shortened delays:
// each step answers as the page expects, every polled resource ends in its success status, and the tutorial's
// stored data is GENERATED and its offerings PUBLISHED on the way. Tutorials run concurrently (the replay waits on I/O).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadParcours } from "../../../src/build/parcours-build.ts";
import { replayTutorial } from "../../../scripts/tutorial-run.ts";
import { junitReport } from "../../../scripts/tutorial-run.ts";
import { DIVERGENCES, NOT_HEADLESS } from "./headless.ts";

const all = await loadParcours();

describe("npm run tutorial : chaque tutoriel rejoué contre l'entrepôt local", { concurrency: 4 }, () => {
  for (const parcours of all.filter((entry) => !(entry.tutorial in NOT_HEADLESS))) {
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
    });
  }
});

test("rapport JUnit : un cas par étape, l'échec nommé", async () => {
  const parcours = all.find((entry) => entry.tutorial === "controle-acces-api")!;
  const report = await replayTutorial(parcours, {});
  assert.equal(report.ok, false, "le jeton expiré ne peut pas être rejoué sans attendre");
  const xml = junitReport(parcours.title, report);
  assert.equal((xml.match(/<testcase /g) ?? []).length, report.steps.length);
  assert.equal((xml.match(/<failure /g) ?? []).length, 1);
  assert.match(xml, /refus \(4xx\) attendu/);
});

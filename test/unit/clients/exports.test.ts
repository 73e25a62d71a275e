// The exports of « Exporter ce parcours » of every tutorial, run in third-party runners against local datastores
// (short delays, one per tutorial and runner): its bash script by bash, its Bruno collection by `bru run`
// (@usebruno/cli), its Arazzo workflow by `redocly respect` (@redocly/cli). The three runners run at once, each
// started once for all the tutorials (test/unit/clients/exports-runners.ts). For each tutorial and runner: every step
// answers as the page expects (a failure names the tutorial and the step), polled resources end in their success
// status, its stored data is GENERATED and its offerings PUBLISHED on the way. Steps a runner cannot run here are
// listed in src/shared/export/limits.ts with their reason, and reported (a tutorial left out entirely is skipped).
import { after, describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { loadParcours } from "../../../src/build/parcours-build.ts";
import type { ExportRunner } from "../../../src/shared/export/limits.ts";
import { requestsOf } from "../../../src/shared/export/model.ts";
import type { Parcours } from "../../../src/shared/export/parcours.ts";
import { closeOutsideServers, planOf, runArazzo, runBash, runBruno, type Plan } from "./exports-runners.ts";

const all = await loadParcours();
const plansOf = (runner: ExportRunner) => all.map((parcours) => planOf(parcours, runner)).filter((plan) => plan.parcours.pages.length > 0);
// Started at once (each waits on its own processes), read by the tests below.
const runs = {
  bash: runBash(plansOf("bash")),
  bruno: runBruno(plansOf("bruno")),
  arazzo: runArazzo(plansOf("arazzo")),
};
after(async () => {
  await Promise.allSettled(Object.values(runs));
  await closeOutsideServers();
});

// What a tutorial's blocks lead to expect: a stored data read or changed (GENERATED), an offering read (PUBLISHED).
function expected(parcours: Parcours) {
  const blocks = parcours.pages.flatMap((page) => page.blocks);
  return {
    generated: blocks.some((block) => /\/stored_data\/\{[^}]+\}$/.test(block.url) && (block.method === "GET" || block.method === "PATCH")),
    published: blocks.some((block) => block.method === "GET" && /\/offerings\/\{[^}]+\}$/.test(block.url)),
  };
}
const isStoredData = (url = "") => /\/stored_data\/[^/?]+$/.test(url);
const isOffering = (url = "") => /\/datastores\/[^/]+\/offerings\/[^/?]+$/.test(url);

// The steps a runner leaves out of a tutorial, each with its reason; a tutorial with none left is skipped.
function tutorialTests(runner: ExportRunner, check: (plan: Plan) => Promise<void>) {
  for (const parcours of all) {
    const plan = planOf(parcours, runner);
    const reasons = [...new Set(plan.skipped.map((step) => step.reason))];
    const skip = plan.parcours.pages.length === 0 ? `aucune étape exécutable par ${runner} ici : ${reasons.join(" ; ")}` : undefined;
    test(parcours.tutorial, { skip, timeout: 220_000 }, async (t: TestContext) => {
      for (const step of plan.skipped) {
        assert.ok(step.reason.length > 0, `${step.label} : écarté sans raison`);
        t.diagnostic(`non exécuté par ${runner} : ${step.label} — ${step.reason}`);
      }
      await check(plan);
    });
  }
}

describe("exports de chaque tutoriel rejoués par bash, bru run et redocly respect", { concurrency: 3 }, () => {
  describe("bash (script curl + jq)", () => tutorialTests("bash", async (plan) => {
    const result = (await runs.bash).get(plan.full.tutorial);
    assert.ok(result, `${plan.full.tutorial} : pas lancé`);
    const { code, output, answers } = result;
    const failed = output.split("\n").find((line) => /^[✘–] /.test(line));
    assert.equal(failed, undefined, `${plan.full.tutorial} : ${failed}\n${output}`);
    assert.equal(code, 0, `${plan.full.tutorial} : code ${code}\n${output}`);
    assert.match(output, /Parcours terminé\./);
    // One answer per request, more for polls that read again, each labelled with its step.
    const labels = new Set(answers.map((answer) => answer.label));
    for (const request of requestsOf(plan.parcours)) assert.ok(labels.has(request.label), `${plan.full.tutorial} : étape jamais envoyée : ${request.label}`);
    const bad = /statut final : (FAILURE|UNSTABLE|ABORTED|BLOCKED|EMPTY)/.exec(output);
    assert.equal(bad, null, `${plan.full.tutorial} : ${bad?.[0]}\n${output}`);
    const status = (answer: (typeof answers)[number]) => (answer.body as { status?: string } | undefined)?.status;
    const { generated, published } = expected(plan.parcours);
    if (generated) assert.ok(answers.some((answer) => /\/stored_data\/\{[^}]+\}/.test(answer.label) && status(answer) === "GENERATED"), `${plan.full.tutorial} : aucune donnée stockée GENERATED`);
    if (published) assert.ok(answers.some((answer) => /\/offerings\/\{[^}]+\}$/.test(answer.label) && status(answer) === "PUBLISHED"), `${plan.full.tutorial} : aucune offre PUBLISHED`);
  }));

  describe("bru run (collection Bruno)", () => tutorialTests("bruno", async (plan) => {
    const { results, folders, output } = await runs.bruno;
    const folder = folders.get(plan.full.tutorial)!;
    const mine = results.filter((result) => String(result.test?.filename ?? result.path ?? "").startsWith(`${folder}/`));
    // Every request ran at least once (polls run again while pending), every test passed.
    const names = new Set(mine.map((result) => result.test?.filename));
    assert.equal(names.size, requestsOf(plan.parcours).length, `${plan.full.tutorial} : ${names.size} requêtes lancées sur ${requestsOf(plan.parcours).length}\n${output.slice(-4000)}`);
    for (const result of mine) {
      const step = `${plan.full.tutorial} : ${result.name}`;
      assert.equal(result.error ?? undefined, undefined, `${step} : ${result.error}`);
      const tests = [...(result.testResults ?? []), ...(result.postResponseTestResults ?? []), ...(result.preRequestTestResults ?? [])];
      assert.ok(tests.length > 0, `${step} : aucun test`);
      for (const check of tests) assert.equal(check.status, "pass", `${step} : ${check.description} — ${check.error ?? ""} (HTTP ${result.response?.status})`);
    }
    const { generated, published } = expected(plan.parcours);
    if (generated) assert.ok(mine.some((result) => isStoredData(result.request?.url) && result.response?.data?.status === "GENERATED"), `${plan.full.tutorial} : aucune donnée stockée GENERATED`);
    if (published) assert.ok(mine.some((result) => isOffering(result.request?.url) && result.request?.method === "GET" && result.response?.data?.status === "PUBLISHED"), `${plan.full.tutorial} : aucune offre PUBLISHED`);
  }));

  describe("redocly respect (workflow Arazzo)", () => tutorialTests("arazzo", async (plan) => {
    const { files, output } = await runs.arazzo;
    const key = Object.keys(files).find((file) => file.split(/[\\/]/).includes(plan.full.tutorial));
    assert.ok(key, `${plan.full.tutorial} : absent du rapport de respect\n${output.slice(-4000)}`);
    const steps: any[] = files[key].executedWorkflows?.[0]?.executedSteps ?? [];
    // etape_001 is the tutorial's first request (arazzo.ts): a failure names the step by its label.
    const labels = requestsOf(plan.parcours).map((request) => request.label);
    const name = (step: any) => `${plan.full.tutorial} : ${labels[Number(String(step.stepId).slice(6)) - 1] ?? step.stepId}`;
    const failures = (step: any) => `HTTP ${step.response?.statusCode} ${JSON.stringify((step.checks ?? []).filter((check: any) => !check.passed).map((check: any) => check.message))}`;
    // Every step ran, in order; a step sent again (a poll while pending, a token not yet expired) is reported once per
    // attempt: its last attempt passed every check, its earlier ones only their success criteria failed (HTTP 2xx).
    const ids = [...new Set(steps.map((step) => step.stepId))];
    const last = ids.map((id) => steps.filter((step) => step.stepId === id).at(-1));
    for (const step of last) assert.equal(step.status, "success", `${name(step)} : ${failures(step)}`);
    assert.equal(ids.length, labels.length, `${plan.full.tutorial} : ${ids.length} étapes sur ${labels.length}\n${output.slice(-4000)}`);
    for (const step of steps.filter((item) => !last.includes(item))) {
      assert.ok(step.response?.statusCode >= 200 && step.response?.statusCode < 300, `${name(step)} (essai précédent) : ${failures(step)}`);
    }
    const { generated, published } = expected(plan.parcours);
    if (generated) assert.ok(steps.some((step) => isStoredData(step.request?.url) && step.response?.body?.status === "GENERATED"), `${plan.full.tutorial} : aucune donnée stockée GENERATED`);
    if (published) assert.ok(steps.some((step) => isOffering(step.request?.url) && /^get$/i.test(step.request?.method) && step.response?.body?.status === "PUBLISHED"), `${plan.full.tutorial} : aucune offre PUBLISHED`);
  }));
});

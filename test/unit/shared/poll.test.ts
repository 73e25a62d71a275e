import { test } from "node:test";
import assert from "node:assert/strict";
import { finalLabel, pollRuleFor, pollSpecFor, progressOf } from "../../../src/shared/poll.ts";

const base = "https://data.geopf.fr/api/datastores/{datastore}";

test("only GET requests on asynchronous resources are polled", () => {
  assert.ok(pollRuleFor("GET", `${base}/processings/executions/{execution}`));
  assert.ok(pollRuleFor("GET", `${base}/uploads/{upload}/checks`));
  assert.ok(pollRuleFor("GET", `${base}/uploads/{upload}`));
  assert.equal(pollRuleFor("POST", `${base}/processings/executions/{execution}`), undefined);
  assert.equal(pollRuleFor("GET", `${base}/processings/executions/{execution}/logs`), undefined);
  assert.equal(pollRuleFor("GET", `${base}/uploads/{upload}/tree`), undefined);
  assert.equal(pollRuleFor("GET", `${base}/processings`), undefined);
});

test("an execution is final on SUCCESS, FAILURE or ABORTED, pending while WAITING or PROGRESS", () => {
  const progress = pollRuleFor("GET", `${base}/processings/executions/e1`)!;
  assert.deepEqual(progress({ status: "PROGRESS" }), { final: false, label: "PROGRESS" });
  assert.equal(progress({ status: "WAITING" }).final, false);
  assert.deepEqual(progress({ status: "SUCCESS" }), { final: true, label: "SUCCESS", outcome: "success" });
  assert.deepEqual(progress({ status: "FAILURE" }), { final: true, label: "FAILURE", outcome: "failure" });
  assert.equal(progress({ status: "ABORTED" }).outcome, "failure");
});

test("an execution never launched (CREATED) stops the poll and names the launch request", () => {
  const state = pollRuleFor("GET", `${base}/processings/executions/e-42`)!({ status: "CREATED", _id: "e-42" });
  assert.equal(state.final, true);
  assert.match(state.blocked!, /n'a pas été lancée/);
  assert.match(state.blocked!, /POST …\/processings\/executions\/e-42\/launch/);
  assert.equal(state.outcome, undefined);
});

test("checks are final when nothing is asked or in progress, and failed when a check failed", () => {
  const progress = pollRuleFor("GET", `${base}/uploads/u1/checks`)!;
  assert.equal(progress({ asked: [{}], in_progress: [], passed: [], failed: [] }).final, false);
  assert.equal(progress({ asked: [], in_progress: [{}], passed: [{}], failed: [] }).final, false);
  const done = progress({ asked: [], in_progress: [], passed: [{}], failed: [{}] });
  assert.equal(done.final, true);
  assert.equal(done.outcome, "failure");
  assert.match(done.label, /passed 1 · failed 1/);
  assert.equal(progress({ asked: [], in_progress: [], passed: [{}, {}], failed: [] }).outcome, "success");
});

test("checks of an upload never closed (four empty lists) are blocked, not « Terminé »", () => {
  const state = pollRuleFor("GET", `${base}/uploads/u-7/checks`)!({ asked: [], in_progress: [], passed: [], failed: [] });
  assert.equal(state.final, true);
  assert.match(state.blocked!, /aucune vérification n'a été lancée/);
  assert.match(state.blocked!, /fermez d'abord la livraison \(POST …\/uploads\/u-7\/close\)/);
});

test("an upload is final once its checks no longer run; an OPEN upload is blocked until closed", () => {
  const progress = pollRuleFor("GET", `${base}/uploads/u1`)!;
  assert.equal(progress({ status: "CHECKING" }).final, false);
  assert.equal(progress({ status: "CLOSED" }).outcome, "success");
  assert.equal(progress({ status: "UNSTABLE" }).outcome, "failure");
  const open = progress({ status: "OPEN" });
  assert.equal(open.final, true);
  assert.match(open.blocked!, /POST …\/uploads\/u1\/close/);
});

test("pollSpecFor describes each rule as data for the exporters", () => {
  const execution = pollSpecFor("GET", `${base}/processings/executions/{execution}`);
  assert.ok(execution?.kind === "status");
  assert.deepEqual([execution.pending, execution.success, execution.failure], [["WAITING", "PROGRESS"], ["SUCCESS"], ["FAILURE", "ABORTED"]]);
  assert.deepEqual(Object.keys(execution.blocked), ["CREATED"]);
  assert.match(execution.blocked["CREATED"]!, /POST …\/processings\/executions\/\{execution\}\/launch/);
  const checks = pollSpecFor("GET", `${base}/uploads/{upload}/checks?x=1`)!;
  assert.equal(checks.kind, "checks");
  assert.deepEqual(pollSpecFor("GET", `${base}/stored_data/{stored data}`), { kind: "status", pending: ["CREATED", "GENERATING", "MODIFYING"], success: ["GENERATED"], failure: ["UNSTABLE"], blocked: {} });
  assert.deepEqual((pollSpecFor("GET", `${base}/offerings/o`) as { success: string[] }).success, ["PUBLISHED"]);
  assert.equal(pollSpecFor("DELETE", `${base}/offerings/o`), undefined);
  assert.equal(progressOf(pollSpecFor("GET", `${base}/offerings/o`)!, { status: "PUBLISHING" }).final, false);
});

test("finalLabel gives the final status of an async answer for the header, nothing while pending or blocked", () => {
  assert.deepEqual(finalLabel("GET", `${base}/stored_data/s`, { status: "GENERATED" }), { label: "GENERATED", outcome: "success" });
  assert.deepEqual(finalLabel("GET", `${base}/offerings/o`, { status: "UNSTABLE" }), { label: "UNSTABLE", outcome: "failure" });
  assert.deepEqual(finalLabel("GET", `${base}/offerings/o`, { status: "PUBLISHED" }), { label: "PUBLISHED", outcome: "success" });
  assert.deepEqual(finalLabel("GET", `${base}/uploads/u/checks`, { asked: [], in_progress: [], passed: [{}], failed: [] }), { label: "SUCCESS", outcome: "success" });
  assert.deepEqual(finalLabel("GET", `${base}/uploads/u/checks`, { asked: [], in_progress: [], passed: [], failed: [{}] }), { label: "FAILURE", outcome: "failure" });
  assert.equal(finalLabel("GET", `${base}/processings/executions/e`, { status: "PROGRESS" }), undefined);
  assert.equal(finalLabel("GET", `${base}/processings/executions/e`, { status: "CREATED" }), undefined);
  assert.equal(finalLabel("GET", `${base}/processings`, { status: "SUCCESS" }), undefined);
  assert.equal(finalLabel("GET", `${base}/offerings/o`, [{ status: "PUBLISHED" }]), undefined);
});

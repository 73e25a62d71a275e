import { test } from "node:test";
import assert from "node:assert/strict";
import { pollRuleFor } from "../../../src/shared/poll.ts";

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

test("an execution is final on SUCCESS, FAILURE or ABORTED only", () => {
  const progress = pollRuleFor("GET", `${base}/processings/executions/e1`)!;
  assert.deepEqual(progress({ status: "PROGRESS" }), { final: false, label: "PROGRESS" });
  assert.equal(progress({ status: "WAITING" }).final, false);
  assert.equal(progress({ status: "SUCCESS" }).final, true);
  assert.equal(progress({ status: "FAILURE" }).final, true);
});

test("checks are final when nothing is asked or in progress", () => {
  const progress = pollRuleFor("GET", `${base}/uploads/u1/checks`)!;
  assert.equal(progress({ asked: [{}], in_progress: [], passed: [], failed: [] }).final, false);
  assert.equal(progress({ asked: [], in_progress: [{}], passed: [{}], failed: [] }).final, false);
  const done = progress({ asked: [], in_progress: [], passed: [{}], failed: [{}] });
  assert.equal(done.final, true);
  assert.match(done.label, /passed 1 · failed 1/);
});

test("an upload is final once its checks no longer run", () => {
  const progress = pollRuleFor("GET", `${base}/uploads/u1`)!;
  assert.equal(progress({ status: "CHECKING" }).final, false);
  assert.equal(progress({ status: "CLOSED" }).final, true);
  assert.equal(progress({ status: "UNSTABLE" }).final, true);
});

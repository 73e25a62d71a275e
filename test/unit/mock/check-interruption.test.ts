// DELETE …/checks/executions/{execution}, as the SDK sends it on Ctrl+C during the checks: a running check is
// interrupted and leaves the closing; WAITING and finished checks answer 409; the upload can then be reopened.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { assertError, createUpload, DS, harness, sendFiles } from "./helpers.ts";

const h = harness();
after(() => h.close());

test("a running check is interrupted; the upload, unstable once nothing is pending, reopens", async () => {
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/a.txt", "a"]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(400);
  const checks = (await h.call("GET", `${DS}/uploads/${upload}/checks`)).body;
  const [running] = checks.in_progress as { _id: string }[];
  const [waiting] = checks.asked as { _id: string }[];
  assert.ok(running && waiting, JSON.stringify(checks));
  assertError(await h.call("DELETE", `${DS}/checks/executions/${waiting._id}`), 409, /n'a pas encore commencé/);
  assert.equal((await h.call("DELETE", `${DS}/checks/executions/${running._id}`)).status, 204);
  assertError(await h.call("GET", `${DS}/checks/executions/${running._id}`), 404, /introuvable/);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CHECKING", "another check is still pending");
  h.tick(400);
  assert.equal((await h.call("DELETE", `${DS}/checks/executions/${waiting._id}`)).status, 204);
  const interrupted = await h.call("GET", `${DS}/uploads/${upload}`);
  assert.equal(interrupted.body.status, "UNSTABLE");
  assert.deepEqual((await h.call("GET", `${DS}/uploads/${upload}/checks`)).body, { asked: [], in_progress: [], passed: [], failed: [] });
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/open`)).status, 204);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "OPEN");
});

test("a finished check cannot be interrupted", async () => {
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/a.txt", "a"]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const [passed] = (await h.call("GET", `${DS}/uploads/${upload}/checks`)).body.passed as { _id: string }[];
  assertError(await h.call("DELETE", `${DS}/checks/executions/${passed!._id}`), 409, /terminée \(SUCCESS\)/);
  assertError(await h.call("DELETE", `${DS}/checks/executions/00000000-0000-4000-8000-999999999999`), 404, /introuvable/);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { pollUntilFinal, type PollOptions } from "../../../src/runtime/poll-loop.ts";
import { pollRuleFor } from "../../../src/shared/poll.ts";
import type { Outcome } from "../../../src/runtime/outcome.ts";

const answer = (json: unknown, status = 200): Outcome => ({ status, ms: 1, text: JSON.stringify(json), json });
/** Reads the given answers in turn (the last one again if asked more), counting the reads. */
const reader = (answers: Outcome[]) => {
  let reads = 0;
  return { read: async () => answers[Math.min(reads++, answers.length - 1)]!, reads: () => reads };
};
const options = (progress: PollOptions["progress"], waits: string[] = []): PollOptions => ({
  progress, intervalMs: 1, maxAttempts: 5, onAnswer: () => {}, onWait: (attempt, label) => waits.push(`${attempt}:${label}`),
});
const execution = pollRuleFor("GET", "https://x/api/datastores/d/processings/executions/e1");

test("reads again while the status is pending, then ends final on the final answer", async () => {
  const waits: string[] = [];
  const source = reader([answer({ status: "WAITING" }), answer({ status: "PROGRESS" }), answer({ status: "SUCCESS" })]);
  const end = await pollUntilFinal(source.read, new AbortController().signal, options(execution, waits));
  assert.equal(end.kind, "final");
  assert.deepEqual(waits, ["1:WAITING", "2:PROGRESS"]);
  assert.equal(source.reads(), 3);
});

test("an execution never launched is blocked at the first read, with the missing step", async () => {
  const source = reader([answer({ _id: "e1", status: "CREATED" })]);
  const end = await pollUntilFinal(source.read, new AbortController().signal, options(execution));
  assert.equal(end.kind, "blocked");
  if (end.kind === "blocked") assert.match(end.reason, /n'a pas été lancée.*POST …\/processings\/executions\/e1\/launch/);
  assert.equal(source.reads(), 1);
});

test("gives up after the last attempt, ends at once on an error status or without a progress reader, and stops when aborted", async () => {
  const pending = reader([answer({ status: "WAITING" })]);
  assert.equal((await pollUntilFinal(pending.read, new AbortController().signal, options(execution))).kind, "timeout");
  assert.equal(pending.reads(), 5);
  assert.equal((await pollUntilFinal(reader([answer({}, 404)]).read, new AbortController().signal, options(execution))).kind, "final");
  assert.equal((await pollUntilFinal(reader([answer({ status: "WAITING" })]).read, new AbortController().signal, options(undefined))).kind, "final");
  const controller = new AbortController();
  const stopping: PollOptions = { ...options(execution), onWait: () => controller.abort() };
  assert.equal((await pollUntilFinal(reader([answer({ status: "WAITING" })]).read, controller.signal, stopping)).kind, "stopped");
});

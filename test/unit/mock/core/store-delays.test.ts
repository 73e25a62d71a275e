// The reader's pace setting: the store scales its delays by a factor read at each operation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_DELAYS } from "../../../../src/mock/core/context.ts";
import { createStore } from "../../../../src/mock/app.ts";
import { PACE_FACTOR, type Pace } from "../../../../src/shared/faults.ts";

test("the pace's factor scales every delay, read again at each operation", () => {
  let pace: Pace = "realistic";
  const store = createStore({ delays: { checkDuration: 1500 }, delayFactor: () => PACE_FACTOR[pace] });
  assert.deepEqual(store.run((ctx) => ctx.delays), { ...DEFAULT_DELAYS, checkDuration: 1500 });
  pace = "short";
  const short = store.run((ctx) => ctx.delays);
  assert.equal(short.checkDuration, 150);
  assert.equal(short.executionProgress, Math.round(DEFAULT_DELAYS.executionProgress / 10));
  assert.equal(short.offeringPublish, Math.round(DEFAULT_DELAYS.offeringPublish / 10));
  pace = "realistic";
  assert.equal(store.run((ctx) => ctx.delays.checkDuration), 1500);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSpec } from "../../../../src/runtime/block/spec.ts";

const valid = { id: "/p/#1", method: "GET", url: "https://x.test/a", captures: [{ path: ["passed", { match: { "check.name": "Vérification standard" } }, "_id"], variable: "x" }], placeholders: [], user: "anne" };

test("a block spec read back in the browser is validated against the contract", () => {
  const reading = parseSpec(JSON.stringify(valid));
  assert.equal(reading.ok, true);
  if (reading.ok) assert.equal(reading.spec.user, "anne");
});

test("an unreadable or misshapen spec gives a French reason naming the field", () => {
  const broken = parseSpec("{");
  assert.equal(broken.ok, false);
  if (!broken.ok) assert.match(broken.error, /^Ce bloc ne peut pas s'exécuter : sa description est illisible/);
  const wrong = parseSpec(JSON.stringify({ ...valid, method: "FETCH" }));
  assert.equal(wrong.ok, false);
  if (!wrong.ok) assert.match(wrong.error, /method/);
  const user = parseSpec(JSON.stringify({ ...valid, user: "zoe" }));
  assert.equal(user.ok, false);
  assert.equal(parseSpec(null).ok, false);
});

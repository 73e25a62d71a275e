import { test } from "node:test";
import assert from "node:assert/strict";
import { applyCaptures, capturesFromExample, findPlaceholders, substitute } from "../../../src/shared/variables.ts";

test("findPlaceholders lists runtime placeholders once, in order, and ignores JSON objects", () => {
  const text = '/datastores/{datastore}/stored_data/{stored data}?x={datastore}\n{"inputs": {"upload": ["{upload}"]}}';
  assert.deepEqual(findPlaceholders(text), ["datastore", "stored data", "upload"]);
  assert.deepEqual(findPlaceholders('{ "a": 1 }'), []);
});

test("substitute fills known values, encodes them, and names the missing ones", () => {
  const result = substitute("/d/{datastore}/u/{upload}/data?path=data/{fichier}", { datastore: "ds 1", fichier: "a b.csv" }, encodeURIComponent);
  assert.equal(result.text, "/d/ds%201/u/{upload}/data?path=data/a%20b.csv");
  assert.deepEqual(result.missing, ["upload"]);
});

test("substitute treats an empty value as missing", () => {
  assert.deepEqual(substitute("{upload}", { upload: "" }).missing, ["upload"]);
});

test("capturesFromExample finds the JSON paths of every {variable} string", () => {
  const example = {
    _id: "{execution}",
    status: "CREATED",
    inputs: { upload: [{ _id: "{upload}", name: "x" }] },
    output: { stored_data: { _id: "{stored data}" } },
    note: "not {a placeholder} because not alone",
  };
  assert.deepEqual(capturesFromExample(example), [
    { path: ["_id"], variable: "execution" },
    { path: ["inputs", "upload", 0, "_id"], variable: "upload" },
    { path: ["output", "stored_data", "_id"], variable: "stored data" },
  ]);
});

test("applyCaptures reads values at the captured paths of a real response and skips absent ones", () => {
  const captures = capturesFromExample({ _id: "{execution}", output: { stored_data: { _id: "{stored data}" } }, missing: { deep: "{other}" } });
  const response = { _id: "e-1", output: { stored_data: { _id: "sd-1" } }, missing: null };
  assert.deepEqual(applyCaptures(captures, response), { execution: "e-1", "stored data": "sd-1" });
});

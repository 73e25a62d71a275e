import { test } from "node:test";
import assert from "node:assert/strict";
import { fileUrl, prepareRequest } from "../../../../src/runtime/block/request.ts";
import type { BlockSpec } from "../../../../src/shared/block-contract.ts";

const spec: BlockSpec = { id: "/p/#1", method: "POST", url: "https://x.test/api/datastores/{datastore}/uploads/{upload}/files?path={fichier}", body: "{}", captures: [], placeholders: [] };
const inputs = { body: '{"name": "{nom}"}', form: [], headers: [{ name: "apikey", value: "{clé}" }], urlencoded: [] };

test("one substitution: URL, body (JSON-escaped) and headers filled, {fichier} left for each file", () => {
  const prepared = prepareRequest(spec, inputs, { datastore: "d1", upload: "u 1", nom: 'a "b"', clé: "k" });
  assert.equal(prepared.kind, "ready");
  if (prepared.kind !== "ready") return;
  assert.equal(prepared.request.url, "https://x.test/api/datastores/d1/uploads/u%201/files?path={fichier}");
  assert.equal(prepared.request.body, '{"name": "a \\"b\\""}');
  assert.deepEqual(prepared.request.headers, [{ name: "apikey", value: "k" }]);
  assert.equal(fileUrl(prepared.request.url, "a b.csv"), "https://x.test/api/datastores/d1/uploads/u%201/files?path=a%20b.csv");
});

test("refusals are told apart by kind: invalid JSON with line and column, missing variables, dot segments", () => {
  const invalid = prepareRequest(spec, { ...inputs, body: '{\n  "a": 1\n  "b": 2\n}' }, {});
  assert.equal(invalid.kind, "invalid-body");
  if (invalid.kind === "invalid-body") assert.deepEqual([invalid.error.line, invalid.error.column], [3, 3]);
  const missing = prepareRequest(spec, inputs, { datastore: "d1" });
  assert.deepEqual(missing, { kind: "missing", names: ["upload", "nom", "clé"] });
  const dots = prepareRequest(spec, inputs, { datastore: "d1", upload: "..", nom: "n", clé: "k" });
  assert.equal(dots.kind, "dot-segments");
});

test("a url-encoded form's values are filled too, without JSON escaping", () => {
  const form = { ...spec, body: undefined, urlencoded: [{ name: "password", value: "{mdp}" }] };
  const prepared = prepareRequest(form, { body: "", form: [], headers: [], urlencoded: [{ name: "password", value: 'p"{mdp}' }] }, { datastore: "d", upload: "u", mdp: "x&y" });
  assert.equal(prepared.kind, "ready");
  if (prepared.kind === "ready") assert.deepEqual(prepared.request.urlencoded, [{ name: "password", value: 'p"x&y' }]);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { applyCaptures, capturesFromExample, encodeUrlValue, findPlaceholders, substitute, substituteUrl } from "../../../src/shared/variables.ts";
import { fileUrls, toCurl, toPython } from "../../../src/shared/snippets.ts";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { CHECKS } from "../../../src/mock/resources/processings/catalog.ts";

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
  assert.deepEqual(applyCaptures(captures, response), { values: { execution: "e-1", "stored data": "sd-1" }, unmatched: [] });
});

// The example response of the archive tutorial's checks block, as the build renders it (ids filled in).
function archiveChecksExample(): unknown {
  const page = readFileSync("src/content/tutoriels/alimentation-diffusion-archive/livraison.md", "utf8");
  const block = page.slice(page.indexOf('??? GET "{{ urls.api_entrepot }}/datastores/{datastore}/uploads/{upload}/checks"'));
  const fence = /```json\n([\s\S]*?)\n```/.exec(block)![1]!;
  return JSON.parse(fence.replace(/\{\{ ids\.checks\.(\w+) \}\}/g, (_, key: keyof typeof ids.checks) => ids.checks[key]));
}

const execution = (check: { _id: string; name: string }, id: string) => ({ check: { _id: check._id, name: check.name }, _id: id });

test("archive checks: {check execution} is the standard check's execution even when the live answer lists the archive check first", () => {
  const captures = capturesFromExample(archiveChecksExample());
  assert.deepEqual(captures, [
    { path: ["passed", { match: { "check.name": "Vérification standard", "check._id": ids.checks.standard } }, "_id"], variable: "check execution" },
  ]);
  const live = { asked: [], in_progress: [], passed: [execution(CHECKS.archive, "exec-archive"), execution(CHECKS.standard, "exec-standard")], failed: [] };
  assert.deepEqual(applyCaptures(captures, live), { values: { "check execution": "exec-standard" }, unmatched: [] });
  const sameOrder = { ...live, passed: [...live.passed].reverse() };
  assert.deepEqual(applyCaptures(captures, sameOrder).values, { "check execution": "exec-standard" });
});

test("archive checks: when the standard check is not in passed, the variable is unmatched and nothing else is captured", () => {
  const captures = capturesFromExample(archiveChecksExample());
  const live = { asked: [], in_progress: [], passed: [execution(CHECKS.archive, "exec-archive")], failed: [execution(CHECKS.standard, "exec-standard")] };
  assert.deepEqual(applyCaptures(captures, live), { values: {}, unmatched: ["check execution"] });
});

test("a matcher takes the item with the most equal identifying fields (a real datastore's other ids, same names) and refuses a tie", () => {
  const captures = capturesFromExample({ items: [{ type: "VECTOR", name: "a", _id: "{x}" }, { type: "VECTOR", name: "b", _id: "y" }] });
  assert.deepEqual(captures[0]!.path, ["items", { match: { type: "VECTOR", name: "a" } }, "_id"]);
  assert.deepEqual(applyCaptures(captures, { items: [{ type: "VECTOR", name: "b", _id: "2" }, { type: "VECTOR", name: "a", _id: "1" }] }).values, { x: "1" });
  assert.deepEqual(applyCaptures(captures, { items: [{ type: "VECTOR", name: "c", _id: "2" }, { type: "VECTOR", name: "d", _id: "1" }] }), { values: {}, unmatched: ["x"] });
});

test("index matching stays for items without identifying literals and for an example array of one item", () => {
  const single = capturesFromExample({ communities_member: [{ community: { _id: "{community}", name: "Communauté des tutoriels" } }] });
  assert.deepEqual(single[0]!.path, ["communities_member", 0, "community", "_id"]);
  const plain = capturesFromExample([{ size: 1, _id: "{a}", status: "OPEN" }, { size: 2, _id: "{b}", status: "OPEN" }]);
  assert.deepEqual(plain.map((capture) => capture.path), [[0, "_id"], [1, "_id"]]);
  assert.deepEqual(applyCaptures(plain, [{ _id: "u1" }, { _id: "u2" }]), { values: { a: "u1", b: "u2" }, unmatched: [] });
  assert.deepEqual(applyCaptures(plain, { error: "x" }), { values: {}, unmatched: [] });
});

const STORED = "https://data.geopf.fr/api/datastores/{datastore}/stored_data/{stored data}";

for (const [value, segment] of [["..", "%2E%2E"], [".", "%2E"]]) {
  test(`substituteUrl: a path value "${value}" is written ${segment} and named as a dot segment`, () => {
    const result = substituteUrl(STORED, { datastore: "d-1", "stored data": value! });
    assert.equal(result.text, `https://data.geopf.fr/api/datastores/d-1/stored_data/${segment}`);
    assert.ok(!result.text.endsWith("/..") && !result.text.endsWith("/."));
    assert.deepEqual(result.dotSegments, ["stored data"]);
    assert.deepEqual(result.missing, []);
  });
}

for (const [value, encoded] of [
  ["a/b", "a%2Fb"],
  ["a?b=1", "a%3Fb%3D1"],
  ["a#b", "a%23b"],
  ["100%", "100%25"],
  ["deux mots", "deux%20mots"],
  ["../..", "..%2F.."],
  ["...", "..."],
  ["a..b", "a..b"],
  ["é", "%C3%A9"],
]) {
  test(`substituteUrl: a path value ${JSON.stringify(value)} stays one segment, ${encoded}`, () => {
    const result = substituteUrl(STORED, { datastore: "d-1", "stored data": value! });
    assert.equal(result.text, `https://data.geopf.fr/api/datastores/d-1/stored_data/${encoded}`);
    assert.deepEqual(result.dotSegments, []);
  });
}

test("substituteUrl: two values that make a dot segment together are named", () => {
  const result = substituteUrl("https://x/api/{a}{b}/c", { a: ".", b: "." });
  assert.equal(result.text, "https://x/api/%2E%2E/c");
  assert.deepEqual(result.dotSegments, ["a", "b"]);
});

test("substituteUrl: query values are encoded as query values, dots left alone", () => {
  const result = substituteUrl("https://x/api/uploads/{upload}/data?path=data/{fichier}&x={x}", { upload: "u 1", fichier: "..", x: "a&b=c#d" });
  assert.equal(result.text, "https://x/api/uploads/u%201/data?path=data/..&x=a%26b%3Dc%23d");
  assert.deepEqual(result.dotSegments, []);
});

test("substituteUrl: unknown or empty values stay placeholders and are listed in order", () => {
  const result = substituteUrl("https://x/api/{datastore}/u/{upload}?path={fichier}", { upload: "" });
  assert.equal(result.text, "https://x/api/{datastore}/u/{upload}?path={fichier}");
  assert.deepEqual(result.missing, ["datastore", "upload", "fichier"]);
});

test("encodeUrlValue never throws on a lone surrogate", () => {
  assert.equal(encodeUrlValue("a\uD800b"), "a%EF%BF%BDb");
});

test("the copied curl and Python give the same URL as substituteUrl", () => {
  const url = substituteUrl(STORED, { datastore: "d-1", "stored data": "a/b c" }).text;
  assert.match(toCurl({ method: "DELETE", url }), /"https:\/\/data\.geopf\.fr\/api\/datastores\/d-1\/stored_data\/a%2Fb%20c"/);
  assert.ok(toPython({ method: "DELETE", url }).includes(`"${url}"`));
  const upload = { method: "POST" as const, url: "https://x/api/uploads/u/data?path=data/{fichier}", files: [{ name: "a b#.csv" }] };
  assert.deepEqual(fileUrls(upload), [substituteUrl(upload.url, { fichier: "a b#.csv" }).text]);
  assert.deepEqual(fileUrls(upload), ["https://x/api/uploads/u/data?path=data/a%20b%23.csv"]);
});

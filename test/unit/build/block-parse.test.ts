import { test } from "node:test";
import assert from "node:assert/strict";
import { BlockSyntaxError, parseBlock } from "../../../src/build/markdown/block-parse.ts";

const noFiles = () => {
  throw new Error("no file expected");
};
const lines = (text: string) => text.split("\n");

test("a GET block: the titled fence is display only, the JSON fence is the example response", () => {
  const { spec, exampleLang } = parseBlock(
    '??? GET "https://data.geopf.fr/api/datastores/{datastore}/uploads/{upload}"',
    lines('\n``` title="Contenu" \nhttps://data.geopf.fr/api/datastores/{datastore}/uploads/{upload}\n```\n\n```json\n{"_id": "{upload}", "status": "OPEN"}\n```'),
    "/p/#1",
    noFiles,
  );
  assert.equal(spec.method, "GET");
  assert.equal(spec.body, undefined);
  assert.equal(spec.example, '{"_id": "{upload}", "status": "OPEN"}');
  assert.equal(exampleLang, "json");
  assert.deepEqual(spec.placeholders, ["datastore", "upload"]);
  assert.deepEqual(spec.captures, [{ path: ["_id"], variable: "upload" }]);
});

test("a POST block: first JSON fence is the body, second the response; body placeholders are listed", () => {
  const { spec } = parseBlock(
    '??? POST "https://x.test/api/datastores/{datastore}/processings/executions"',
    lines('```json\n{"inputs": {"upload": ["{upload}"]}}\n```\n```json\n{"_id": "{execution}", "output": {"stored_data": {"_id": "{stored data}"}}}\n```'),
    "/p/#2",
    noFiles,
  );
  assert.equal(spec.body, '{"inputs": {"upload": ["{upload}"]}}');
  assert.deepEqual(spec.placeholders, ["datastore", "upload"]);
  assert.deepEqual(spec.captures.map((capture) => capture.variable), ["execution", "stored data"]);
});

test("a POST without body can still show a response with the 'reponse' role", () => {
  const { spec } = parseBlock('??? POST "https://x.test/a"', lines('```json reponse\n{"_id": "{x}"}\n```'), "/p/#3", noFiles);
  assert.equal(spec.body, undefined);
  assert.deepEqual(spec.captures, [{ path: ["_id"], variable: "x" }]);
});

test("an upload block lists its sample files with their sizes; {fichier} is not a variable", () => {
  const { spec } = parseBlock(
    '??? POST "https://x.test/api/datastores/{datastore}/uploads/{upload}/data?path=data/{fichier}"',
    lines("```files\n/samples/a.csv\n/samples/sub/b.txt\n```"),
    "/p/#4",
    (sitePath) => sitePath.length,
  );
  assert.deepEqual(spec.files, [
    { name: "a.csv", href: "/samples/a.csv", size: 14 },
    { name: "b.txt", href: "/samples/sub/b.txt", size: 18 },
  ]);
  assert.deepEqual(spec.placeholders, ["datastore", "upload"]);
});

const failure = (header: string, body: string, resolve = noFiles as (p: string) => number) => {
  try {
    parseBlock(header, lines(body), "/p/#9", resolve);
  } catch (error) {
    assert.ok(error instanceof BlockSyntaxError, String(error));
    return error;
  }
  assert.fail("expected a BlockSyntaxError");
};

test("malformed blocks are refused with a message and the offending line", () => {
  assert.match(failure('??? FETCH "https://x.test/a"', "").message, /méthode HTTP inconnue « FETCH »/);
  assert.match(failure("??? GET https://x.test/a", "").message, /en-tête de bloc mal formé/);
  assert.match(failure('??? GET "/relative"', "").message, /http/);
  const badJson = failure('??? GET "https://x.test/a"', '\n```json\n{"a": 1,}\n```');
  assert.match(badJson.message, /exemple de réponse : JSON invalide/);
  assert.equal(badJson.lineOffset, 2);
  const badBody = failure('??? PATCH "https://x.test/a"', '```json\n{oops}\n```');
  assert.match(badBody.message, /corps de la requête : JSON invalide/);
  assert.match(failure('??? GET "https://x.test/a"', "```json\n{}\n```\n```json\n{}\n```").message, /bloc de code en trop/);
  assert.match(failure('??? GET "https://x.test/a"', "```json\n{}").message, /non fermé/);
  const stray = failure('??? GET "https://x.test/a"', "\nsome prose");
  assert.match(stray.message, /texte inattendu/);
  assert.equal(stray.lineOffset, 2);
  assert.match(failure('??? GET "https://x.test/a"', "```files\n/a.csv\n```").message, /POST/);
  const missingFile = failure('??? POST "https://x.test/a"', "```files\n/absent.csv\n```", () => {
    throw new Error("ENOENT");
  });
  assert.match(missingFile.message, /introuvable : public\/absent\.csv/);
  assert.equal(missingFile.lineOffset, 2);
});

test("an upload block may carry multipart fields (```form) whose placeholders are listed", () => {
  const { spec } = parseBlock(
    '??? POST "https://x.test/api/datastores/{datastore}/statics"',
    lines("```files\n/samples/pays.sld\n```\n```form\ntype=GEOSERVER-STYLE\nname = Style des pays {suffixe}\n```"),
    "/p/#5",
    () => 10,
  );
  assert.deepEqual(spec.form, [
    { name: "type", value: "GEOSERVER-STYLE" },
    { name: "name", value: "Style des pays {suffixe}" },
  ]);
  assert.deepEqual(spec.placeholders, ["datastore", "suffixe"]);
  assert.match(failure('??? POST "https://x.test/a"', "```form\ntype=X\n```").message, /accompagnent un envoi de fichiers/);
  assert.match(failure('??? POST "https://x.test/a"', "```files\n/a\n```\n```form\nsans egal\n```", () => 1).message, /nom=valeur/);
});

// Body schemas: zod issues as the API's French 400 messages (path, expected, received), every problem at once,
// what the code after parsing sees of an invalid body; then one 400 per kind of problem on each resource.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as z from "zod/mini";
import { ApiError, Problems } from "../../../src/mock/core/errors.ts";
import { keysRule, named, object, parseBody, parseInto, refused, text } from "../../../src/mock/core/schema.ts";

const SAMPLE = object({
  name: text(),
  type: z.enum(["VECTOR", "RASTER"]),
  count: z.optional(z.int().check(z.minimum(1), z.maximum(4))),
  output: z.optional(object({ stored_data: object({ storage_tags: named(z.array(z.string()).check(z.minLength(1)), "liste d'étiquettes", true) }) })),
  relations: z.optional(z.array(object({ native_name: text("nom de table", false) }))),
  srs: refused("ne peut pas être modifié"),
  tags: z.optional(z.record(z.string(), z.string())),
});

// The messages of the 400 a body gets.
function messages(schema: z.core.$ZodType, body: unknown): string[] {
  try {
    parseBody(schema, body);
  } catch (error) {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.equal(error.body().error, "Bad Request");
    return error.descriptions;
  }
  assert.fail("expected a 400");
}

test("a missing field, a wrong type, an enum and an unknown key are named with their path", () => {
  assert.deepEqual(messages(SAMPLE, {}), ["name : chaîne non vide obligatoire.", 'type : valeur obligatoire (valeurs possibles : "VECTOR", "RASTER").']);
  assert.deepEqual(messages(SAMPLE, { name: 3, type: "SHAPEFILE", colour: "red", size: 1 }), [
    "name : chaîne non vide attendue (reçu : nombre 3).",
    'type : valeur "SHAPEFILE" inconnue (valeurs possibles : "VECTOR", "RASTER").',
    "colour : clé inconnue (clés acceptées : name, type, count, output, relations, tags).",
    "size : clé inconnue (clés acceptées : name, type, count, output, relations, tags).",
  ]);
  assert.deepEqual(messages(SAMPLE, { name: " ", type: "VECTOR", count: 9, srs: "EPSG:4326" }), [
    'name : chaîne non vide attendue (reçu : chaîne " ").',
    "count : 9 est supérieur au maximum 4.",
    "srs : ne peut pas être modifié.",
  ]);
});

test("nested paths: objects, arrays, records", () => {
  const body = { name: "n", type: "RASTER", output: { stored_data: { storage_tags: "PYRAMIDE" } }, relations: [{ native_name: "a" }, {}, { native_name: "" }], tags: { a: 1 } };
  assert.deepEqual(messages(SAMPLE, body), [
    'output.stored_data.storage_tags : liste d\'étiquettes attendue (reçu : chaîne "PYRAMIDE").',
    "relations[1].native_name : nom de table obligatoire.",
    'relations[2].native_name : nom de table attendu (reçu : chaîne "").',
    "tags.a : chaîne attendue (reçu : nombre 1).",
  ]);
  assert.deepEqual(messages(SAMPLE, { name: "n", type: "RASTER", output: { stored_data: { storage_tags: [] } }, tags: { "deux mots": 2 } }), [
    "output.stored_data.storage_tags : liste non vide attendue (reçu : liste vide).",
    'tags["deux mots"] : chaîne attendue (reçu : nombre 2).',
  ]);
});

test("a body that is not an object, and every problem listed at once (50 at most, then a count)", () => {
  assert.deepEqual(messages(SAMPLE, ["a"]), ['Le corps de la requête doit être un objet JSON (reçu : tableau ["a"]).']);
  assert.deepEqual(messages(SAMPLE, undefined), ["Le corps de la requête doit être un objet JSON (reçu : rien)."]);
  const many = messages(SAMPLE, { name: "n", type: "VECTOR", relations: Array.from({ length: 60 }, () => ({ native_name: 1 })) });
  assert.equal(many.length, 51);
  assert.equal(many[0], "relations[0].native_name : nom de table attendu (reçu : nombre 1).");
  assert.equal(many[50], "… et 10 autres problèmes.");
});

test("the code after parsing sees the valid values of an invalid body, with its own problems in the same 400", () => {
  const problems = new Problems();
  const parsed = parseInto(SAMPLE, { name: "n", type: "LIDAR", relations: [{ native_name: "a", x: 1 }, 3], colour: 1 }, problems, ["body"]);
  assert.deepEqual(parsed.partial, { name: "n", type: undefined, relations: [{ native_name: "a" }, undefined] });
  assert.ok(parsed.partial && "type" in parsed.partial, "an invalid value keeps its key");
  problems.add("relations[0].native_name : la table « a » n'existe pas.");
  assert.throws(() => parsed.valid(), (error: ApiError) => {
    assert.deepEqual(error.descriptions, [
      'body.type : valeur "LIDAR" inconnue (valeurs possibles : "VECTOR", "RASTER").',
      "body.relations[0].x : clé inconnue (clés acceptées : native_name).",
      "body.relations[1] : objet attendu (reçu : nombre 3).",
      "body.colour : clé inconnue (clés acceptées : name, type, count, output, relations, tags).",
      "relations[0].native_name : la table « a » n'existe pas.",
    ]);
    return true;
  });
  const valid = parseInto(SAMPLE, { name: "n", type: "VECTOR" }, new Problems());
  assert.deepEqual(valid.valid(), { name: "n", type: "VECTOR" });
});

test("rules on which keys are given run even when values are invalid", () => {
  const either = object({ a: z.optional(z.literal(true)), b: z.optional(z.string()) }).check(keysRule((has) => (has("a") === has("b") ? [["", "donnez soit « a », soit « b »"]] : [])));
  assert.deepEqual(messages(either, {}), ["donnez soit « a », soit « b »."]);
  assert.deepEqual(messages(either, { a: false, b: 3 }), ["a : valeur false inconnue (valeurs possibles : true).", "b : chaîne attendue (reçu : nombre 3).", "donnez soit « a », soit « b »."]);
  assert.deepEqual(parseBody(either, { b: "x" }), { b: "x" });
});

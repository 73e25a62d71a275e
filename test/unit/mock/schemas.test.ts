// Body schemas: zod issues as the API's French 400 messages (path, expected, received), every problem at once,
// what the code after parsing sees of an invalid body; then one 400 per kind of problem on each resource.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as z from "zod/mini";
import { ApiError, Problems } from "../../../src/mock/core/errors.ts";
import { keysRule, named, object, parseBody, parseInto, refused, text } from "../../../src/mock/core/schema.ts";
import ids from "../../../_data/ids.json" with { type: "json" };
import type { Reply } from "./helpers.ts";
import { assertError, bytesForm, closeAndCheck, createUpload, DS, harness, sendFiles } from "./helpers.ts";

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
  const either = object({ a: z.optional(z.literal(true)), b: z.optional(z.string()) }).check(keysRule((given) => ((given.a !== undefined) === (given.b !== undefined) ? [["", "donnez soit « a », soit « b »"]] : [])));
  assert.deepEqual(messages(either, {}), ["donnez soit « a », soit « b »."]);
  assert.deepEqual(messages(either, { a: false, b: 3 }), ["a : valeur false inconnue (valeurs possibles : true).", "b : chaîne attendue (reçu : nombre 3).", "donnez soit « a », soit « b »."]);
  assert.deepEqual(parseBody(either, { b: "x" }), { b: "x" });
});

const h = harness();
after(() => h.close());

// The error_description of a reply, after checking it is a 400 with the API's error body.
function problemsOf(reply: Reply): string[] {
  assertError(reply, 400);
  return reply.body.error_description;
}

test("uploads: missing, wrong type, enum, unknown key and nested path in one 400", async () => {
  const reply = await h.call("POST", `${DS}/uploads`, { json: { name: "U", type: "LIDAR", srs: 2154, tags: { a: 1 }, colour: "red" } });
  assert.deepEqual(problemsOf(reply), [
    "description : chaîne non vide obligatoire.",
    'type : valeur "LIDAR" inconnue (valeurs possibles : "VECTOR", "RASTER", "ARCHIVE", "ROK4-PYRAMID", "INDEX", "HISTORIC-IMAGERY", "POINT-CLOUD", "PYRAMID-3D").',
    "srs : système de coordonnées (par exemple EPSG:2154) attendu (reçu : nombre 2154).",
    "tags.a : chaîne attendue (reçu : nombre 1).",
    "colour : clé inconnue (clés acceptées : name, description, type, srs, type_infos, open, tags, callback).",
  ]);
});

test("executions: structure of inputs, output and parameters listed with the records they name", async () => {
  const upload = await createUpload(h);
  const reply = await h.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.raster_to_pyramid, inputs: { upload: [upload, 7] }, output: { stored_data: { name: "P", storage_tags: "PYRAMIDE" } }, parameters: { top: 3, colour: "red" } },
  });
  const messages = problemsOf(reply);
  assert.ok(messages.includes("inputs.upload[1] : chaîne attendue (reçu : nombre 7)."), messages.join("\n"));
  assert.ok(messages.some((m) => /^inputs\.upload : le traitement .* n'accepte pas le type ARCHIVE/.test(m)), messages.join("\n"));
  assert.ok(messages.some((m) => m.startsWith('output.stored_data.storage_tags : liste d\'étiquettes de stockage (stockages possibles pour ce traitement : [PARTENAIRE, PYRAMIDE, PERF] ou [PARTENAIRE, ARCHIVE, PERF]) attendue (reçu : chaîne "PYRAMIDE")')), messages.join("\n"));
  assert.ok(messages.includes("parameters.top : chaîne attendue (reçu : nombre 3)."), messages.join("\n"));
  assert.ok(messages.some((m) => m.startsWith("parameters.colour : paramètre inconnu du traitement « Calcul ou mise à jour de pyramide raster »")), messages.join("\n"));
  assert.deepEqual(problemsOf(await h.call("POST", `${DS}/processings/executions`, { json: { processing: 3, output: [] } })), ["processing : identifiant du traitement attendu (reçu : nombre 3)."]);
});

test("stored data PATCH: nested paths in edition and extent, checked before the status (400 before 409)", async () => {
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/a.txt", "a"]]);
  assert.equal((await closeAndCheck(h, upload)).body.status, "CLOSED");
  const created = await h.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "A", storage_tags: ["ARCHIVE"] } } },
  });
  const url = `${DS}/stored_data/${created.body.output.stored_data._id}`;
  const reply = await h.call("PATCH", url, { json: { edition: { from: "2024-02-30", until: "x" }, extent: { type: "MultiPolygon", coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[0, 0], [1, "a"]]]] } } });
  assert.deepEqual(problemsOf(reply), [
    'edition.from : "2024-02-30" n\'est pas une date valide au format AAAA-MM-JJ.',
    "edition.until : clé inconnue (clés acceptées : from, to).",
    'extent.coordinates[1][0][1][1] : nombre attendu (reçu : chaîne "a").',
    "extent.coordinates[1][0] : au moins 4 positions attendues (reçu 2).",
  ]);
  assertError(await h.call("PATCH", url, { json: { name: "B" } }), 409, /CREATED/);
});

test("configurations: type_infos paths per type, with the records they name", async () => {
  const reply = await h.call("POST", `${DS}/configurations`, {
    json: { type: "WFS", name: "W", layer_name: "1w", type_infos: { used_data: [{ stored_data: "00000000-0000-4000-8000-00000000dead", relations: [{ title: "T", abstract: "A", native_name: 3 }] }], bbox: { west: 1 } } },
  });
  assert.deepEqual(problemsOf(reply), [
    'layer_name : "1w" ne respecte pas le motif ^[A-Za-z_][A-Za-z0-9_\\-.]*$ (lettres, chiffres, _ - . ; sans espace ni accent ; ne commence pas par un chiffre).',
    "type_infos.bbox.south : nombre obligatoire.",
    "type_infos.bbox.east : nombre obligatoire.",
    "type_infos.bbox.north : nombre obligatoire.",
    "type_infos.used_data[0].relations[0].native_name : nom de la table attendu (reçu : nombre 3).",
    "type_infos.used_data[0].stored_data : donnée stockée « 00000000-0000-4000-8000-00000000dead » introuvable dans l'entrepôt.",
  ]);
});

test("statics: multipart fields by schema", async () => {
  const form = bytesForm("<x/>", "x.sld", { type: "SLD", colour: "red" });
  assert.deepEqual(problemsOf(await h.call("POST", `${DS}/statics`, { form })), [
    'type : valeur "SLD" inconnue (valeurs possibles : "GEOSERVER-STYLE", "GEOSERVER-FTL", "ROK4-STYLE", "DERIVATION-SQL").',
    "name : nom du fichier statique obligatoire.",
    "colour : champ multipart inconnu (champs acceptés : file, type, name, description).",
  ]);
});

test("a valid body is kept as received: its keys stay in the client's order", () => {
  const body = { tags: { b: "2", a: "1" }, type: "VECTOR", name: "n" };
  const output = parseBody(SAMPLE, body);
  assert.equal(JSON.stringify(output), JSON.stringify(body));
});

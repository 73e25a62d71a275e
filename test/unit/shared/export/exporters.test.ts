// The exporters of « Exporter ce parcours » on a small tutorial: structure, captures (array-item matchers included),
// polling, uploads, the reader's values or a template, and never a token in any exported file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { strFromU8, unzipSync } from "fflate";
import type { BlockSpec } from "../../../../src/shared/block-contract.ts";
import { toArazzo } from "../../../../src/shared/export/arazzo.ts";
import { toBruno } from "../../../../src/shared/export/bruno.ts";
import { JS_PICK, jqPath, jsPath, jsonPointer, varName } from "../../../../src/shared/export/model.ts";
import type { Parcours } from "../../../../src/shared/export/parcours.ts";
import { toShell } from "../../../../src/shared/export/shell.ts";
import { zipFiles } from "../../../../src/shared/export/zip.ts";

const API = "https://data.geopf.fr/api";
const block = (id: string, spec: Partial<BlockSpec>): BlockSpec => ({ id, method: "GET", url: API, captures: [], placeholders: [], ...spec });
const MATCH = { match: { "check.name": "Vérification standard" } };

const PARCOURS: Parcours = {
  tutorial: "essai",
  title: "Essai",
  pages: [
    {
      url: "/tutoriels/essai/livraison/",
      title: "Livraison",
      blocks: [
        block("/tutoriels/essai/livraison/#1", { method: "POST", url: `${API}/datastores/{datastore}/uploads`, body: '{ "name": "Essai" }', placeholders: ["datastore"], captures: [{ path: ["_id"], variable: "upload" }] }),
        block("/tutoriels/essai/livraison/#2", {
          method: "POST", url: `${API}/datastores/{datastore}/uploads/{upload}/data?path=data/{fichier}`, placeholders: ["datastore", "upload"],
          files: [{ name: "a.csv", href: "/samples/essai/a.csv", size: 3 }, { name: "b.csv", href: "/samples/essai/b.csv", size: 3 }], form: [{ name: "type", value: "CSV" }],
        }),
        block("/tutoriels/essai/livraison/#3", { url: `${API}/datastores/{datastore}/uploads/{upload}/checks`, placeholders: ["datastore", "upload"], captures: [{ path: ["passed", MATCH, "_id"], variable: "check execution" }], example: '{"passed":[{"check":{"name":"Autre"},"_id":"x"},{"check":{"name":"Vérification standard"},"_id":"{check execution}"}]}' }),
        block("/tutoriels/essai/livraison/#4", { url: `${API}/datastores/{datastore}/offerings/{offering}`, placeholders: ["datastore", "offering"], user: "anne" }),
      ],
    },
    { url: "/tutoriels/essai/nettoyage/", title: "Nettoyage", blocks: [block("/tutoriels/essai/nettoyage/#1", { method: "DELETE", url: `${API}/datastores/{datastore}/uploads/{upload}`, placeholders: ["datastore", "upload", "access token"], headers: [{ name: "X-Jeton", value: "{access token}" }] })] },
  ],
};
const SECRET = "jeton-secret-du-lecteur";
// The reader's values, among them a token captured from the identity service: never written.
const VALUES = { datastore: "ds-1234", upload: "up-5678", offering: "of-9", "check execution": "ce-1", "access token": SECRET };
const allText = (files: Record<string, string | Uint8Array>) => Object.values(files).map((content) => (typeof content === "string" ? content : strFromU8(content))).join("\n");

test("chemins de capture : jq, JavaScript et pointeur JSON choisissent l'élément de liste par ses champs", () => {
  const body = { passed: [{ check: { name: "Autre" }, _id: "faux" }, { check: { name: "Vérification standard" }, _id: "bon" }] };
  const path = ["passed", MATCH, "_id"] as const;
  const jq = execFileSync("jq", ["-r", jqPath(path)], { input: JSON.stringify(body), encoding: "utf8" }).trim();
  assert.equal(jq, "bon");
  assert.equal(execFileSync("jq", ["-r", jqPath([0, "_id"])], { input: '[{"_id":"premier"}]', encoding: "utf8" }).trim(), "premier");
  assert.equal(new Function("body", `${JS_PICK}\nreturn ${jsPath("body", path)};`)(body), "bon");
  assert.equal(jsonPointer(path, body), "/passed/1/_id");
  assert.equal(varName("communauté voisine"), "communaute_voisine");
});

test("script bash : set -euo pipefail, jeton lu dans $TOKEN, envois, attente, captures, nettoyage après échec", () => {
  const script = toShell(PARCOURS, { values: VALUES });
  assert.match(script, /^#!\/usr\/bin\/env bash/);
  assert.match(script, /^set -euo pipefail$/m);
  assert.match(script, /: "\$\{TOKEN:\?/);
  assert.match(script, /: "\$\{TOKEN_ANNE:\?/);
  assert.match(script, /upload=\$\{upload:-"up-5678"\}/);
  assert.match(script, /check_execution=\$\{check_execution:-"ce-1"\}/);
  // One request per file, with the form field and the sample under $SAMPLES.
  assert.match(script, /-F "file=@\$SAMPLES""\/essai\/a\.csv;filename=a\.csv"/);
  assert.match(script, /-F "file=@\$SAMPLES""\/essai\/b\.csv;filename=b\.csv"/);
  assert.match(script, /--form-string "\$\(fill raw "type=CSV"\)"/);
  assert.match(script, /^poll checks /m);
  assert.match(script, /^poll status "PUBLISHING MODIFYING UNPUBLISHING" "UNSTABLE" "" .* TOKEN_ANNE /m);
  assert.match(script, /capture upload "\._id"/);
  assert.match(script, /POLL_TIMEOUT/);
  assert.match(script, /cleanup\(\) \{[\s\S]*DELETE[\s\S]*\}\ntrap/);
  assert.ok(!script.includes(SECRET));
  execFileSync("bash", ["-n"], { input: script });
  const template = toShell(PARCOURS);
  assert.match(template, /upload=\$\{upload:-\}/);
  assert.ok(!template.includes("up-5678"));
});

test("collection Bruno : un dossier par page, un .bru par requête, environnement sans jeton, captures et attente", () => {
  const files = toBruno(PARCOURS, { values: VALUES, samples: { "/samples/essai/a.csv": new Uint8Array([97]) } });
  const names = Object.keys(files);
  assert.ok(names.includes("bruno.json") && names.includes("collection.bru"));
  assert.deepEqual(names.filter((name) => name.endsWith("folder.bru")), ["01 - Livraison/folder.bru", "02 - Nettoyage/folder.bru"]);
  assert.equal(names.filter((name) => name.endsWith(".bru") && !/(folder|collection|Tutoriel)\.bru$/.test(name)).length, 6);
  assert.ok(names.includes("samples/essai/a.csv"));
  const env = files["environments/Tutoriel.bru"] as string;
  assert.match(env, /upload: up-5678/);
  assert.match(env, /vars:secret \[\n  token,\n  token_anne\n\]/);
  const text = allText(files);
  assert.match(text, /url: \{\{baseUrl\}\}\/datastores\/\{\{datastore\}\}\/uploads\/\{\{upload\}\}\/data\?path=data\/a\.csv/);
  assert.match(text, /file: @file\(samples\/essai\/a\.csv\)/);
  assert.match(text, /keep\("upload", body\?\._id\);/);
  assert.match(text, /keep\("check_execution", pick\(body\?\.passed, \{"check\.name":"Vérification standard"\}\)\?\._id\);/);
  assert.match(text, /bru\.runner\.setNextRequest\(/);
  assert.match(text, /auth:bearer \{\n  token: \{\{token_anne\}\}/);
  assert.ok(!text.includes(SECRET));
  assert.ok(!allText(toBruno(PARCOURS)).includes("up-5678"));
});

test("workflow Arazzo : entrées, sorties, critères de succès, relance des attentes, description OpenAPI", () => {
  const files = toArazzo(PARCOURS, { values: VALUES });
  const document = JSON.parse(files["tutoriel.arazzo.json"] as string);
  const openapi = JSON.parse(files["entrepot.openapi.json"] as string);
  assert.equal(document.arazzo, "1.0.1");
  const workflow = document.workflows[0];
  assert.deepEqual(workflow.inputs.required, ["token"]);
  assert.equal(workflow.inputs.properties.datastore.default, "ds-1234");
  assert.ok(workflow.inputs.properties.token_anne);
  const [create, upload1, , checks, offering, cleanup] = workflow.steps;
  assert.deepEqual(create.outputs, { upload: "$response.body#/_id" });
  assert.equal(upload1.requestBody.contentType, "multipart/form-data");
  assert.deepEqual(upload1.requestBody.payload, { type: "CSV", file: "$file('./samples/essai/a.csv')" });
  assert.deepEqual(upload1.parameters.find((parameter: any) => parameter.name === "upload"), { name: "upload", in: "path", value: "$steps.etape_001.outputs.upload" });
  assert.deepEqual(checks.outputs, { check_execution: "$response.body#/passed/1/_id" });
  assert.equal(checks.onFailure[0].type, "retry");
  assert.ok(offering.successCriteria.some((criterion: any) => criterion.condition === "$response.body#/status == 'PUBLISHED'"));
  assert.equal(offering.parameters.find((parameter: any) => parameter.name === "Authorization").value, "Bearer {$inputs.token_anne}");
  assert.equal(cleanup.operationId, "$sourceDescriptions.entrepot.delete_datastores_datastore_uploads_upload");
  assert.ok(openapi.paths["/datastores/{datastore}/uploads/{upload}"].delete);
  assert.ok(!allText(files).includes(SECRET));
  assert.equal(JSON.parse(toArazzo(PARCOURS)["tutoriel.arazzo.json"] as string).workflows[0].inputs.properties.datastore.default, undefined);
});

test("zip : chaque fichier retrouvé à son chemin, textes et octets", () => {
  const entries = unzipSync(zipFiles({ "a/b.txt": "é", "c.bin": new Uint8Array([1, 2, 3]) }));
  assert.equal(strFromU8(entries["a/b.txt"]!), "é");
  assert.deepEqual([...entries["c.bin"]!], [1, 2, 3]);
});

// The exporters of « Exporter ce parcours » on a small tutorial: structure, captures (array-item matchers included),
// polling, uploads, the reader's values or a template, and never a token in any exported file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { BlockSpec } from "../../../../src/shared/block-contract.ts";
import { toArazzo } from "../../../../src/shared/export/arazzo.ts";
import { toBruno } from "../../../../src/shared/export/bruno.ts";
import { EXPORT_LIMITS, limitsOf } from "../../../../src/shared/export/limits.ts";
import { JS_PICK, jqPath, jsPath, jsonPointer, pollSpecOf, requestsOf, varName } from "../../../../src/shared/export/model.ts";
import type { Parcours } from "../../../../src/shared/export/parcours.ts";
import { shellSnippetRequest, toShell } from "../../../../src/shared/export/shell.ts";
import { SHELL_PRELUDE } from "../../../../src/shared/export/shell-prelude.ts";
import { curlBodyOptions, curlCommand, curlHeaderOptions, curlPollLoop, shellQuote } from "../../../../src/shared/snippets.ts";
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
  // One request per file, with the form field and the sample under $SAMPLES, the variables as shell variables.
  assert.match(script, /send "Livraison · bloc 2 · POST \/datastores\/\{datastore\}\/uploads\/\{upload\}\/data · a\.csv" curl -X POST "\$\{API\}\/datastores\/\$\{datastore\}\/uploads\/\$\{upload\}\/data\?path=data\/a\.csv"/);
  assert.match(script, /-F "file=@\$\{SAMPLES\}\/essai\/a\.csv"/);
  assert.match(script, /-F "file=@\$\{SAMPLES\}\/essai\/b\.csv"/);
  assert.match(script, /--form-string "type=CSV"/);
  assert.match(script, /NEED="datastore upload" send /);
  // Polling: the blocks' loop, each read through send, then settle with the pending and failing statuses.
  assert.match(script, /while :; do\n {2}NEED="datastore upload" send "Livraison · bloc 3 [^\n]*checks" curl /);
  assert.match(script, /^settle "Livraison · bloc 3 [^"]*" "\$status" "PENDING" "FAILURE EMPTY"$/m);
  assert.match(script, /^settle "Livraison · bloc 4 [^"]*" "\$status" "PUBLISHING MODIFYING UNPUBLISHING" "UNSTABLE"$/m);
  assert.match(script, /-H "Authorization: Bearer \$TOKEN_ANNE"/);
  assert.match(script, /capture "upload=\._id"/);
  assert.match(script, /POLL_TIMEOUT/);
  assert.match(script, /cleanup\(\) \{[\s\S]*DELETE[\s\S]*\}\ntrap/);
  assert.match(script, /^SECRETS="access_token"$/m);
  assert.ok(!script.includes(SECRET));
  execFileSync("bash", ["-n"], { input: script });
  const template = toShell(PARCOURS);
  assert.match(template, /upload=\$\{upload:-\}/);
  assert.ok(!template.includes("up-5678"));
});

test("script bash : chaque requête écrite par les fonctions des blocs « Copier en curl » (snippets.ts)", () => {
  const script = toShell(PARCOURS);
  const requests = requestsOf(PARCOURS);
  const names = new Set([...PARCOURS.pages.flatMap((page) => page.blocks.flatMap((item) => [...item.placeholders, ...item.captures.map((capture) => capture.variable)]))]);
  for (const request of requests) {
    const snippet = shellSnippetRequest(request, names);
    const headers = curlHeaderOptions(snippet);
    const poll = pollSpecOf(request.block);
    const local = request.file ? `{$SAMPLES}${request.file.href.replace(/^\/samples/, "")}` : undefined;
    const command = poll
      ? curlCommand(request.block.method, snippet.url, headers, snippet.variables)
      : curlCommand(request.block.method, snippet.url, [...headers, ...curlBodyOptions(snippet, local)], snippet.variables);
    const send = `NEED="${request.block.placeholders.filter((name) => name !== "fichier").map(varName).join(" ")}" send "${request.label}"`;
    const expected = poll ? curlPollLoop(command, poll, { via: send, intervalSeconds: "$POLL_INTERVAL", timeoutSeconds: "POLL_TIMEOUT" }) : `${send} ${command}`;
    assert.ok(script.includes(expected), `${request.label} :\n${expected}`);
  }
});

test("script bash : capture (un seul jq), jetons masqués, attente de l'expiration d'un jeton", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-"));
  const response = path.join(dir, "r.json");
  fs.writeFileSync(response, JSON.stringify({ _id: "u-1", n: 3, list: [{ name: "b", _id: "x" }], access_token: "secret-abc" }));
  const now = Math.floor(Date.now() / 1000);
  const jwt = (exp: number) => `e30.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.sig`;
  const run = (commands: string) => execFileSync("bash", ["-c", `set -euo pipefail\n${SHELL_PRELUDE}\nRESPONSE=${shellQuote(response)}\nSECRETS="access_token"\n${commands}`], { encoding: "utf8" });
  const out = run(`capture 'upload=._id' 'count=.n' 'missing=.nope[0]' 'item=.list[0].nothing' 'access_token=.access_token'\necho "$upload $count \${missing-unset} $access_token"`);
  assert.match(out, /\{upload\} = u-1\n {4}\{count\} = 3\n {4}\{access_token\} = \(masqué\)\nu-1 3 unset secret-abc/);
  assert.ok(!out.includes("{access_token} = secret"));
  const started = Date.now();
  assert.doesNotMatch(run(`wait_expiry "déjà expiré" ${shellQuote(jwt(now - 5))}`), /attente/);
  assert.ok(Date.now() - started < 1000);
  assert.match(run(`wait_expiry "bientôt" ${shellQuote(jwt(now + 1))}`), /attente de l'expiration du jeton : [12] s/);
  assert.ok(Date.now() - started >= 1000, "attend l'expiration");
  assert.throws(() => run(`EXPIRY_WAIT=10; wait_expiry "trop loin" ${shellQuote(jwt(now + 3600))}`), /le jeton n'expire que dans/);
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

// A tutorial with what the runners cannot do as the page does: a file produced in the page, an outside server, a token
// from the identity service shown refused once expired.
const IAM = "https://sso.geopf.fr/realms/geoplateforme";
const LIMITED: Parcours = {
  tutorial: "limites",
  title: "Limites",
  pages: [{
    url: "/tutoriels/limites/jeton/",
    title: "Jeton",
    blocks: [
      block("/tutoriels/limites/jeton/#1", { method: "POST", url: `${IAM}/protocol/openid-connect/token`, urlencoded: [{ name: "grant_type", value: "password" }, { name: "password", value: "dave" }], captures: [{ path: ["access_token"], variable: "access token" }] }),
      block("/tutoriels/limites/jeton/#2", { url: `${API}/users/me`, placeholders: ["access token"], headers: [{ name: "Authorization", value: "Bearer {access token}" }], example: '{"error": "Unauthorized", "error_description": ["Jeton d\'accès expiré"]}' }),
      block("/tutoriels/limites/jeton/#3", { method: "POST", url: `${API}/datastores/{datastore}/uploads/{upload}/data?path=data/{fichier}`, placeholders: ["datastore", "upload"], files: [{ name: "observations.geojson", href: "", size: 0, source: "page" }] }),
      block("/tutoriels/limites/jeton/#4", { url: "https://in-situ.theia-land.fr/data/ABCD/previous/", headers: [{ name: "Authorization", value: "Basic {identifiants theia}" }], placeholders: ["identifiants theia"] }),
    ],
  }],
};

test("limites des exécutants : notes en français à l'étape, attente de l'expiration, aucun jeton vers le service d'identité ni un serveur extérieur", () => {
  const requests = requestsOf(LIMITED);
  assert.deepEqual(requests.map((request) => limitsOf(request, "arazzo").map((limit) => limit.id)), [[], ["attente-sans-duree"], ["fichier-produit-dans-la-page"], ["serveur-exterieur-adresse-fixe"]]);
  assert.deepEqual(requests.map((request) => limitsOf(request, "bruno").filter((limit) => limit.skips).length), [0, 0, 0, 1]);
  assert.deepEqual(requests.map((request) => limitsOf(request, "bash").filter((limit) => limit.skips).length), [0, 0, 0, 0]);
  for (const limit of EXPORT_LIMITS) assert.ok(limit.reason.length > 20 && limit.runners.length > 0, limit.id);
  const script = toShell(LIMITED, { values: { "access token": SECRET } });
  assert.match(script, /# Limite : le fichier envoyé est produit dans la page [^\n]* \(\$SAMPLES\/observations\.geojson\)\./);
  assert.match(script, /^wait_expiry "[^"]*GET \/users\/me" "\$\{access_token-\}"\nNEED="access_token" EXPECT=4xx send /m);
  const section = (n: number) => script.split(`# Jeton, bloc ${n}\n`)[1]!.split("\n\n")[0]!;
  assert.doesNotMatch(section(1), /Authorization/, "no token to the identity service");
  assert.doesNotMatch(section(4), /Bearer/, "no token to an outside server");
  assert.match(section(4), /-H "Authorization: Basic \$\{identifiants_theia\}"/);
  assert.match(section(3), /-H "Authorization: Bearer \$TOKEN"/);
  const bruno = toBruno(LIMITED);
  const [token, expired, upload, theia] = Object.keys(bruno).filter((name) => /^01 - .*\.bru$/.test(name) && !name.endsWith("folder.bru")).sort().map((name) => bruno[name] as string);
  assert.match(token!, /auth: none/);
  assert.match(theia!, /auth: none/);
  assert.match(expired!, /script:pre-request \{[\s\S]*bru\.sleep\(wait\)/);
  assert.match(upload!, /Limite : le fichier envoyé est produit dans la page[^\n]*\(samples\/observations\.geojson\)/);
  const steps = JSON.parse(toArazzo(LIMITED)["tutoriel.arazzo.json"] as string).workflows[0].steps;
  assert.equal(steps[0].parameters, undefined, "no Authorization header to the identity service");
  assert.deepEqual(steps[1].successCriteria.map((criterion: any) => criterion.condition), ["$statusCode >= 400", "$statusCode < 500"]);
  assert.deepEqual(steps[1].onFailure[0].criteria, [{ condition: "$statusCode == 200" }]);
  assert.match(steps[1].description, /Limite : Arazzo ne sait pas attendre une durée/);
  assert.match(steps[2].description, /Limite : le fichier envoyé est produit dans la page/);
  for (const text of [script, allText(bruno), allText(toArazzo(LIMITED, { values: { "access token": SECRET } }))]) assert.ok(!text.includes(SECRET));
});

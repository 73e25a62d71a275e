// Routes and leniency the official clients (IGN's Python SDK, the Bruno collection) rely on: the checks catalog
// and relaunch, offering synchronisation, execution deletion, statics (query fields, PATCH, PUT, file), optional
// `open` and `storage_tags`, unknown keys the real API ignores.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { CHECKS } from "../../../src/mock/resources/processings/catalog.ts";
import { assertError, BASE, bytesForm, closeAndCheck, createUpload, DS, harness, runExecution, sendFiles } from "./helpers.ts";
import { privateKey } from "./access/grant.ts";

const h = harness();
after(() => h.close());
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/vecteur/${name}`, import.meta.url)));
const md5 = (bytes: Uint8Array): string => createHash("md5").update(bytes).digest("hex");
const MISSING = "00000000-0000-4000-8000-00000000dead";
let upload = "";
let storedData = "";

before(async () => {
  upload = await createUpload(h);
  await sendFiles(h, upload, [["data/a.txt", "aaa"]]);
  assert.equal((await closeAndCheck(h, upload)).body.status, "CLOSED");
});

test("GET …/checks and …/checks/{check}: the catalog; 404 for an unknown check", async () => {
  const list = await h.call("GET", `${DS}/checks`);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.map((check: { _id: string }) => check._id), Object.values(CHECKS).map((check) => check._id));
  assert.match(list.headers.get("content-range") ?? "", /^1-5\/5$/);
  const one = await h.call("GET", `${DS}/checks/${ids.checks.vector}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.name, "Vérification vecteur");
  assert.equal(typeof one.body.description, "string");
  assertError(await h.call("GET", `${DS}/checks/${MISSING}`), 404, /Vérification .* introuvable/);
  const executions = await h.call("GET", `${DS}/checks/executions`);
  assert.equal(executions.status, 200);
  assert.equal(executions.body.length, 2);
  for (const key of ["_id", "check", "status"]) assert.ok(key in executions.body[0], key);
});

test("POST …/uploads/{upload}/checks: relaunches the listed checks (CHECKING, then CLOSED); 400, 404, 409", async () => {
  const url = `${DS}/uploads/${upload}/checks`;
  assertError(await h.call("POST", url, { json: { checks: [ids.checks.standard] } }), 400, /doit être une liste JSON d.identifiants de vérifications/);
  assertError(await h.call("POST", url, { json: [] }), 400, /liste non vide/);
  assertError(await h.call("POST", url, { json: [MISSING, 3] }), 400, /\[0\] : la vérification .* n'existe pas/, /\[1\] : identifiant de vérification attendu/);
  assertError(await h.call("POST", `${DS}/uploads/${MISSING}/checks`, { json: [ids.checks.standard] }), 404, /Livraison/);
  const before = (await h.call("GET", url)).body;
  const relaunched = await h.call("POST", url, { json: [ids.checks.standard] });
  assert.equal(relaunched.status, 200, JSON.stringify(relaunched.body));
  assert.equal(relaunched.body.asked.length, 1);
  assert.equal(relaunched.body.asked[0].check._id, ids.checks.standard);
  assert.equal(relaunched.body.passed.length, 1, "the archive check's execution still counts");
  assert.notEqual(relaunched.body.asked[0]._id, before.passed.find((e: { check: { _id: string } }) => e.check._id === ids.checks.standard)._id);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CHECKING");
  assertError(await h.call("POST", url, { json: [ids.checks.standard] }), 409, /CLOSED ou UNSTABLE.*CHECKING/);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");
  assert.equal((await h.call("GET", url)).body.passed.length, 2);
  const open = await createUpload(h, "ARCHIVE", "Ouverte");
  assertError(await h.call("POST", `${DS}/uploads/${open}/checks`, { json: [ids.checks.standard] }), 409, /OPEN/);
});

test("executions: storage_tags optional (default storage of the output type); DELETE …/executions/{id}", async () => {
  const created = await h.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "Sans étiquettes" } } },
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  storedData = created.body.output.stored_data._id;
  assertError(await h.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "X", storage_tags: ["VECTEUR"] } } },
  }), 400, /aucun stockage S3 de l'entrepôt ne porte les étiquettes \[VECTEUR\]/);
  const url = `${DS}/processings/executions/${created.body._id}`;
  assert.equal((await h.call("POST", `${url}/launch`)).status, 204);
  h.tick(1500);
  assertError(await h.call("DELETE", url), 409, /en cours.*annulez-la/);
  h.tick(5000);
  assert.equal((await h.call("GET", url)).body.status, "SUCCESS");
  assert.equal((await h.call("DELETE", url)).status, 204);
  assertError(await h.call("GET", url), 404, /Exécution/);
  assertError(await h.call("DELETE", url), 404, /Exécution/);
  assert.equal((await h.call("GET", `${DS}/stored_data/${storedData}`)).body.status, "GENERATED", "the output stays");
  const storages = (await h.call("GET", DS)).body.storages.data;
  const use = (id: string): number => storages.find((entry: { storage: { _id: string } }) => entry.storage._id === id).use;
  assert.ok(use(ids.storages.s3_data_archive) > 0, "written to the default ARCHIVE storage");
  assert.equal(use(ids.storages.s3_data_pyramid), 0);
});

const downloadConfiguration = (layer: string, extra: Record<string, unknown> = {}) => ({
  type: "DOWNLOAD", name: `Archive ${layer}`, layer_name: layer,
  type_infos: { title: { fr: "Archive" }, abstract: { fr: "Résumé" }, used_data: [{ sub_name: "tout", format: "TXT", zone: "FXX", stored_data: storedData }] },
  ...extra,
});

test("configurations and offerings: unknown top-level keys ignored, `open` optional (false), PUT synchronises", async () => {
  const configuration = await h.call("POST", `${DS}/configurations`, { json: downloadConfiguration("archive_sdk", { getfeatureinfo: { stored_data: true } }) });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  assert.equal(configuration.body.getfeatureinfo, undefined);
  assertError(await h.call("POST", `${DS}/configurations`, { json: downloadConfiguration("archive_x", { type_infos: { title: { fr: "A" }, abstract: { fr: "B" }, used_data: [], colour: 1 } }) }), 400, /type_infos\.colour : clé inconnue/);
  const offerings = `${DS}/configurations/${configuration.body._id}/offerings`;
  assertError(await h.call("POST", offerings, { json: { endpoint: ids.endpoints.open.download, visibility: "PUBLIC" } }), 400, /« open » doit valoir true \(false par défaut/);
  assertError(await h.call("POST", offerings, { json: { endpoint: ids.endpoints.private.download, open: "non" } }), 400, /open : booléen attendu/);
  const offering = await h.call("POST", offerings, { json: { endpoint: ids.endpoints.private.download, visibility: "PRIVATE" } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  assert.equal(offering.body.open, false);
  assert.equal(offering.body.visibility, undefined);
  const url = `${DS}/offerings/${offering.body._id}`;
  assertError(await h.call("PUT", url), 409, /PUBLISHING.*attendez/);
  h.tick(2000);
  const before = (await h.call("GET", url)).body;
  assert.equal(before.status, "PUBLISHED");
  h.tick(60_000);
  const synced = await h.call("PUT", url);
  assert.equal(synced.status, 200, JSON.stringify(synced.body));
  assert.equal(synced.body.status, "MODIFYING");
  const apikey = await privateKey(h.call, [offering.body._id]);
  assert.equal((await fetch(`https://data.geopf.fr/private/telechargement/resource/archive_sdk?apikey=${apikey}`)).status, 200, "still served while MODIFYING");
  assert.ok(synced.body.update > before.update);
  assertError(await h.call("PUT", url), 409, /MODIFYING/);
  h.tick(2000);
  assert.equal((await h.call("GET", url)).body.status, "PUBLISHED");
  assertError(await h.call("PUT", `${DS}/offerings/${MISSING}`), 404, /Offre/);
});

test("statics: fields from the query string (SDK), PATCH, PUT (replace the file), GET …/file (bytes, content type)", async () => {
  const sld = sample("pays.sld");
  const created = await h.call("POST", `${DS}/statics?name=${encodeURIComponent("Style pays")}&type=GEOSERVER-STYLE&description=Bordures`, { form: bytesForm(sld, "pays.sld") });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.body.name, "Style pays");
  assert.equal(created.body.description, "Bordures");
  const url = `${DS}/statics/${created.body._id}`;
  const file = await fetch(`${BASE}${url}/file`);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get("content-type"), "application/xml");
  assert.equal(md5(new Uint8Array(await file.arrayBuffer())), md5(sld));
  assertError(await h.call("POST", `${DS}/statics?type=GEOSERVER-STYLE`, { form: bytesForm(sld, "pays.sld") }), 400, /^name : nom du fichier statique obligatoire/);
  assertError(await h.call("PATCH", url, { json: { name: " ", colour: 1 } }), 400, /^name : nom du fichier statique attendu/, /^colour : clé inconnue/);
  const patched = await h.call("PATCH", url, { json: { name: "Pays", description: "Style des pays" } });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal(patched.body.name, "Pays");
  assert.equal(patched.body.description, "Style des pays");
  const ftl = sample("pays.ftl");
  assertError(await h.call("PUT", url, { form: bytesForm(ftl, "pays.ftl") }), 400, /n'est pas un style SLD valide/);
  assertError(await h.call("PUT", url, { form: new FormData() }), 400, /^file : fichier obligatoire/);
  const replacement = new TextEncoder().encode(new TextDecoder().decode(sld).replace(/<\/sld:StyledLayerDescriptor>|<\/StyledLayerDescriptor>/, (end) => `<!-- v2 -->${end}`));
  const replaced = await h.call("PUT", url, { form: bytesForm(replacement, "pays-v2.sld") });
  assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
  const after = await fetch(`${BASE}${url}/file`);
  assert.equal(md5(new Uint8Array(await after.arrayBuffer())), md5(replacement));
  assertError(await h.call("GET", `${DS}/statics/${MISSING}/file`), 404, /Fichier statique/);
  assertError(await h.call("PATCH", `${DS}/statics/${MISSING}`, { json: { name: "x" } }), 404, /Fichier statique/);
  assertError(await h.call("PUT", `${DS}/statics/${MISSING}`, { form: bytesForm(sld, "pays.sld") }), 404, /Fichier statique/);
});

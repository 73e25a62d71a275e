// Metadata: upload of ISO 19139 files (identifier and level read, type and open_data from the form or the query
// string), list filters, read, PUT, PATCH, download (same bytes), publication on the CSW endpoint, DELETE.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import ids from "../../../_data/ids.json" with { type: "json" };
import { assertError, BASE, bytesForm, DS, harness } from "./helpers.ts";

const h = harness();
after(() => h.close());
const md5 = (text: string): string => createHash("md5").update(text).digest("hex");
const MISSING = "00000000-0000-4000-8000-00000000dead";
const CSW = ids.endpoints.open.csw;

// An ISO 19139 record with the given identifier and hierarchy level.
const iso = (identifier: string, level?: string, title = "Titre"): string => `<?xml version="1.0" encoding="UTF-8"?>
<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco" uuid="${identifier}">
  <gmd:fileIdentifier><gco:CharacterString>${identifier}</gco:CharacterString></gmd:fileIdentifier>
  ${level ? `<gmd:hierarchyLevel><gmd:MD_ScopeCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_ScopeCode" codeListValue="${level}">${level}</gmd:MD_ScopeCode></gmd:hierarchyLevel>` : ""}
  <gmd:identificationInfo><gmd:MD_DataIdentification><gmd:citation><gmd:CI_Citation><gmd:title><gco:CharacterString>${title}</gco:CharacterString></gmd:title></gmd:CI_Citation></gmd:citation></gmd:MD_DataIdentification></gmd:identificationInfo>
</gmd:MD_Metadata>`;
const LOT = "IGNF_RGEALTIr_2-0_ASC_5M_LAMB93_IGN69_D074.xml";
const PRODUIT = "IGNF_SCAN1000r_2-1.xml";
let lot = "";

test("POST …/metadata: identifier and level read, ISOAP and open_data false by default; the bytes read back", async () => {
  const text = iso(LOT, "dataset");
  const created = await h.call("POST", `${DS}/metadata`, { form: bytesForm(text, "metadonnee_lot.xml") });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.deepEqual({ ...created.body, _id: undefined, creation: undefined, update: undefined },
    { type: "ISOAP", open_data: false, level: "DATASET", file_identifier: LOT, tags: {}, endpoints: [], _id: undefined, creation: undefined, update: undefined });
  lot = created.body._id;
  const file = await fetch(`${BASE}${DS}/metadata/${lot}/file`);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get("content-type"), "application/xml");
  assert.equal(md5(await file.text()), md5(text));
  const series = await h.call("POST", `${DS}/metadata?type=INSPIRE&open_data=True`, { form: bytesForm(iso(PRODUIT, "series"), "metadonnee_produit.xml") });
  assert.equal(series.status, 200, JSON.stringify(series.body));
  assert.equal(series.body.level, "SERIES");
  assert.equal(series.body.type, "INSPIRE");
  assert.equal(series.body.open_data, true);
  const noLevel = await h.call("POST", `${DS}/metadata`, { form: bytesForm(iso("SANS_NIVEAU"), "sans.xml", { type: "ISOAP", open_data: "false" }) });
  assert.equal(noLevel.body.level, "DATASET");
});

test("POST …/metadata: 400 for malformed XML, another root, no identifier, bad fields; 409 for an identifier in use", async () => {
  const post = (text: string, fields: Record<string, string> = {}) => h.call("POST", `${DS}/metadata`, { form: bytesForm(text, "fiche.xml", fields) });
  assertError(await post("<gmd:MD_Metadata>"), 400, /n'est pas une fiche de métadonnées ISO 19139 valide : XML mal formé/);
  assertError(await post("<StyledLayerDescriptor/>"), 400, /racine doit être gmd:MD_Metadata/);
  assertError(await post('<gmd:MD_Metadata xmlns:gmd="g"/>'), 400, /identifiant de fiche absent/);
  assertError(await post(iso("X"), { type: "DUBLIN", open_data: "oui", colour: "red" }), 400, /^type : valeur "DUBLIN" inconnue/, /^open_data : "true" ou "false" attendu/, /^colour : champ multipart inconnu/);
  assertError(await h.call("POST", `${DS}/metadata`, { form: new FormData() }), 400, /^file : fichier obligatoire/);
  assertError(await post(iso(LOT, "dataset")), 409, /existe déjà/);
});

test("GET …/metadata: filters type and level; GET one; 404", async () => {
  const list = async (query: string): Promise<string[]> => (await h.call("GET", `${DS}/metadata${query}`)).body.map((item: { file_identifier: string }) => item.file_identifier);
  assert.deepEqual(await list(""), [LOT, PRODUIT, "SANS_NIVEAU"]);
  assert.deepEqual(await list("?type=INSPIRE"), [PRODUIT]);
  assert.deepEqual(await list("?level=DATASET"), [LOT, "SANS_NIVEAU"]);
  assert.equal((await h.call("GET", `${DS}/metadata/${lot}`)).body.file_identifier, LOT);
  assertError(await h.call("GET", `${DS}/metadata/${MISSING}`), 404, /Métadonnée/);
  assertError(await h.call("GET", `${DS}/metadata/${MISSING}/file`), 404, /Métadonnée/);
});

test("PUT (same identifier), PATCH, publication, unpublication, DELETE (409 while published)", async () => {
  const url = `${DS}/metadata/${lot}`;
  assertError(await h.call("PUT", url, { form: bytesForm(iso("AUTRE"), "autre.xml") }), 400, /ne peut pas changer/);
  const v2 = iso(LOT, "series", "Titre v2");
  const replaced = await h.call("PUT", url, { form: bytesForm(v2, "v2.xml") });
  assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
  assert.equal(replaced.body.level, "SERIES");
  assert.equal(md5(await (await fetch(`${BASE}${url}/file`)).text()), md5(v2));
  assertError(await h.call("PATCH", url, { json: { type: "X", open_data: "true" } }), 400, /^type : valeur "X" inconnue/, /^open_data : booléen attendu/);
  const patched = await h.call("PATCH", url, { json: { type: "INSPIRE", open_data: true } });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal(patched.body.type, "INSPIRE");
  assert.equal(patched.body.open_data, true);
  assertError(await h.call("POST", `${DS}/metadata/publication`, { json: { file_identifiers: [LOT, "INCONNU"], endpoint: ids.endpoints.open.wfs } }), 400,
    /endpoint : .* n'est pas un point d'accès METADATA/, /file_identifiers\[1\] : aucune fiche d'identifiant "INCONNU"/);
  assertError(await h.call("POST", `${DS}/metadata/publication`, { json: { file_identifiers: [] } }), 400, /file_identifiers : liste non vide/, /endpoint : identifiant du point d'accès METADATA .* obligatoire/);
  assert.equal((await h.call("POST", `${DS}/metadata/publication`, { json: { file_identifiers: [LOT], endpoint: CSW } })).status, 204);
  const published = (await h.call("GET", url)).body;
  assert.deepEqual(published.endpoints.map(({ name, _id }: { name: string; _id: string }) => ({ name, _id })), [{ name: "gpf-geonetwork", _id: CSW }]);
  assertError(await h.call("DELETE", url), 409, /est publiée/);
  assert.equal((await h.call("POST", `${DS}/metadata/unpublication`, { json: { file_identifiers: [LOT], endpoint: CSW } })).status, 204);
  assert.deepEqual((await h.call("GET", url)).body.endpoints, []);
  assert.equal((await h.call("DELETE", url)).status, 204);
  assertError(await h.call("GET", url), 404, /Métadonnée/);
  assertError(await h.call("DELETE", url), 404, /Métadonnée/);
  const again = await h.call("POST", `${DS}/metadata`, { form: bytesForm(iso(LOT), "lot.xml") });
  assert.equal(again.status, 200, "the identifier is free again");
});

test("POST …/metadata/{metadata}/tags merges, DELETE …/tags?tags= removes; 400 for bad tags or none named; 404 unknown", async () => {
  const created = await h.call("POST", `${DS}/metadata`, { form: bytesForm(iso("ETIQUETTES"), "tags.xml") });
  const url = `${DS}/metadata/${created.body._id}/tags`;
  assert.deepEqual((await h.call("POST", url, { json: { theme: "limites", annee: "2024" } })).body, { theme: "limites", annee: "2024" });
  assert.deepEqual((await h.call("POST", url, { json: { annee: "2025" } })).body, { theme: "limites", annee: "2025" });
  assertError(await h.call("POST", url, { json: { annee: 2025 } }), 400);
  assertError(await h.call("DELETE", url), 400, /« tags » obligatoire/);
  assert.deepEqual((await h.call("DELETE", `${url}?tags=annee,absente`)).body, { theme: "limites" });
  assert.deepEqual((await h.call("GET", `${DS}/metadata/${created.body._id}`)).body.tags, { theme: "limites" });
  assertError(await h.call("POST", `${DS}/metadata/${MISSING}/tags`, { json: { a: "b" } }), 404, /Métadonnée/);
});


test("Rights: another user, not a member of the community, may neither upload, publish nor delete metadata (403)", async () => {
  const ANNE = { headers: { Authorization: "Bearer simulation-anne" } };
  const id = (await h.call("GET", `${DS}/metadata`)).body[0]._id;
  assertError(await h.call("POST", `${DS}/metadata`, { form: bytesForm(iso("CHEZ_DAVE"), "x.xml"), ...ANNE }), 403);
  assertError(await h.call("POST", `${DS}/metadata/publication`, { json: { file_identifiers: [PRODUIT], endpoint: CSW }, ...ANNE }), 403);
  assertError(await h.call("DELETE", `${DS}/metadata/${id}`, ANNE), 403);
  assert.equal((await h.call("GET", `${DS}/metadata/${id}`)).status, 200, "still there");
});

// Custom search indexes: an INDEX upload (CSV files with their .csvt), index2index into an OPENSEARCH stored data
// (one document per row; an update appends), the SEARCH configuration and its offering on the private search
// endpoint; FAILURE with the reason in the logs for bad files; 400 for a configuration that is not over an INDEX.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { assertError, DS, harness, request, sendFiles } from "./helpers.ts";

const h = harness();
after(() => h.close());
const INDEX2INDEX = "c3297784-71e6-4417-864b-f62514768b87";
const SEARCH_ENDPOINT = "5c8f3cd0-405f-4c3e-8240-959683fc2a93";
const CSVT = "String;String;Date;WKT";
const CSV = "nom;description;date;geometrie\nBelvédère du Pic;Point de vue sur la vallée;2024-05-01;POINT(6.12 45.2)\nCascade d'Or;Chute d'eau de 40 m;2023-07-14;POINT(6.2 45.25)\n";

// A closed INDEX upload with the given files.
async function indexUpload(files: [string, string][]): Promise<string> {
  const upload = await h.call("POST", `${DS}/uploads`, { json: { type: "INDEX", name: "Sites", description: "Sites remarquables", type_infos: { is_search_layer: false }, srs: "EPSG:4326" } });
  assert.equal(upload.status, 200, JSON.stringify(upload.body));
  await sendFiles(h, upload.body._id, files);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload.body._id}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload.body._id}`)).body.status, "CLOSED");
  return upload.body._id;
}

// Runs index2index to its end; returns the execution.
async function index(upload: string, output: unknown): Promise<any> {
  const created = await h.call("POST", `${DS}/processings/executions`, { json: { processing: INDEX2INDEX, inputs: { upload: [upload] }, output: { stored_data: output } } });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal((await h.call("POST", `${DS}/processings/executions/${created.body._id}/launch`)).status, 204);
  h.tick(5000);
  return (await h.call("GET", `${DS}/processings/executions/${created.body._id}`)).body;
}

let storedData = "";

test("index2index: one document per CSV row, fields from the .csvt, OPENSEARCH storage; an update appends", async () => {
  const processing = await h.call("GET", `${DS}/processings/${INDEX2INDEX}`);
  assert.deepEqual([processing.body.input_types.upload, processing.body.output_type], [["INDEX"], { stored_data: "INDEX", storage: ["OPENSEARCH"] }]);
  const execution = await index(await indexUpload([["data/sites.csvt", CSVT], ["data/sites.csv", CSV]]), { name: "Sites remarquables", storage_type: "OPENSEARCH" });
  assert.equal(execution.status, "SUCCESS");
  storedData = execution.output.stored_data._id;
  const generated = await h.call("GET", `${DS}/stored_data/${storedData}`);
  assert.equal(generated.body.type, "INDEX");
  assert.equal(generated.body.status, "GENERATED");
  assert.equal(generated.body.storage.type, "OPENSEARCH");
  assert.deepEqual(generated.body.type_infos, { fields: { nom: "string", description: "string", date: "date", geometrie: "geometry" }, count: 2, is_search_layer: false });
  assert.match((await h.call("GET", `${DS}/processings/executions/${execution._id}/logs`)).body.join("\n"), /sites\.csv : 2 document\(s\) indexé\(s\)/);

  const more = await index(await indexUpload([["data/autres.csvt", CSVT], ["data/autres.csv", "nom;description;date;geometrie\nLac Bleu;Lac d'altitude;2022-08-02;POINT(6.3 45.1)\n"]]), { id: storedData });
  assert.equal(more.status, "SUCCESS");
  assert.equal((await h.call("GET", `${DS}/stored_data/${storedData}`)).body.type_infos.count, 3);
});

test("index2index FAILURE: no .csvt, bad column name, unknown type, other columns than the index's", async () => {
  for (const [files, pattern] of [
    [[["data/a.csv", CSV]], /autant de fichiers CSVT que de fichiers CSV/],
    [[["data/a.csvt", CSVT], ["data/a.csv", CSV.replace("nom;", "Nom;")]], /nom de colonne invalide « Nom »/],
    [[["data/a.csvt", "String;Texte;Date;WKT"], ["data/a.csv", CSV]], /type inconnu Texte/],
  ] as [[string, string][], RegExp][]) {
    const execution = await index(await indexUpload(files), { name: "Essai", storage_type: "OPENSEARCH" });
    assert.equal(execution.status, "FAILURE", JSON.stringify(files));
    assert.match((await h.call("GET", `${DS}/processings/executions/${execution._id}/logs`)).body.join("\n"), pattern);
  }
  const spare = (await index(await indexUpload([["data/c.csvt", CSVT], ["data/c.csv", CSV]]), { name: "Autre index", storage_type: "OPENSEARCH" })).output.stored_data._id;
  const other = await index(await indexUpload([["data/b.csvt", "String"], ["data/b.csv", "nom\nX\n"]]), { id: spare });
  assert.equal(other.status, "FAILURE");
  assert.match((await h.call("GET", `${DS}/processings/executions/${other._id}/logs`)).body.join("\n"), /colonnes ou types différents/);
  const left = (await h.call("GET", `${DS}/stored_data/${spare}`)).body;
  assert.deepEqual([left.status, left.type_infos.count], ["UNSTABLE", 2], "a failed update leaves the documents, the stored data UNSTABLE");
});

test("SEARCH configuration over the INDEX, published open on the private search endpoint; 400 over another type", async () => {
  const body = { type: "SEARCH", name: "Sites remarquables", layer_name: "sites_remarquables", type_infos: { title: "Sites remarquables", abstract: "Belvédères, cascades et lacs", keywords: ["Tourisme"], bbox: { west: 0, south: 0, east: 90, north: 90 }, used_data: [{ stored_data: storedData }] } };
  const configuration = await h.call("POST", `${DS}/configurations`, { json: body });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  const offering = await h.call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: SEARCH_ENDPOINT, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  assert.deepEqual(offering.body.urls, [{ type: "SEARCH", url: "https://data.geopf.fr/private/recherche/api/indexes/sites_remarquables" }]);
  h.tick(2000);
  assert.equal((await h.call("GET", `${DS}/offerings/${offering.body._id}`)).body.status, "PUBLISHED");
  assertError(await h.call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wfs, open: true } }), 400, /type WFS/);
  assertError(await h.call("POST", `${DS}/configurations`, { json: { ...body, layer_name: "autre", type_infos: { ...body.type_infos, used_data: [{ stored_data: "00000000-0000-4000-8000-00000000dead" }] } } }), 400, /introuvable/);
});

test("private search service: 401 without a key; with a key reaching the open offering, the index is listed and searched", async () => {
  const ROOT = "https://data.geopf.fr/private/recherche/api/indexes";
  assert.equal((await request("GET", ROOT, {})).status, 401);
  const key = await h.call("POST", "/users/me/keys", { json: { name: "Recherche", type: "HASH", type_infos: { hash: "cle-recherche-sites" } } });
  assert.equal(key.status, 200, JSON.stringify(key.body));
  const apikey = "apikey=cle-recherche-sites";
  assert.deepEqual((await request("GET", `${ROOT}?${apikey}`, {})).body, [], "no access yet");
  const offering = (await h.call("GET", `${DS}/offerings?layer_name=sites_remarquables`)).body[0]._id;
  const access = await h.call("POST", `/users/me/keys/${key.body._id}/accesses`, { json: { offerings: [offering] } });
  assert.ok(access.status < 300, JSON.stringify(access.body));
  const list = await request("GET", `${ROOT}?${apikey}`, {});
  assert.deepEqual(list.body.map((entry: any) => [entry.index, entry.fields]), [["sites_remarquables", { nom: "string", description: "string", date: "date", geometrie: "geometry" }]]);
  const found = await request("POST", `${ROOT}/sites_remarquables?${apikey}`, { json: { description: "vallee" } });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  assert.deepEqual(found.body.documents.map((document: any) => document.nom), ["Belvédère du Pic"]);
  assert.deepEqual((await request("POST", `${ROOT}/sites_remarquables?${apikey}`, { json: { nom: ["lac", "cascade"] } })).body.documents.map((document: any) => document.nom), ["Cascade d'Or", "Lac Bleu"]);
  assert.equal((await request("POST", `${ROOT}/sites_remarquables?${apikey}`, { json: { hauteur: "40" } })).status, 400);
  const corrected = await request("GET", `${ROOT}/sites_remarquables/suggest_autocomplete?text=cascde&${apikey}`, {});
  assert.deepEqual(corrected.body[0].options[0], { text: "cascade", score: 0.8333333, freq: 1 });
  assert.equal((await request("GET", `${ROOT}/sites_remarquables/suggest?text=lac&${apikey}`, {})).status, 400);
  assert.equal((await request("POST", `${ROOT}/inconnu?${apikey}`, { json: {} })).status, 404);
});

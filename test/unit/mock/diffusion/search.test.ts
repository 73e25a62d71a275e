// The search service's standard index `geoplateforme`: one document per published layer (a WFS offering: one per
// feature type) with the configuration's and stored data's tags; search by words, type, keywords, years, shape,
// highlights and aggregations; suggest ranked by score; autocomplete's corrections; documents by id and offering;
// the documents go with the unpublication; 400/404.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { bytesForm, DS, harness, request } from "../helpers.ts";

const h = harness();
after(() => h.close());
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../public/samples/vecteur/${name}`, import.meta.url)));
const SEARCH = "https://data.geopf.fr/recherche/api/indexes/geoplateforme";
const search = (body?: unknown) => request("POST", SEARCH, body === undefined ? {} : { json: body });

// The vector tutorial's data published in WFS (3 feature types), tagged as the standard index tutorial does.
async function publish(): Promise<{ offering: string; configuration: string }> {
  const upload = (await h.call("POST", `${DS}/uploads`, { json: { name: "Monde", description: "Monde", type: "VECTOR", srs: "EPSG:4326" } })).body._id;
  for (const name of ["monde.gpkg", "villes.csv"]) await h.call("POST", `${DS}/uploads/${upload}/data?path=data/${name}`, { form: bytesForm(sample(name), name) });
  await h.call("POST", `${DS}/uploads/${upload}/close`);
  h.tick(10_000);
  const execution = await h.call("POST", `${DS}/processings/executions`, { json: { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "Monde", storage_tags: ["VECTEUR"] } } } });
  await h.call("POST", `${DS}/processings/executions/${execution.body._id}/launch`);
  h.tick(5000);
  const db = execution.body.output.stored_data._id;
  assert.equal((await h.call("POST", `${DS}/stored_data/${db}/tags`, { json: { production_year: "2023", producer: "IGN" } })).status, 200);
  const relation = (native_name: string, title: string, abstract: string) => ({ native_name, title, abstract, keywords: ["Tutoriel", title] });
  const configuration = await h.call("POST", `${DS}/configurations`, { json: { type: "WFS", name: "Monde", layer_name: "monde_wfs", type_infos: { used_data: [{ stored_data: db, relations: [
    relation("pays", "Pays du monde", "Frontières des pays"), relation("ecoregions", "Écorégions", "Grandes régions écologiques"), relation("villes", "Villes", "Capitales et grandes villes"),
  ] }] } } });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  assert.equal((await h.call("POST", `${DS}/configurations/${configuration.body._id}/tags`, { json: { theme: "Géographie", licence: "Licence ouverte" } })).status, 200);
  const offering = await h.call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wfs, open: true } });
  return { offering: offering.body._id, configuration: configuration.body._id };
}

test("standard index: nothing before the publication, one document per feature type once PUBLISHED", async () => {
  assert.deepEqual((await search()).body, { documents: [], aggregations: {} });
  const { offering } = await publish();
  assert.equal((await search()).body.documents.length, 0, "PUBLISHING: not indexed yet");
  h.tick(2000);
  const all = await search();
  assert.equal(all.status, 200);
  const documents = all.body.documents as any[];
  assert.deepEqual(documents.map((document) => document.layer_name).sort(), ["monde_wfs:ecoregions", "monde_wfs:pays", "monde_wfs:villes"]);
  const pays = documents.find((document) => document.layer_name === "monde_wfs:pays");
  assert.equal(pays.title, "Pays du monde");
  assert.equal(pays.type, "WFS");
  assert.equal(pays.offering_id, offering);
  assert.equal(pays.index_name, "geoplateforme");
  assert.equal(pays.theme, "Géographie");
  assert.deepEqual(pays.production_years, [2023]);
  assert.deepEqual(pays.producers, ["IGN"]);
  assert.equal(pays.open, true);
  assert.match(pays.url, /^https:\/\/data\.geopf\.fr\/wfs\/geoserver\/ows\?service=WFS&version=2\.0\.0&request=DescribeFeatureType&typeNames=monde_wfs:pays$/);
  assert.equal(pays.extent.type, "Polygon");

  const ofOffering = await request("GET", `${SEARCH}/offerings/${offering}`, {});
  assert.deepEqual(ofOffering.body.map((entry: any) => entry.id).sort(), documents.map((document) => document.id).sort());
  const one = await request("GET", `${SEARCH}/documents/${pays.id}`, {});
  assert.equal(one.body.title, "Pays du monde");
  assert.equal(one.body.production_year, 2023);
  assert.equal((await request("GET", `${SEARCH}/documents/00000000-0000-4000-8000-000000000000`, {})).status, 404);
});

test("search criteria: words without case or accents, type, keywords, years, shape; highlights and aggregations", async () => {
  const layers = async (body: unknown): Promise<string[]> => {
    const reply = await search(body);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.documents.map((document: any) => document.layer_name).sort();
  };
  assert.deepEqual(await layers({ title: "ecoregion" }), ["monde_wfs:ecoregions"]);
  assert.deepEqual(await layers({ description: "grandes" }), ["monde_wfs:ecoregions", "monde_wfs:villes"]);
  assert.deepEqual(await layers({ title: "villes", type: "WFS" }), ["monde_wfs:villes"]);
  assert.deepEqual(await layers({ type: "WMS" }), []);
  assert.deepEqual(await layers({ keywords: ["pays du monde"] }), ["monde_wfs:pays"]);
  assert.deepEqual((await layers({ production_years: { min: 2020, max: 2023 } })).length, 3);
  assert.deepEqual(await layers({ production_years: { min: 2024 } }), []);
  assert.deepEqual((await layers({ shape: { type: "MultiPoint", coordinates: [[2.35, 48.85], [3, 49]] } })).length, 3);
  assert.deepEqual(await layers({ producers: "SHOM" }), []);
  const marked = await search({ title: "pays", highlight: true, aggregation: { fields: ["type"] } });
  assert.deepEqual(marked.body.documents[0].highlights, { title: ["<em>Pays</em> du monde"] });
  assert.deepEqual(marked.body.aggregations, { type: { buckets: [{ key: "WFS", doc_count: 1 }] } });
});

test("suggest ranks by score (3 letters at least); autocomplete corrects words from the titles", async () => {
  const ranked = await request("GET", `${SEARCH}/suggest?text=${encodeURIComponent("villes capitales")}`, {});
  assert.equal(ranked.status, 200);
  assert.equal(ranked.body[0].source.layer_name, "monde_wfs:villes");
  assert.equal(ranked.body[0].index, "geoplateforme");
  assert.ok(ranked.body.every((entry: any, i: number) => i === 0 || ranked.body[i - 1].score >= entry.score));
  assert.deepEqual((await request("GET", `${SEARCH}/suggest?text=vi`, {})).body, []);
  assert.deepEqual((await request("GET", `${SEARCH}/suggest?text=villes&fields=keywords,%20title`, {})).body.length, 1);
  const corrected = await request("GET", `${SEARCH}/suggest_autocomplete?text=${encodeURIComponent("vile du mnde")}`, {});
  assert.deepEqual(corrected.body.map((entry: any) => [entry.text, entry.offset, entry.length]), [["vile", 0, 4], ["du", 5, 2], ["mnde", 8, 4]]);
  assert.deepEqual(corrected.body[0].options[0], { text: "villes", score: 0.5, freq: 1 });
  assert.deepEqual(corrected.body[1].options, []);
  assert.deepEqual(corrected.body[2].options[0], { text: "monde", score: 0.75, freq: 1 });
});

test("4xx: unknown body key, wrong types, unknown suggest field, unknown index", async () => {
  for (const body of [{ titre: "x" }, { open: "oui" }, { publication_date: { min_publication_date: "2023" } }, { aggregation: { fields: ["couleur"] } }]) {
    const reply = await search(body);
    assert.equal(reply.status, 400, JSON.stringify(body));
    assert.ok(Array.isArray(reply.body.error_description));
  }
  assert.equal((await request("GET", `${SEARCH}/suggest?text=villes&fields=couleur`, {})).status, 400);
  assert.equal((await request("POST", "https://data.geopf.fr/recherche/api/indexes/inconnu", { json: {} })).status, 404);
});

test("unpublishing the offering removes its documents from the index", async () => {
  const [document] = (await search({ title: "pays" })).body.documents;
  assert.equal((await h.call("DELETE", `${DS}/offerings/${document.offering_id}`)).status, 204);
  h.tick(2000);
  assert.deepEqual((await search()).body.documents, []);
  assert.deepEqual((await request("GET", `${SEARCH}/offerings/${document.offering_id}`, {})).body, []);
});

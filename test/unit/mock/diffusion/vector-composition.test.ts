// db_to_pyramid's composition beyond levels and attributes: `layer` names the MVT layer a table fills, `filter` (CQL)
// keeps only some of its features, and one table may fill two layers at different levels. Read back from the TMS
// tiles and metadata.json of the published pyramid; bad layer names, filters and overlapping layers are a 400.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { assertError, DS, fetchText, harness } from "../helpers.ts";
import { decodeTile, fetchTile, layerFeatures, publishVectorPyramid, tileOf } from "./vector-tiles-helpers.ts";

const h = harness();
after(() => h.close());

const TMS = "https://data.geopf.fr/tms/1.0.0/monde_tuiles";
const COMPOSITION = [
  { table: "pays", top_level: "0", bottom_level: "7", attributes: ["nom"] },
  // The big cities alone at small scales, every city further down, with fewer attributes.
  { table: "villes", layer: "grandes_villes", filter: "population > 1000000", top_level: "3", bottom_level: "4", attributes: ["nom", "population"] },
  { table: "villes", top_level: "5", bottom_level: "7", attributes: ["nom"] },
];

before(async () => {
  await publishVectorPyramid(h.call, h.tick, COMPOSITION);
});

test("metadata.json names the composition's layers with their own levels and fields", async () => {
  const metadata = await fetchText(`${TMS}/metadata.json`);
  assert.equal(metadata.status, 200, metadata.text);
  const layers = JSON.parse(metadata.text).vector_layers.map(({ id, fields, minzoom, maxzoom }: Record<string, unknown>) => ({ id, fields, minzoom, maxzoom }));
  assert.deepEqual(layers, [
    { id: "pays", fields: { nom: "String" }, minzoom: 0, maxzoom: 7 },
    { id: "grandes_villes", fields: { nom: "String", population: "Number" }, minzoom: 3, maxzoom: 4 },
    { id: "villes", fields: { nom: "String" }, minzoom: 5, maxzoom: 7 },
  ]);
});

test("the filtered layer keeps the cities over a million at levels 3 and 4; level 5 has every city, by name only", async () => {
  const at4 = tileOf(2.35, 48.86, 4);
  const small = await fetchTile(`${TMS}/4/${at4.x}/${at4.y}.pbf`);
  assert.equal(small.status, 200, small.text);
  const decoded = decodeTile(small.bytes);
  assert.deepEqual(Object.keys(decoded.layers).sort(), ["grandes_villes", "pays"]);
  const big = layerFeatures(decoded, "grandes_villes").map((feature) => ({ ...feature.properties }));
  assert.ok(big.some((city) => city.nom === "Paris"), JSON.stringify(big));
  assert.ok(!big.some((city) => city.nom === "Lyon"), "Lyon (520 000 habitants) is filtered out");
  assert.ok(big.every((city) => Number(city.population) > 1_000_000), JSON.stringify(big));

  const at5 = tileOf(2.35, 48.86, 5);
  const large = decodeTile((await fetchTile(`${TMS}/5/${at5.x}/${at5.y}.pbf`)).bytes);
  assert.deepEqual(Object.keys(large.layers).sort(), ["pays", "villes"]);
  const cities = layerFeatures(large, "villes").map((feature) => ({ ...feature.properties }));
  assert.ok(cities.some((city) => city.nom === "Paris"));
  assert.deepEqual(Object.keys(cities[0]!), ["nom"]);
});

test("a layer name, a filter or layers that overlap are checked when the execution is created", async () => {
  const db = (await h.call("GET", `${DS}/stored_data?type=VECTOR-DB`)).body[0]._id as string;
  const create = (composition: object[]) => h.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output: { stored_data: { name: "Essai", storage_tags: ["PYRAMIDE"] } }, parameters: { composition } },
  });
  const villes = { table: "villes", top_level: "5", bottom_level: "7" };
  assertError(await create([{ ...villes, layer: "grandes villes" }]), 400, /parameters\.composition\[0\]\.layer : « grandes villes » n'est pas un nom de couche valide/);
  assertError(await create([{ ...villes, filter: "population >" }]), 400, /parameters\.composition\[0\]\.filter : filtre invalide/);
  assertError(await create([{ ...villes, filter: "habitants > 1000" }]), 400, /parameters\.composition\[0\]\.filter : « habitants » absent\(s\) de la table « villes » \(attributs : nom, pays, longitude, latitude, population\)/);
  assertError(await create([villes, { ...villes, top_level: "7", bottom_level: "9" }]), 400, /parameters\.composition\[1\] : la couche « villes » est déjà remplie aux mêmes niveaux par parameters\.composition\[0\]/);
  assert.equal((await create([villes, { ...villes, layer: "villes_bis", filter: "pays = 'France'" }])).status, 200);
});

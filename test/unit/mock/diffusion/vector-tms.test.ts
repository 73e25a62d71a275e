// The VECTOR-TMS service (vector tiles computed on the fly) after the vector tutorial's integration in base: a
// VECTOR-TMS configuration published on the open VECTOR-TMS endpoint (PUBLISHING → PUBLISHED, one TMS URL per
// relation), the checks IGN's tutorial tells readers to do — index.json, the layer's JSON, tiles with filter and
// properties — decoded as MapLibre and OpenLayers read them, the errors, and what is served when.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../../_data/ids.json" with { type: "json" };
import urls from "../../../../_data/urls.json" with { type: "json" };
import { assertError, DS, harness } from "../helpers.ts";
import { decodeTile, fetchTile, layerFeatures, lonLatOf, tileOf } from "./vector-tiles-helpers.ts";
import { integrateVectorData, publishVectorTms, vectorTmsConfiguration } from "./vector-tms-helpers.ts";

const h = harness();
after(() => h.close());

const ROOT = `${urls.public.tmsv}/1.0.0`;
const LAYER = "pays_ecoregions.regions_ecologiques";
const NEARCTIC = ["Forêt boréale du Bouclier", "Toundra du Grand Nord"];

// A tile (or document) of the service as a client gets it, with its text for JSON and error answers.
const get = (path: string): ReturnType<typeof fetchTile> => fetchTile(`${ROOT}/${path}`);
const jsonOf = async (path: string): Promise<any> => {
  const reply = await get(path);
  assert.equal(reply.status, 200, reply.text);
  assert.match(reply.type, /^application\/json/);
  return JSON.parse(reply.text);
};
// The eco-region names of a tile's layer.
const names = (bytes: Uint8Array, layer = "regions_ecologiques"): string[] => layerFeatures(decodeTile(bytes), layer).map((feature) => String(feature.properties.nom_ecoregion)).sort();

let db = "";
let offering: any;
before(async () => {
  db = await integrateVectorData(h);
  offering = (await publishVectorTms(h, db)).body;
});

test("VECTOR-TMS offering: PUBLISHING then PUBLISHED on the open VECTOR-TMS endpoint, one TMS URL per relation, served only once published", async () => {
  assert.equal(offering.status, "PUBLISHING");
  assert.equal(offering.open, true);
  assert.deepEqual(offering.urls, [{ type: "TMS", url: `${ROOT}/${LAYER}` }, { type: "TMS", url: `${ROOT}/pays_ecoregions.pays` }]);
  assert.deepEqual(await jsonOf("index.json"), {}, "nothing served while PUBLISHING");
  assert.equal((await get(`${LAYER}.json`)).status, 404);
  h.tick(2000);
  const published = await h.call("GET", `${DS}/offerings/${offering._id}`);
  assert.equal(published.body.status, "PUBLISHED");
  assert.equal(published.body.endpoint._id, ids.endpoints.open.tmsv);
  const datastore = await h.call("GET", DS);
  const endpoint = datastore.body.endpoints.find((item: any) => item.endpoint._id === ids.endpoints.open.tmsv)?.endpoint;
  assert.deepEqual({ type: endpoint?.type, open: endpoint?.open, urls: endpoint?.urls }, { type: "VECTOR-TMS", open: true, urls: [{ type: "TMS", url: `${urls.public.tmsv}/` }] });
});

test("VECTOR-TMS offering refused on another endpoint type, another type refused on the VECTOR-TMS endpoint, open: false refused", async () => {
  const other = await h.call("POST", `${DS}/configurations`, { json: vectorTmsConfiguration(db, "autre_tmsv") });
  assert.equal(other.status, 200, JSON.stringify(other.body));
  const offerings = `${DS}/configurations/${other.body._id}/offerings`;
  assertError(await h.call("POST", offerings, { json: { endpoint: ids.endpoints.open.wmts, open: true } }), 400,
    new RegExp(`de type WMTS-TMS, la configuration est de type VECTOR-TMS \\(points d'accès compatibles : ${ids.endpoints.open.tmsv} \\(ouvert\\)\\)`));
  assertError(await h.call("POST", offerings, { json: { endpoint: ids.endpoints.open.tmsv, open: false } }), 400, /est ouvert, « open » doit valoir true/);
  const wfs = await h.call("POST", `${DS}/configurations`, {
    json: { type: "WFS", name: "W", layer_name: "pays_wfs", type_infos: { used_data: [{ stored_data: db, relations: [{ native_name: "pays", title: "Pays", abstract: "Pays" }] }] } },
  });
  assert.equal(wfs.status, 200, JSON.stringify(wfs.body));
  assertError(await h.call("POST", `${DS}/configurations/${wfs.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.tmsv, open: true } }), 400,
    /de type VECTOR-TMS, la configuration est de type WFS/);
});

test("VECTOR-TMS index.json and layer JSON: the published layers, tile URL, bounds, levels and the table's fields", async () => {
  const index = await jsonOf("index.json");
  assert.deepEqual(Object.keys(index), [LAYER, "pays_ecoregions.pays"]);
  assert.deepEqual(index[LAYER], { type: "table", id: LAYER, schema: "pays_ecoregions", name: "regions_ecologiques", description: "Écorégions terrestres", detailurl: `${ROOT}/${LAYER}.json` });
  const layer = await jsonOf(`${LAYER}.json`);
  assert.equal(layer.tilejson, "3.0.0");
  assert.deepEqual(layer.tiles, [`${ROOT}/${LAYER}/{z}/{x}/{y}.pbf`]);
  assert.equal(layer.tileurl, layer.tiles[0]);
  assert.deepEqual([layer.minzoom, layer.maxzoom], [0, 18]);
  assert.equal(layer.geometrytype, "MultiPolygon");
  assert.deepEqual(layer.properties.map((property: any) => [property.name, property.type]), [["nom_ecoregion", "varchar"], ["biome", "varchar"], ["royaume", "varchar"]]);
  assert.deepEqual(layer.vector_layers, [{ id: "regions_ecologiques", description: "Écorégions terrestres", fields: { nom_ecoregion: "String", biome: "String", royaume: "String" }, minzoom: 0, maxzoom: 18 }]);
  const [west, south, east, north] = layer.bounds as number[];
  assert.ok(west! < -60 && east! > 10 && south! < 0 && north! > 60, `bounds of the eco-regions: ${layer.bounds}`);
  const pays = await jsonOf("pays_ecoregions.pays.json");
  assert.deepEqual(pays.properties.map((property: any) => [property.name, property.type]), [["nom", "varchar"], ["code_iso", "varchar"], ["population", "int8"]]);
});

test("VECTOR-TMS tile: one MVT layer named after the public name, every attribute, the feature id, the place right", async () => {
  const layer = await jsonOf(`${LAYER}.json`);
  const tile = await fetchTile(layer.tiles[0].replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
  assert.equal(tile.status, 200, tile.text);
  assert.equal(tile.type, "application/x-protobuf");
  assert.equal(tile.cors, "*");
  const decoded = decodeTile(tile.bytes);
  assert.deepEqual(Object.keys(decoded.layers), ["regions_ecologiques"]);
  assert.equal(decoded.layers.regions_ecologiques!.extent, 4096);
  assert.equal(names(tile.bytes).length, 8);
  const { x, y } = tileOf(2.35, 48.86, 5);
  const paris = await get(`${LAYER}/5/${x}/${y}.pbf`);
  assert.equal(paris.status, 200, paris.text);
  const [forest] = layerFeatures(decodeTile(paris.bytes), "regions_ecologiques").filter((feature) => feature.properties.nom_ecoregion === "Forêts atlantiques de l'Ouest européen");
  assert.ok(forest, `the Atlantic forests cover Paris: ${names(paris.bytes)}`);
  assert.deepEqual({ ...forest.properties }, { nom_ecoregion: "Forêts atlantiques de l'Ouest européen", biome: "Forêts tempérées de feuillus et mixtes", royaume: "Paléarctique" });
  assert.equal(forest.id, 1, "the feature id is its ogc_fid");
  assert.equal(forest.type, 3);
  const ring = forest.loadGeometry()[0]!.map((point) => lonLatOf(point.x, point.y, 4096, 5, x, y));
  assert.ok(ring.every(([lon, lat]) => lon > -30 && lon < 40 && lat > 30 && lat < 75), "its ring in western Europe");
  const countries = await get(`pays_ecoregions.pays/5/${x}/${y}.pbf`);
  const france = layerFeatures(decodeTile(countries.bytes), "pays").find((feature) => feature.properties.code_iso === "FRA");
  assert.deepEqual({ ...france?.properties }, { nom: "France", code_iso: "FRA", population: 68000000 });
});

test("VECTOR-TMS tile: filter keeps the matching features, properties only the attributes asked", async () => {
  const filtered = await get(`${LAYER}/0/0/0.pbf?filter=${encodeURIComponent("royaume='Néarctique'")}&properties=nom_ecoregion`);
  assert.equal(filtered.status, 200, filtered.text);
  assert.deepEqual(names(filtered.bytes), NEARCTIC);
  for (const feature of layerFeatures(decodeTile(filtered.bytes), "regions_ecologiques")) assert.deepEqual(Object.keys(feature.properties), ["nom_ecoregion"]);
  const both = await get(`${LAYER}/0/0/0.pbf?filter=${encodeURIComponent("royaume IN ('Néarctique', 'Néotropique') AND biome LIKE 'Forêt%'")}&properties=royaume,biome`);
  assert.deepEqual(layerFeatures(decodeTile(both.bytes), "regions_ecologiques").map((feature) => ({ ...feature.properties })),
    [{ biome: "Forêts tropicales humides", royaume: "Néotropique" }, { biome: "Forêts boréales", royaume: "Néarctique" }]);
  const ids = await get(`${LAYER}/0/0/0.pbf?filter=${encodeURIComponent("IN ('regions_ecologiques.3')")}&properties=ogc_fid`);
  const [only, ...rest] = layerFeatures(decodeTile(ids.bytes), "regions_ecologiques");
  assert.deepEqual([only?.id, { ...only?.properties }, rest.length], [3, {}, 0]);
});

test("VECTOR-TMS tile: an empty tile is an empty MVT (200, no bytes), where no feature falls or none passes the filter", async () => {
  const { x, y } = tileOf(-150, -40, 6);
  for (const path of [`${LAYER}/6/${x}/${y}.pbf`, `${LAYER}/0/0/0.pbf?filter=${encodeURIComponent("royaume = 'Antarctique'")}`]) {
    const empty = await get(path);
    assert.equal(empty.status, 200, empty.text);
    assert.equal(empty.type, "application/x-protobuf");
    assert.equal(empty.bytes.length, 0);
    assert.deepEqual(Object.keys(decodeTile(empty.bytes).layers), []);
  }
});

test("VECTOR-TMS errors: unknown layer or path 404, bad z/x/y, extension, filter or property 400, in French", async () => {
  const expect = async (path: string, status: number, pattern: RegExp): Promise<void> => {
    const reply = await get(path);
    assert.equal(reply.status, status, `${path}: ${reply.text}`);
    assert.match(reply.type, /^text\/plain/);
    assert.equal(reply.cors, "*");
    assert.match(reply.text, pattern, path);
  };
  await expect("pays_ecoregions.rivieres.json", 404, /La couche « pays_ecoregions\.rivieres » n'existe pas ou n'est pas publiée .*couches publiées : pays_ecoregions\.regions_ecologiques, pays_ecoregions\.pays/);
  await expect("pays_ecoregions.rivieres/0/0/0.pbf", 404, /n'existe pas ou n'est pas publiée/);
  await expect(LAYER, 404, /Chemin inconnu du service TMS vecteur/);
  await expect(`${LAYER}/0/0`, 404, /Chemin inconnu du service TMS vecteur/);
  await expect(`${LAYER}/19/0/0.pbf`, 400, /Niveau 19 hors des niveaux du service : de 0 à 18/);
  await expect(`${LAYER}/2/4/0.pbf`, 400, /Tuile 2\/4\/0 hors de la grille : au niveau 2, x et y vont de 0 à 3/);
  await expect(`${LAYER}/2/1/x.pbf`, 400, /Chemin de tuile invalide/);
  await expect(`${LAYER}/a/1/1.pbf`, 400, /Chemin de tuile invalide/);
  await expect(`${LAYER}/2/1/1.png`, 400, /Extension « png » invalide/);
  await expect(`${LAYER}/0/0/0.pbf?filter=${encodeURIComponent("royaume = 'Paléarctique")}`, 400, /Paramètre filter invalide \(Filtre invalide : chaîne ouverte/);
  await expect(`${LAYER}/0/0/0.pbf?filter=${encodeURIComponent("realm='Palearctic'")}`, 400, /Paramètre filter invalide : attribut inconnu « realm » .*attributs de la couche : nom_ecoregion, biome, royaume/);
  await expect(`${LAYER}/0/0/0.pbf?properties=id,eco_name`, 400, /Paramètre properties invalide : attributs inconnus « id », « eco_name »/);
});

test("VECTOR-TMS: MODIFYING still served, a deleted offering no longer", async () => {
  const [tiles] = (await h.call("GET", `${DS}/offerings?type=VECTOR-TMS`)).body;
  assert.equal((await h.call("PUT", `${DS}/offerings/${tiles._id}`)).body.status, "MODIFYING");
  assert.equal(names((await get(`${LAYER}/0/0/0.pbf`)).bytes).length, 8);
  h.tick(2000);
  assert.equal((await h.call("DELETE", `${DS}/offerings/${tiles._id}`)).status, 204);
  assert.deepEqual(await jsonOf("index.json"), {});
  assert.equal((await get(`${LAYER}/0/0/0.pbf`)).status, 404);
});

// The features the diffusion services read back from a stored data's kept files (diffusion/vector-data.ts):
// after the vector tutorial's integration (monde.gpkg + villes.csv) and the shapefile sample's, with the
// upload deleted as the cleanup page does, then from a vector pyramid once its VECTOR-DB is deleted too.
import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { forgetVectorTables, vectorTables } from "../../../../src/mock/diffusion/vector-data.ts";
import type { Table } from "../../../../src/mock/diffusion/vector-data.ts";
import { wgs84ToLambert93 } from "../../../../src/mock/formats/crs.ts";
import { STORED_DATA } from "../../../../src/mock/resources/stored-data/records.ts";
import { createTypedUpload, DS, harness, runExecution, sendBytes } from "../helpers.ts";

const h = harness();
after(() => h.close());
beforeEach(() => forgetVectorTables());

const file = (folder: string, name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../public/samples/${folder}/${name}`, import.meta.url)));

/** Uploads files (closed and checked), integrates them; returns the upload and the VECTOR-DB ids. */
async function integrate(srs: string, files: [string, Uint8Array][]): Promise<{ upload: string; db: string }> {
  const upload = await createTypedUpload(h, "VECTOR", srs, "Données");
  await sendBytes(h, upload, files);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");
  const execution = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "Données", storage_tags: ["VECTEUR"] } }, parameters: { srs: "EPSG:3857" } });
  assert.equal(execution.body.status, "SUCCESS");
  return { upload, db: execution.body.output.stored_data._id as string };
}

const tablesOf = (id: string): Promise<Map<string, Table>> => vectorTables(h.store, h.store.run((ctx) => ctx.records.get(STORED_DATA, id)!));
const inRange = (value: number, min: number, max: number): boolean => value >= min && value <= max;

test("GeoPackage and CSV: every feature, attributes under the integrated names, WGS 84 geometry; still served once the upload is deleted", async () => {
  const { upload, db } = await integrate("EPSG:4326", [["data/monde.gpkg", file("vecteur", "monde.gpkg")], ["data/villes.csv", file("vecteur", "villes.csv")]]);
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  const tables = await tablesOf(db);
  assert.deepEqual([...tables.keys()], ["pays", "ecoregions", "villes"]);
  const pays = tables.get("pays")!;
  assert.equal(pays.features.length, 8);
  assert.equal(pays.geometryType, "MULTIPOLYGON");
  assert.deepEqual(pays.columns, [{ name: "nom", type: "character varying" }, { name: "code_iso", type: "character varying" }, { name: "population", type: "bigint" }]);
  const france = pays.features.find((feature) => feature.properties.nom === "France")!;
  assert.deepEqual(france.properties, { nom: "France", code_iso: "FRA", population: 68000000 });
  assert.equal(france.id, 1);
  assert.equal(france.geometry?.type, "MultiPolygon");
  const positions = (france.geometry!.coordinates as number[][][][]).flat(2);
  assert.ok(positions.every(([lon, lat]) => inRange(lon!, -5, 10) && inRange(lat!, 41, 52)), JSON.stringify(positions));
  assert.deepEqual(pays.features.map((feature) => feature.id), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.ok(pays.bbox && pays.bbox[0] === -141 && inRange(pays.bbox[3], 69, 71), String(pays.bbox));
  assert.equal(tables.get("ecoregions")!.features[0]!.properties.nom_ecoregion, "Forêts atlantiques de l'Ouest européen");

  const villes = tables.get("villes")!;
  assert.equal(villes.features.length, 11);
  const paris = villes.features[0]!;
  assert.deepEqual(paris.properties, { nom: "Paris", pays: "France", longitude: 2.35, latitude: 48.86, population: 2100000 });
  assert.deepEqual(paris.geometry, { type: "Point", coordinates: [2.35, 48.86] });
  assert.equal(villes.features.find((feature) => feature.properties.nom === "Brasília")?.properties.pays, "Brésil");

  // Read from the cache the second time: the same table.
  assert.equal((await tablesOf(db)).get("pays"), pays);
});

test("Shapefile in Lambert-93: the departments with their UTF-8 attributes, in WGS 84; the pyramid serves them after the VECTOR-DB is deleted", async () => {
  const parts = ["shp", "shx", "dbf", "prj", "cpg"].map((ext): [string, Uint8Array] => [`data/DEPARTEMENT.${ext}`, file("shapefile", `DEPARTEMENT.${ext}`)]);
  const { upload, db } = await integrate("EPSG:2154", parts);
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  const departements = (await tablesOf(db)).get("departement")!;
  assert.equal(departements.features.length, 6);
  const paris = departements.features[0]!;
  assert.deepEqual(paris.properties, { code_dept: "75", nom: "Paris", region: "Île-de-France", chef_lieu: "Paris", population: 2133000, superficie: 105.4 });
  assert.equal(paris.geometry?.type, "MultiPolygon");
  const ring = (paris.geometry!.coordinates as number[][][][])[0]![0]!;
  assert.ok(ring.every(([lon, lat]) => inRange(lon!, 2.2, 2.45) && inRange(lat!, 48.8, 48.92)), JSON.stringify(ring));
  const area = ring.reduce((sum, [x1, y1], i) => sum + x1! * ring[(i + 1) % ring.length]![1]! - ring[(i + 1) % ring.length]![0]! * y1!, 0);
  assert.ok(area > 0, "the shapefile's clockwise exterior ring is wound counter-clockwise (RFC 7946)");
  assert.equal(departements.features.find((feature) => feature.properties.code_dept === "2A")?.properties.chef_lieu, "Ajaccio");

  const pyramid = await runExecution(h, {
    processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output: { stored_data: { name: "Départements", storage_tags: ["PYRAMIDE"] } },
    parameters: { composition: [{ table: "departement", top_level: "5", bottom_level: "10", attributes: ["nom", "population"] }] },
  });
  assert.equal(pyramid.body.status, "SUCCESS");
  assert.equal((await h.call("DELETE", `${DS}/stored_data/${db}`)).status, 204);
  forgetVectorTables();
  const tiled = (await tablesOf(pyramid.body.output.stored_data._id)).get("departement")!;
  assert.deepEqual(tiled.columns, [{ name: "nom", type: "character varying" }, { name: "population", type: "integer" }]);
  assert.equal(tiled.features.length, 6);
  assert.deepEqual(tiled.features[1]!.properties, { nom: "Finistère", population: 915000 });
  assert.equal(tiled.geometryType, "MULTIPOLYGON");
});

test("an update replacing one relation keeps the files of the others; a record without sources gives empty tables", async () => {
  const { db } = await integrate("EPSG:4326", [["data/monde.gpkg", file("vecteur", "monde.gpkg")], ["data/villes.csv", file("vecteur", "villes.csv")]]);
  const update = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Villes");
  const csv = "nom,wkt\nNantes,POINT (-1.55 47.22)\nLille,POINT (3.06 50.63)\n";
  await sendBytes(h, update, [["data/villes.csv", new TextEncoder().encode(csv)]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${update}/close`)).status, 204);
  h.tick(10_000);
  const execution = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [update] }, output: { stored_data: { id: db } }, parameters: {} });
  assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
  const tables = await tablesOf(db);
  assert.equal(tables.get("pays")!.features.length, 8);
  assert.deepEqual(tables.get("villes")!.features.map((feature) => [feature.properties.nom, feature.geometry]), [
    ["Nantes", { type: "Point", coordinates: [-1.55, 47.22] }], ["Lille", { type: "Point", coordinates: [3.06, 50.63] }],
  ]);
  assert.equal(h.store.run((ctx) => ctx.records.get(STORED_DATA, db)!.files.length), 2);

  // A stored data saved before the sources were kept.
  const old = h.store.run((ctx) => {
    const record = structuredClone(ctx.records.get(STORED_DATA, db)!);
    record.files = [];
    for (const relation of record.details?.relations ?? []) delete relation.source;
    return record;
  });
  forgetVectorTables();
  const empty = await vectorTables(h.store, old);
  assert.deepEqual([...empty.values()].map((table) => [table.name, table.features.length, table.columns.length]), [["pays", 0, 3], ["ecoregions", 0, 3], ["villes", 0, 1]]);

  // A source whose blob is gone, asked twice at once: no features, no rejection.
  const gone = h.store.run((ctx) => structuredClone(ctx.records.get(STORED_DATA, db)!));
  for (const relation of gone.details?.relations ?? []) relation.source!.blobs = ["blob-absent"];
  const [first, second] = await Promise.all([vectorTables(h.store, gone), vectorTables(h.store, gone)]);
  assert.deepEqual([...first.values(), ...second.values()].map((table) => table.features.length), [0, 0, 0, 0, 0, 0]);
  assert.equal(first.get("villes")!.columns.length, 1);
});

test("GeoJSON with a Lambert-93 crs member: properties by integrated name, points back in WGS 84", async () => {
  const point = (lon: number, lat: number) => ({ type: "Point", coordinates: wgs84ToLambert93(lon, lat) });
  const geojson = {
    type: "FeatureCollection", name: "Préfectures", crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::2154" } },
    features: [
      { type: "Feature", properties: { "Nom de ville": "Rennes", Habitants: 220000, Capitale: true }, geometry: point(-1.68, 48.11) },
      { type: "Feature", properties: { "Nom de ville": "Nantes", Habitants: 320000, Capitale: false }, geometry: point(-1.55, 47.22) },
    ],
  };
  const { db } = await integrate("EPSG:2154", [["data/prefectures.geojson", new TextEncoder().encode(JSON.stringify(geojson))]]);
  const table = (await tablesOf(db)).get("prefectures")!;
  assert.deepEqual(table.columns, [{ name: "nom_de_ville", type: "character varying" }, { name: "habitants", type: "integer" }, { name: "capitale", type: "character varying" }]);
  assert.deepEqual(table.features.map((feature) => feature.properties), [
    { nom_de_ville: "Rennes", habitants: 220000, capitale: "true" }, { nom_de_ville: "Nantes", habitants: 320000, capitale: "false" },
  ]);
  const [lon, lat] = (table.features[0]!.geometry as { coordinates: number[] }).coordinates;
  assert.ok(Math.abs(lon! + 1.68) < 1e-6 && Math.abs(lat! - 48.11) < 1e-6, `${lon}, ${lat}`);
  assert.equal(table.geometryType, "POINT");
});

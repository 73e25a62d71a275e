// The MVT encoder on hand-made tables: layers, attributes kept, feature ids, geometry position (decoded with
// @mapbox/vector-tile and pbf, as MapLibre and OpenLayers read them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { encodeTile, indexTable, MVT_EXTENT, tileLayers } from "../../../../src/mock/diffusion/mvt-encode.ts";
import type { Table } from "../../../../src/mock/diffusion/vector-data.ts";
import { decodeTile, layerFeatures, lonLatOf, tileOf } from "./vector-tiles-helpers.ts";

const villes: Table = {
  name: "villes", columns: [{ name: "nom", type: "character varying" }, { name: "population", type: "integer" }, { name: "pays", type: "character varying" }], geometryType: "POINT",
  features: [
    { id: 1, properties: { nom: "Paris", population: 2100000, pays: "France" }, geometry: { type: "Point", coordinates: [2.35, 48.86] } },
    { id: 2, properties: { nom: "Lyon", population: null, pays: "France" }, geometry: { type: "Point", coordinates: [4.84, 45.76] } },
    { id: 3, properties: { nom: "Sans lieu", population: 1, pays: "France" }, geometry: null },
  ],
};
const zone: Table = {
  name: "zones", columns: [{ name: "code", type: "character varying" }], geometryType: "MULTIPOLYGON",
  features: [{ id: 7, properties: { code: "Z" }, geometry: { type: "MultiPolygon", coordinates: [[[[-10, 40], [10, 40], [10, 55], [-10, 55], [-10, 40]]]] } }],
};

test("MVT encoder: one layer per table with features, chosen attributes only, ids and positions", async () => {
  const indexes = [await indexTable(villes, ["nom", "population"], 7), await indexTable(zone, ["code"], 7)];
  const z = 6;
  const { x, y } = tileOf(2.35, 48.86, z);
  const bytes = await encodeTile(tileLayers(indexes, z, x, y));
  const tile = decodeTile(bytes);
  assert.deepEqual(Object.keys(tile.layers).sort(), ["villes", "zones"]);
  const layer = tile.layers.villes!;
  assert.equal(layer.version, 2);
  assert.equal(layer.extent, MVT_EXTENT);
  const features = layerFeatures(tile, "villes");
  const paris = features.find((f) => f.properties.nom === "Paris");
  assert.ok(paris, "Paris is in its tile");
  assert.deepEqual({ ...paris.properties }, { nom: "Paris", population: 2100000 });
  assert.equal(paris.id, 1);
  assert.equal(paris.type, 1);
  const point = paris.loadGeometry()[0]![0]!;
  const [lon, lat] = lonLatOf(point.x, point.y, layer.extent, z, x, y);
  assert.ok(Math.abs(lon - 2.35) < 0.01 && Math.abs(lat - 48.86) < 0.01, `${lon} ${lat}`);
  // A null attribute is left out of the feature, as tippecanoe does; a feature without geometry is not tiled.
  assert.ok(!features.some((f) => f.properties.nom === "Sans lieu"));
  const zones = tile.layers.zones!;
  assert.equal(zones.feature(0).type, 3);
  assert.deepEqual({ ...zones.feature(0).properties }, { code: "Z" });
});

test("MVT encoder: a tile away from every feature has no layer", async () => {
  const indexes = [await indexTable(villes, ["nom"], 7)];
  const { x, y } = tileOf(-120, -40, 5);
  assert.deepEqual(tileLayers(indexes, 5, x, y), {});
});

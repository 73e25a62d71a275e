// The TMS vector tiles after the vector tutorial's flow up to the pyramid and its TMS publication (upload of
// monde.gpkg and villes.csv, vector_to_db, db_to_pyramid with a composition, WMTS-TMS offering): tiles decoded
// as MapLibre and OpenLayers read them, the levels of each table, the errors, and metadata.json against them.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { DS, fetchText, harness } from "../helpers.ts";
import { descendants, parseXml } from "../../../../src/mock/formats/xml.ts";
import { PM_HALF_SIDE, wgs84ToMercator } from "../../../../src/mock/formats/crs.ts";
import { decodeTile, fetchTile, layerFeatures, lonLatOf, publishVectorPyramid, tileOf } from "./vector-tiles-helpers.ts";
import { privateKey } from "../access/grant.ts";

const h = harness();
after(() => h.close());

const TMS = "https://data.geopf.fr/tms/1.0.0/monde_tuiles";

// A tile of the layer (or of another layer's root) as a client gets it.
const getTile = (path: string, base = TMS): ReturnType<typeof fetchTile> => fetchTile(`${base}/${path}`);

let pyramidId = "";
before(async () => {
  pyramidId = await publishVectorPyramid(h.call, h.tick);
});

test("TMS vector tile: the tile of Paris at level 5 holds the three tables, with the composition's attributes and Paris in place", async () => {
  const { x, y } = tileOf(2.35, 48.86, 5);
  const tile = await getTile(`5/${x}/${y}.pbf`);
  assert.equal(tile.status, 200, tile.text);
  assert.equal(tile.type, "application/x-protobuf");
  assert.equal(tile.cors, "*");
  const decoded = decodeTile(tile.bytes);
  assert.deepEqual(Object.keys(decoded.layers), ["pays", "ecoregions", "villes"]);
  for (const name of ["pays", "ecoregions", "villes"]) {
    assert.equal(decoded.layers[name]!.version, 2);
    assert.equal(decoded.layers[name]!.extent, 4096);
  }
  const paris = layerFeatures(decoded, "villes").find((feature) => feature.properties.nom === "Paris");
  assert.ok(paris, "Paris is in the villes layer");
  assert.deepEqual({ ...paris.properties }, { nom: "Paris", population: 2100000 });
  assert.equal(paris.type, 1);
  const point = paris.loadGeometry()[0]![0]!;
  const [lon, lat] = lonLatOf(point.x, point.y, 4096, 5, x, y);
  assert.ok(Math.abs(lon - 2.35) < 0.01 && Math.abs(lat - 48.86) < 0.01, `Paris decoded at ${lon}, ${lat}`);
  const france = layerFeatures(decoded, "pays").find((feature) => feature.properties.nom === "France");
  assert.ok(france, "France is in the pays layer");
  assert.deepEqual({ ...france.properties }, { nom: "France", code_iso: "FRA" });
  assert.equal(france.type, 3);
  // Every attribute of the eco-regions (["*"]), none of the columns left out of the composition elsewhere.
  assert.deepEqual(Object.keys(layerFeatures(decoded, "ecoregions")[0]!.properties).sort(), ["biome", "nom_ecoregion", "royaume"]);
});

test("TMS vector tile: OpenLayers' MVT format reads the layers, attributes and Web Mercator positions", async () => {
  const { default: MVT } = await import("ol/format/MVT.js");
  const z = 6;
  const { x, y } = tileOf(2.35, 48.86, z);
  const tile = await getTile(`${z}/${x}/${y}.pbf`);
  assert.equal(tile.status, 200, tile.text);
  // The tile's extent in EPSG:3857, as OpenLayers' VectorTile source gives it to the format.
  const side = (2 * PM_HALF_SIDE) / 2 ** z;
  const extent = [-PM_HALF_SIDE + x * side, PM_HALF_SIDE - (y + 1) * side, -PM_HALF_SIDE + (x + 1) * side, PM_HALF_SIDE - y * side];
  const features = new MVT().readFeatures(tile.bytes.slice().buffer, { extent, featureProjection: "EPSG:3857" });
  assert.deepEqual([...new Set(features.map((feature) => feature.get("layer")))], ["pays", "ecoregions", "villes"]);
  const paris = features.find((feature) => feature.get("layer") === "villes" && feature.get("nom") === "Paris")!;
  assert.equal(paris.get("population"), 2100000);
  const [px, py] = paris.getFlatCoordinates();
  const [ex, ey] = wgs84ToMercator(2.35, 48.86);
  assert.ok(Math.hypot(px! - ex, py! - ey) < side / 1000, `Paris read at ${px}, ${py}, expected ${ex}, ${ey}`);
});

test("TMS vector tile: a table appears only between its own levels", async () => {
  const at = async (z: number): Promise<string[]> => {
    const { x, y } = tileOf(2.35, 48.86, z);
    const tile = await getTile(`${z}/${x}/${y}.pbf`);
    assert.equal(tile.status, 200, tile.text);
    return Object.keys(decodeTile(tile.bytes).layers);
  };
  assert.deepEqual(await at(0), ["pays"]);
  assert.deepEqual(await at(2), ["pays"]);
  assert.deepEqual(await at(4), ["pays", "ecoregions"]);
  assert.deepEqual(await at(7), ["pays", "ecoregions", "villes"]);
  // Level 0 is the whole world: the eight countries, Brazil's outline back in South America.
  const world = decodeTile((await getTile("0/0/0.pbf")).bytes);
  const countries = layerFeatures(world, "pays");
  assert.equal(countries.length, 8);
  const brazil = countries.find((feature) => feature.properties.code_iso === "BRA")!;
  const [x1, y1, x2, y2] = brazil.bbox();
  const [west, north] = lonLatOf(x1!, y1!, 4096, 0, 0, 0);
  const [east, south] = lonLatOf(x2!, y2!, 4096, 0, 0, 0);
  for (const [value, expected] of [[west, -73], [north, 5], [east, -35], [south, -30]] as const) assert.ok(Math.abs(value - expected) < 1.5, `Brazil decoded within ${west}, ${south}, ${east}, ${north}`);
});

test("TMS vector tile: errors as ROK4 answers them, in French", async () => {
  const { x, y } = tileOf(2.35, 48.86, 5);
  const cases: [string, number, RegExp][] = [
    [`8/${x * 8}/${y * 8}.pbf`, 404, /Aucune donnée : la couche monde_tuiles n'a pas de tuiles au niveau 8 \(niveaux 0 à 7\)/],
    ["22/0/0.pbf", 400, /Niveau 22 inconnu : la grille PM va du niveau 0 au niveau 21/],
    [`5/${x}/${y}.png`, 400, /Extension « png » invalide/],
    ["1/2/0.pbf", 404, /hors de l'emprise de la couche monde_tuiles/],
    ["5/40/0.pbf", 404, /hors de l'emprise/],
    ["abc/0/0.pbf", 400, /Chemin de tuile invalide/],
  ];
  for (const [path, status, message] of cases) {
    const tile = await getTile(path);
    assert.equal(tile.status, status, `${path}: ${tile.text}`);
    assert.match(tile.type, /xml/);
    assert.match(tile.text, /<TileMapServerError>\s*<Message>/);
    assert.match(tile.text, message, path);
  }
  // A tile of the layer with no feature (the Atlantic off Africa at level 5): no data, as ROK4 answers it.
  const ocean = tileOf(-30, 10, 5);
  const empty = await getTile(`5/${ocean.x}/${ocean.y}.pbf`);
  assert.equal(empty.status, 404, empty.text);
  assert.match(empty.text, /Aucune donnée : aucun objet de la couche monde_tuiles dans la tuile/);
  const unknown = await getTile("0/0/0.pbf", "https://data.geopf.fr/tms/1.0.0/inconnue");
  assert.equal(unknown.status, 404);
  assert.match(unknown.text, /La couche inconnue n'existe pas/);
});

test("TMS metadata.json describes exactly what the tiles hold", async () => {
  const reply = await fetchText(`${TMS}/metadata.json`);
  assert.equal(reply.status, 200, reply.text);
  const metadata = JSON.parse(reply.text);
  assert.equal(metadata.minzoom, 0);
  assert.equal(metadata.maxzoom, 7);
  assert.deepEqual(metadata.tiles, [`${TMS}/{z}/{x}/{y}.pbf`]);
  assert.equal(metadata.bounds.length, 4);
  assert.deepEqual(metadata.vector_layers, [
    { id: "pays", fields: { nom: "String", code_iso: "String" }, geometry: "MULTIPOLYGON", minzoom: 0, maxzoom: 7 },
    { id: "ecoregions", fields: { nom_ecoregion: "String", biome: "String", royaume: "String" }, geometry: "MULTIPOLYGON", minzoom: 3, maxzoom: 7 },
    { id: "villes", fields: { nom: "String", population: "Number" }, geometry: "POINT", minzoom: 5, maxzoom: 7 },
  ]);
  // Each layer's fields are the attributes its features carry, at each of its levels and only there.
  for (let z = 0; z <= 7; z++) {
    const { x, y } = tileOf(2.35, 48.86, z);
    const decoded = decodeTile((await getTile(`${z}/${x}/${y}.pbf`)).bytes);
    const expected = metadata.vector_layers.filter((layer: { minzoom: number; maxzoom: number }) => layer.minzoom <= z && z <= layer.maxzoom);
    assert.deepEqual(Object.keys(decoded.layers), expected.map((layer: { id: string }) => layer.id), `level ${z}`);
    for (const layer of expected) {
      for (const feature of layerFeatures(decoded, layer.id)) {
        for (const key of Object.keys(feature.properties)) assert.ok(key in layer.fields, `${layer.id}.${key} at level ${z}`);
        for (const [key, value] of Object.entries(feature.properties)) assert.equal(typeof value, layer.fields[key] === "Number" ? "number" : "string", `${layer.id}.${key}`);
      }
    }
  }
});

test("TMS TileMap: each level's tile limits are those within which the tiles answer", async () => {
  const tileMap = await fetchText(TMS);
  assert.equal(tileMap.status, 200, tileMap.text);
  const sets = descendants(parseXml(tileMap.text), "TileSet");
  assert.deepEqual(sets.map((set) => set.attributes.order), ["0", "1", "2", "3", "4", "5", "6", "7"]);
  const level5 = sets.find((set) => set.attributes.href === `${TMS}/5`)!;
  const [minRow, maxRow, minCol, maxCol] = ["minrow", "maxrow", "mincol", "maxcol"].map((name) => Number(level5.attributes[name]));
  const status = async (x: number, y: number): Promise<number> => (await getTile(`5/${x}/${y}.pbf`)).status;
  // Lisbon's tile is inside; one column or one row past the limits is outside (the no-data message names them).
  const lisbon = tileOf(-9.14, 38.72, 5);
  assert.ok(lisbon.x >= minCol! && lisbon.x <= maxCol! && lisbon.y >= minRow! && lisbon.y <= maxRow!);
  assert.equal(await status(lisbon.x, lisbon.y), 200);
  const past = await getTile(`5/${maxCol! + 1}/${minRow}.pbf`);
  assert.equal(past.status, 404);
  assert.match(past.text, new RegExp(`colonnes ${minCol} à ${maxCol}, lignes ${minRow} à ${maxRow}`));
  assert.equal((await getTile(`5/${minCol}/${maxRow! + 1}.pbf`)).status, 404);
});

test("private TMS: the same pyramid published on the private endpoint is served there only", async () => {
  const configuration = await h.call("POST", `${DS}/configurations`, {
    json: { type: "WMTS-TMS", name: "Pays (privé)", layer_name: "monde_prive", type_infos: { title: "Pays", abstract: "Tuiles privées", used_data: [{ bottom_level: "6", top_level: "2", stored_data: pyramidId }] } },
  });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  const offering = await h.call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.private.wmts, open: false } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  h.tick(2000);
  const PRIVATE = "https://data.geopf.fr/private/tms/1.0.0/monde_prive";
  const { x, y } = tileOf(2.35, 48.86, 5);
  // The private service answers a key that has an access to the offering (401 without).
  assert.equal((await getTile(`5/${x}/${y}.pbf`, PRIVATE)).status, 401);
  const key = `?apikey=${await privateKey(h.call, [offering.body._id])}`;
  const tile = await getTile(`5/${x}/${y}.pbf${key}`, PRIVATE);
  assert.equal(tile.status, 200, tile.text);
  assert.equal(tile.type, "application/x-protobuf");
  assert.deepEqual(Object.keys(decodeTile(tile.bytes).layers), ["pays", "ecoregions", "villes"]);
  // The configuration's levels (2 to 6) bound what is served, whatever the pyramid has.
  const outside = await getTile(`1/0/0.pbf${key}`, PRIVATE);
  assert.equal(outside.status, 404);
  assert.match(outside.text, /pas de tuiles au niveau 1 \(niveaux 2 à 6\)/);
  const metadata = JSON.parse((await fetchText(`${PRIVATE}/metadata.json${key}`)).text);
  assert.deepEqual([metadata.minzoom, metadata.maxzoom], [2, 6]);
  assert.deepEqual(metadata.vector_layers.map((layer: { id: string; minzoom: number; maxzoom: number }) => [layer.id, layer.minzoom, layer.maxzoom]), [["pays", 2, 6], ["ecoregions", 3, 6], ["villes", 5, 6]]);
  assert.deepEqual(metadata.tiles, [`${PRIVATE}/{z}/{x}/{y}.pbf`]);
  // The open service does not serve the private layer.
  const open = await getTile(`5/${x}/${y}.pbf`, "https://data.geopf.fr/tms/1.0.0/monde_prive");
  assert.equal(open.status, 404);
  assert.match(open.text, /La couche monde_prive n'existe pas ou n'est pas publiée sur ce service TMS/);
});

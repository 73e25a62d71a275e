// Raster updates and WMS harvesting as the tutorials run them, with the north and south images of Corsica
// (public/samples/mise-a-jour-raster): injection into a pyramid, step-by-step update with the configuration
// switched (served only after PUT offering), composition of two pyramids (extent, levels, which image is on top),
// dependencies and 409 on deleting a used pyramid, harvesting a WMS-Raster layer (tiles equal the WMS's pixels,
// clipped to the harvested slabs, unaffected by later changes of the source) and the refused requests.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { lambert93ToWgs84 } from "../../../src/mock/formats/crs.ts";
import { writeGeoTiff } from "../../../src/mock/formats/tiff-writer.ts";
import { COLOURS, onLand, OVERLAP_ROWS, TILES } from "../../../src/mock/samples/corse-maj.ts";
import { assertError, bytesForm, createTypedUpload, DS, harness, runExecution, sendBytes } from "./helpers.ts";
import { image, pmPlace, publish } from "./diffusion/raster-helpers.ts";

const h = harness();
after(() => h.close());

const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/mise-a-jour-raster/${name}`, import.meta.url)));
type Which = "nord" | "sud";
const RTP = ids.processings.raster_to_pyramid;
const storage = { storage_tags: ["PYRAMIDE"] };

// Uploads corse_<which>.tif with its .md5, closed and checked.
async function upload(which: Which): Promise<string> {
  const id = await createTypedUpload(h, "RASTER", "EPSG:2154", `SCAN Corse ${which}`);
  await sendBytes(h, id, [[`data/corse_${which}.tif`, sample(`corse_${which}.tif`)]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${id}/md5`, { form: bytesForm(sample(`corse_${which}.md5`), `corse_${which}.md5`) })).status, 204);
  assert.equal((await h.call("POST", `${DS}/uploads/${id}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${id}`)).body.status, "CLOSED");
  return id;
}

// Runs an execution to SUCCESS; returns its output stored data.
async function success(body: unknown): Promise<Record<string, any>> {
  const execution = await runExecution(h, body);
  assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
  return (await h.call("GET", `${DS}/stored_data/${execution.body.output.stored_data._id}`)).body;
}

const newPyramid = (upload: string, name: string, parameters: Record<string, unknown> = { tms: "PM", compression: "png", bottom: "10" }) =>
  success({ processing: RTP, inputs: { upload: [upload] }, output: { stored_data: { name, ...storage } }, parameters });

// A place of an image (column, row of its pixel centre): Lambert-93 point and the colour the image has there.
function place(which: Which, col: number, row: number): { x: number; y: number; colour: number[] } {
  const { origin, pixelSize } = TILES[which];
  const x = origin[0] + (col + 0.5) * pixelSize;
  const y = origin[1] - (row + 0.5) * pixelSize;
  return { x, y, colour: [...(onLand(x, y) ? COLOURS[which].land : COLOURS[which].sea)] };
}
const NORTH_ONLY = place("nord", 150, 40);
const SOUTH_ONLY = place("sud", 150, 150);
const OVERLAP = place("nord", 60, 150 - OVERLAP_ROWS / 2);

// RGBA of the TMS tile pixel of a layer at a Lambert-93 point, level z.
async function tmsPixel(layer: string, z: number, x: number, y: number, root = "https://data.geopf.fr/tms/1.0.0"): Promise<number[]> {
  const [lon, lat] = lambert93ToWgs84(x, y);
  const at = pmPlace(lon, lat, z);
  return (await image(`${root}/${layer}/${z}/${at.col}/${at.row}.png`, "image/png")).rgba(at.i, at.j);
}

// Status of the TMS tile of a layer at a Lambert-93 point, level z.
async function tmsStatus(layer: string, z: number, x: number, y: number): Promise<number> {
  const [lon, lat] = lambert93ToWgs84(x, y);
  const at = pmPlace(lon, lat, z);
  const response = await fetch(`https://data.geopf.fr/tms/1.0.0/${layer}/${z}/${at.col}/${at.row}.png`);
  await response.arrayBuffer();
  return response.status;
}

const extentBox = (storedData: Record<string, any>): number[] => {
  const ring = storedData.extent.coordinates[0] as number[][];
  return [Math.min(...ring.map((p) => p[0]!)), Math.min(...ring.map((p) => p[1]!)), Math.max(...ring.map((p) => p[0]!)), Math.max(...ring.map((p) => p[1]!))];
};

test("composition: extent and levels of both inputs, each image where it is alone, the last input on top; dependencies", async () => {
  const nord = await newPyramid(await upload("nord"), "SCAN Nord", { tms: "PM", compression: "png", bottom: "10", mask: true });
  const sud = await newPyramid(await upload("sud"), "SCAN Sud", { tms: "PM", compression: "png", top: "2", bottom: "9", mask: "true" });
  const merged = await success({ processing: ids.processings.pyramids_to_pyramid, inputs: { stored_data: [nord._id, sud._id] }, output: { stored_data: { name: "SCAN Corse", ...storage } }, parameters: {} });
  assert.deepEqual(merged.type_infos.levels, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  const [n, s, m] = [extentBox(nord), extentBox(sud), extentBox(merged)];
  assert.ok(s[1]! < n[1]! && n[3]! > s[3]!, "north above south");
  assert.deepEqual(m, [Math.min(n[0]!, s[0]!), s[1], Math.max(n[2]!, s[2]!), n[3]]);
  await publish(h, "WMTS-TMS", "corse_fusion", merged._id, "0", "10");
  assert.deepEqual(await tmsPixel("corse_fusion", 10, NORTH_ONLY.x, NORTH_ONLY.y), [...NORTH_ONLY.colour, 255]);
  assert.deepEqual(await tmsPixel("corse_fusion", 10, SOUTH_ONLY.x, SOUTH_ONLY.y), [...SOUTH_ONLY.colour, 255]);
  const southColour = onLand(OVERLAP.x, OVERLAP.y) ? COLOURS.sud.land : COLOURS.sud.sea;
  assert.deepEqual(await tmsPixel("corse_fusion", 10, OVERLAP.x, OVERLAP.y), [...southColour, 255], "overlap: the second input on top");

  const reversed = await success({ processing: ids.processings.pyramids_to_pyramid, inputs: { stored_data: [sud._id, nord._id] }, output: { stored_data: { name: "SCAN Corse inversée", ...storage } }, parameters: { top: "5", bottom: "9" } });
  assert.deepEqual(reversed.type_infos.levels, ["5", "6", "7", "8", "9"]);
  await publish(h, "WMTS-TMS", "corse_inverse", reversed._id, "5", "9");
  assert.deepEqual(await tmsPixel("corse_inverse", 9, OVERLAP.x, OVERLAP.y), [...OVERLAP.colour, 255], "overlap: the north image on top now");

  const dependencies = await h.call("GET", `${DS}/stored_data/${merged._id}/dependencies`);
  assert.equal(dependencies.status, 200);
  assert.deepEqual(dependencies.body.use.map((item: { _id: string; name: string }) => [item._id, item.name]), [[nord._id, "SCAN Nord"], [sud._id, "SCAN Sud"]]);
  assert.deepEqual(dependencies.body.used_by, []);
  const used = await h.call("GET", `${DS}/stored_data/${nord._id}/dependencies`);
  assert.deepEqual(used.body.used_by.map((item: { _id: string }) => item._id).sort(), [merged._id, reversed._id].sort());
  assertError(await h.call("DELETE", `${DS}/stored_data/${nord._id}`), 409, /référencée par « SCAN Corse » /);
});

test("injection: the pyramid grows south in place, its tiles show both images, no configuration change", async () => {
  const pyramid = await newPyramid(await upload("nord"), "SCAN par injection", { tms: "PM", compression: "png", bottom: "10" });
  await publish(h, "WMTS-TMS", "corse_injection", pyramid._id, "0", "10");
  assert.equal(await tmsStatus("corse_injection", 10, SOUTH_ONLY.x, SOUTH_ONLY.y), 404, "the south is outside the layer's limits yet");
  const sud = await upload("sud");
  assertError(await h.call("POST", `${DS}/processings/executions`, { json: { processing: RTP, inputs: { upload: [sud] }, output: { stored_data: { id: pyramid._id } }, parameters: { compression: "jpg" } } }), 400, /compressée en png, pas en jpg/);
  const updated = await success({ processing: RTP, inputs: { upload: [sud] }, output: { stored_data: { id: pyramid._id } }, parameters: {} });
  assert.equal(updated._id, pyramid._id);
  assert.ok(extentBox(updated)[1]! < extentBox(pyramid)[1]!, "extent grown south");
  assert.ok(updated.size > pyramid.size);
  assert.deepEqual(await tmsPixel("corse_injection", 10, SOUTH_ONLY.x, SOUTH_ONLY.y), [...SOUTH_ONLY.colour, 255]);
  assert.deepEqual(await tmsPixel("corse_injection", 10, NORTH_ONLY.x, NORTH_ONLY.y), [...NORTH_ONLY.colour, 255]);
});

test("step by step: a new pyramid over the old one, served after PUT configuration then PUT offering", async () => {
  const nord = await newPyramid(await upload("nord"), "SCAN Nord pas à pas");
  const configuration = await publish(h, "WMTS-TMS", "corse_pas_a_pas", nord._id, "0", "10");
  assertError(await h.call("POST", `${DS}/processings/executions`, { json: { processing: RTP, inputs: { upload: [await upload("sud")], stored_data: [nord._id] }, output: { stored_data: { name: "x", ...storage } }, parameters: { compression: "jpg" } } }), 400, /pyramide en entrée « SCAN Nord pas à pas » est compressée en png/);
  const complete = await success({ processing: RTP, inputs: { upload: [await upload("sud")], stored_data: [nord._id] }, output: { stored_data: { name: "SCAN Corse complète", ...storage } }, parameters: {} });
  assert.deepEqual(complete.type_infos.levels, nord.type_infos.levels);
  assert.deepEqual((await h.call("GET", `${DS}/stored_data/${complete._id}/dependencies`)).body.use.map((item: { _id: string }) => item._id), [nord._id]);

  const body = (layer: string) => ({ type: "WMTS-TMS", name: "SCAN Corse complète", layer_name: layer, type_infos: { title: "SCAN Corse complète", abstract: "Corse", used_data: [{ top_level: "0", bottom_level: "10", stored_data: complete._id }] }, getfeatureinfo: { stored_data: true } });
  assertError(await h.call("PUT", `${DS}/configurations/${configuration}`, { json: body("autre_nom") }), 400, /layer_name/);
  assert.equal((await h.call("PUT", `${DS}/configurations/${configuration}`, { json: body("corse_pas_a_pas") })).status, 200);
  assertError(await h.call("DELETE", `${DS}/stored_data/${nord._id}`), 409, /encore servie par l'offre/);
  assert.equal(await tmsStatus("corse_pas_a_pas", 10, SOUTH_ONLY.x, SOUTH_ONLY.y), 404, "still the north pyramid before the synchronisation");
  const [offering] = (await h.call("GET", `${DS}/configurations/${configuration}/offerings`)).body;
  assert.equal((await h.call("PUT", `${DS}/offerings/${offering._id}`)).status, 200);
  h.tick(2000);
  assert.equal((await h.call("GET", `${DS}/offerings/${offering._id}`)).body.status, "PUBLISHED");
  assert.deepEqual(await tmsPixel("corse_pas_a_pas", 10, SOUTH_ONLY.x, SOUTH_ONLY.y), [...SOUTH_ONLY.colour, 255]);
  assertError(await h.call("DELETE", `${DS}/stored_data/${nord._id}`), 409, /référencée par « SCAN Corse complète »/);
});

const HARVEST = ids.processings.wms_to_pyramid;
// Area around the south-only place (about 4 km a side).
const areaAround = (x: number, y: number): string => {
  const [[w, s], [e, n]] = [lambert93ToWgs84(x - 2000, y - 2000), lambert93ToWgs84(x + 2000, y + 2000)];
  return `POLYGON((${w} ${s},${w} ${n},${e} ${n},${e} ${s},${w} ${s}))`;
};
const harvestBody = (parameters: Record<string, unknown>, name = "Moisson") => ({
  processing: HARVEST, inputs: {}, output: { stored_data: { name, ...storage } },
  parameters: { tms: "PM", compression: "png", harvest_layers: "corse_source", harvest_url: "https://data.geopf.fr/wms-r", samplesperpixel: 3, sampleformat: "UINT8", bottom: "14", harvest_levels: ["14", "12"], harvest_area: areaAround(SOUTH_ONLY.x, SOUTH_ONLY.y), harvest_format: "image/png", ...parameters },
});

test("harvest of a WMS-Raster layer: tiles equal the WMS pixels, clipped to the harvested slabs, whatever the source becomes", async () => {
  const source = await newPyramid(await upload("sud"), "Source", { tms: "PM", compression: "png", bottom: "10" });
  const sourceConfiguration = await publish(h, "WMS-RASTER", "corse_source", source._id, "0", "10");
  const harvested = await success(harvestBody({}));
  assert.equal(harvested.srs, "EPSG:3857");
  assert.equal(harvested.type_infos.levels.length, 15);
  assert.equal(harvested.type_infos.compression, "PNG");
  assert.equal(harvested.type_infos.nodata_value, "255,255,255");
  await publish(h, "WMTS-TMS", "moisson", harvested._id, "0", "14");

  const [lon, lat] = lambert93ToWgs84(SOUTH_ONLY.x, SOUTH_ONLY.y);
  const at = pmPlace(lon, lat, 14);
  const side = 40075016.68557849 / 2 ** 14;
  const [minX, maxY] = [-20037508.342789244 + at.col * side, 20037508.342789244 - at.row * side];
  const wms = await image(`https://data.geopf.fr/wms-r?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=corse_source&STYLES=&CRS=EPSG:3857&BBOX=${minX},${maxY - side},${minX + side},${maxY}&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE`, "image/png");
  const tile = await image(`https://data.geopf.fr/tms/1.0.0/moisson/14/${at.col}/${at.row}.png`, "image/png");
  for (const [i, j] of [[at.i, at.j], [0, 0], [255, 255], [128, 40]]) assert.deepEqual(tile.rgba(i!, j!), wms.rgba(i!, j!), `pixel ${i},${j}`);
  assert.deepEqual(tile.rgba(at.i, at.j), [...SOUTH_ONLY.colour, 255]);
  // Outside the slabs of level 14 that cover the area: nothing harvested (the source has data there).
  // Levels 0–12 come from the harvest at level 12, inside the level-12 slab (16 × 16 tiles) that holds the area:
  // 8.44–9.84° E, 40.98–42.03° N, whose north edge crosses x = 1 222 875 m near y = 6 128 km. The south image
  // has data up to y = 6 160 km: drawn at y ≈ 6 100 km (its row 80), not at y = 6 150 km (outside every harvested slab).
  const drawn = place("sud", 150, 80);
  const [inside, outside] = [lambert93ToWgs84(drawn.x, drawn.y), lambert93ToWgs84(SOUTH_ONLY.x, 6150000)];
  const [in7, out7] = [pmPlace(inside[0], inside[1], 7), pmPlace(outside[0], outside[1], 7)];
  assert.deepEqual([out7.col, out7.row], [in7.col, in7.row], "one tile of level 7 holds both places");
  const tile7 = await image(`https://data.geopf.fr/tms/1.0.0/moisson/7/${in7.col}/${in7.row}.png`, "image/png");
  assert.deepEqual(tile7.rgba(in7.i, in7.j), [...drawn.colour, 255]);
  assert.deepEqual(tile7.rgba(out7.i, out7.j), [0, 0, 0, 0]);

  // Update by reference: a harvest over an input pyramid keeps its images below the harvested ones, and uses it.
  const nord = await newPyramid(await upload("nord"), "Nord, sous la moisson", { tms: "PM", compression: "png", bottom: "10" });
  const over = await success({ ...harvestBody({}, "Moisson sur le nord"), inputs: { stored_data: [nord._id] } });
  assert.deepEqual(over.type_infos.levels, harvested.type_infos.levels);
  assert.ok(extentBox(over)[3]! > extentBox(harvested)[3]! + 0.5, "extent of the input pyramid kept");
  assert.deepEqual((await h.call("GET", `${DS}/stored_data/${over._id}/dependencies`)).body.use.map((item: { _id: string }) => item._id), [nord._id]);
  await publish(h, "WMTS-TMS", "moisson_sur_nord", over._id, "0", "14");
  assert.deepEqual(await tmsPixel("moisson_sur_nord", 10, NORTH_ONLY.x, NORTH_ONLY.y), [...NORTH_ONLY.colour, 255], "the input pyramid's image");
  assert.deepEqual(await tmsPixel("moisson_sur_nord", 14, SOUTH_ONLY.x, SOUTH_ONLY.y), [...SOUTH_ONLY.colour, 255], "the harvested image");

  // The source unpublished and deleted: the harvested pyramid keeps what it read.
  const [offering] = (await h.call("GET", `${DS}/configurations/${sourceConfiguration}/offerings`)).body;
  assert.equal((await h.call("DELETE", `${DS}/offerings/${offering._id}`)).status, 204);
  assert.equal((await h.call("DELETE", `${DS}/configurations/${sourceConfiguration}`)).status, 204);
  assert.equal((await h.call("DELETE", `${DS}/stored_data/${source._id}`)).status, 204);
  assert.deepEqual(await tmsPixel("moisson", 14, SOUTH_ONLY.x, SOUTH_ONLY.y), [...SOUTH_ONLY.colour, 255]);

  // Now the layer is gone from the WMS: the harvest fails with the WMS's answer in its logs.
  const failed = await runExecution(h, harvestBody({}, "Moisson ratée"));
  assert.equal(failed.body.status, "FAILURE");
  const logs = (await h.call("GET", `${DS}/processings/executions/${failed.body._id}/logs`)).body.join("\n");
  assert.match(logs, /LayerNotDefined\) : Couche\(s\) inconnue\(s\) : corse_source/);
  assert.equal((await h.call("GET", `${DS}/stored_data/${failed.body.output.stored_data._id}`)).body.status, "UNSTABLE");
});

test("harvest failures at execution time: host outside data.geopf.fr, format the WMS does not serve, layer unknown to the WMS-Vecteur, not a WMS", async () => {
  await publish(h, "WMS-RASTER", "corse_source", (await newPyramid(await upload("sud"), "Source 2"))._id, "0", "10");
  for (const [parameters, pattern] of [
    [{ harvest_url: "https://wxs.ign.fr/essentiels/geoportail/r/wms" }, /ne peuvent moissonner que les services de data\.geopf\.fr/],
    [{ harvest_format: "image/tiff" }, /InvalidFormat\) : Format image\/tiff non servi/],
    [{ harvest_url: "https://data.geopf.fr/wms-v/ows" }, /LayerNotDefined\) : Couche\(s\) inconnue\(s\) : corse_source\. Couches publiées : aucune/],
    [{ harvest_url: "https://data.geopf.fr/wfs" }, /réponse HTTP 404, ce n'est pas un service WMS/],
  ] as const) {
    const failed = await runExecution(h, harvestBody(parameters));
    assert.equal(failed.body.status, "FAILURE");
    const logs = (await h.call("GET", `${DS}/processings/executions/${failed.body._id}/logs`)).body.join("\n");
    assert.match(logs, pattern);
  }
});

test("refused executions: parameters, inputs and incompatible pyramids (grid, channels)", async () => {
  const post = (body: unknown) => h.call("POST", `${DS}/processings/executions`, { json: body });
  const base = harvestBody({}).parameters;
  const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([name]) => name !== key));
  assertError(await post({ ...harvestBody({}), parameters: without("harvest_layers") }), 400, /parameters\.harvest_layers : paramètre obligatoire manquant/);
  assertError(await post({ ...harvestBody({}), parameters: without("bottom") }), 400, /parameters\.bottom : paramètre obligatoire manquant/);
  assertError(await post(harvestBody({ harvest_zone: "x" })), 400, /parameters\.harvest_zone : paramètre inconnu/);
  assertError(await post(harvestBody({ harvest_levels: ["12", "14"] })), 400, /du bas vers le haut/, /premier niveau moissonné \(12\) doit être le niveau du bas/);
  assertError(await post(harvestBody({ harvest_url: "https://data.geopf.fr/wms-r?SERVICE=WMS&REQUEST=GetCapabilities" })), 400, /racine du service seulement/);
  assertError(await post(harvestBody({ harvest_area: "POLYGON((42 9, 43 9, 43 10, 42 9" })), 400, /parameters\.harvest_area/);
  assertError(await post(harvestBody({ harvest_area: "POLYGON((200 41,201 41,201 42,200 41))" })), 400, /hors de l'EPSG:4326/);
  assertError(await post(harvestBody({ harvest_format: "image/gif" })), 400, /parameters\.harvest_format/);
  assertError(await post(harvestBody({ compression: "jpg", samplesperpixel: 4 })), 400, /3 canaux au plus/);
  assertError(await post(harvestBody({ harvest_dimensions: [300, 256] })), 400, /300 ne divise pas la largeur d'une dalle \(4096 pixels\)/);
  assertError(await post(harvestBody({ nodata: [255] })), 400, /une valeur par canal attendue \(3\)/);
  assertError(await post(harvestBody({ width: 40 })), 400, /parameters\.width/);

  const nord = await upload("nord");
  assertError(await post({ processing: RTP, inputs: { upload: [nord] }, output: { stored_data: { name: "x", ...storage } }, parameters: {} }), 400, /parameters\.tms : obligatoire pour une première génération/);
  assertError(await post({ processing: RTP, inputs: { upload: [nord] }, output: { stored_data: { name: "x", ...storage } }, parameters: { tms: "PM", mask: "oui" } }), 400, /parameters\.mask : booléen attendu/);
  assertError(await post({ processing: ids.processings.pyramids_to_pyramid, inputs: { upload: [nord] }, output: { stored_data: { name: "x", ...storage } }, parameters: {} }), 400, /n'accepte pas de livraison en entrée/);
  const rgb = await newPyramid(nord, "RVB");
  assertError(await post({ processing: ids.processings.pyramids_to_pyramid, inputs: { stored_data: [rgb._id] }, output: { stored_data: { name: "x", ...storage } }, parameters: {} }), 400, /au moins deux pyramides/);

  // Another grid: no merge with a PM pyramid, and a PM pyramid cannot be updated into it.
  const lambert = await newPyramid(nord, "Lambert", { tms: "LAMB93_50cm", compression: "png" });
  assert.equal(lambert.type_infos.tms, "LAMB93_50cm");
  assertError(await post({ processing: ids.processings.pyramids_to_pyramid, inputs: { stored_data: [rgb._id, lambert._id] }, output: { stored_data: { name: "x", ...storage } }, parameters: {} }), 400, /pas la même grille \(« RVB » : PM, « Lambert » : LAMB93_50cm\)/);
  assertError(await post({ processing: RTP, inputs: { upload: [nord] }, output: { stored_data: { id: rgb._id } }, parameters: { tms: "LAMB93_50cm" } }), 400, /la pyramide mise à jour « RVB » utilise la grille PM, pas LAMB93_50cm/);

  // A one-channel image: its pyramid cannot be merged with an RGB one, nor injected into it.
  const grey = await createTypedUpload(h, "RASTER", "EPSG:2154", "Gris");
  const { origin, pixelSize } = TILES.nord;
  await sendBytes(h, grey, [["data/gris.tif", writeGeoTiff({ width: 20, height: 20, samples: 1, pixels: new Uint8Array(400).fill(90), origin, pixelSize: [pixelSize, pixelSize], epsg: 2154 })]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${grey}/close`)).status, 204);
  h.tick(10_000);
  assertError(await post({ processing: RTP, inputs: { upload: [grey] }, output: { stored_data: { id: rgb._id } }, parameters: {} }), 400, /1 canal\(aux\) UINT8, la pyramide mise à jour « RVB » en a 3 UINT8/);
  const greyPyramid = await newPyramid(grey, "Gris");
  assertError(await post({ processing: ids.processings.pyramids_to_pyramid, inputs: { stored_data: [rgb._id, greyPyramid._id] }, output: { stored_data: { name: "x", ...storage } }, parameters: {} }), 400, /pas les mêmes canaux/);
  assertError(await post({ processing: ids.processings.pyramids_to_pyramid, inputs: { stored_data: [rgb._id, rgb._id] }, output: { stored_data: { name: "x", ...storage } }, parameters: { bottom: "12", bbox: "9,42" } }), 400, /parameters\.bbox/, /même identifiant/);
  assertError(await post({ processing: ids.processings.pyramids_to_pyramid, inputs: { stored_data: [rgb._id, greyPyramid._id] }, output: { stored_data: { id: rgb._id } }, parameters: { top: "8", bottom: "4" } }), 400, /nouvelle pyramide/, /niveau du bas \(4\) doit être supérieur/);
});

test("harvest per level: each harvest level captures what the WMS draws at its resolution", async () => {
  // A source layer drawing the north pyramid down to level 9 and the south one at level 10 only.
  const nord = await newPyramid(await upload("nord"), "Nord 0-10");
  const sud = await newPyramid(await upload("sud"), "Sud 0-10");
  const body = { type: "WMS-RASTER", name: "niveaux", layer_name: "corse_niveaux", type_infos: { title: "niveaux", abstract: "Corse", used_data: [{ top_level: "0", bottom_level: "9", stored_data: nord._id }, { top_level: "10", bottom_level: "10", stored_data: sud._id }] } };
  const configuration = await h.call("POST", `${DS}/configurations`, { json: body });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  assert.equal((await h.call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmsr, open: true } })).status, 200);
  h.tick(2000);
  // Around a place of the overlap band: the level-10 harvest sees the south image, the level-9 one the north image.
  const harvested = await success(harvestBody({ harvest_layers: "corse_niveaux", bottom: "10", harvest_levels: ["10", "9"], harvest_area: areaAround(OVERLAP.x, OVERLAP.y) }, "Moisson par niveau"));
  await publish(h, "WMTS-TMS", "moisson_niveaux", harvested._id, "0", "10");
  const southColour = onLand(OVERLAP.x, OVERLAP.y) ? COLOURS.sud.land : COLOURS.sud.sea;
  assert.deepEqual(await tmsPixel("moisson_niveaux", 10, OVERLAP.x, OVERLAP.y), [...southColour, 255]);
  assert.deepEqual(await tmsPixel("moisson_niveaux", 9, OVERLAP.x, OVERLAP.y), [...OVERLAP.colour, 255]);
  assert.deepEqual(await tmsPixel("moisson_niveaux", 5, OVERLAP.x, OVERLAP.y), [...OVERLAP.colour, 255], "levels above 9 from the level-9 harvest");
});

// Harvesting the WMS-Vecteur: the vector tutorial's layer (monde.gpkg in base, pays.sld and ecoregions.sld)
// harvested over western Europe; the harvested pyramid's tiles equal the WMS-Vecteur's GetMap of the same box,
// stay empty outside the harvested slabs, and do not change once the layer, its styles and its data are deleted.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { bytesForm, createTypedUpload, DS, harness, runExecution, sendBytes } from "./helpers.ts";
import { image, pmPlace, publish } from "./diffusion/raster-helpers.ts";

const h = harness();
after(() => h.close());
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/vecteur/${name}`, import.meta.url)));
const ids_: Record<string, string> = {};

before(async () => {
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Données mondiales");
  await sendBytes(h, upload, [["data/monde.gpkg", sample("monde.gpkg")]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const execution = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "Monde", storage_tags: ["VECTEUR"] } }, parameters: { srs: "EPSG:3857" } });
  assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
  ids_.db = execution.body.output.stored_data._id;
  ids_.upload = upload;
  for (const file of ["pays.sld", "ecoregions.sld"]) {
    const reply = await h.call("POST", `${DS}/statics`, { form: bytesForm(sample(file), file, { type: "GEOSERVER-STYLE", name: file, description: file }) });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    ids_[file] = reply.body._id;
  }
  const configuration = await h.call("POST", `${DS}/configurations`, { json: {
    type: "WMS-VECTOR", name: "Monde", layer_name: "monde_source",
    type_infos: { title: "Monde", abstract: "Pays et écorégions", used_data: [{ stored_data: ids_.db, relations: [{ name: "pays", style: ids_["pays.sld"] }, { name: "ecoregions", style: ids_["ecoregions.sld"] }] }] },
  } });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  ids_.configuration = configuration.body._id;
  const offering = await h.call("POST", `${DS}/configurations/${ids_.configuration}/offerings`, { json: { endpoint: ids.endpoints.open.wmsv, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  ids_.offering = offering.body._id;
  h.tick(2000);
});

const SIDE = (z: number): number => 40075016.68557849 / 2 ** z;
const box = (z: number, col: number, row: number): string => {
  const [minX, maxY] = [-20037508.342789244 + col * SIDE(z), 20037508.342789244 - row * SIDE(z)];
  return `${minX},${maxY - SIDE(z)},${minX + SIDE(z)},${maxY}`;
};

test("a WMS-Vecteur harvested: tiles equal its GetMap, empty outside the slabs, unchanged once the source is gone", async () => {
  const execution = await runExecution(h, {
    processing: ids.processings.wms_to_pyramid, inputs: {}, output: { stored_data: { name: "Monde moissonné", storage_tags: ["PYRAMIDE"] } },
    parameters: { harvest_url: "https://data.geopf.fr/wms-v", harvest_layers: "monde_source", harvest_format: "image/png", harvest_area: "POLYGON((-2 45,-2 48,3 48,3 45,-2 45))", bottom: "8", harvest_levels: ["8"], compression: "png", width: 8, height: 8 },
  });
  assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
  const harvested = execution.body.output.stored_data._id as string;
  await publish(h, "WMTS-TMS", "monde_moisson", harvested, "0", "8");

  // The level-7 tile of 0.5° E, 46.5° N (central France), against the WMS-Vecteur's image of the same box.
  const place = pmPlace(0.5, 46.5, 7);
  const tile = await image(`https://data.geopf.fr/tms/1.0.0/monde_moisson/7/${place.col}/${place.row}.png`, "image/png");
  const wms = await image(`https://data.geopf.fr/wms-v?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=monde_source&STYLES=&CRS=EPSG:3857&BBOX=${box(7, place.col, place.row)}&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE`, "image/png");
  assert.deepEqual(tile.rgba(place.i, place.j), [0xf2, 0xef, 0xe9, 255], "the countries' fill");
  let same = 0;
  for (let j = 0; j < 256; j += 5) for (let i = 0; i < 256; i += 5) if (JSON.stringify(tile.rgba(i, j)) === JSON.stringify(wms.rgba(i, j))) same++;
  assert.ok(same >= 0.98 * 52 * 52, `${same} pixels of ${52 * 52} equal to the WMS's`);

  // Level 4 (one tile of 2 500 km): the harvested slabs (8 × 8 tiles of level 8, about 11° a side) hold France's
  // centre, not Italy, which the WMS draws in the same tile.
  const [france, italy] = [pmPlace(0.5, 46.5, 4), pmPlace(12.5, 43.5, 4)];
  assert.deepEqual([italy.col, italy.row], [france.col, france.row]);
  const wide = await image(`https://data.geopf.fr/tms/1.0.0/monde_moisson/4/${france.col}/${france.row}.png`, "image/png");
  const wideWms = await image(`https://data.geopf.fr/wms-v?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=monde_source&STYLES=&CRS=EPSG:3857&BBOX=${box(4, france.col, france.row)}&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE`, "image/png");
  assert.deepEqual(wide.rgba(france.i, france.j), [0xf2, 0xef, 0xe9, 255]);
  assert.notDeepEqual(wideWms.rgba(italy.i, italy.j), [0, 0, 0, 0], "the WMS draws Italy");
  assert.deepEqual(wide.rgba(italy.i, italy.j), [0, 0, 0, 0], "outside the harvested slabs");

  // The source unpublished, its configuration, styles, data and upload deleted: the tile stays the same.
  assert.equal((await h.call("DELETE", `${DS}/offerings/${ids_.offering}`)).status, 204);
  assert.equal((await h.call("DELETE", `${DS}/configurations/${ids_.configuration}`)).status, 204);
  for (const id of [ids_["pays.sld"], ids_["ecoregions.sld"]]) assert.equal((await h.call("DELETE", `${DS}/statics/${id}`)).status, 204);
  assert.equal((await h.call("DELETE", `${DS}/stored_data/${ids_.db}`)).status, 204);
  assert.equal((await h.call("DELETE", `${DS}/uploads/${ids_.upload}`)).status, 204);
  const later = await image(`https://data.geopf.fr/tms/1.0.0/monde_moisson/7/${place.col}/${place.row}.png`, "image/png");
  for (let j = 0; j < 256; j += 17) for (let i = 0; i < 256; i += 17) assert.deepEqual(later.rgba(i, j), tile.rgba(i, j), `pixel ${i},${j}`);
});

// The raster diffusion services answer from the uploaded GeoTIFF: after raster_to_pyramid (PNG) and the
// deletion of the upload, TMS and WMTS tiles and WMS-Raster maps show the source image's pixels at their
// place (computed here from the source pixel's centre), GetFeatureInfo gives its values, errors are OGC's.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { lambert93ToWgs84 } from "../../../../src/mock/formats/crs.ts";
import { DS, harness } from "../helpers.ts";
import { corsePixels, corseUpload, exception, image, pmPlace, publish, pyramid } from "./raster-helpers.ts";

const h = harness();
after(() => h.close());

const WMTS = "https://data.geopf.fr/wmts?SERVICE=WMTS&VERSION=1.0.0";
const WMS = "https://data.geopf.fr/wms-r?SERVICE=WMS&VERSION=1.3.0";
const TMS = "https://data.geopf.fr/tms/1.0.0/corse_png";
let source: Awaited<ReturnType<typeof corsePixels>>;
// Source pixels (column, row) looked at: inland, coast, sea, corners.
const PIXELS: [number, number][] = [[128, 160], [150, 90], [20, 20], [240, 300], [0, 0], [255, 319]];
const rgbAt = (col: number, row: number): number[] => Array.from({ length: 3 }, (_, c) => source.rgb[(row * source.width + col) * 3 + c]!);
const centre = (col: number, row: number): [number, number] => [source.origin[0]! + (col + 0.5) * source.size, source.origin[1]! - (row + 0.5) * source.size];

before(async () => {
  source = await corsePixels();
  const upload = await corseUpload(h);
  const id = await pyramid(h, upload, { tms: "PM", compression: "png", bottom: "10" });
  // The pyramid serves its images after the upload is gone.
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  await publish(h, "WMTS-TMS", "corse_png", id, "5", "10");
  await publish(h, "WMS-RASTER", "corse_png", id, "5", "10");
});

test("TMS and WMTS tiles: the source pixel at its place, transparent outside the image", async () => {
  for (const [col, row] of PIXELS) {
    const [lon, lat] = lambert93ToWgs84(...centre(col, row));
    const place = pmPlace(lon, lat, 10);
    const tms = await image(`${TMS}/10/${place.col}/${place.row}.png`, "image/png");
    assert.deepEqual(tms.rgba(place.i, place.j), [...rgbAt(col, row), 255], `pixel ${col},${row} (TMS)`);
    const wmts = await image(`${WMTS}&REQUEST=GetTile&LAYER=corse_png&STYLE=normal&TILEMATRIXSET=PM&TILEMATRIX=10&TILEROW=${place.row}&TILECOL=${place.col}&FORMAT=image/png`, "image/png");
    assert.deepEqual(wmts.rgba(place.i, place.j), [...rgbAt(col, row), 255], `pixel ${col},${row} (WMTS)`);
  }
  // Just outside the top-left corner of the Lambert-93 image, still inside the layer's tiles: transparent.
  const [lon, lat] = lambert93ToWgs84(source.origin[0]! - 2000, source.origin[1]! + 2000);
  const place = pmPlace(lon + 0.02, lat, 10);
  const tile = await image(`${TMS}/10/${place.col}/${place.row}.png`, "image/png");
  assert.equal(tile.rgba(place.i, place.j)[3], 0);
});

test("tiles outside the published levels or limits, bad TileMatrixSet, format and parameters are OGC errors", async () => {
  const [lon, lat] = lambert93ToWgs84(...centre(128, 160));
  const at = pmPlace(lon, lat, 10);
  const tile = (params: string) => `${WMTS}&REQUEST=GetTile&LAYER=corse_png&STYLE=normal&FORMAT=image/png&${params}`;
  await exception(tile(`TILEMATRIXSET=PM&TILEMATRIX=11&TILEROW=${at.row * 2}&TILECOL=${at.col * 2}`), 400, "TileOutOfRange", /niveau 11 n'est pas publié pour la couche corse_png \(niveaux 5 à 10\)/);
  await exception(tile("TILEMATRIXSET=PM&TILEMATRIX=4&TILEROW=5&TILECOL=8"), 400, "TileOutOfRange", /niveau 4/);
  await exception(tile(`TILEMATRIXSET=PM&TILEMATRIX=10&TILEROW=${at.row}&TILECOL=10`), 400, "TileOutOfRange", /Colonne 10 hors des limites/);
  await exception(tile(`TILEMATRIXSET=LAMB93&TILEMATRIX=10&TILEROW=${at.row}&TILECOL=${at.col}`), 400, "InvalidParameterValue", /TileMatrixSet LAMB93 inconnu/);
  await exception(tile(`TILEMATRIXSET=PM&TILEMATRIX=dix&TILEROW=${at.row}&TILECOL=${at.col}`), 400, "InvalidParameterValue", /TILEMATRIX doit être un entier/);
  await exception(`${WMTS}&REQUEST=GetTile&LAYER=corse_png&STYLE=normal&FORMAT=image/jpeg&TILEMATRIXSET=PM&TILEMATRIX=10&TILEROW=${at.row}&TILECOL=${at.col}`, 400, "InvalidParameterValue", /la couche corse_png est en image\/png/);
  await exception(`${WMTS}&REQUEST=GetTile&LAYER=corse_png&STYLE=normal&FORMAT=image/png&TILEMATRIXSET=PM&TILEMATRIX=10&TILEROW=${at.row}`, 400, "MissingParameterValue", /TILECOL manquant/);
  for (const url of [`${TMS}/11/${at.col * 2}/${at.row * 2}.png`, `${TMS}/10/10/${at.row}.png`, `${TMS}/10/${at.col}/${at.row}.jpeg`]) {
    const response = await fetch(url);
    assert.equal(response.status, 404, url);
    assert.match(await response.text(), /<TileMapServerError>/);
  }
});

test("WMS-Raster GetMap: the source image again in Lambert-93 and in EPSG:4326 (latitude first)", async () => {
  const bbox = [source.origin[0]!, source.origin[1]! - source.height * source.size, source.origin[0]! + source.width * source.size, source.origin[1]!].join(",");
  const map = await image(`${WMS}&REQUEST=GetMap&LAYERS=corse_png&STYLES=&CRS=EPSG:2154&BBOX=${bbox}&WIDTH=${source.width}&HEIGHT=${source.height}&FORMAT=image/png`, "image/png");
  for (let row = 0; row < source.height; row++) {
    for (let col = 0; col < source.width; col++) assert.deepEqual(map.rgba(col, row), [...rgbAt(col, row), 255], `pixel ${col},${row}`);
  }
  for (const [col, row] of PIXELS.slice(0, 4)) {
    const [lon, lat] = lambert93ToWgs84(...centre(col, row));
    const d = 0.001;
    const url = `${WMS}&REQUEST=GetMap&LAYERS=corse_png&STYLES=&CRS=EPSG:4326&BBOX=${lat - d},${lon - d},${lat + d},${lon + d}&WIDTH=5&HEIGHT=5&FORMAT=image/jpeg`;
    const small = await image(url, "image/jpeg");
    small.rgba(2, 2).slice(0, 3).forEach((value, c) => assert.ok(Math.abs(value - rgbAt(col, row)[c]!) <= 8, `pixel ${col},${row}: ${small.rgba(2, 2)} ≠ ${rgbAt(col, row)}`));
    // WMS 1.1.1: SRS, longitude first.
    const older = `https://data.geopf.fr/wms-r?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=corse_png&STYLES=&SRS=EPSG:4326&BBOX=${lon - d},${lat - d},${lon + d},${lat + d}&WIDTH=5&HEIGHT=5&FORMAT=image/png`;
    assert.deepEqual((await image(older, "image/png")).rgba(2, 2), [...rgbAt(col, row), 255]);
  }
  // Outside the image: white without TRANSPARENT, transparent with it.
  const away = "EPSG:3857&BBOX=0,0,1000,1000&WIDTH=4&HEIGHT=4&FORMAT=image/png";
  assert.deepEqual((await image(`${WMS}&REQUEST=GetMap&LAYERS=corse_png&STYLES=&CRS=${away}`, "image/png")).rgba(1, 1), [255, 255, 255, 255]);
  assert.deepEqual((await image(`${WMS}&REQUEST=GetMap&LAYERS=corse_png&STYLES=&TRANSPARENT=TRUE&CRS=${away}`, "image/png")).rgba(1, 1), [0, 0, 0, 0]);
});

test("WMS-Raster errors and GetFeatureInfo values; WMTS GetFeatureInfo", async () => {
  const base = `${WMS}&REQUEST=GetMap&WIDTH=10&HEIGHT=10`;
  await exception(`${base}&LAYERS=corse_png&CRS=EPSG:27572&BBOX=0,0,1,1&FORMAT=image/png`, 400, "InvalidCRS", /CRS EPSG:27572 non servi/);
  await exception(`${base}&LAYERS=corse_png&CRS=EPSG:3857&BBOX=0,0,1,1&FORMAT=image/gif`, 400, "InvalidFormat", /Format image\/gif non servi/);
  await exception(`${base}&LAYERS=inconnue&CRS=EPSG:3857&BBOX=0,0,1,1&FORMAT=image/png`, 400, "LayerNotDefined", /inconnue/);
  await exception(`${base}&LAYERS=corse_png&CRS=EPSG:3857&FORMAT=image/png`, 400, "MissingParameterValue", /BBOX manquant/);
  await exception(`${base}&LAYERS=corse_png&CRS=EPSG:3857&BBOX=1,0,0,1&FORMAT=image/png`, 400, "InvalidParameterValue", /BBOX invalide/);
  await exception(`${WMS}&REQUEST=GetMap&STYLES=&LAYERS=corse_png&CRS=EPSG:3857&BBOX=0,0,1,1&FORMAT=image/png&WIDTH=5000&HEIGHT=10`, 400, "InvalidParameterValue", /WIDTH doit être un entier de 1 à 4096/);
  await exception(`${base}&LAYERS=corse_png&STYLES=hypsometrique&CRS=EPSG:3857&BBOX=0,0,1,1&FORMAT=image/png`, 400, "StyleNotDefined", /hypsometrique/);

  const [col, row] = [128, 160];
  const [x, y] = centre(col, row);
  const info = `${WMS}&REQUEST=GetFeatureInfo&LAYERS=corse_png&QUERY_LAYERS=corse_png&STYLES=&CRS=EPSG:2154&BBOX=${x - 50},${y - 50},${x + 50},${y + 50}&WIDTH=11&HEIGHT=11&I=5&J=5`;
  const json = (await (await fetch(`${info}&INFO_FORMAT=application/json`)).json()) as { features: { properties: unknown }[] };
  assert.deepEqual(json.features[0]?.properties, { layer: "corse_png", image: "data/corse.tif", column: col, row, band_1: rgbAt(col, row)[0], band_2: rgbAt(col, row)[1], band_3: rgbAt(col, row)[2] });
  await exception(`${info}&INFO_FORMAT=application/vnd.ogc.gml`, 400, "InvalidFormat", /INFO_FORMAT application\/vnd.ogc.gml non servi/);
  const html = await (await fetch(`${info}&INFO_FORMAT=text/html`)).text();
  assert.match(html, new RegExp(`<td>data/corse.tif</td><td>${col}</td><td>${row}</td><td>${rgbAt(col, row).join("</td><td>")}</td>`));
  await exception(`${info.replace("I=5", "I=11")}&INFO_FORMAT=application/json`, 400, "InvalidPoint", /I doit être un entier de 0 à 10/);

  const [lon, lat] = lambert93ToWgs84(x, y);
  const at = pmPlace(lon, lat, 10);
  const text = await (await fetch(`${WMTS}&REQUEST=GetFeatureInfo&LAYER=corse_png&STYLE=normal&FORMAT=image/png&TILEMATRIXSET=PM&TILEMATRIX=10&TILEROW=${at.row}&TILECOL=${at.col}&I=${at.i}&J=${at.j}&INFOFORMAT=text/plain`)).text();
  assert.equal(text, `Couche corse_png : image data/corse.tif, pixel (colonne ${col}, ligne ${row}), valeurs ${rgbAt(col, row).join(" ")}\n`);
});

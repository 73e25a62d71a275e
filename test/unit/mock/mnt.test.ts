// The elevation (MNT) tutorial through the MSW handlers, with the generated FLOAT32 tiles and a fake clock:
// pyramids on LAMB93_50cm, ROK4 styles, WMS-Raster GetMap through the hypsometric palette, GetFeatureInfo, and
// the altimetry service reading altitudes back from the tiles.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decode } from "fast-png";
import ids from "../../../_data/ids.json" with { type: "json" };
import { lambert93ToWgs84 } from "../../../src/mock/formats/crs.ts";
import { descendants, parseXml, textContent } from "../../../src/mock/formats/xml.ts";
import { paletteColour, parseRok4Style } from "../../../src/mock/formats/rok4-style.ts";
import { closestLevel, TILE_MATRIX_SETS, tileRange } from "../../../src/mock/resources/common/tms.ts";
import { HYPSO_PALETTE, LEGEND_URL, MNS_FILE, mnsAltitude, MNT_FILE, mntAltitude, pixelCentre, storedValue } from "../../../src/mock/samples/mnt.ts";
import { assertError, bytesForm, createTypedUpload, DS, fetchText, harness, runExecution, sendBytes } from "./helpers.ts";

const h = harness();
after(() => h.close());

const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/mnt/${name}`, import.meta.url)));
const round = (value: number): number => Math.round(value * 100) / 100;
const WMSR = "https://data.geopf.fr/wms-r";
const ALTI = "https://data.geopf.fr/altimetrie";
const TILE_BBOX = "932000,6452000,933000,6453000";
// The JSON of a diffusion service's answer.
const getJson = async (url: string): Promise<any> => (await fetch(url)).json();

// Uploads a tile, checks it and computes its pyramid on LAMB93_50cm; returns the pyramid's stored data.
async function pyramidOf(file: string, name: string): Promise<Record<string, any>> {
  const upload = await createTypedUpload(h, "RASTER", "EPSG:2154", name);
  await sendBytes(h, upload, [[`data/${file}`, sample(file)]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: bytesForm(sample(file.replace(".tif", ".md5")), "sums.md5") })).status, 204);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const checks = await h.call("GET", `${DS}/uploads/${upload}/checks`);
  assert.equal(checks.body.passed.length, 2, JSON.stringify(checks.body));
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");
  const rasterCheck = checks.body.passed.find((c: { check: { _id: string } }) => c.check._id === ids.checks.raster);
  const logs = ((await h.call("GET", `${DS}/checks/executions/${rasterCheck._id}/logs`)).body as string[]).join("\n");
  assert.match(logs, new RegExp(`Image data/${file} : 250 × 250 pixels, 1 canal\\(aux\\) FLOAT 32 bits`));
  assert.match(logs, /pixel de 4 × 4, emprise \[932000, 6452000, 933000, 6453000\]/);
  const body = {
    processing: ids.processings.raster_to_pyramid, inputs: { upload: [upload] }, output: { stored_data: { name, storage_tags: ["PYRAMIDE"] } },
    parameters: { tms: "LAMB93_50cm", compression: "zip", interpolation: "nn", mask: true },
  };
  const created = await h.call("POST", `${DS}/processings/executions`, { json: { ...body, parameters: { ...body.parameters, tms: "LAMB93" } } });
  assertError(created, 400, /parameters\.tms : valeur "LAMB93" inconnue/);
  assertError(await h.call("POST", `${DS}/processings/executions`, { json: { ...body, parameters: { ...body.parameters, bottom: "19" } } }), 400, /parameters\.bottom : la grille LAMB93_50cm a les niveaux 0 à 18 \(reçu : « 19 »\)/);
  const execution = await runExecution(h, body);
  assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
  assert.deepEqual(execution.body.parameters, { tms: "LAMB93_50cm", compression: "zip", interpolation: "nn", mask: true, width: 16, height: 16, parallelization: 1 });
  return (await h.call("GET", `${DS}/stored_data/${execution.body.output.stored_data._id}`)).body;
}

// A static ROK4 style from its JSON text.
const postStyle = (text: string, name: string) => h.call("POST", `${DS}/statics`, { form: bytesForm(text, `${name}.json`, { type: "ROK4-STYLE", name }) });

test("MNT: LAMB93_50cm pyramids, ROK4 styles, WMS-Raster palette, altimetry service", async () => {
  const mnt = await pyramidOf(MNT_FILE, "MNT LidarHD");
  assert.equal(mnt.srs, "IGNF:LAMB93");
  assert.equal(mnt.status, "GENERATED");
  // 4 m pixels: level 15 of LAMB93_50cm (cell size 4 m) is the bottom.
  assert.deepEqual(mnt.type_infos, {
    tms: "LAMB93_50cm", levels: Array.from({ length: 16 }, (_, z) => String(z)), channels_format: "FLOAT32", channels_number: 1, compression: "ZIP", nodata_value: "-99999",
  });
  // The WGS 84 envelope of the tile (the Lambert-93 grid is turned by about 2° there).
  const [[[west, south], , [east, north]]] = mnt.extent.coordinates;
  assert.deepEqual([west, south, east, north].map((v: number) => Math.round(v * 1e4) / 1e4), [5.9516, 45.1279, 5.9648, 45.1373]);
  const mns = await pyramidOf(MNS_FILE, "MNS LidarHD");

  // ROK4 styles: identifier and legend read from the file; invalid files refused in French.
  const hypso = await postStyle(new TextDecoder().decode(sample("hypso.json")), "Teintes hypsométriques");
  assert.equal(hypso.status, 200, JSON.stringify(hypso.body));
  assert.deepEqual(hypso.body.type_infos, { identifier: "hypsometrique", legend_url: LEGEND_URL });
  const normal = await postStyle(new TextDecoder().decode(sample("normal.json")), "Données brutes");
  assert.deepEqual(normal.body.type_infos, { identifier: "normal", legend_url: "https://data.geopf.fr/annexes/ressources/legendes/LEGEND.jpg" });
  assertError(await postStyle("{ identifier: normal }", "Cassé"), 400, /n'est pas un style ROK4 valide : un style ROK4 doit être du JSON valide/);
  const colours = [{ value: 10, red: 0, green: 0, blue: 0 }, { value: 5, red: 300, green: 0, blue: 0 }];
  assertError(await postStyle(JSON.stringify({ identifier: "x", palette: { colours } }), "Palette"), 400, /palette\.colours\.1\.red : un entier de 0 à 255/);
  assertError(await postStyle(JSON.stringify({ identifier: "x", palette: { colours: [colours[0], { ...colours[1], red: 3 }] } }), "Ordre"), 400, /strictement croissantes \(10 puis 5\)/);
  assertError(await postStyle(JSON.stringify({ title: "sans identifiant" }), "Vide"), 400, /identifier : un identifiant/);

  // WMS-RASTER with both styles (normal first: the default); two styles of one identifier are refused.
  const wmsBody = (styles: string[]) => ({
    type: "WMS-RASTER", name: "MNT LidarHD données brutes", layer_name: "lidarhd",
    type_infos: { title: "MNT LidarHD", abstract: "MNT LidarHD brut", keywords: ["MNT"], styles, interpolation: "NEAREST-NEIGHBOUR", used_data: [{ bottom_level: "15", top_level: "0", stored_data: mnt._id }], getfeatureinfo: { stored_data: true } },
  });
  assertError(await h.call("POST", `${DS}/configurations`, { json: wmsBody([normal.body._id, normal.body._id]) }), 400, /plusieurs styles ont l'identifiant « normal »/);
  assertError(await h.call("POST", `${DS}/configurations`, { json: wmsBody(["inconnu"]) }), 400, /styles\[0\] : fichier statique « inconnu » introuvable/);
  const wms = await h.call("POST", `${DS}/configurations`, { json: wmsBody([normal.body._id, hypso.body._id]) });
  assert.equal(wms.status, 200, JSON.stringify(wms.body));
  assert.equal((await h.call("POST", `${DS}/configurations/${wms.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmsr, open: true } })).status, 200);
  assertError(await h.call("DELETE", `${DS}/statics/${hypso.body._id}`), 409, /utilisé par la configuration/);
  h.tick(2000);

  const capabilities = await fetchText(`${WMSR}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities`);
  const layer = descendants(parseXml(capabilities.text), "Layer").find((candidate) => candidate.children.some((child) => typeof child !== "string" && child.name === "Name" && textContent(child) === "lidarhd"))!;
  const styles = descendants(layer, "Style").map((style) => ({
    name: textContent(descendants(style, "Name")[0]!), title: textContent(descendants(style, "Title")[0]!),
    legend: descendants(style, "OnlineResource")[0]?.attributes["xlink:href"], size: [descendants(style, "LegendURL")[0]?.attributes.width, descendants(style, "LegendURL")[0]?.attributes.height],
  }));
  assert.deepEqual(styles, [
    { name: "normal", title: "Données brutes", legend: "https://data.geopf.fr/annexes/ressources/legendes/LEGEND.jpg", size: ["280", "69"] },
    { name: "hypsometrique", title: "Teintes hypsométriques", legend: LEGEND_URL, size: ["87", "118"] },
  ]);

  // GetMap over the tile at its own resolution: pixel (col, row) of the map is pixel (col, row) of the tile.
  const getMap = (styles: string) => fetch(`${WMSR}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=lidarhd&STYLES=${styles}&CRS=EPSG:2154&BBOX=${TILE_BBOX}&WIDTH=250&HEIGHT=250&FORMAT=image/png&TRANSPARENT=TRUE`);
  const png = decode(new Uint8Array(await (await getMap("hypsometrique")).arrayBuffer()));
  const at = (col: number, row: number): number[] => Array.from(png.data.slice((row * 250 + col) * 4, (row * 250 + col) * 4 + 4));
  const altitude = storedValue(mntAltitude, 125, 125);
  assert.ok(altitude > 2000 && altitude < 2500, String(altitude));
  // Between 2000 m (225, 0, 0) and 2500 m (0, 0, 0): red fades linearly.
  const t = (altitude - 2000) / 500;
  assert.deepEqual(at(125, 125), [Math.round(225 * (1 - t)), 0, 0, 255]);
  assert.deepEqual(at(10, 240), paletteColour(HYPSO_PALETTE, storedValue(mntAltitude, 10, 240)));
  // The pond (no data, -99999) is transparent through the palette.
  assert.equal(at(37, 200)[3], 0);
  // The default style (normal, no palette): grey stretched from the tile's lowest to highest altitude.
  const raw = decode(new Uint8Array(await (await getMap("")).arrayBuffer()));
  const grey = Array.from(raw.data.slice((125 * 250 + 125) * 4, (125 * 250 + 125) * 4 + 4));
  assert.equal(grey[0], grey[1]);
  assert.equal(grey[3], 255);
  // Raw values (style normal): a FLOAT32 GeoTIFF of the map, or BIL (little-endian floats).
  const rawMap = (format: string, styles = "normal") => fetch(`${WMSR}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=lidarhd&STYLES=${styles}&CRS=EPSG:2154&BBOX=${TILE_BBOX}&WIDTH=250&HEIGHT=250&FORMAT=${format}`);
  const tiffReply = await rawMap("image/tiff");
  assert.equal(tiffReply.headers.get("content-type"), "image/tiff");
  const { fromArrayBuffer } = await import("geotiff");
  const mapTiff = await (await fromArrayBuffer(await tiffReply.arrayBuffer())).getImage();
  assert.deepEqual([mapTiff.getWidth(), mapTiff.getSampleFormat(), mapTiff.getGDALNoData(), mapTiff.getOrigin().slice(0, 2), mapTiff.getResolution().slice(0, 2)], [250, 3, -99999, [932000, 6453000], [4, -4]]);
  const rasters = (await mapTiff.readRasters({ interleave: true })) as unknown as Float32Array;
  assert.equal(rasters[125 * 250 + 125], altitude);
  assert.equal(rasters[200 * 250 + 37], -99999);
  const bil = new DataView(await (await rawMap("image/x-bil;bits=32")).arrayBuffer());
  assert.equal(bil.byteLength, 250 * 250 * 4);
  assert.equal(bil.getFloat32((125 * 250 + 125) * 4, true), altitude);
  const colouredRaw = await rawMap("image/tiff", "hypsometrique");
  assert.equal(colouredRaw.status, 400);
  assert.match(await colouredRaw.text(), /code="InvalidFormat">Le style « hypsometrique » met les valeurs en couleur/);
  const unknownStyle = await fetchText(`${WMSR}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=lidarhd&STYLES=pentes&CRS=EPSG:2154&BBOX=${TILE_BBOX}&WIDTH=10&HEIGHT=10&FORMAT=image/png`);
  assert.equal(unknownStyle.status, 400);
  assert.match(unknownStyle.text, /code="StyleNotDefined">Style « pentes » inconnu pour la couche lidarhd : normal, hypsometrique/);

  // GetFeatureInfo: the altitude of the pixel.
  const info = await fetch(`${WMSR}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=lidarhd&QUERY_LAYERS=lidarhd&STYLES=&CRS=EPSG:2154&BBOX=${TILE_BBOX}&WIDTH=250&HEIGHT=250&I=125&J=125&INFO_FORMAT=application/json`);
  assert.equal(((await info.json()) as any).features[0].properties.band_1, altitude);

  // WMTS-TMS on the pyramid's own grid: LAMB93_50cm tiles, drawn with the asked ROK4 style.
  const tiles = await h.call("POST", `${DS}/configurations`, { json: {
    type: "WMTS-TMS", name: "MNT LidarHD en tuiles", layer_name: "lidarhd_tuiles",
    type_infos: { title: "MNT LidarHD", abstract: "Tuiles du MNT", styles: [hypso.body._id, normal.body._id], used_data: [{ bottom_level: "15", top_level: "10", stored_data: mnt._id }] },
  } });
  assert.equal(tiles.status, 200, JSON.stringify(tiles.body));
  assert.equal((await h.call("POST", `${DS}/configurations/${tiles.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmts, open: true } })).status, 200);
  h.tick(2000);
  const wmtsCaps = parseXml((await fetchText("https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")).text);
  const wmtsLayer = descendants(wmtsCaps, "Layer").find((candidate) => descendants(candidate, "Identifier").some((id) => textContent(id) === "lidarhd_tuiles"))!;
  assert.equal(textContent(descendants(wmtsLayer, "TileMatrixSet")[0]!), "LAMB93_50cm");
  assert.deepEqual(descendants(wmtsLayer, "Style").map((style) => textContent(descendants(style, "Identifier")[0]!)), ["hypsometrique", "normal"]);
  const limits15 = descendants(wmtsLayer, "TileMatrixLimits").find((limit) => textContent(descendants(limit, "TileMatrix")[0]!) === "15")!;
  assert.deepEqual(["MinTileRow", "MaxTileRow", "MinTileCol", "MaxTileCol"].map((name) => textContent(descendants(limits15, name)[0]!)), ["5416", "5418", "910", "911"]);
  const set = descendants(wmtsCaps, "TileMatrixSet").find((candidate) => candidate.children.some((child) => typeof child !== "string" && child.name === "ows:Identifier" && textContent(child) === "LAMB93_50cm"))!;
  const matrix15 = descendants(set, "TileMatrix").find((matrix) => textContent(descendants(matrix, "Identifier")[0]!) === "15")!;
  assert.equal(textContent(descendants(matrix15, "TopLeftCorner")[0]!), "0 12000000");
  assert.equal(Number(textContent(descendants(matrix15, "ScaleDenominator")[0]!)), 4 / 0.00028);
  const getTile = (extra: string) => fetch(`https://data.geopf.fr/wmts?SERVICE=WMTS&VERSION=1.0.0&REQUEST=GetTile&LAYER=lidarhd_tuiles&FORMAT=image/png&TILEMATRIX=15&TILEROW=5416&TILECOL=910&${extra}`);
  const tile = decode(new Uint8Array(await (await getTile("STYLE=&TILEMATRIXSET=LAMB93_50cm")).arrayBuffer()));
  // Tile (910, 5416) of level 15 spans X 931 840–932 864 m and Y 6 452 992–6 454 016 m: its pixel (50, 254) is the tile's pixel (10, 0).
  assert.deepEqual(Array.from(tile.data.slice((254 * 256 + 50) * 4, (254 * 256 + 50) * 4 + 4)), paletteColour(HYPSO_PALETTE, storedValue(mntAltitude, 10, 0)));
  assert.equal(tile.data[(10 * 256 + 10) * 4 + 3], 0, "au nord de la dalle : pas de donnée");
  const tmsTile = new Uint8Array(await (await fetch("https://data.geopf.fr/tms/1.0.0/lidarhd_tuiles/15/910/5416.png")).arrayBuffer());
  // TMS has no style parameter: its tiles are the raw values (ROK4's « normal »), as WMTS with STYLE=normal.
  const rawTile = decode(new Uint8Array(await (await getTile("STYLE=normal&TILEMATRIXSET=LAMB93_50cm")).arrayBuffer()));
  assert.deepEqual(decode(tmsTile).data, rawTile.data);
  assert.notDeepEqual(rawTile.data, tile.data);
  assert.match((await (await getTile("STYLE=pentes&TILEMATRIXSET=LAMB93_50cm")).text()), /Style pentes inconnu pour la couche lidarhd_tuiles : hypsometrique, normal/);
  assert.match((await (await getTile("STYLE=&TILEMATRIXSET=PM")).text()), /n'est servie que dans LAMB93_50cm/);

  // Upper levels: at 8 m a pixel (level 14) is the mean of the 2 × 2 pixels of 4 m below it; no data left out.
  const coarse = (i: number, j: number) => fetch(`${WMSR}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=lidarhd&QUERY_LAYERS=lidarhd&STYLES=&CRS=EPSG:2154&BBOX=${TILE_BBOX}&WIDTH=125&HEIGHT=125&I=${i}&J=${j}&INFO_FORMAT=application/json`).then((reply) => reply.json() as Promise<any>);
  const mean = (values: number[]) => Math.fround(values.reduce((a, b) => a + b, 0) / values.length);
  assert.equal((await coarse(62, 62)).features[0].properties.band_1, mean([storedValue(mntAltitude, 124, 124), storedValue(mntAltitude, 125, 124), storedValue(mntAltitude, 124, 125), storedValue(mntAltitude, 125, 125)]));
  // A cell on the pond's edge averages only its pixels with data.
  const block = (i: number, j: number) => [[2 * i, 2 * j], [2 * i + 1, 2 * j], [2 * i, 2 * j + 1], [2 * i + 1, 2 * j + 1]].map(([c, r]) => storedValue(mntAltitude, c!, r!));
  const edgeCell = Array.from({ length: 125 }, (_, i) => i).find((i) => new Set(block(i, 100).map((value) => value === -99999)).size === 2)!;
  const withData = block(edgeCell, 100).filter((value) => value !== -99999);
  assert.ok(withData.length > 0 && withData.length < 4, String(edgeCell));
  assert.equal((await coarse(edgeCell, 100)).features[0].properties.band_1, mean(withData));

  // ALTIMETRY: both pyramids in one resource; published on the altimetry endpoint.
  const altiBody = (usedData: unknown[]) => ({
    type: "ALTIMETRY", name: "LidarHD : MNT et MNS", layer_name: "lidarhd_test",
    type_infos: { title: "LidarHD : MNT et MNS", abstract: "LidarHD : MNT et MNS, à 4 m", keywords: ["LidarHD", "MNT"], used_data: usedData },
  });
  const item = (title: string, id: string) => ({ title, stored_data: id, source: { value: "Lidar HD" }, accuracy: { value: "Moins de 1 m" } });
  assertError(await h.call("POST", `${DS}/configurations`, { json: altiBody([{ title: "MNT", stored_data: mnt._id }]) }), 400, /used_data\[0\]\.source/, /used_data\[0\]\.accuracy/);
  assertError(await h.call("POST", `${DS}/configurations`, { json: altiBody([{ ...item("MNT", mnt._id), accuracy: { mapping: { "1": "1 m" }, stored_data: mns._id } }]) }), 400, /accuracy\.stored_data : la pyramide « MNS LidarHD » doit avoir un seul canal entier/);
  const alti = await h.call("POST", `${DS}/configurations`, { json: altiBody([item("MNT à 4 m", mnt._id), item("MNS à 4 m", mns._id)]) });
  assert.equal(alti.status, 200, JSON.stringify(alti.body));
  const offering = await h.call("POST", `${DS}/configurations/${alti.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.alti, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  assert.deepEqual(offering.body.urls, [{ type: "ALTIMETRY", url: `${ALTI}/resources/lidarhd_test` }]);
  h.tick(2000);

  const resources = await getJson(`${ALTI}/resources?keywords=MNT`);
  assert.deepEqual(resources.resources.map((r: { _id: string }) => r._id), ["lidarhd_test"]);
  assert.deepEqual((await getJson(`${ALTI}/resources?keywords=Bathymétrie`)).resources, []);

  // Pixel centres: the altitude is the tile's value there (rounded to 2 decimals), MNT first.
  const [lon1, lat1] = lambert93ToWgs84(...pixelCentre(125, 125));
  const [lon2, lat2] = lambert93ToWgs84(...pixelCentre(60, 60));
  const elevation = await getJson(`${ALTI}/calcul/alti/rest/elevation.json?resource=lidarhd_test&lon=${lon1}|${lon2}&lat=${lat1}|${lat2}&measures=true`);
  assert.equal(elevation.elevations[0].z, round(altitude));
  assert.deepEqual(elevation.elevations[1].measures.map((m: { z: number; title: string }) => [m.title, m.z]), [
    ["MNT à 4 m", round(storedValue(mntAltitude, 60, 60))], ["MNS à 4 m", round(storedValue(mnsAltitude, 60, 60))],
  ]);
  assert.equal(elevation.elevations[1].measures[1].z - elevation.elevations[1].measures[0].z, 18);
  assert.deepEqual(Object.keys(elevation.elevations[0].measures[0]), ["z", "source_name", "source_measure", "acc", "title"]);
  assert.equal(elevation.elevations[0].acc, "Moins de 1 m");
  // Between pixel centres: bilinear interpolation of the four neighbours.
  const [x0, y0] = pixelCentre(125, 125);
  const [lonMid, latMid] = lambert93ToWgs84(x0 + 2, y0);
  const middle = (storedValue(mntAltitude, 125, 125) + storedValue(mntAltitude, 126, 125)) / 2;
  const z = await getJson(`${ALTI}/1.0/calcul/alti/rest/elevation.json?resource=lidarhd_test&lon=${lonMid}&lat=${latMid}&zonly=true`);
  assert.ok(Math.abs(z.elevations[0] - middle) < 0.02, `${z.elevations[0]} vs ${middle}`);
  // The pond and a point outside the tile: no data.
  const [lonPond, latPond] = lambert93ToWgs84(932150, 6452200);
  const nodata = await getJson(`${ALTI}/calcul/alti/rest/elevation.json?resource=lidarhd_test&lon=${lonPond};2.35&lat=${latPond};48.85&delimiter=;&zonly=true`);
  assert.deepEqual(nodata, { elevations: [-99999, -99999] });
  const xmlAnswer = await fetchText(`${ALTI}/calcul/alti/rest/elevation.xml?resource=lidarhd_test&lon=${lon1}&lat=${lat1}`);
  const point = descendants(parseXml(xmlAnswer.text), "elevation")[0]!;
  assert.deepEqual(["lon", "lat", "z", "acc"].map((name) => textContent(descendants(point, name)[0]!)), [String(lon1), String(lat1), String(round(altitude)), "Moins de 1 m"]);

  // POST: the same parameters in a JSON body of strings.
  const posted = await fetch(`${ALTI}/1.0/calcul/alti/rest/elevation.json`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ lon: `${lon1}|${lon2}`, lat: `${lat1}|${lat2}`, resource: "lidarhd_test", measures: "true" }) });
  assert.deepEqual(await posted.json(), elevation);
  const badPost = await fetch(`${ALTI}/calcul/alti/rest/elevation.json`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "[1, 2]" });
  assert.equal(badPost.status, 400);
  assert.match(((await badPost.json()) as any).error.message, /objet JSON dont chaque valeur est un texte/);

  // Profile: `sampling` points along the line, with the climbs and descents.
  const profile = await getJson(`${ALTI}/calcul/alti/rest/elevationLine.json?resource=lidarhd_test&lon=${lon2}|${lon1}&lat=${lat2}|${lat1}&sampling=5`);
  assert.equal(profile.elevations.length, 5);
  assert.equal(profile.elevations[0].z, round(storedValue(mntAltitude, 60, 60)));
  assert.ok(profile.height_differences.positive > 0 && profile.height_differences.negative >= 0, JSON.stringify(profile.height_differences));

  // Errors: the service's JSON error.
  for (const [query, status, pattern] of [
    ["resource=inconnue&lon=5.96&lat=45.13", 400, /La ressource « inconnue » n'existe pas/],
    ["resource=lidarhd_test&lon=5.96|5.97&lat=45.13", 400, /Autant de longitudes que de latitudes/],
    ["resource=lidarhd_test&lon=500&lat=45.13", 400, /« lon » contient « 500 »/],
    ["resource=lidarhd_test&lon=5.96&lat=45.13&zonly=oui", 400, /« zonly » vaut true ou false/],
    ["lon=5.96&lat=45.13", 400, /« resource » est obligatoire/],
  ] as const) {
    const reply = await fetch(`${ALTI}/calcul/alti/rest/elevation.json?${query}`);
    assert.equal(reply.status, status, query);
    const body = (await reply.json()) as any;
    assert.equal(body.error.code, "BAD_PARAMETER");
    assert.match(body.error.message, pattern);
  }
  assert.equal((await fetch(`${ALTI}/calcul/alti/rest/altitude.json?resource=lidarhd_test`)).status, 404);
  assert.equal((await fetch(`${ALTI}/resources/inconnue`)).status, 404);
});

test("LAMB93_50cm is ROK4's grid: 0.5 m at level 18, 131 072 m at level 0, origin (0, 12 000 000)", () => {
  const tms = TILE_MATRIX_SETS.LAMB93_50cm!;
  assert.equal(tms.srs, "IGNF:LAMB93");
  assert.equal(tms.levels.length, 19);
  assert.deepEqual([tms.levels[0]!.resolution, tms.levels[15]!.resolution, tms.levels[18]!.resolution], [131072, 4, 0.5]);
  assert.deepEqual([tms.levels[18]!.width, tms.levels[18]!.height], [10080, 84081]);
  assert.equal(closestLevel(tms, 0.5), 18);
  assert.equal(closestLevel(tms, 4), 15);
  assert.equal(closestLevel(tms, 5), 15);
  assert.equal(closestLevel(tms, 7), 14);
  // Level 15 tiles are 1 024 m wide: X 932–933 km falls in columns 910 and 911, Y 6 452–6 453 km in rows 5 416 and 5 417.
  assert.deepEqual(tileRange(tms, [932000, 6452000, 933000, 6453000], 15), { minCol: 910, maxCol: 911, minRow: 5416, maxRow: 5417 });
});

test("ROK4 palettes: continuous and stepped colours, bounds", () => {
  const style = parseRok4Style(JSON.stringify({ identifier: "pas", palette: { rgb_continuous: false, alpha_continuous: true, colours: [
    { value: 0, red: 0, green: 0, blue: 0, alpha: 0 }, { value: 100, red: 200, green: 100, blue: 50, alpha: 200 },
  ] } }));
  assert.deepEqual(paletteColour(style.palette!, 50), [0, 0, 0, 100]);
  assert.deepEqual(paletteColour(style.palette!, -5), [0, 0, 0, 0]);
  assert.deepEqual(paletteColour(style.palette!, 1e9), [200, 100, 50, 200]);
  assert.deepEqual(paletteColour(HYPSO_PALETTE, 1750), [231, 120, 0, 255]);
  assert.deepEqual(paletteColour(HYPSO_PALETTE, -99999), [0, 0, 0, 0]);
  assert.throws(() => parseRok4Style('{"identifier": "a b"}'), /identifier : un identifiant/);
});

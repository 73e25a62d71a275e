// The WMS-Vecteur after the vector tutorial's flow (monde.gpkg integrated in EPSG:3857, pays.sld and
// ecoregions.sld with their FTL templates, the WMS-VECTOR configuration "monde_wms" published on the open
// endpoint): GetMap images decoded pixel by pixel, GetFeatureInfo at those pixels, the legend, every error.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decode } from "fast-png";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { bytesForm, createTypedUpload, DS, fetchText, harness, runExecution, sendBytes } from "../helpers.ts";
import { wgs84ToMercator } from "../../../../src/mock/formats/crs.ts";

const h = harness();
after(() => h.close());
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../public/samples/vecteur/${name}`, import.meta.url)));
const WMS = "https://data.geopf.fr/wms-v?SERVICE=WMS&VERSION=1.3.0";
const statics: Record<string, string> = {};

before(async () => {
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Données mondiales");
  await sendBytes(h, upload, [["data/monde.gpkg", sample("monde.gpkg")]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const execution = await runExecution(h, {
    processing: ids.processings.vector_to_db, inputs: { upload: [upload] },
    output: { stored_data: { name: "Pays et éco-régions", storage_tags: ["VECTEUR"] } }, parameters: { srs: "EPSG:3857" },
  });
  assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
  for (const [file, type] of [["pays.sld", "GEOSERVER-STYLE"], ["ecoregions.sld", "GEOSERVER-STYLE"], ["pays.ftl", "GEOSERVER-FTL"], ["ecoregions.ftl", "GEOSERVER-FTL"]] as const) {
    const reply = await h.call("POST", `${DS}/statics`, { form: bytesForm(sample(file), file, { type, name: file, description: file }) });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    statics[file] = reply.body._id;
  }
  const configuration = await h.call("POST", `${DS}/configurations`, {
    json: {
      type: "WMS-VECTOR", name: "Données mondiales en WMS", layer_name: "monde_wms",
      type_infos: {
        title: "Pays et écorégions du monde", abstract: "Pays du monde dessinés par-dessus les grandes écorégions", keywords: ["Tutoriel"],
        used_data: [{ stored_data: execution.body.output.stored_data._id, relations: [
          { name: "pays", style: statics["pays.sld"], ftl: statics["pays.ftl"] },
          { name: "ecoregions", style: statics["ecoregions.sld"], ftl: statics["ecoregions.ftl"] },
        ] }],
      },
    },
  });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  const offering = await h.call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmsv, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  h.tick(2000);
});

// Europe and Morocco in EPSG:4326, WMS 1.3.0 latitude first: 350 × 350 pixels of 0.1°; pixel (i, j) has its
// centre at longitude -15 + (i + 0.5) / 10, latitude 60 - (j + 0.5) / 10.
const EUROPE = "BBOX=25,-15,60,20&CRS=EPSG:4326&WIDTH=350&HEIGHT=350";
const getMap = (extra: string) => fetch(`${WMS}&REQUEST=GetMap&LAYERS=monde_wms&STYLES=&${extra}`);
const pixel = (image: { width: number; data: ArrayLike<number> }, i: number, j: number): number[] => Array.from({ length: 4 }, (_, c) => image.data[(j * image.width + i) * 4 + c]!);
const over = (hex: string, opacity: number, below = 255): number[] => [0, 2, 4].map((k) => Math.round(Number.parseInt(hex.slice(k + 1, k + 3), 16) * opacity + below * (1 - opacity)));

// Pixel (150, 125): longitude 0.05, latitude 47.45, in western France (its coast is near -4.2° at that
// latitude) and in the "Forêts atlantiques" eco-region, more than a degree (10 pixels) from every outline.
const FRANCE = [150, 125] as const;
// Pixel (130, 305): longitude -1.95, latitude 29.45, inside "Steppes présahariennes" (28.9° to 32.1° at that
// longitude, east edge -1.2°) and east of Morocco, whose outline passes -5.7° at that latitude.
const STEPPES = [130, 305] as const;
// Pixel (30, 200): longitude -11.95, latitude 39.95, in the Atlantic, west of Portugal (-9.5°).
const OCEAN = [30, 200] as const;

test("GetMap PNG: the countries' opaque fill over the eco-regions, the biome's colour at 0.8 over white, white elsewhere", async () => {
  const response = await getMap(`${EUROPE}&FORMAT=image/png`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "image/png");
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  const image = decode(new Uint8Array(await response.arrayBuffer()));
  assert.deepEqual([image.width, image.height, image.channels], [350, 350, 4]);
  // pays.sld: #f2efe9, fill-opacity 1, first relation, drawn on top.
  assert.deepEqual(pixel(image, ...FRANCE), [0xf2, 0xef, 0xe9, 255]);
  // ecoregions.sld rule "Déserts et terres arbustives xériques": #e8cf9c, fill-opacity 0.8.
  assert.deepEqual(pixel(image, ...STEPPES), [...over("#e8cf9c", 0.8), 255]);
  assert.deepEqual(pixel(image, ...OCEAN), [255, 255, 255, 255]);
  // Outlines (#4d4d4d, 0.5 px, so half-blended) exist somewhere.
  assert.ok(Array.from({ length: 350 * 350 }, (_, p) => image.data[p * 4]).some((v) => v === Math.round(0x4d * 0.5 + 0xf2 * 0.5) || v === Math.round(0x4d * 0.5 + 127.5)));
});

test("GetMap: TRANSPARENT, BGCOLOR, JPEG, EPSG:3857, and WMS 1.1.1 (SRS, longitude first) draws the same image", async () => {
  const transparent = decode(new Uint8Array(await (await getMap(`${EUROPE}&FORMAT=image/png&TRANSPARENT=TRUE`)).arrayBuffer()));
  assert.equal(pixel(transparent, ...OCEAN)[3], 0);
  assert.deepEqual(pixel(transparent, ...STEPPES), [0xe8, 0xcf, 0x9c, 204]);
  const blue = decode(new Uint8Array(await (await getMap(`${EUROPE}&FORMAT=image/png&BGCOLOR=0x0000FF`)).arrayBuffer()));
  assert.deepEqual(pixel(blue, ...OCEAN), [0, 0, 255, 255]);
  assert.deepEqual(pixel(blue, ...STEPPES), [...[0xe8, 0xcf, 0x9c].map((c, k) => Math.round(c * 0.8 + [0, 0, 255][k]! * 0.2)), 255]);
  const jpeg = await getMap(`${EUROPE}&FORMAT=image/jpeg`);
  assert.equal(jpeg.headers.get("content-type"), "image/jpeg");
  assert.deepEqual([...new Uint8Array(await jpeg.arrayBuffer()).slice(0, 2)], [0xff, 0xd8]);
  const png130 = new Uint8Array(await (await getMap(`${EUROPE}&FORMAT=image/png`)).arrayBuffer());
  const png111 = new Uint8Array(await (await fetch(`${WMS.replace("1.3.0", "1.1.1")}&REQUEST=GetMap&LAYERS=monde_wms&STYLES=&SRS=EPSG:4326&BBOX=-15,25,20,60&WIDTH=350&HEIGHT=350&FORMAT=image/png`)).arrayBuffer());
  assert.deepEqual(png111, png130);
  // Web Mercator: a 256-pixel frame centred on the steppes pixel's position, about 0.1° wide.
  const [x, y] = wgs84ToMercator(-1.95, 29.45);
  const mercator = decode(new Uint8Array(await (await getMap(`BBOX=${x - 5000},${y - 5000},${x + 5000},${y + 5000}&CRS=EPSG:3857&WIDTH=256&HEIGHT=256&FORMAT=image/png`)).arrayBuffer()));
  assert.deepEqual(pixel(mercator, 128, 128), [...over("#e8cf9c", 0.8), 255]);
});

// Western Europe at 1:9,900,000 (600 × 420 pixels of 0.025°), below the 1:20,000,000 of pays.sld's « nom » rule:
// pixel (i, j) has its centre at longitude -5 + (i + 0.5) / 40, latitude 51.5 - (j + 0.5) / 40. France's mainland
// outline has its centroid at 1.97° E, 46.70° N: pixel position (278.8, 191.9), where « France » is centred.
const WEST = "BBOX=41,-5,51.5,10&CRS=EPSG:4326&WIDTH=600&HEIGHT=420";
type Decoded = ReturnType<typeof decode>;
// The pixels of a box (left, top, right, bottom) darker than any outline (0x9f over the countries' fill, 0xa6 over white).
const darkPixels = (image: Decoded, [left, top, right, bottom]: number[]): number[][] =>
  Array.from({ length: (right! - left!) * (bottom! - top!) }, (_, k) => pixel(image, left! + (k % (right! - left!)), top! + Math.floor(k / (right! - left!)))).filter((p) => Math.max(p[0]!, p[1]!, p[2]!) < 0x90);
// Whether a pixel is `hex` blended over `below` (each channel within 1.5 of the same mix).
const blendOf = (p: number[], hex: string, below: string): boolean => {
  const [c, b] = [hex, below].map((h) => [1, 3, 5].map((k) => Number.parseInt(h.slice(k, k + 2), 16)));
  const a = (b![0]! - p[0]!) / (b![0]! - c![0]!);
  return [0, 1, 2].every((k) => Math.abs(p[k]! - (c![k]! * a + b![k]! * (1 - a))) <= 1.5) && p[3] === 255;
};

test("GetMap below 1:20,000,000: « France » written in #333333 on its centroid (pays.sld's « nom »), no text at 1:39,800,000", async () => {
  const image = decode(new Uint8Array(await (await getMap(`${WEST}&FORMAT=image/png`)).arrayBuffer()));
  // « France », 10 pixels high, centred on the centroid: dark pixels around it, each #333333 blended over the fill.
  const france = darkPixels(image, [256, 182, 302, 200]);
  assert.ok(france.length > 40, `${france.length} pixels sombres`);
  assert.ok(france.every((p) => blendOf(p, "#333333", "#f2efe9")), JSON.stringify(france.slice(0, 5)));
  assert.ok(france.some((p) => p[0]! < 0x60), "des pixels presque entièrement couverts");
  // None above the label, nor in the eco-region west of France (pixel (20, 300): 4.5° W, 44° N).
  assert.deepEqual(darkPixels(image, [256, 150, 302, 178]), []);
  assert.deepEqual(darkPixels(image, [0, 280, 40, 320]), []);
  // At 1:39,800,000 (the Europe frame, where the centroid is at pixel (169.7, 133.0)), the rule is off: no text.
  const europe = decode(new Uint8Array(await (await getMap(`${EUROPE}&FORMAT=image/png`)).arrayBuffer()));
  assert.deepEqual(darkPixels(europe, [140, 120, 200, 146]), []);
});

test("a Halo in pays.sld: the label over a white outline 2 pixels wide, where the fill showed before", async () => {
  const before = decode(new Uint8Array(await (await getMap(`${WEST}&FORMAT=image/png`)).arrayBuffer()));
  // Lighter than the fill (#f2efe9): a blend of white over it.
  const light = (image: Decoded): number[][] => Array.from({ length: 46 * 18 }, (_, k) => pixel(image, 256 + (k % 46), 182 + Math.floor(k / 46))).filter((p) => p[2]! > 0xe9 + 8);
  assert.deepEqual(light(before), []);
  const halo = new TextDecoder().decode(sample("pays.sld")).replace("</Label>", "</Label><Halo><Radius>2</Radius><Fill><CssParameter name=\"fill\">#ffffff</CssParameter></Fill></Halo>");
  assert.equal((await h.call("PUT", `${DS}/statics/${statics["pays.sld"]}`, { form: bytesForm(halo, "pays.sld") })).status, 200);
  try {
    const image = decode(new Uint8Array(await (await getMap(`${WEST}&FORMAT=image/png`)).arrayBuffer()));
    // (Pixels where the text's own edge covers the halo are a mix of the three colours: left aside.)
    const white = light(image).filter((p) => blendOf(p, "#ffffff", "#f2efe9"));
    assert.ok(white.length > 100, `${white.length} pixels clairs`);
    assert.ok(white.filter((p) => p[0] === 255 && p[1] === 255 && p[2] === 255).length > 40);
    // The text is still drawn, over its halo: #333333 blended over white or over the fill.
    assert.ok(darkPixels(image, [256, 182, 302, 200]).length > 40);
  } finally {
    assert.equal((await h.call("PUT", `${DS}/statics/${statics["pays.sld"]}`, { form: bytesForm(sample("pays.sld"), "pays.sld") })).status, 200);
  }
});

test("GetFeatureInfo at those pixels: the feature's attributes in JSON, HTML from the FTL templates, text", async () => {
  const info = (point: readonly [number, number], format: string, count = 1) =>
    fetch(`${WMS}&REQUEST=GetFeatureInfo&LAYERS=monde_wms&QUERY_LAYERS=monde_wms&STYLES=&${EUROPE}&FORMAT=image/png&INFO_FORMAT=${format}&I=${point[0]}&J=${point[1]}&FEATURE_COUNT=${count}`);
  const steppes = await info(STEPPES, "application/json");
  assert.equal(steppes.status, 200);
  assert.match(steppes.headers.get("content-type")!, /^application\/json/);
  const json = (await steppes.json()) as any;
  assert.equal(json.type, "FeatureCollection");
  assert.equal(json.numberReturned, 1);
  assert.deepEqual(json.crs.properties.name, "urn:ogc:def:crs:EPSG::4326");
  assert.equal(json.features[0].id, "ecoregions.4");
  assert.deepEqual(json.features[0].properties, { nom_ecoregion: "Steppes présahariennes", biome: "Déserts et terres arbustives xériques", royaume: "Paléarctique" });
  assert.equal(json.features[0].geometry.type, "MultiPolygon");
  assert.deepEqual(json.features[0].geometry.coordinates[0][0][0].map((v: number) => Math.round(v * 1e6) / 1e6), [-9.6, 32.6]);
  // Both tables answer at the France pixel, the top one (pays) first.
  const france = (await (await info(FRANCE, "application/json")).json()) as any;
  assert.deepEqual(france.features.map((f: { id: string }) => f.id), ["pays.1", "ecoregions.1"]);
  assert.equal(france.features[0].properties.nom, "France");
  const html = await (await info(FRANCE, "text/html")).text();
  assert.match(html, /<h3>France<\/h3>\n<p>Code ISO : FRA — population : 68000000 habitants<\/p>/);
  assert.match(html, /<h3>Forêts atlantiques de l'Ouest européen<\/h3>\n<p>Biome : Forêts tempérées de feuillus et mixtes \(royaume Paléarctique\)<\/p>/);
  assert.match(await (await info(STEPPES, "text/plain")).text(), /Résultats pour la table « ecoregions » :[\s\S]*nom_ecoregion = Steppes présahariennes/);
  assert.deepEqual(((await (await info(OCEAN, "application/json", 10)).json()) as any).features, []);
});

test("GetLegendGraphic: a swatch per rule, in the styles' order, with each rule's colour", async () => {
  const response = await fetch(`${WMS}&REQUEST=GetLegendGraphic&LAYER=monde_wms&FORMAT=image/png&WIDTH=20&HEIGHT=20`);
  assert.equal(response.status, 200);
  const legend = decode(new Uint8Array(await response.arrayBuffer()));
  // pays.sld's fill rule ("nom" has only a label), then the 7 biomes.
  assert.deepEqual([legend.width, legend.height], [20, 160]);
  assert.deepEqual(pixel(legend, 10, 10), [0xf2, 0xef, 0xe9, 255]);
  const biomes = ["#7fb86e", "#c9b85b", "#e8cf9c", "#2e8b57", "#d3c16a", "#5f8f7a", "#b8c9c2"];
  biomes.forEach((colour, k) => assert.deepEqual(pixel(legend, 10, 30 + 20 * k), [...over(colour, 0.8), 255], colour));
  const one = decode(new Uint8Array(await (await fetch(`${WMS}&REQUEST=GetLegendGraphic&LAYER=monde_wms&FORMAT=image/png&RULE=Toundra`)).arrayBuffer()));
  assert.deepEqual([one.width, one.height], [20, 20]);
  assert.deepEqual(pixel(one, 10, 10), [...over("#b8c9c2", 0.8), 255]);
});

test("errors: GeoServer's codes in a 400 ServiceExceptionReport, in French", async () => {
  const cases: [string, string, RegExp][] = [
    [`REQUEST=GetMap&LAYERS=monde_wms&${EUROPE}&FORMAT=image/gif`, "InvalidFormat", /image\/gif/],
    [`REQUEST=GetMap&LAYERS=monde_wms&BBOX=0,0,1,1&CRS=EPSG:27700&WIDTH=10&HEIGHT=10&FORMAT=image/png`, "InvalidCRS", /EPSG:27700/],
    [`REQUEST=GetMap&LAYERS=inconnue&${EUROPE}&FORMAT=image/png`, "LayerNotDefined", /inconnue/],
    [`REQUEST=GetMap&LAYERS=monde_wms&STYLES=rouge&${EUROPE}&FORMAT=image/png`, "StyleNotDefined", /rouge/],
    [`REQUEST=GetMap&LAYERS=monde_wms&CRS=EPSG:4326&WIDTH=10&HEIGHT=10&FORMAT=image/png`, "MissingParameterValue", /BBOX manquant/],
    [`REQUEST=GetMap&${EUROPE}&FORMAT=image/png`, "MissingParameterValue", /LAYERS manquant/],
    [`REQUEST=GetMap&LAYERS=monde_wms&${EUROPE}`, "MissingParameterValue", /FORMAT manquant/],
    [`REQUEST=GetMap&LAYERS=monde_wms&BBOX=1,2,3&CRS=EPSG:4326&WIDTH=10&HEIGHT=10&FORMAT=image/png`, "InvalidParameterValue", /quatre nombres/],
    [`REQUEST=GetMap&LAYERS=monde_wms&BBOX=60,20,25,-15&CRS=EPSG:4326&WIDTH=10&HEIGHT=10&FORMAT=image/png`, "InvalidParameterValue", /minimum[\s\S]*latitude d'abord/],
    [`REQUEST=GetMap&LAYERS=monde_wms&BBOX=25,-15,60,20&CRS=EPSG:4326&WIDTH=5000&HEIGHT=10&FORMAT=image/png`, "InvalidParameterValue", /WIDTH « 5000 »[\s\S]*4096/],
    [`REQUEST=GetMap&LAYERS=monde_wms&${EUROPE}&FORMAT=image/png&TRANSPARENT=peut-être`, "InvalidParameterValue", /TRANSPARENT/],
    [`REQUEST=GetMap&LAYERS=monde_wms&${EUROPE}&FORMAT=image/png&BGCOLOR=bleu`, "InvalidParameterValue", /BGCOLOR/],
    [`REQUEST=GetFeatureInfo&LAYERS=monde_wms&QUERY_LAYERS=monde_wms&${EUROPE}&INFO_FORMAT=application/json&I=350&J=0`, "InvalidPoint", /I=350/],
    [`REQUEST=GetFeatureInfo&LAYERS=monde_wms&QUERY_LAYERS=monde_wms&${EUROPE}&INFO_FORMAT=application/xml&I=1&J=1`, "InvalidFormat", /application\/xml/],
    [`REQUEST=GetFeatureInfo&LAYERS=monde_wms&${EUROPE}&INFO_FORMAT=application/json&I=1&J=1`, "MissingParameterValue", /QUERY_LAYERS/],
    [`REQUEST=GetLegendGraphic&LAYER=monde_wms&FORMAT=image/png&RULE=absente`, "InvalidParameterValue", /absente/],
    [`REQUEST=GetLegendGraphic&LAYER=monde_wms&FORMAT=image/png&STYLE=rouge`, "StyleNotDefined", /rouge/],
    [`REQUEST=GetMap&LAYERS=monde_wms&BBOX=a,b,c,d&CRS=EPSG:3857&WIDTH=10&HEIGHT=10&FORMAT=image/png`, "InvalidParameterValue", /BBOX « a,b,c,d »/],
    [`REQUEST=GetMap&LAYERS=monde_wms&BBOX=0,0,1,1e400&CRS=EPSG:3857&WIDTH=10&HEIGHT=10&FORMAT=image/png`, "InvalidParameterValue", /BBOX/],
    [`REQUEST=GetMap&LAYERS=monde_wms&BBOX=0,0,1,1&CRS=EPSG:3857&WIDTH=abc&HEIGHT=10&FORMAT=image/png`, "InvalidParameterValue", /WIDTH « abc »/],
    [`REQUEST=GetMap&LAYERS=monde_wms&BBOX=0,0,1,1&CRS=EPSG:3857&WIDTH=10&HEIGHT=0&FORMAT=image/png`, "InvalidParameterValue", /HEIGHT « 0 »/],
    [`REQUEST=GetMap&LAYERS=monde_wms&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10&FORMAT=image/png`, "MissingParameterValue", /CRS manquant/],
    [`REQUEST=GetMap&LAYERS=monde_wms,monde_wms&BBOX=0,0,1,1&CRS=EPSG:3857&WIDTH=10&HEIGHT=10&FORMAT=image/png&STYLES=a,b,c`, "InvalidParameterValue", /3 style\(s\) pour 2 couche\(s\)/],
    [`REQUEST=GetFeatureInfo&LAYERS=monde_wms&QUERY_LAYERS=monde_wms&${EUROPE}&INFO_FORMAT=application/json&I=1&J=1&FEATURE_COUNT=0`, "InvalidParameterValue", /FEATURE_COUNT/],
    [`REQUEST=GetFeatureInfo&LAYERS=monde_wms&QUERY_LAYERS=monde_wms&${EUROPE}&INFO_FORMAT=application/json&I=-1&J=1`, "InvalidPoint", /I=-1/],
    [`REQUEST=GetFeatureInfo&LAYERS=monde_wms&QUERY_LAYERS=autre&${EUROPE}&INFO_FORMAT=application/json&I=1&J=1`, "LayerNotDefined", /autre/],
  ];
  for (const [query, code, message] of cases) {
    const reply = await fetchText(`${WMS}&${query}`);
    assert.equal(reply.status, 400, `${query}: ${reply.text}`);
    assert.match(reply.type, /text\/xml/);
    assert.match(reply.text, new RegExp(`<ServiceExceptionReport version="1.3.0"[\\s\\S]*<ServiceException code="${code}">`), query);
    assert.match(reply.text, message, query);
  }
  const version = await fetchText(`${WMS.replace("1.3.0", "2.0.0")}&REQUEST=GetMap`);
  assert.equal(version.status, 400);
  assert.match(version.text, /code="InvalidParameterValue">Version 2.0.0/);
});

test("a style the simulation cannot apply (a spatial filter) is an exception report, not a broken image", async () => {
  const spatial = new TextDecoder().decode(sample("pays.sld")).replace("<Name>contour</Name>", "<Name>contour</Name><ogc:Filter><ogc:BBOX><ogc:PropertyName>geom</ogc:PropertyName></ogc:BBOX></ogc:Filter>");
  const put = await h.call("PUT", `${DS}/statics/${statics["pays.sld"]}`, { form: bytesForm(spatial, "pays.sld") });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  const reply = await fetchText(`${WMS}&REQUEST=GetMap&LAYERS=monde_wms&STYLES=&${EUROPE}&FORMAT=image/png`);
  assert.equal(reply.status, 400);
  assert.match(reply.text, /code="NoApplicableCode">La couche ne peut pas être servie : le style « pays.sld » ne peut pas être appliqué : opérateur de filtre &lt;ogc:BBOX&gt; non pris en charge/);
  // The original style back: the image is drawn again.
  assert.equal((await h.call("PUT", `${DS}/statics/${statics["pays.sld"]}`, { form: bytesForm(sample("pays.sld"), "pays.sld") })).status, 200);
  assert.equal((await getMap(`${EUROPE}&FORMAT=image/png`)).status, 200);
});

// The vector tutorial end to end through the MSW handlers, with the generated samples and a fake clock:
// upload (GeoPackage + CSV + md5), checks, vector_to_db, WFS, statics, WMS-VECTOR, db_to_pyramid, WMTS-TMS,
// and the diffusion documents that list the published layers.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { descendants, parseXml, textContent } from "../../../src/mock/formats/xml.ts";
import { assertError, bytesForm, createTypedUpload, DS, fetchText, harness, runExecution, sendBytes } from "./helpers.ts";

const h = harness();
after(() => h.close());

const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/vecteur/${name}`, import.meta.url)));
const names = (xml: string, element: string): string[] => descendants(parseXml(xml), element).map((e) => textContent(e).trim());

test("vector tutorial: livraison → intégration → WFS → statics → WMS-VECTOR → pyramide → WMTS-TMS → GetCapabilities", async () => {
  // Livraison and checks.
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Données mondiales");
  await sendBytes(h, upload, [["data/monde.gpkg", sample("monde.gpkg")], ["data/villes.csv", sample("villes.csv")]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: bytesForm(sample("monde.md5"), "monde.md5") })).status, 204);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");
  const checks = await h.call("GET", `${DS}/uploads/${upload}/checks`);
  assert.equal(checks.body.passed.length, 2, JSON.stringify(checks.body));
  const vectorCheck = checks.body.passed.find((c: { check: { _id: string } }) => c.check._id === ids.checks.vector);
  const logs = (await h.call("GET", `${DS}/checks/executions/${vectorCheck._id}/logs`)).body as string[];
  assert.ok(logs.some((l) => /INFO\|\|checks_ogr\|\|112\|\|Couche « Pays » : 8 objet\(s\), géométrie MULTIPOLYGON .*EPSG:4326, attributs Nom, Code-ISO, Population/.test(l)), logs.join("\n"));
  assert.ok(logs.some((l) => l.includes("Couche « Écorégions »")));
  assert.ok(logs.some((l) => /Couche « villes » : 11 objet\(s\), géométrie POINT/.test(l)));
  assert.match(logs.at(-1)!, /INFO\|\|cli\|\|255\|\|Résultat de la vérification : SUCCESS/);

  // Intégration en base.
  const execution = await runExecution(h, {
    processing: ids.processings.vector_to_db, inputs: { upload: [upload] },
    output: { stored_data: { name: "Pays et éco-régions", storage_tags: ["VECTEUR"] } }, parameters: { srs: "EPSG:3857" },
  });
  assert.equal(execution.body.status, "SUCCESS");
  assert.deepEqual(execution.body.parameters, { srs: "EPSG:3857" });
  const db = execution.body.output.stored_data._id as string;
  const executionLogs = (await h.call("GET", `${DS}/processings/executions/${execution.body._id}/logs`)).body as string[];
  assert.ok(executionLogs.some((l) => l.includes("Couche « Écorégions » de data/monde.gpkg intégrée dans la table ecoregions : 8 objet(s), reprojetés de EPSG:4326 en EPSG:3857")), executionLogs.join("\n"));
  const storedData = (await h.call("GET", `${DS}/stored_data/${db}`)).body;
  assert.equal(storedData.type, "VECTOR-DB");
  assert.equal(storedData.srs, "EPSG:3857");
  assert.ok(storedData.size > 0);
  assert.deepEqual(storedData.type_infos.relations, [
    { name: "pays", type: "TABLE", attributes: { ogc_fid: "integer", nom: "character varying", code_iso: "character varying", population: "bigint", geom: "geometry" }, primary_key: ["ogc_fid"] },
    { name: "ecoregions", type: "TABLE", attributes: { ogc_fid: "integer", nom_ecoregion: "character varying", biome: "character varying", royaume: "character varying", geom: "geometry" }, primary_key: ["ogc_fid"] },
    { name: "villes", type: "TABLE", attributes: { ogc_fid: "integer", nom: "character varying", pays: "character varying", longitude: "double precision", latitude: "double precision", population: "integer", geom: "geometry" }, primary_key: ["ogc_fid"] },
  ]);
  assert.equal(storedData.extent.type, "Polygon");
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);

  // WFS.
  const relation = (native_name: string, title: string) => ({ native_name, title, abstract: title, keywords: ["Tutoriel"] });
  const wfs = await h.call("POST", `${DS}/configurations`, {
    json: { type: "WFS", name: "Données mondiales", layer_name: "monde_wfs", type_infos: { bbox: { west: -175, south: -75, east: 175, north: 85 }, used_data: [{ stored_data: db, relations: [relation("pays", "Pays"), relation("ecoregions", "Écorégions"), relation("villes", "Villes")] }] } },
  });
  assert.equal(wfs.status, 200, JSON.stringify(wfs.body));
  const wfsOffering = await h.call("POST", `${DS}/configurations/${wfs.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wfs, open: true } });
  assert.equal(wfsOffering.status, 200, JSON.stringify(wfsOffering.body));
  assert.deepEqual(wfsOffering.body.urls.map((u: { url: string }) => u.url), ["pays", "ecoregions", "villes"].map((t) => `https://data.geopf.fr/wfs?service=WFS&version=2.0.0&request=GetCapabilities&typeNames=monde_wfs:${t}`));
  // While PUBLISHING, the layer is not served yet.
  const early = await fetchText(wfsOffering.body.urls[0].url);
  assert.equal(early.status, 400);
  assert.match(early.text, /ows:ExceptionReport[\s\S]*InvalidParameterValue[\s\S]*monde_wfs:pays/);

  // Statics.
  const staticOf = async (file: string, type: string, name: string) => {
    const reply = await h.call("POST", `${DS}/statics`, { form: bytesForm(sample(file), file, { type, name, description: name }) });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body;
  };
  const sldPays = await staticOf("pays.sld", "GEOSERVER-STYLE", "Style pour les pays");
  assert.deepEqual(sldPays.type_infos, { used_attributes: ["nom"], max_scale_denominator: 20000000 });
  const sldEco = await staticOf("ecoregions.sld", "GEOSERVER-STYLE", "Style pour les écorégions");
  assert.deepEqual(sldEco.type_infos, { used_attributes: ["biome"] });
  const ftlPays = await staticOf("pays.ftl", "GEOSERVER-FTL", "FTL pour les pays");
  assert.deepEqual(ftlPays.type_infos, { used_attributes: ["nom", "code_iso", "population"] });
  const ftlEco = await staticOf("ecoregions.ftl", "GEOSERVER-FTL", "FTL pour les écorégions");
  const wrong = await staticOf("ecoregions-errone.sld", "GEOSERVER-STYLE", "Style erroné");
  assert.deepEqual(wrong.type_infos, { used_attributes: ["biome_name"] });
  assert.equal((await h.call("GET", `${DS}/statics?type=GEOSERVER-FTL`)).body.length, 2);

  // WMS-VECTOR: the erroneous style is refused, naming the missing attribute.
  const wmsBody = (style: string) => ({
    type: "WMS-VECTOR", name: "Écorégions et frontières des pays", layer_name: "monde_wms",
    type_infos: { title: "Mes écorégions", abstract: "Pays et écorégions", keywords: ["Tutoriel"], used_data: [{ stored_data: db, relations: [{ name: "pays", style: sldPays._id, ftl: ftlPays._id }, { name: "ecoregions", style, ftl: ftlEco._id }] }] },
  });
  assertError(await h.call("POST", `${DS}/configurations`, { json: wmsBody(wrong._id) }), 400, /relations\[1\]\.style : .*« Style erroné » utilise l'attribut « biome_name », absent de la table « ecoregions »/);
  const wms = await h.call("POST", `${DS}/configurations`, { json: wmsBody(sldEco._id) });
  assert.equal(wms.status, 200, JSON.stringify(wms.body));
  const wmsOffering = await h.call("POST", `${DS}/configurations/${wms.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmsv, open: true } });
  assert.deepEqual(wmsOffering.body.urls, [{ type: "WMS", url: "https://data.geopf.fr/wms-v?service=WMS&version=1.3.0&request=GetCapabilities&layers=monde_wms" }]);
  assertError(await h.call("DELETE", `${DS}/statics/${sldEco._id}`), 409, /utilisé par la configuration « Écorégions et frontières des pays »/);
  assert.equal((await h.call("DELETE", `${DS}/statics/${wrong._id}`)).status, 204);

  // Vector pyramid and WMTS-TMS.
  const composition = [
    { table: "pays", top_level: "0", bottom_level: "7", attributes: ["nom", "code_iso"] },
    { table: "ecoregions", top_level: "3", bottom_level: "7", attributes: ["*"] },
    { table: "villes", top_level: "5", bottom_level: "7", attributes: ["nom", "population"] },
  ];
  const pyramidExecution = await runExecution(h, {
    processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output: { stored_data: { name: "Pays et éco-régions", storage_tags: ["PYRAMIDE"] } }, parameters: { composition },
  });
  assert.equal(pyramidExecution.body.status, "SUCCESS");
  const pyramid = (await h.call("GET", `${DS}/stored_data/${pyramidExecution.body.output.stored_data._id}`)).body;
  assert.equal(pyramid.type, "ROK4-PYRAMID-VECTOR");
  assert.deepEqual(pyramid.type_infos, { tms: "PM", levels: ["0", "1", "2", "3", "4", "5", "6", "7"] });
  assert.equal(pyramid.srs, "EPSG:3857");
  const tiles = await h.call("POST", `${DS}/configurations`, {
    json: { type: "WMTS-TMS", name: "Pays et écorégions", layer_name: "monde_tuiles", type_infos: { title: "Mes écorégions", abstract: "Tuiles vectorielles", used_data: [{ bottom_level: "7", top_level: "0", stored_data: pyramid._id }] } },
  });
  assert.equal(tiles.status, 200, JSON.stringify(tiles.body));
  const tilesOffering = await h.call("POST", `${DS}/configurations/${tiles.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmts, open: true } });
  assert.deepEqual(tilesOffering.body.urls, [
    { type: "WMTS", url: "https://data.geopf.fr/wmts?service=WMTS&version=1.0.0&request=GetCapabilities&layer=monde_tuiles" },
    { type: "TMS", url: "https://data.geopf.fr/tms/1.0.0/monde_tuiles" },
  ]);

  // Once PUBLISHED, every service lists its layer.
  h.tick(2000);
  const wfsCaps = await fetchText(wfsOffering.body.urls[2].url);
  assert.equal(wfsCaps.status, 200, wfsCaps.text);
  assert.match(wfsCaps.type, /xml/);
  assert.deepEqual(names(wfsCaps.text, "Name"), ["monde_wfs:pays", "monde_wfs:ecoregions", "monde_wfs:villes"]);
  assert.match(wfsCaps.text, /xmlns:monde_wfs=/);
  const wmsCaps = await fetchText(wmsOffering.body.urls[0].url);
  assert.equal(wmsCaps.status, 200);
  assert.ok(names(wmsCaps.text, "Name").includes("monde_wms"), wmsCaps.text);
  assert.equal(parseXml(wmsCaps.text).attributes.version, "1.3.0");
  const wmtsCaps = await fetchText(tilesOffering.body.urls[0].url);
  assert.equal(wmtsCaps.status, 200);
  assert.ok(names(wmtsCaps.text, "Identifier").includes("monde_tuiles"));
  const wmtsLayer = descendants(parseXml(wmtsCaps.text), "Layer")[0]!;
  assert.deepEqual(names(wmtsCaps.text, "Format"), ["application/x-protobuf"]);
  assert.equal(textContent(descendants(wmtsLayer, "TileMatrixSet")[0]!), "PM");
  assert.equal(descendants(wmtsLayer, "TileMatrixLimits").length, 8);
  const tms = await fetchText("https://data.geopf.fr/tms/1.0.0");
  assert.match(tms.text, /<TileMap [^>]*extension="pbf" href="https:\/\/data.geopf.fr\/tms\/1.0.0\/monde_tuiles"\/>/);
  const tileMap = await fetchText(tilesOffering.body.urls[1].url);
  assert.equal(descendants(parseXml(tileMap.text), "TileSet").length, 8);
  const metadata = JSON.parse((await fetchText("https://data.geopf.fr/tms/1.0.0/monde_tuiles/metadata.json")).text);
  assert.deepEqual(metadata.vector_layers.map((l: { id: string; minzoom: number }) => [l.id, l.minzoom]), [["pays", 0], ["ecoregions", 3], ["villes", 5]]);
  assert.deepEqual(Object.keys(metadata.vector_layers[1].fields), ["nom_ecoregion", "biome", "royaume"]);
  // The private services do not list open offerings.
  assert.deepEqual(names((await fetchText("https://data.geopf.fr/private/wfs?SERVICE=WFS&REQUEST=GetCapabilities")).text, "FeatureType"), []);

  // Nettoyage: offerings, then configurations, then statics and stored data.
  for (const offering of [wfsOffering, wmsOffering, tilesOffering]) assert.equal((await h.call("DELETE", `${DS}/offerings/${offering.body._id}`)).status, 204);
  const gone = await fetchText("https://data.geopf.fr/wms-v?SERVICE=WMS&REQUEST=GetCapabilities&LAYERS=monde_wms");
  assert.equal(gone.status, 400);
  assert.match(gone.text, /ServiceException code="LayerNotDefined"/);
  for (const configuration of [wfs, wms, tiles]) assert.equal((await h.call("DELETE", `${DS}/configurations/${configuration.body._id}`)).status, 204);
  for (const item of [sldPays, sldEco, ftlPays, ftlEco]) assert.equal((await h.call("DELETE", `${DS}/statics/${item._id}`)).status, 204);
  assert.equal((await h.call("DELETE", `${DS}/stored_data/${pyramid._id}`)).status, 204);
  assert.equal((await h.call("DELETE", `${DS}/stored_data/${db}`)).status, 204);
  // Every file kept by the datastore is still referenced by a record: nothing was left behind.
  assert.equal(await h.store.sweepBlobs(), 0);
});

// The raster tutorial end to end through the MSW handlers, with the generated GeoTIFF and a fake clock:
// upload (GeoTIFF + md5), checks, raster_to_pyramid, WMTS-TMS and WMS-RASTER, diffusion documents, cleanup.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { descendants, parseXml, textContent } from "../../../src/mock/formats/xml.ts";
import { assertError, bytesForm, createTypedUpload, DS, fetchText, harness, runExecution, sendBytes } from "./helpers.ts";
import { privateKey } from "./access/grant.ts";

const h = harness();
after(() => h.close());

const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/raster/${name}`, import.meta.url)));

test("raster tutorial: livraison → pyramide → WMTS-TMS → WMS-RASTER → GetCapabilities → nettoyage", async () => {
  const upload = await createTypedUpload(h, "RASTER", "EPSG:2154", "Corse");
  await sendBytes(h, upload, [["data/corse.tif", sample("corse.tif")]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: bytesForm(sample("corse.md5"), "corse.md5") })).status, 204);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const checks = await h.call("GET", `${DS}/uploads/${upload}/checks`);
  assert.equal(checks.body.passed.length, 2, JSON.stringify(checks.body));
  const rasterCheck = checks.body.passed.find((c: { check: { _id: string } }) => c.check._id === ids.checks.raster);
  const logs = (await h.call("GET", `${DS}/checks/executions/${rasterCheck._id}/logs`)).body as string[];
  assert.ok(logs.some((l) => l.includes("Image data/corse.tif : 256 × 320 pixels, 3 canal(aux) UINT 8 bits, compression NONE")), logs.join("\n"));
  assert.ok(logs.some((l) => l.includes("pixel de 750 × 750, emprise [1110000, 6025000, 1302000, 6265000]")));

  // Parameters are validated: unknown, bad enum, bad level, bottom < top, missing tms.
  const body = (parameters: Record<string, unknown>) => ({
    processing: ids.processings.raster_to_pyramid, inputs: { upload: [upload] }, output: { stored_data: { name: "Corse", storage_tags: ["PYRAMIDE"] } }, parameters,
  });
  assertError(
    await h.call("POST", `${DS}/processings/executions`, { json: body({ tms: "PM", compression: "webp", interpolation: "cubic", bottom: 12, parallelization: 8, quality: 90 }) }), 400,
    /parameters\.compression : valeur "webp" inconnue/, /parameters\.interpolation : valeur "cubic"/, /parameters\.bottom : chaîne attendue \(reçu : nombre 12\)/,
    /parameters\.parallelization : 8 est supérieur au maximum 4/, /parameters\.quality : paramètre inconnu/,
  );
  assertError(await h.call("POST", `${DS}/processings/executions`, { json: body({ tms: "PM", top: "9", bottom: "4" }) }), 400, /niveau du bas \(4\) doit être supérieur ou égal au niveau du haut \(9\)/);
  assertError(await h.call("POST", `${DS}/processings/executions`, { json: body({ bottom: "22" }) }), 400, /parameters\.tms : obligatoire pour une première génération/, /parameters\.bottom : "22" ne respecte pas le motif/);

  const execution = await runExecution(h, body({ tms: "PM", compression: "jpg", interpolation: "bicubic" }));
  assert.equal(execution.body.status, "SUCCESS");
  const executionLogs = (await h.call("GET", `${DS}/processings/executions/${execution.body._id}/logs`)).body as string[];
  assert.ok(executionLogs.some((l) => /Résolution des images : 750 m ; niveau du bas le plus proche : 7 \(1222.99 m à l'équateur\)/.test(l)), executionLogs.join("\n"));
  const pyramid = (await h.call("GET", `${DS}/stored_data/${execution.body.output.stored_data._id}`)).body;
  assert.equal(pyramid.type, "ROK4-PYRAMID-RASTER");
  assert.equal(pyramid.srs, "EPSG:3857");
  assert.deepEqual(pyramid.type_infos, {
    tms: "PM", levels: ["0", "1", "2", "3", "4", "5", "6", "7"], channels_format: "UINT8", channels_number: 3, compression: "JPG", nodata_value: "255,255,255",
  });
  assert.ok(pyramid.size > 0);
  const [[[west, south], , [east, north]]] = pyramid.extent.coordinates;
  assert.ok(west > 7.8 && east < 10.5 && south > 41 && north < 43.4, JSON.stringify(pyramid.extent));
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);

  // WMTS-TMS: levels must exist in the pyramid.
  const tilesBody = (bottom: string) => ({
    type: "WMTS-TMS", name: "Corse", layer_name: "corse_raster",
    type_infos: { title: "Corse", abstract: "Image de la Corse", keywords: ["Tutoriel", "Raster"], used_data: [{ bottom_level: bottom, top_level: "0", stored_data: pyramid._id }], getfeatureinfo: { stored_data: true } },
  });
  assertError(await h.call("POST", `${DS}/configurations`, { json: tilesBody("10") }), 400, /bottom_level : le niveau « 10 » n'existe pas dans la pyramide « Corse » \(niveaux 0 à 7\)/);
  const tiles = await h.call("POST", `${DS}/configurations`, { json: tilesBody("7") });
  assert.equal(tiles.status, 200, JSON.stringify(tiles.body));
  const tilesOffering = await h.call("POST", `${DS}/configurations/${tiles.body._id}/offerings`, { json: { endpoint: ids.endpoints.private.wmts, open: false } });
  assert.deepEqual(tilesOffering.body.urls, [
    { type: "WMTS", url: "https://data.geopf.fr/private/wmts?service=WMTS&version=1.0.0&request=GetCapabilities&layer=corse_raster" },
    { type: "TMS", url: "https://data.geopf.fr/private/tms/1.0.0/corse_raster" },
  ]);

  // WMS-RASTER: same layer name (uniqueness is per type), interpolation defaults to BICUBIC.
  const wmsBody = { type: "WMS-RASTER", name: "Corse", layer_name: "corse_raster", type_infos: { title: "Corse", abstract: "Image de la Corse", used_data: [{ bottom_level: "7", top_level: "0", stored_data: pyramid._id }] } };
  assertError(await h.call("POST", `${DS}/configurations`, { json: { ...wmsBody, type_infos: { ...wmsBody.type_infos, interpolation: "CUBIC" } } }), 400, /interpolation : valeur "CUBIC" inconnue/);
  const wms = await h.call("POST", `${DS}/configurations`, { json: wmsBody });
  assert.equal(wms.status, 200, JSON.stringify(wms.body));
  assert.equal(wms.body.type_infos.interpolation, "BICUBIC");
  assertError(await h.call("POST", `${DS}/configurations`, { json: wmsBody }), 409, /« corse_raster » est déjà utilisé par une configuration WMS-RASTER/);
  const wmsOffering = await h.call("POST", `${DS}/configurations/${wms.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmsr, open: true } });
  assert.deepEqual(wmsOffering.body.urls, [{ type: "WMS", url: "https://data.geopf.fr/wms-r?service=WMS&version=1.3.0&request=GetCapabilities&layers=corse_raster" }]);

  h.tick(2000);
  // The private services answer a key that has an access to the offering.
  const apikey = { apikey: await privateKey(h.call, [tilesOffering.body._id]) };
  assert.equal((await fetchText(tilesOffering.body.urls[0].url)).status, 401);
  const wmts = await fetchText(tilesOffering.body.urls[0].url, apikey);
  assert.equal(wmts.status, 200, wmts.text);
  const layer = descendants(parseXml(wmts.text), "Layer")[0]!;
  assert.equal(textContent(descendants(layer, "Identifier")[0]!), "corse_raster");
  assert.equal(textContent(descendants(layer, "Format")[0]!), "image/jpeg");
  assert.equal(descendants(parseXml(wmts.text), "TileMatrix").filter((m) => descendants(m, "ScaleDenominator").length > 0).length, 8);
  const tileMap = await fetchText(tilesOffering.body.urls[1].url, apikey);
  assert.match(tileMap.text, /mime-type="image\/jpeg" extension="jpeg"/);
  assert.equal((await fetchText("https://data.geopf.fr/private/tms/1.0.0/corse_raster/7/64/46.jpeg", apikey)).status, 404);
  const wmsCaps = await fetchText(wmsOffering.body.urls[0].url);
  assert.equal(wmsCaps.status, 200);
  const wmsLayer = descendants(parseXml(wmsCaps.text), "Layer").find((l) => l.attributes.queryable !== undefined && descendants(l, "Name").some((n) => textContent(n) === "corse_raster"));
  assert.ok(wmsLayer, wmsCaps.text);
  assert.equal(wmsLayer.attributes.queryable, "0");
  // The open WMTS does not list a private offering; the private one does not answer for the open one.
  const openWmts = await fetchText("https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&LAYER=corse_raster");
  assert.equal(openWmts.status, 400);
  assert.match(openWmts.text, /exceptionCode="InvalidParameterValue" locator="layer"/);
  assert.equal((await fetchText("https://data.geopf.fr/tms/1.0.0/corse_raster")).status, 404);

  // Nettoyage.
  assertError(await h.call("DELETE", `${DS}/stored_data/${pyramid._id}`), 409, /utilisée par les configurations/);
  for (const offering of [tilesOffering, wmsOffering]) assert.equal((await h.call("DELETE", `${DS}/offerings/${offering.body._id}`)).status, 204);
  for (const configuration of [tiles, wms]) assert.equal((await h.call("DELETE", `${DS}/configurations/${configuration.body._id}`)).status, 204);
  assert.equal((await h.call("DELETE", `${DS}/stored_data/${pyramid._id}`)).status, 204);
});

// The simulated diffusion services' own error documents and edge cases: empty but valid capabilities,
// missing or wrong SERVICE/REQUEST, unsupported operations, unknown layers, private roots, another origin.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { getResponse } from "msw";
import { createHandlers } from "../../../src/mock/handlers.ts";
import { descendants, parseXml } from "../../../src/mock/formats/xml.ts";
import { createStore } from "../../../src/mock/app.ts";
import { fetchText, harness } from "./helpers.ts";

const h = harness();
after(() => h.close());

test("with nothing published, every capabilities document is valid and lists no layer", async () => {
  const documents = [
    ["https://data.geopf.fr/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetCapabilities", "FeatureType"],
    ["https://data.geopf.fr/wfs/geoserver/ows?service=wfs&request=getcapabilities", "FeatureType"],
    ["https://data.geopf.fr/wms-v?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities", "Name"],
    ["https://data.geopf.fr/private/wms-r/?SERVICE=WMS&REQUEST=GetCapabilities", "Name"],
    ["https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetCapabilities", "Layer"],
    ["https://data.geopf.fr/private/tms/1.0.0", "TileMap"],
    ["https://data.geopf.fr/telechargement/capabilities", "entry"],
  ] as const;
  // The private roots ask for a key (401 without); a key without any access sees no layer.
  assert.equal((await h.call("POST", "/users/me/keys", { json: { name: "Sans accès", type: "HASH", type_infos: { hash: "cle-sans-acces" } } })).status, 200);
  for (const [url, element] of documents) {
    const isPrivate = url.includes("/private/");
    if (isPrivate) assert.equal((await fetchText(url)).status, 401, url);
    const reply = await fetchText(url, isPrivate ? { apikey: "cle-sans-acces" } : {});
    assert.equal(reply.status, 200, `${url}: ${reply.text}`);
    assert.match(reply.type, /text\/xml/);
    const names = descendants(parseXml(reply.text), element).map((e) => e.name);
    assert.deepEqual(element === "Name" ? names.length : names, element === "Name" ? 1 : [], url);
  }
});

test("OGC error documents: missing REQUEST, wrong SERVICE, unsupported operation, unknown layer", async () => {
  const missing = await fetchText("https://data.geopf.fr/wfs?SERVICE=WFS");
  assert.equal(missing.status, 400);
  assert.match(missing.text, /<ows:Exception exceptionCode="MissingParameterValue" locator="request">/);
  const wrong = await fetchText("https://data.geopf.fr/wmts?SERVICE=WMS&REQUEST=GetCapabilities");
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /exceptionCode="InvalidParameterValue" locator="service"/);
  const unknownOperation = await fetchText("https://data.geopf.fr/wfs?SERVICE=WFS&REQUEST=Transaction");
  assert.equal(unknownOperation.status, 501);
  assert.match(unknownOperation.text, /OperationNotSupported[\s\S]*Transaction/);
  const getMap = await fetchText("https://data.geopf.fr/wms-r?SERVICE=WMS&REQUEST=GetMap&LAYERS=scan1000");
  assert.equal(getMap.status, 400);
  assert.match(getMap.text, /<ServiceExceptionReport version="1.3.0"[\s\S]*code="LayerNotDefined"[\s\S]*scan1000/);
  const noRequest = await fetchText("https://data.geopf.fr/wms-v");
  assert.match(noRequest.text, /<ServiceException>Paramètre REQUEST manquant/);
  const tms = await fetchText("https://data.geopf.fr/tms/1.0.0/scan1000");
  assert.equal(tms.status, 404);
  assert.match(tms.text, /<TileMapServerError>[\s\S]*scan1000 n'existe pas ou n'est pas publiée/);
  const download = await fetchText("https://data.geopf.fr/telechargement/download/a/b/c.shp");
  assert.equal(download.status, 404);
  assert.match(download.text, /<error>[\s\S]*<code>404<\/code>/);
});

test("diffusionOrigin serves the services on another origin; false disables them", async () => {
  const store = createStore();
  const local = createHandlers(store, { baseUrl: "http://localhost:8123/api", diffusionOrigin: "http://localhost:8123" });
  const reply = await getResponse(local, new Request("http://localhost:8123/wfs?SERVICE=WFS&REQUEST=GetCapabilities"));
  assert.equal(reply?.status, 200);
  assert.match(await reply!.text(), /xlink:href="http:\/\/localhost:8123\/wfs\?"/);
  const none = createHandlers(store, { diffusionOrigin: false });
  assert.equal(await getResponse(none, new Request("https://data.geopf.fr/wfs?REQUEST=GetCapabilities")), undefined);
});

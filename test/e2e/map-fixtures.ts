// Fixtures of map.spec.ts: real mode on the production API, every request outside the site answered here (the
// offering, WFS / WMS capabilities, GetFeature, GetMap, GetFeatureInfo, a TMS TileMap and tiles, a VECTOR-TMS layer's
// JSON and tiles, Plan IGN tiles)
// and recorded. The layer is one square from 0° to 10° E, 40° to 50° N.
import { encode } from "fast-png";
import { expect, type Page, type Route } from "@playwright/test";
import { block } from "./helpers.ts";
import { encodeTile, indexTable, tileLayers } from "../../src/mock/diffusion/mvt-encode.ts";
import type { Rgb } from "./map-helpers.ts";

/** The production API base the real mode targets. */
export const API = "https://data.geopf.fr/api";
/** The publication pages whose offering blocks the tests run. */
export const WFS_PAGE = "/tutoriels/alimentation-diffusion-vecteur/publication-wfs/";
export const WMS_PAGE = "/tutoriels/alimentation-diffusion-vecteur/publication-wms/";
/** The colour of the fixture's Plan IGN tiles. */
export const PLAN_IGN: Rgb = [214, 226, 200];
/** The colour of the square in the fixture's GetMap images and TMS tiles. */
export const WMS_RED: Rgb = [200, 30, 40];
/** The fixture's one feature: a square from 0° to 10° E, 40° to 50° N. */
const SQUARE = { west: 0, south: 40, east: 10, north: 50 };

const mercator = (lon: number, lat: number): [number, number] =>
  [(lon * Math.PI / 180) * 6378137, Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI / 180) / 2)) * 6378137];
const [SW, NE] = [mercator(SQUARE.west, SQUARE.south), mercator(SQUARE.east, SQUARE.north)];

const png = (width: number, height: number, paint: (x: number, y: number) => [number, number, number, number]): Buffer => {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 4);
  return Buffer.from(encode({ width, height, data, channels: 4, depth: 8 }));
};
/** Headers of every fixture answer: readable by the page, as the Géoplateforme's services are. */
export const CORS = { "Access-Control-Allow-Origin": "*" };
const xml = (route: Route, body: string) => route.fulfill({ status: 200, headers: CORS, contentType: "text/xml", body });
/** A JSON fixture answer. */
export const json = (route: Route, body: unknown) => route.fulfill({ status: 200, headers: CORS, contentType: "application/json", body: JSON.stringify(body) });

const wfsCapabilities = `<?xml version="1.0"?><wfs:WFS_Capabilities version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink">
<ows:OperationsMetadata><ows:Operation name="GetFeature"><ows:DCP><ows:HTTP><ows:Get xlink:href="https://data.geopf.fr/wfs?"/></ows:HTTP></ows:DCP></ows:Operation></ows:OperationsMetadata>
<wfs:FeatureTypeList><wfs:FeatureType><wfs:Name>monde_wfs:pays</wfs:Name><wfs:Title>Pays</wfs:Title>
<ows:WGS84BoundingBox><ows:LowerCorner>-10 35</ows:LowerCorner><ows:UpperCorner>20 55</ows:UpperCorner></ows:WGS84BoundingBox></wfs:FeatureType></wfs:FeatureTypeList></wfs:WFS_Capabilities>`;

const wmsCapabilities = `<?xml version="1.0"?><WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms" xmlns:xlink="http://www.w3.org/1999/xlink"><Capability><Request>
<GetMap><Format>image/png</Format><DCPType><HTTP><Get><OnlineResource xlink:href="https://data.geopf.fr/wms-v/ows?"/></Get></HTTP></DCPType></GetMap>
<GetFeatureInfo><Format>application/json</Format><DCPType><HTTP><Get><OnlineResource xlink:href="https://data.geopf.fr/wms-v/ows?"/></Get></HTTP></DCPType></GetFeatureInfo>
</Request><Layer><Title>Racine</Title><Layer queryable="1"><Name>monde_wms</Name><Title>Pays</Title><EX_GeographicBoundingBox><westBoundLongitude>-10</westBoundLongitude>
<eastBoundLongitude>20</eastBoundLongitude><southBoundLatitude>35</southBoundLatitude><northBoundLatitude>55</northBoundLatitude></EX_GeographicBoundingBox></Layer></Layer></Capability></WMS_Capabilities>`;

const HALF = 20037508.342789244;
const tileMap = `<?xml version="1.0"?><TileMap version="1.0.0" tilemapservice="https://data.geopf.fr/tms/1.0.0"><Title>Corse</Title><SRS>EPSG:3857</SRS>
<BoundingBox minx="${SW[0]}" miny="${SW[1]}" maxx="${NE[0]}" maxy="${NE[1]}"/><Origin x="${-HALF}" y="${-HALF}"/>
<TileFormat width="256" height="256" mime-type="image/png" extension="png"/><TileSets profile="global-mercator">
${Array.from({ length: 9 }, (_, z) => `<TileSet href="https://data.geopf.fr/tms/1.0.0/corse_raster/${z}" units-per-pixel="${(2 * HALF) / 256 / 2 ** z}" order="${z}"/>`).join("")}</TileSets></TileMap>`;

const square = { type: "Feature", id: "pays.1", properties: { nom: "Carré d'essai", code_iso: "CAR" }, geometry: { type: "Polygon", coordinates: [[SW, [NE[0], SW[1]], NE, [SW[0], NE[1]], SW]] } };

/** Real mode on the production API with the offering's variables; every request outside the site answered by a fixture and recorded. */
export async function realMode(page: Page, offering: Record<string, unknown>, variable: string): Promise<string[]> {
  await page.addInitScript(([name, id]) => {
    // Content-Security-Policy violations (the map's images, blob: tiles), read by cspViolations().
    document.addEventListener("securitypolicyviolation", (event) => {
      document.documentElement.dataset["cspViolations"] = `${document.documentElement.dataset["cspViolations"] ?? ""}${event.violatedDirective} ${event.blockedURI}\n`;
    });
    if (sessionStorage.getItem("map-spec")) return;
    sessionStorage.setItem("map-spec", "1");
    localStorage.setItem("entrepot-tutoriels:v1:settings", JSON.stringify({ version: 1, mode: "reel", preset: "production", apiBase: "https://data.geopf.fr/api" }));
    localStorage.setItem("entrepot-tutoriels:v1:variables:reel:https://data.geopf.fr/api", JSON.stringify({
      datastore: { value: "entrepot-essai", source: "test" }, [name!]: { value: id!, source: "test" },
    }));
  }, [variable, String(offering["_id"])]);
  // The site is served from 127.0.0.1 (playwright.config.ts); everything else is recorded and answered here.
  const outside = (url: URL) => url.hostname !== "127.0.0.1";
  const requests: string[] = [];
  page.on("request", (request) => {
    if (outside(new URL(request.url()))) requests.push(request.url());
  });
  await page.route(outside, async (route) => {
    const url = new URL(route.request().url());
    const param = (name: string) => [...url.searchParams].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? "";
    if (url.href === `${API}/datastores/entrepot-essai/offerings/${String(offering["_id"])}`) return json(route, offering);
    if (url.origin === "https://data.geopf.fr" && url.pathname === "/wmts" && param("LAYER") === "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2") {
      return route.fulfill({ status: 200, headers: CORS, contentType: "image/png", body: png(256, 256, () => [...PLAN_IGN, 255]) });
    }
    if (url.href.startsWith("https://data.geopf.fr/wfs?")) {
      if (param("REQUEST") === "GetCapabilities") return xml(route, wfsCapabilities);
      if (param("REQUEST") === "GetFeature" && param("TYPENAMES") === "monde_wfs:pays" && param("SRSNAME") === "EPSG:3857") {
        return json(route, { type: "FeatureCollection", numberMatched: 1, numberReturned: 1, features: [square] });
      }
    }
    if (url.href.startsWith("https://data.geopf.fr/wms-v")) {
      if (param("REQUEST") === "GetCapabilities") return xml(route, wmsCapabilities);
      if (param("REQUEST") === "GetMap" && param("LAYERS") === "monde_wms" && param("CRS") === "EPSG:3857") {
        const [minX, minY, maxX, maxY] = param("BBOX").split(",").map(Number) as [number, number, number, number];
        const [width, height] = [Number(param("WIDTH")), Number(param("HEIGHT"))];
        return route.fulfill({ status: 200, headers: CORS, contentType: "image/png", body: png(width, height, (x, y) => {
          const [mx, my] = [minX + ((x + 0.5) / width) * (maxX - minX), maxY - ((y + 0.5) / height) * (maxY - minY)];
          return mx >= SW[0] && mx <= NE[0] && my >= SW[1] && my <= NE[1] ? [...WMS_RED, 255] : [0, 0, 0, 0];
        }) });
      }
      if (param("REQUEST") === "GetFeatureInfo" && param("QUERY_LAYERS") === "monde_wms" && param("INFO_FORMAT") === "application/json") {
        return json(route, { type: "FeatureCollection", features: [square] });
      }
    }
    if (url.href.startsWith("https://data.geopf.fr/tms/1.0.0/corse_raster")) {
      if (url.pathname === "/tms/1.0.0/corse_raster") return xml(route, tileMap);
      // Tiles counted from the top (as the Géoplateforme's TMS): red where the square is, 404 (no data) elsewhere.
      const [z, x, y] = url.pathname.split("/").slice(-3).map((part) => parseInt(part, 10)) as [number, number, number];
      const size = (2 * HALF) / 2 ** z;
      const [minX, maxY] = [-HALF + x * size, HALF - y * size];
      const inside = minX < NE[0] && minX + size > SW[0] && maxY > SW[1] && maxY - size < NE[1];
      if (inside && url.pathname.endsWith(".png")) return route.fulfill({ status: 200, headers: CORS, contentType: "image/png", body: png(256, 256, () => [...WMS_RED, 255]) });
      return route.fulfill({ status: 404, headers: CORS, contentType: "text/xml", body: "<error>pas de tuile</error>" });
    }
    if (url.href.startsWith("https://data.geopf.fr/tms/1.0.0/monde_tuiles")) {
      const tail = url.pathname.slice("/tms/1.0.0/monde_tuiles".length);
      if (tail === "") return xml(route, tileMap.replace(/corse_raster/g, "monde_tuiles").replace('mime-type="image/png" extension="png"', 'mime-type="application/x-protobuf" extension="pbf"'));
      if (tail === "/metadata.json") return json(route, { name: "monde_tuiles", minzoom: 0, maxzoom: 8, bounds: [SQUARE.west, SQUARE.south, SQUARE.east, SQUARE.north], format: "pbf", vector_layers: [{ id: "pays", fields: { nom: "String" } }] });
      const match = /^\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(tail);
      if (match) {
        const layers = tileLayers([await squareIndex], Number(match[1]), Number(match[2]), Number(match[3]));
        if (Object.keys(layers).length === 0) return route.fulfill({ status: 404, headers: CORS, contentType: "text/xml", body: "<error>pas de tuile</error>" });
        return route.fulfill({ status: 200, headers: CORS, contentType: "application/x-protobuf", body: Buffer.from(await encodeTile(layers)) });
      }
    }
    if (url.href.startsWith("https://data.geopf.fr/vector-tms/1.0.0/monde.pays")) {
      // The layer's JSON as the VECTOR-TMS service gives it; tiles computed on the fly: an empty MVT where the square is not.
      const tail = url.pathname.slice("/vector-tms/1.0.0/monde.pays".length);
      if (tail === ".json") {
        return json(route, { tilejson: "3.0.0", id: "monde.pays", tiles: ["https://data.geopf.fr/vector-tms/1.0.0/monde.pays/{z}/{x}/{y}.pbf"], minzoom: 0, maxzoom: 18,
          bounds: [SQUARE.west, SQUARE.south, SQUARE.east, SQUARE.north], vector_layers: [{ id: "pays", fields: { nom: "String" } }] });
      }
      const match = /^\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(tail);
      if (match) {
        const layers = tileLayers([await squareIndex], Number(match[1]), Number(match[2]), Number(match[3]));
        const body = Object.keys(layers).length === 0 ? Buffer.alloc(0) : Buffer.from(await encodeTile(layers));
        return route.fulfill({ status: 200, headers: CORS, contentType: "application/x-protobuf", body });
      }
    }
    return route.fulfill({ status: 404, headers: CORS, contentType: "text/plain", body: `pas de fixture pour ${url.href}` });
  });
  return requests;
}

// The square as the one feature of a "pays" table, tiled (MVT) as the simulated TMS tiles a vector pyramid.
const squareIndex = indexTable({
  name: "pays", columns: [{ name: "nom", type: "character varying" }],
  features: [{ id: 1, properties: { nom: "Carré d'essai" }, geometry: { type: "Polygon", coordinates: [[[0, 40], [10, 40], [10, 50], [0, 50], [0, 40]]] } }],
}, ["nom"], 8);

/** A PUBLISHED WMTS-TMS offering of a vector pyramid. */
export const MVT_OFFERING = {
  _id: "offre-mvt-essai", type: "WMTS-TMS", layer_name: "monde_tuiles", status: "PUBLISHED", open: true,
  urls: [
    { type: "WMTS", url: "https://data.geopf.fr/wmts?service=WMTS&version=1.0.0&request=GetCapabilities&layer=monde_tuiles" },
    { type: "TMS", url: "https://data.geopf.fr/tms/1.0.0/monde_tuiles" },
  ],
};

/** A PUBLISHED VECTOR-TMS offering (tiles computed on the fly) of one relation. */
export const VTMS_OFFERING = {
  _id: "offre-vtms-essai", type: "VECTOR-TMS", layer_name: "monde", status: "PUBLISHED", open: true,
  urls: [{ type: "TMS", url: "https://data.geopf.fr/vector-tms/1.0.0/monde.pays" }],
};

/** A PUBLISHED WMTS-TMS offering (raster). */
export const TMS_OFFERING = {
  _id: "offre-tms-essai", type: "WMTS-TMS", layer_name: "corse_raster", status: "PUBLISHED", open: true,
  urls: [
    { type: "WMTS", url: "https://data.geopf.fr/wmts?service=WMTS&version=1.0.0&request=GetCapabilities&layer=corse_raster" },
    { type: "TMS", url: "https://data.geopf.fr/tms/1.0.0/corse_raster" },
  ],
};

/** The CSP violations the page reported. */
export const cspViolations = async (page: Page): Promise<string> => (await page.locator("html").getAttribute("data-csp-violations")) ?? "";

/** A PUBLISHED WFS offering of one feature type. */
export const WFS_OFFERING = {
  _id: "offre-wfs-essai", type: "WFS", layer_name: "monde_wfs", status: "PUBLISHED", open: true,
  urls: [{ type: "WFS", url: "https://data.geopf.fr/wfs?service=WFS&version=2.0.0&request=GetCapabilities&typeNames=monde_wfs:pays" }],
};
/** A PUBLISHED WMS-VECTOR offering. */
export const WMS_OFFERING = {
  _id: "offre-wms-essai", type: "WMS-VECTOR", layer_name: "monde_wms", status: "PUBLISHED", open: true,
  urls: [{ type: "WMS", url: "https://data.geopf.fr/wms-v/ows?service=WMS&version=1.3.0&request=GetCapabilities&layers=monde_wms" }],
};

/** Runs the offering block of the page (real mode) and returns it once answered. */
export async function offeringBlock(page: Page, path: string, variable: string, waitFinal = true) {
  await page.goto(path);
  const offering = block(page, "GET", `/offerings/{${variable}}`);
  // A status that is not final would be read again and again (PUBLISHING): the reader may ask for one read only.
  if (!waitFinal) await offering.getByLabel("Attendre le statut final").uncheck();
  await offering.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(offering).toHaveAttribute("data-response-status", "200");
  return offering;
}

// WFS 2.0.0 data requests over the vector tutorial's publication (monde.gpkg + villes.csv integrated in
// EPSG:3857, published as monde_wfs): GetFeature in GeoJSON and GML 3.2 (paging, BBOX, SRSNAME,
// PROPERTYNAME, SORTBY, CQL_FILTER, FILTER, hits), DescribeFeatureType, the OGC exception reports, and the
// same GetFeature through the local server (npm run datastore).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { wgs84ToMercator } from "../../../../src/mock/formats/crs.ts";
import { descendants, parseXml, textContent } from "../../../../src/mock/formats/xml.ts";
import type { Reply, Send } from "../helpers.ts";
import { DS, fetchText, harness } from "../helpers.ts";
import { bytesForm } from "../helpers.ts";
import { startTestServer } from "../../server/helpers.ts";
import { parseCql } from "../../../../src/mock/diffusion/wfs-cql.ts";
import { parseCrs } from "../../../../src/mock/diffusion/wfs-crs.ts";
import { matches } from "../../../../src/mock/diffusion/wfs-filter.ts";
import { parseWkt } from "../../../../src/mock/formats/wkt.ts";

const h = harness();
let closed = false;
const closeMsw = (): void => {
  if (!closed) h.close();
  closed = true;
};
after(closeMsw);

const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../public/samples/vecteur/${name}`, import.meta.url)));

/** The tutorial's steps up to a PUBLISHED WFS offering, through any API caller and clock. */
async function publishMonde(call: (method: string, path: string, send?: Send) => Promise<Reply>, tick: (ms: number) => void): Promise<void> {
  const upload = (await call("POST", `${DS}/uploads`, { json: { name: "Monde", description: "Monde", type: "VECTOR", srs: "EPSG:4326" } })).body._id;
  for (const name of ["monde.gpkg", "villes.csv"]) assert.equal((await call("POST", `${DS}/uploads/${upload}/data?path=data/${name}`, { form: bytesForm(sample(name), name) })).status, 204);
  assert.equal((await call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  tick(10_000);
  const execution = await call("POST", `${DS}/processings/executions`, { json: { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "Monde", storage_tags: ["VECTEUR"] } }, parameters: { srs: "EPSG:3857" } } });
  assert.equal((await call("POST", `${DS}/processings/executions/${execution.body._id}/launch`)).status, 204);
  tick(5000);
  const db = execution.body.output.stored_data._id;
  assert.equal((await call("GET", `${DS}/stored_data/${db}`)).body.status, "GENERATED");
  assert.equal((await call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  const relation = (native_name: string, title: string) => ({ native_name, title, abstract: title, keywords: ["Tutoriel"] });
  const configuration = await call("POST", `${DS}/configurations`, { json: { type: "WFS", name: "Monde", layer_name: "monde_wfs", type_infos: { bbox: { west: -175, south: -75, east: 175, north: 85 }, used_data: [{ stored_data: db, relations: [relation("pays", "Pays"), relation("ecoregions", "Écorégions"), relation("villes", "Villes")] }] } } });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  assert.equal((await call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wfs, open: true } })).status, 200);
  tick(2000);
}

const ready = publishMonde(h.call, h.tick);
const WFS = "https://data.geopf.fr/wfs?SERVICE=WFS&VERSION=2.0.0";
const json = async (query: string): Promise<any> => {
  const reply = await fetchText(`${WFS}&REQUEST=GetFeature&OUTPUTFORMAT=application/json&${query}`);
  assert.equal(reply.status, 200, reply.text);
  assert.match(reply.type, /application\/json/);
  return JSON.parse(reply.text);
};
const names = (collection: { features: { properties: { nom: string } }[] }): string[] => collection.features.map((feature) => feature.properties.nom);
const near = (a: number[], b: number[]): boolean => a.every((v, i) => Math.abs(v - b[i]!) < 1e-6 * Math.max(1, Math.abs(v)));

test("GetFeature in GeoJSON: every feature of the table, GeoServer's members, native CRS (EPSG:3857) by default", async () => {
  await ready;
  const villes = await json("TYPENAMES=monde_wfs:villes");
  assert.equal(villes.type, "FeatureCollection");
  assert.equal(villes.features.length, 11);
  assert.deepEqual([villes.totalFeatures, villes.numberMatched, villes.numberReturned], [11, 11, 11]);
  assert.equal(villes.crs.properties.name, "urn:ogc:def:crs:EPSG::3857");
  assert.match(villes.timeStamp, /^\d{4}-\d\d-\d\dT/);
  const paris = villes.features[0];
  assert.deepEqual({ ...paris, geometry: undefined }, { type: "Feature", id: "villes.1", geometry: undefined, geometry_name: "geom", properties: { nom: "Paris", pays: "France", longitude: 2.35, latitude: 48.86, population: 2100000 } });
  assert.ok(near(paris.geometry.coordinates, wgs84ToMercator(2.35, 48.86)), JSON.stringify(paris.geometry));

  const lonLat = await json("TYPENAMES=monde_wfs:villes&SRSNAME=EPSG:4326&COUNT=1");
  assert.deepEqual(lonLat.features[0].geometry, { type: "Point", coordinates: [2.35, 48.86] });
  assert.equal(lonLat.crs.properties.name, "urn:ogc:def:crs:EPSG::4326");
  const lambert = await json("TYPENAMES=monde_wfs:villes&SRSNAME=EPSG:2154&COUNT=1");
  assert.ok(Math.abs(lambert.features[0].geometry.coordinates[0] - 652000) < 2000 && Math.abs(lambert.features[0].geometry.coordinates[1] - 6862000) < 2000, JSON.stringify(lambert.features[0].geometry));

  const pays = await json("TYPENAMES=monde_wfs:pays&SRSNAME=CRS:84");
  assert.equal(pays.features.length, 8);
  const france = pays.features.find((feature: { properties: { code_iso: string } }) => feature.properties.code_iso === "FRA");
  assert.equal(france.geometry.type, "MultiPolygon");
  assert.ok(france.geometry.coordinates.flat(2).every(([lon, lat]: number[]) => lon! > -5 && lon! < 10 && lat! > 41 && lat! < 52));
  const both = await json("TYPENAMES=monde_wfs:pays,monde_wfs:villes");
  assert.equal(both.numberMatched, 19);
  assert.deepEqual([both.features[0].id, both.features[8].id], ["pays.1", "villes.1"]);
});

test("GetFeature: COUNT/STARTINDEX paging, BBOX (lat,lon in EPSG:4326, or with a CRS suffix), PROPERTYNAME, SORTBY, hits", async () => {
  await ready;
  const page = await json("TYPENAMES=monde_wfs:villes&COUNT=3&STARTINDEX=9");
  assert.deepEqual(names(page), ["Brasília", "Montréal"]);
  assert.deepEqual([page.numberMatched, page.numberReturned], [11, 2]);
  assert.deepEqual(names(await json("TYPENAME=monde_wfs:villes&VERSION=1.1.0&MAXFEATURES=2")), ["Paris", "Lyon"]);

  const france = ["Paris", "Lyon", "Marseille", "Ajaccio"];
  assert.deepEqual(names(await json("TYPENAMES=monde_wfs:villes&BBOX=41,-5,52,10,EPSG:4326")), france);
  assert.deepEqual(names(await json("TYPENAMES=monde_wfs:villes&BBOX=-5,41,10,52,CRS:84")), france);
  // The publication page's request: the URN is latitude first.
  assert.deepEqual(names(await json("TYPENAMES=monde_wfs:villes&SRSNAME=EPSG:4326&BBOX=35,-10,50,10,urn:ogc:def:crs:EPSG::4326")), [...france, "Madrid", "Lisbonne"]);
  const [minX, minY] = wgs84ToMercator(-5, 41);
  const [maxX, maxY] = wgs84ToMercator(10, 52);
  assert.deepEqual(names(await json(`TYPENAMES=monde_wfs:villes&BBOX=${minX},${minY},${maxX},${maxY},EPSG:3857`)), france);
  assert.deepEqual(names(await json(`TYPENAMES=monde_wfs:villes&BBOX=${minX},${minY},${maxX},${maxY}`)), france, "without a suffix, the type's CRS");

  const only = await json("TYPENAMES=monde_wfs:villes&PROPERTYNAME=nom,population&COUNT=1");
  assert.deepEqual(only.features[0].properties, { nom: "Paris", population: 2100000 });
  assert.equal(only.features[0].geometry, null);
  assert.deepEqual(names(await json("TYPENAMES=monde_wfs:villes&SORTBY=population DESC&COUNT=3")), ["Berlin", "Madrid", "Casablanca"]);
  assert.deepEqual(names(await json("TYPENAMES=monde_wfs:villes&SORTBY=pays,nom&COUNT=3")), ["Berlin", "Brasília", "Montréal"]);

  const hits = await fetchText(`${WFS}&REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&RESULTTYPE=hits`);
  const collection = parseXml(hits.text);
  assert.equal(collection.name, "wfs:FeatureCollection");
  assert.deepEqual([collection.attributes.numberMatched, collection.attributes.numberReturned], ["11", "0"]);
  assert.equal(descendants(collection, "member").length, 0);
});

test("GetFeature filters: CQL_FILTER (=, <>, <, >, LIKE, IN, AND, OR, BBOX) and FES 2.0 FILTER", async () => {
  await ready;
  const cql = async (filter: string): Promise<string[]> => names(await json(`TYPENAMES=monde_wfs:villes&CQL_FILTER=${encodeURIComponent(filter)}`));
  assert.deepEqual(await cql("pays = 'France'"), ["Paris", "Lyon", "Marseille", "Ajaccio"]);
  assert.deepEqual(await cql("population > 3000000"), ["Madrid", "Berlin", "Casablanca"]);
  assert.deepEqual(await cql("population<100000"), ["Ajaccio"]);
  assert.equal((await cql("pays <> 'France'")).length, 7);
  assert.deepEqual(await cql("nom LIKE 'M%'"), ["Marseille", "Madrid", "Montréal"]);
  assert.deepEqual(await cql("pays IN ('Italie', 'Maroc') AND population < 3000000"), ["Rome"]);
  assert.deepEqual(await cql("nom = 'Rome' OR (pays = 'Canada' AND latitude > 45)"), ["Rome", "Montréal"]);
  assert.deepEqual(await cql("BBOX(geom, -10, 35, 0, 45, 'EPSG:4326')"), ["Madrid", "Lisbonne"]);
  assert.deepEqual(names(await json(`TYPENAMES=monde_wfs:pays&CQL_FILTER=${encodeURIComponent("nom = 'Brésil'")}`)), ["Brésil"]);
  const [france] = (await json("TYPENAMES=monde_wfs:pays&SRSNAME=EPSG:4326&CQL_FILTER=code_iso='FRA'")).features;
  assert.deepEqual([france.id, france.geometry.coordinates.length, france.geometry.coordinates[0][0][0]], ["pays.1", 2, [-4.7, 48.4]]);

  const fes = (xml: string): string => `TYPENAMES=monde_wfs:villes&FILTER=${encodeURIComponent(xml)}`;
  const equal = (name: string, value: string): string => `<fes:PropertyIsEqualTo><fes:ValueReference>${name}</fes:ValueReference><fes:Literal>${value}</fes:Literal></fes:PropertyIsEqualTo>`;
  const filter = (body: string): string => `<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0">${body}</fes:Filter>`;
  assert.deepEqual(names(await json(fes(filter(equal("pays", "Espagne"))))), ["Madrid"]);
  assert.deepEqual(names(await json(fes(filter(`<fes:Or>${equal("nom", "Lyon")}${equal("nom", "Rome")}</fes:Or>`)))), ["Lyon", "Rome"]);
  assert.deepEqual(names(await json(fes(filter(`<fes:And>${equal("pays", "France")}<fes:PropertyIsGreaterThan><fes:ValueReference>population</fes:ValueReference><fes:Literal>800000</fes:Literal></fes:PropertyIsGreaterThan></fes:And>`)))), ["Paris", "Marseille"]);
  assert.deepEqual(names(await json("RESOURCEID=villes.2,villes.7")), ["Lyon", "Rome"]);
  assert.deepEqual(names(await json("STOREDQUERY_ID=urn:ogc:def:query:OGC-WFS::GetFeatureById&ID=villes.11")), ["Montréal"]);
});

test("GetFeature in GML 3.2 (the default): wfs:member, typed attributes, points lat,lon in EPSG:4326, multi-surfaces", async () => {
  await ready;
  const reply = await fetchText(`${WFS}&REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&SRSNAME=EPSG:4326&COUNT=2`);
  assert.equal(reply.status, 200, reply.text);
  const doc = parseXml(reply.text);
  assert.equal(doc.attributes["xmlns:monde_wfs"], "https://data.geopf.fr/monde_wfs");
  assert.equal(doc.attributes.numberMatched, "11");
  const members = descendants(doc, "member");
  assert.equal(members.length, 2);
  const paris = descendants(members[0]!, "villes")[0]!;
  assert.equal(paris.attributes["gml:id"], "villes.1");
  assert.equal(textContent(descendants(paris, "nom")[0]!), "Paris");
  assert.equal(descendants(paris, "Point")[0]!.attributes.srsName, "urn:ogc:def:crs:EPSG::4326");
  assert.equal(textContent(descendants(paris, "pos")[0]!), "48.86 2.35");
  const pays = await fetchText(`${WFS}&REQUEST=GetFeature&TYPENAMES=monde_wfs:pays&COUNT=1&OUTPUTFORMAT=${encodeURIComponent("application/gml+xml; version=3.2")}`);
  const surface = descendants(parseXml(pays.text), "MultiSurface")[0]!;
  assert.equal(surface.attributes.srsName, "urn:ogc:def:crs:EPSG::3857");
  assert.ok(descendants(surface, "posList").length >= 2);
});

test("DescribeFeatureType: GeoServer's XML schema and its JSON form", async () => {
  await ready;
  const reply = await fetchText(`${WFS}&REQUEST=DescribeFeatureType&TYPENAMES=monde_wfs:villes,monde_wfs:pays`);
  assert.equal(reply.status, 200);
  const schema = parseXml(reply.text);
  assert.equal(schema.attributes.targetNamespace, "https://data.geopf.fr/monde_wfs");
  const type = (name: string) => descendants(schema, "complexType").find((element) => element.attributes.name === name)!;
  const elements = (name: string) => Object.fromEntries(descendants(type(name), "element").map((element) => [element.attributes.name, element.attributes.type]));
  assert.deepEqual(elements("villesType"), { nom: "xsd:string", pays: "xsd:string", longitude: "xsd:double", latitude: "xsd:double", population: "xsd:int", geom: "gml:PointPropertyType" });
  assert.equal(elements("paysType").geom, "gml:MultiSurfacePropertyType");
  assert.equal(elements("paysType").population, "xsd:long");
  const json = JSON.parse((await fetchText(`${WFS}&REQUEST=DescribeFeatureType&TYPENAMES=monde_wfs:villes&OUTPUTFORMAT=application/json`)).text);
  assert.equal(json.targetPrefix, "monde_wfs");
  assert.deepEqual(json.featureTypes[0].properties.map((p: { name: string; localType: string }) => [p.name, p.localType]), [["nom", "string"], ["pays", "string"], ["longitude", "number"], ["latitude", "number"], ["population", "int"], ["geom", "Point"]]);
});

test("OGC exception reports for bad requests", async () => {
  await ready;
  const report = async (query: string, status: number, code: string, locator: string, text?: RegExp): Promise<void> => {
    const reply = await fetchText(`${WFS}&${query}`);
    assert.equal(reply.status, status, `${query}: ${reply.text}`);
    const exception = descendants(parseXml(reply.text), "Exception")[0]!;
    assert.deepEqual([exception.attributes.exceptionCode, exception.attributes.locator], [code, locator], reply.text);
    if (text) assert.match(textContent(exception), text);
  };
  await report("REQUEST=GetFeature", 400, "MissingParameterValue", "typeNames", /TYPENAMES manquant/);
  await report("REQUEST=GetFeature&TYPENAMES=monde_wfs:routes", 400, "InvalidParameterValue", "typeNames", /monde_wfs:routes/);
  await report("REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&PROPERTYNAME=habitants", 400, "InvalidParameterValue", "propertyName", /habitants/);
  await report(`REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&CQL_FILTER=${encodeURIComponent("nom = ")}`, 400, "InvalidParameterValue", "cql_filter", /Filtre invalide : une valeur/);
  await report(`REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&CQL_FILTER=${encodeURIComponent("habitants > 3")}`, 400, "InvalidParameterValue", "cql_filter", /attribut\(s\) inconnu\(s\) : habitants/);
  await report(`REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&FILTER=${encodeURIComponent("<fes:Filter><fes:Within/></fes:Filter>")}`, 400, "InvalidParameterValue", "filter", /Filtre invalide : opérateur <fes:Within>/);
  await report("REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&FILTER=%3Cfes:Filter", 400, "InvalidParameterValue", "filter", /XML mal formé/);
  await report("REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&COUNT=-1", 400, "InvalidParameterValue", "count");
  await report("REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&SRSNAME=EPSG:27572", 400, "InvalidParameterValue", "srsName", /EPSG:27572/);
  await report("REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&BBOX=1,2,3", 400, "InvalidParameterValue", "bbox");
  await report("REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&BBOX=1,2,3,4&CQL_FILTER=nom='Paris'", 400, "InvalidParameterValue", "cql_filter", /s'excluent/);
  await report("REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&OUTPUTFORMAT=shape-zip", 400, "InvalidParameterValue", "outputFormat");
  await report("REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&SORTBY=altitude", 400, "InvalidParameterValue", "sortBy", /altitude/);
  await report("REQUEST=GetFeature&RESOURCEID=routes.1", 400, "InvalidParameterValue", "resourceId", /routes\.1/);
  await report("REQUEST=GetFeature&STOREDQUERY_ID=urn:ogc:def:query:OGC-WFS::GetFeatureByName", 400, "InvalidParameterValue", "storedQuery_Id", /GetFeatureById/);
  await report("REQUEST=Transaction", 501, "OperationNotSupported", "request", /Transaction/);
});

test("CQL operators on a feature, and WKT geometries of CSV files", () => {
  const feature = { id: 3, properties: { nom: "Saint-Étienne", code: "42", population: 170000, note: null }, geometry: { type: "Point" as const, coordinates: [4.39, 45.43] } };
  const crs = parseCrs("EPSG:4326", "2.0.0")!;
  const test = (text: string): boolean => matches(parseCql(text, crs, "2.0.0"), feature, "villes");
  assert.deepEqual(["population BETWEEN 100000 AND 200000", "note IS NULL", "nom IS NOT NULL", "nom ILIKE 'saint-%'", "nom NOT LIKE 'Paris%'", "code = 42", "code = '42'", "NOT (population < 1000)", "IN ('villes.3')", "nom = 'Saint-Étienne' AND INCLUDE", "BBOX(geom, 4, 45, 5, 46)"].filter((t) => !test(t)), []);
  assert.deepEqual(["population BETWEEN 1 AND 2", "note IS NOT NULL", "nom LIKE 'saint-%'", "code <> 42", "IN ('villes.4')", "EXCLUDE", "nom = 'O''Brien'", "BBOX(geom, 0, 0, 1, 1)"].filter((t) => test(t)), []);
  assert.throws(() => parseCql("nom = 'Paris' AND", crs, "2.0.0"), /Filtre invalide : un nom d'attribut attendu en fin de texte/);
  assert.throws(() => parseCql("nom == 'Paris'", crs, "2.0.0"), /Filtre invalide/);
  assert.deepEqual(parseWkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2), (2.1 2.1, 2.2 2.1, 2.1 2.2, 2.1 2.1)))"), {
    type: "MultiPolygon", coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]], [[2.1, 2.1], [2.2, 2.1], [2.1, 2.2], [2.1, 2.1]]]],
  });
  assert.deepEqual(parseWkt("SRID=2154;MULTIPOINT Z ((1 2 3), (4 5 6))"), { type: "MultiPoint", coordinates: [[1, 2], [4, 5]] });
  assert.equal(parseWkt("LINESTRING EMPTY"), null);
  assert.throws(() => parseWkt("CIRCLE (1 2)"), /n'est pas une géométrie WKT prise en charge/);
});

test("the local server (npm run datastore) answers the same GetFeature", async () => {
  closeMsw(); // the last test: MSW no longer intercepts, fetch reaches the real server
  const t = await startTestServer();
  try {
    await publishMonde(t.call, (ms) => (t.clock.now += ms));
    const reply = await fetchText(`${t.server.origin}/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=monde_wfs:villes&OUTPUTFORMAT=application/json&SRSNAME=EPSG:4326&CQL_FILTER=${encodeURIComponent("pays = 'France'")}`);
    assert.equal(reply.status, 200, reply.text);
    const body = JSON.parse(reply.text);
    assert.deepEqual(names(body), ["Paris", "Lyon", "Marseille", "Ajaccio"]);
    assert.deepEqual(body.features[0].geometry.coordinates, [2.35, 48.86]);
  } finally {
    await t.server.close();
  }
});

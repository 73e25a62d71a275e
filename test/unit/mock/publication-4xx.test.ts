// Every new 4xx: statics, processing parameters (vector_to_db, db_to_pyramid), WFS / WMS-VECTOR / WMTS-TMS /
// WMS-RASTER / VECTOR-TMS configurations and their offerings. Each assertion checks the status and that
// error_description names the cause.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { assertError, bytesForm, createTypedUpload, DS, harness, runExecution, sendBytes } from "./helpers.ts";

const h = harness();
after(() => h.close());
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/vecteur/${name}`, import.meta.url)));
let upload = "";
let db = "";
let pyramid = "";
let sld = "";
let ftl = "";

before(async () => {
  upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Données mondiales");
  await sendBytes(h, upload, [["data/monde.gpkg", sample("monde.gpkg")], ["data/villes.csv", sample("villes.csv")]]);
  await h.call("POST", `${DS}/uploads/${upload}/close`);
  h.tick(10_000);
  db = (await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "Monde", storage_tags: ["VECTEUR"] } } })).body.output.stored_data._id;
  pyramid = (await runExecution(h, {
    processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output: { stored_data: { name: "Tuiles", storage_tags: ["PYRAMIDE"] } }, parameters: { bottom_level: "6", top_level: "2" },
  })).body.output.stored_data._id;
  sld = (await h.call("POST", `${DS}/statics`, { form: bytesForm(sample("pays.sld"), "pays.sld", { type: "GEOSERVER-STYLE", name: "Pays" }) })).body._id;
  ftl = (await h.call("POST", `${DS}/statics`, { form: bytesForm(sample("pays.ftl"), "pays.ftl", { type: "GEOSERVER-FTL", name: "Pays FTL" }) })).body._id;
});

test("statics: fields, type, SLD version, unreadable file, unknown id", async () => {
  const url = `${DS}/statics`;
  assertError(await h.call("POST", url, { form: bytesForm("", "x", {}) }), 400, /^type : valeur obligatoire \(valeurs possibles : "GEOSERVER-STYLE"/, /^name : nom du fichier statique obligatoire/);
  assertError(await h.call("POST", url, { form: bytesForm("x", "x.sld", { type: "SLD", name: "n", colour: "red" }) }), 400, /^type : valeur "SLD" inconnue/, /^colour : champ multipart inconnu/);
  const noFile = new FormData();
  noFile.append("type", "GEOSERVER-STYLE");
  noFile.append("name", "n");
  assertError(await h.call("POST", url, { form: noFile }), 400, /^file : fichier obligatoire/);
  assertError(await h.call("POST", url, { json: { type: "GEOSERVER-STYLE" } }), 400, /multipart\/form-data/);
  const v11 = new TextDecoder().decode(sample("pays.sld")).replace('version="1.0.0"', 'version="1.1.0"');
  assertError(await h.call("POST", url, { form: bytesForm(v11, "pays.sld", { type: "GEOSERVER-STYLE", name: "n" }) }), 400, /n'est pas un style SLD valide : version SLD « 1.1.0 »/);
  assertError(await h.call("POST", url, { form: bytesForm("<StyledLayerDescriptor version='1.0.0'>", "x.sld", { type: "GEOSERVER-STYLE", name: "n" }) }), 400, /XML mal formé.*non fermé/);
  assertError(await h.call("GET", `${url}/00000000-0000-4000-8000-00000000dead`), 404, /Fichier statique/);
  const one = await h.call("GET", `${url}/${sld}`);
  const { creation, update, ...rest } = one.body;
  assert.deepEqual(rest, { _id: sld, name: "Pays", type: "GEOSERVER-STYLE", type_infos: { used_attributes: ["nom"], max_scale_denominator: 20000000 } });
  assert.ok(typeof creation === "string" && update === creation);
});

test("executions: vector_to_db srs, db_to_pyramid composition, input types", async () => {
  const url = `${DS}/processings/executions`;
  const output = { stored_data: { name: "X", storage_tags: ["PYRAMIDE"] } };
  assertError(await h.call("POST", url, { json: { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "X", storage_tags: ["VECTEUR"] } }, parameters: { srs: "Lambert93", multigeom: true } } }), 400,
    /parameters\.srs : "Lambert93" n'est pas un système de coordonnées/, /parameters\.multigeom : paramètre inconnu/);
  const composition = [
    { table: "rivieres", top_level: "0", bottom_level: "5" },
    { table: "pays", top_level: "8", bottom_level: "4", attributes: ["nom", "name"] },
    { table: "villes", top_level: 0, bottom_level: "25", colour: "red" },
    { table: "ecoregions", top_level: "1" },
  ];
  assertError(await h.call("POST", url, { json: { processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output, parameters: { composition } } }), 400,
    /composition\[0\]\.table : la table « rivieres » n'existe pas dans la donnée stockée en entrée \(tables : pays, ecoregions, villes\)/,
    /composition\[1\] : le niveau du bas \(4\) doit être supérieur ou égal au niveau du haut \(8\)/,
    /composition\[1\]\.attributes : « name » absent\(s\) de la table « pays »/,
    /composition\[2\]\.colour : clé inconnue/, /composition\[2\]\.top_level : 0 n'est pas un niveau/, /composition\[2\]\.bottom_level : "25" n'est pas un niveau/,
    /composition\[3\]\.bottom_level : niveau obligatoire/);
  assertError(await h.call("POST", url, { json: { processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output, parameters: { width: 0 } } }), 400,
    /bottom_level : obligatoire quand « composition » n'est pas donnée/, /top_level : obligatoire/, /width : 0 est inférieur au minimum 1/);
  assertError(await h.call("POST", url, { json: { processing: ids.processings.db_to_pyramid, inputs: { upload: [upload] }, output, parameters: { composition: [] } } }), 400,
    /n'accepte pas de livraison en entrée/, /composition : liste vide/);
  assertError(await h.call("POST", url, { json: { processing: ids.processings.raster_to_pyramid, inputs: { stored_data: [db] }, output, parameters: { tms: "PM" } } }), 400,
    /n'accepte pas le type VECTOR-DB \(types acceptés : ROK4-PYRAMID-RASTER\)/);
});

test("WFS and VECTOR-TMS: tables that exist, names, bbox, type of stored data; VECTOR-TMS only on its endpoint", async () => {
  const url = `${DS}/configurations`;
  const wfs = (relations: unknown[], extra: Record<string, unknown> = {}) => ({ type: "WFS", name: "W", layer_name: "monde_wfs", type_infos: { used_data: [{ stored_data: db, relations }], ...extra } });
  assertError(await h.call("POST", url, { json: wfs([{ native_name: "rivieres", title: "R", abstract: "R" }, { native_name: "pays", public_name: "1pays" }, { native_name: "villes", title: "V", abstract: "V" }, { native_name: "villes", title: "V", abstract: "V" }], { bbox: { west: 10, south: -95, east: 5, north: 20 } }) }), 400,
    /relations\[0\]\.native_name : la table « rivieres » n'existe pas dans la donnée stockée « Monde » \(tables : pays, ecoregions, villes\)/,
    /relations\[1\]\.title : chaîne non vide obligatoire/, /relations\[1\]\.abstract : chaîne non vide obligatoire/, /relations\[1\]\.public_name : "1pays" ne respecte pas le motif/,
    /la table « villes » est diffusée plusieurs fois/, /bbox\.south : -95 hors de \[-90, 90\]/, /bbox : west \(10\) doit être inférieur à east \(5\)/);
  assertError(await h.call("POST", url, { json: { ...wfs([{ native_name: "pays", title: "P", abstract: "P" }]), type_infos: { used_data: [{ stored_data: pyramid, relations: [{ native_name: "pays", title: "P", abstract: "P" }] }] } } }), 400,
    /une configuration WFS diffuse des données VECTOR-DB, « Tuiles » est ROK4-PYRAMID-VECTOR/);
  assertError(await h.call("POST", url, { json: { ...wfs([]), layer_name: "monde wfs" } }), 400, /layer_name : "monde wfs" ne respecte pas le motif/, /relations : liste non vide/);
  const ok = await h.call("POST", url, { json: wfs([{ native_name: "pays", public_name: "countries", title: "P", abstract: "P" }]) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assertError(await h.call("POST", url, { json: wfs([{ native_name: "pays", title: "P", abstract: "P" }]) }), 409, /« monde_wfs » est déjà utilisé par une configuration WFS/);
  const tmsv = await h.call("POST", url, { json: { type: "VECTOR-TMS", name: "V", layer_name: "monde_wfs", type_infos: { used_data: [{ stored_data: db, relations: [{ native_name: "pays" }] }] } } });
  assert.equal(tmsv.status, 200, "same layer_name, another type");
  assertError(await h.call("POST", `${url}/${tmsv.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wfs, open: true } }), 400, new RegExp(`de type WFS, la configuration est de type VECTOR-TMS \\(points d'accès compatibles : ${ids.endpoints.open.tmsv} \\(ouvert\\)\\)`));
});

test("WMS-VECTOR: required texts, style statics of the right type, used attributes that exist", async () => {
  const url = `${DS}/configurations`;
  const wms = (relations: unknown[]) => ({ type: "WMS-VECTOR", name: "M", layer_name: "monde_wms", type_infos: { title: "T", abstract: "A", used_data: [{ stored_data: db, relations }] } });
  assertError(await h.call("POST", url, { json: { ...wms([{ name: "pays", style: sld }]), type_infos: { used_data: [{ stored_data: db, relations: [{ name: "pays", style: sld }] }] } } }), 400,
    /type_infos\.title : chaîne non vide obligatoire/, /type_infos\.abstract : chaîne non vide obligatoire/);
  assertError(await h.call("POST", url, { json: wms([{ name: "pays" }, { name: "ecoregions", style: ftl }, { name: "villes", style: sld, ftl, sld }, { name: "pays", style: "00000000-0000-4000-8000-00000000dead" }]) }), 400,
    /relations\[0\]\.style : identifiant du style SLD .* obligatoire/,
    /relations\[1\]\.style : le fichier statique « Pays FTL » est de type GEOSERVER-FTL, GEOSERVER-STYLE attendu/,
    /relations\[2\]\.sld : clé inconnue/,
    /relations\[2\]\.ftl : le fichier statique « Pays FTL » utilise l'attribut « code_iso », absent de la table « villes »/,
    /relations\[3\]\.style : fichier statique « 00000000-0000-4000-8000-00000000dead » introuvable/,
    /la table « pays » est diffusée plusieurs fois/);
  const ok = await h.call("POST", url, { json: wms([{ name: "pays", style: sld, ftl }]) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assertError(await h.call("DELETE", `${DS}/statics/${ftl}`), 409, /« Pays FTL » .* est utilisé par la configuration « M »/);
});

test("WMTS-TMS and WMS-RASTER: levels that exist, bottom ≥ top, pyramid types, getfeatureinfo", async () => {
  const url = `${DS}/configurations`;
  const tiles = (items: unknown[], extra: Record<string, unknown> = {}) => ({ type: "WMTS-TMS", name: "T", layer_name: "monde_tuiles", type_infos: { title: "T", abstract: "A", used_data: items, ...extra } });
  assertError(await h.call("POST", url, { json: tiles([{ bottom_level: "9", top_level: "1", stored_data: pyramid }, { bottom_level: "3", top_level: "5", stored_data: pyramid }, { bottom_level: 4, stored_data: db }], { getfeatureinfo: { stored_data: false, server_url: "x" } }) }), 400,
    /used_data\[0\]\.bottom_level : le niveau « 9 » n'existe pas dans la pyramide « Tuiles » \(niveaux 2 à 6\)/,
    /used_data\[0\]\.top_level : le niveau « 1 » n'existe pas/,
    /used_data\[1\] : bottom_level \(3\) doit être supérieur ou égal à top_level \(5\)/,
    /used_data\[2\]\.stored_data : une configuration WMTS-TMS diffuse des données ROK4-PYRAMID-RASTER ou ROK4-PYRAMID-VECTOR, « Monde » est VECTOR-DB/,
    /used_data\[2\]\.bottom_level : 4 n'est pas un niveau/, /used_data\[2\]\.top_level : niveau obligatoire/,
    /getfeatureinfo : donnez soit « stored_data »: true, soit « server_url »/);
  assertError(await h.call("POST", url, { json: tiles([]) }), 400, /used_data : liste non vide/);
  assertError(await h.call("POST", url, { json: { type: "WMS-RASTER", name: "R", layer_name: "monde_tuiles", type_infos: { title: "T", abstract: "A", used_data: [{ bottom_level: "6", top_level: "2", stored_data: pyramid }] } } }), 400,
    /une configuration WMS-RASTER diffuse des données ROK4-PYRAMID-RASTER, « Tuiles » est ROK4-PYRAMID-VECTOR/);
  const ok = await h.call("POST", url, { json: tiles([{ bottom_level: "6", top_level: "2", stored_data: pyramid }]) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assertError(await h.call("POST", `${url}/${ok.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmsr, open: true } }), 400, /de type WMS-RASTER, la configuration est de type WMTS-TMS/);
});

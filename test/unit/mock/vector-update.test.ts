// The vector update tutorial end to end through the MSW handlers, with its generated samples: structure-only
// upload (.sql) → empty VECTOR-DB with a table and a view → WMS-VECTOR on the view (bbox given) → first
// injection (GeoPackage) → second injection (CSV + .csvt) → deletions and modifications; row counts, values,
// extent, size and relations after each step, read through the API, WFS GetFeature and WMS GetFeatureInfo.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { AREA_1, AREA_2, CORRECTED_COMMUNE, installations, updatedIds } from "../../../src/mock/samples/installations.ts";
import { bytesForm, createTypedUpload, DS, fetchText, harness, runExecution, sendBytes } from "./helpers.ts";
import { decodeTile, fetchTile, layerFeatures, tileOf } from "./diffusion/vector-tiles-helpers.ts";

const h = harness();
after(() => h.close());

const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/mise-a-jour/${name}`, import.meta.url)));

// An upload of the sample files, closed and checked; returns its id and the vector check's logs.
async function deliver(files: string[], md5: string): Promise<{ upload: string; passed: number; logs: string[] }> {
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Installations classées");
  await sendBytes(h, upload, files.map((name) => [`data/${name}`, sample(name)]));
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: bytesForm(sample(md5), md5) })).status, 204);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const checks = (await h.call("GET", `${DS}/uploads/${upload}/checks`)).body;
  const vector = [...checks.passed, ...checks.failed].find((c: { check: { _id: string } }) => c.check._id === ids.checks.vector);
  const logs = (await h.call("GET", `${DS}/checks/executions/${vector._id}/logs`)).body as string[];
  return { upload, passed: checks.passed.length, logs };
}

// Every feature of a WFS layer (GeoJSON).
async function wfsFeatures(typeName: string): Promise<{ properties: Record<string, unknown>; geometry: { coordinates: number[] } }[]> {
  const reply = await fetchText(`https://data.geopf.fr/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=${typeName}&OUTPUTFORMAT=application/json&COUNT=1000`);
  assert.equal(reply.status, 200, reply.text);
  return JSON.parse(reply.text).features;
}

const autorisation = (items: { lib_regime: string }[]): number => items.filter((item) => item.lib_regime === "Autorisation").length;

test("vector update: init (structure) → injection 1 → injection 2 → delete/update, visible in the API, WFS and WMS", async () => {
  // Initialisation: a structure file only.
  const init = await deliver(["installation-init.sql"], "installation-init.md5");
  assert.equal(init.passed, 2, init.logs.join("\n"));
  assert.ok(init.logs.some((l) => l.includes("fichier SQL de structure")), init.logs.join("\n"));
  const created = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [init.upload] }, output: { stored_data: { name: "Installations classées", storage_tags: ["VECTEUR"] } } });
  assert.equal(created.body.status, "SUCCESS");
  const db = created.body.output.stored_data._id as string;
  let storedData = (await h.call("GET", `${DS}/stored_data/${db}`)).body;
  const attributes = { id: "integer", nom_ets: "character varying(254)", adresse: "character varying(207)", commune: "character varying(50)", lib_regime: "character varying(50)", url_fiche: "character varying(80)", lib_seveso: "character varying(20)", geom: "geometry(Point,4326)" };
  assert.deepEqual(storedData.type_infos.relations, [
    { name: "installation", type: "TABLE", attributes, primary_key: ["id"] },
    { name: "installation_autorisation", type: "VIEW", attributes, primary_key: [] },
  ]);
  assert.equal(storedData.size, 16384);
  assert.equal(storedData.extent, undefined);
  assert.equal(storedData.last_event.title, "Génération");

  // Both services published on the view and the table (bbox given: the tables are empty).
  const bbox = { west: -175, south: -75, east: 175, north: 85 };
  const relationsWfs = [{ native_name: "installation", title: "Toutes", abstract: "Toutes" }];
  const withoutBbox = await h.call("POST", `${DS}/configurations`, { json: { type: "WFS", name: "Sans emprise", layer_name: "sans_emprise", type_infos: { used_data: [{ stored_data: db, relations: relationsWfs }] } } });
  assert.equal(withoutBbox.status, 400);
  assert.match(withoutBbox.body.error_description.join(), /type_infos\.bbox : obligatoire ici, la donnée stockée « Installations classées » n'a pas encore d'étendue/);
  const wfs = await h.call("POST", `${DS}/configurations`, { json: { type: "WFS", name: "Installations", layer_name: "installations_wfs", type_infos: { bbox, used_data: [{ stored_data: db, relations: [{ native_name: "installation", title: "Toutes", abstract: "Toutes" }, { native_name: "installation_autorisation", title: "Autorisation", abstract: "Autorisation" }] }] } } });
  assert.equal(wfs.status, 200, JSON.stringify(wfs.body));
  assert.equal((await h.call("POST", `${DS}/configurations/${wfs.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wfs, open: true } })).status, 200);
  const staticOf = async (file: string, type: string) => (await h.call("POST", `${DS}/statics`, { form: bytesForm(sample(file), file, { type, name: file }) })).body;
  const sld = await staticOf("installation.sld", "GEOSERVER-STYLE");
  assert.deepEqual(sld.type_infos, { used_attributes: ["lib_seveso"] });
  const ftl = await staticOf("installation.ftl", "GEOSERVER-FTL");
  const wms = await h.call("POST", `${DS}/configurations`, { json: { type: "WMS-VECTOR", name: "Installations", layer_name: "installations_classees", type_infos: { title: "Installations", abstract: "Installations", keywords: ["Tutoriel"], bbox, used_data: [{ stored_data: db, relations: [{ name: "installation_autorisation", style: sld._id, ftl: ftl._id }] }] } } });
  assert.equal(wms.status, 200, JSON.stringify(wms.body));
  assert.equal((await h.call("POST", `${DS}/configurations/${wms.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmsv, open: true } })).status, 200);
  h.tick(5000);
  assert.deepEqual(await wfsFeatures("installations_wfs:installation"), []);

  // First injection (GeoPackage) into the same stored data.
  const first = await deliver(["installation.gpkg"], "injection-1.md5");
  assert.equal(first.passed, 2, first.logs.join("\n"));
  const update = (upload: string, parameters?: object) => ({ processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { id: db } }, ...(parameters ? { parameters } : {}) });
  const injected = await runExecution(h, update(first.upload));
  assert.equal(injected.body.status, "SUCCESS");
  assert.equal(injected.body.output.stored_data._id, db);
  storedData = (await h.call("GET", `${DS}/stored_data/${db}`)).body;
  assert.equal(storedData.last_event.title, "Modification");
  assert.ok(storedData.size > 16384);
  const size1 = storedData.size;
  const area1 = installations(AREA_1);
  const lons1 = area1.map((i) => i.lon);
  assert.deepEqual(storedData.extent.coordinates[0][0], [Math.min(...lons1), Math.min(...area1.map((i) => i.lat))]);
  assert.equal((await wfsFeatures("installations_wfs:installation")).length, AREA_1.count);
  const view1 = await wfsFeatures("installations_wfs:installation_autorisation");
  assert.equal(view1.length, autorisation(area1));
  assert.ok(view1.every((f) => f.properties.lib_regime === "Autorisation"));
  assert.equal(view1[0]!.properties.id, area1.find((i) => i.lib_regime === "Autorisation")!.id);

  // Second injection (CSV + csvt).
  const second = await deliver(["installation.csv", "installation.csvt"], "injection-2.md5");
  assert.equal(second.passed, 2, second.logs.join("\n"));
  assert.equal((await runExecution(h, update(second.upload))).body.status, "SUCCESS");
  storedData = (await h.call("GET", `${DS}/stored_data/${db}`)).body;
  assert.ok(storedData.size > size1);
  const area2 = installations(AREA_2);
  assert.equal(Math.max(...storedData.extent.coordinates[0].map((p: number[]) => p[0])), Math.max(...lons1, ...area2.map((i) => i.lon)));
  assert.equal((await wfsFeatures("installations_wfs:installation")).length, AREA_1.count + AREA_2.count);

  // Deletions and modifications: ignored without the parameters, applied with them.
  const changes = await deliver(["installation.delete", "installation.update"], "suppression-modification.md5");
  assert.equal(changes.passed, 2, changes.logs.join("\n"));
  const ignored = await runExecution(h, update(changes.upload));
  const ignoredLogs = (await h.call("GET", `${DS}/processings/executions/${ignored.body._id}/logs`)).body as string[];
  assert.ok(ignoredLogs.some((l) => l.includes("installation.delete ignoré")), ignoredLogs.join("\n"));
  assert.equal((await wfsFeatures("installations_wfs:installation")).length, AREA_1.count + AREA_2.count);
  const applied = await runExecution(h, update(changes.upload, { update: true, delete: true }));
  assert.equal(applied.body.status, "SUCCESS");
  assert.deepEqual(applied.body.parameters, { update: true, delete: true });
  const remaining = await wfsFeatures("installations_wfs:installation");
  const deleted = area1.filter((i) => AREA_1.communes.slice(0, 2).includes(i.commune)).length;
  assert.equal(remaining.length, AREA_1.count + AREA_2.count - deleted);
  const fixed = remaining.find((f) => f.properties.id === updatedIds()[0])!;
  assert.equal(fixed.properties.commune, CORRECTED_COMMUNE);
  assert.equal(remaining.filter((f) => f.properties.commune === AREA_2.communes[0]).length, 0);
  // GetFeatureInfo on the view, at the centre of a 101 × 101 image centred on the corrected installation.
  const target = area2.find((i) => i.id === updatedIds()[0])!;
  const box = [target.lat - 0.01, target.lon - 0.01, target.lat + 0.01, target.lon + 0.01].join(",");
  const info = await fetchText(`https://data.geopf.fr/wms-v?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=installations_classees&QUERY_LAYERS=installations_classees&STYLES=&CRS=EPSG:4326&BBOX=${box}&WIDTH=101&HEIGHT=101&I=50&J=50&INFO_FORMAT=application/json&FEATURE_COUNT=5&FORMAT=image/png`);
  assert.equal(info.status, 200, info.text);
  assert.equal(target.lib_regime, "Autorisation");
  assert.deepEqual(JSON.parse(info.text).features.map((f: { properties: { id: number; commune: string } }) => [f.properties.id, f.properties.commune]), [[target.id, CORRECTED_COMMUNE]]);
  const view = await wfsFeatures("installations_wfs:installation_autorisation");
  assert.equal(view.length, autorisation([...area1.filter((i) => !AREA_1.communes.slice(0, 2).includes(i.commune)), ...area2]));
});

test("vector update: a vector pyramid tiled from the SQL-made VECTOR-DB serves its injected rows", async () => {
  const init = await deliver(["installation-init.sql"], "installation-init.md5");
  const db = (await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [init.upload] }, output: { stored_data: { name: "À tuiler" } } })).body.output.stored_data._id as string;
  const first = await deliver(["installation.gpkg"], "injection-1.md5");
  assert.equal((await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [first.upload] }, output: { stored_data: { id: db } } })).body.status, "SUCCESS");
  const pyramid = await runExecution(h, { processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output: { stored_data: { name: "Installations en tuiles" } }, parameters: { composition: [{ table: "installation_autorisation", top_level: "5", bottom_level: "8", attributes: ["id", "nom_ets"] }] } });
  assert.equal(pyramid.body.status, "SUCCESS");
  const configuration = await h.call("POST", `${DS}/configurations`, { json: { type: "WMTS-TMS", name: "Tuiles", layer_name: "installations_tuiles", type_infos: { title: "Tuiles", abstract: "Tuiles", used_data: [{ bottom_level: "8", top_level: "5", stored_data: pyramid.body.output.stored_data._id }] } } });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  assert.equal((await h.call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wmts, open: true } })).status, 200);
  h.tick(5000);
  const target = installations(AREA_1).find((i) => i.lib_regime === "Autorisation")!;
  const { x, y } = tileOf(target.lon, target.lat, 8);
  const tile = await fetchTile(`https://data.geopf.fr/tms/1.0.0/installations_tuiles/8/${x}/${y}.pbf`);
  assert.equal(tile.status, 200, tile.text);
  const features = layerFeatures(decodeTile(tile.bytes), "installation_autorisation");
  assert.ok(features.some((f) => f.properties.id === target.id && f.properties.nom_ets === target.nom_ets), JSON.stringify(features.map((f) => f.properties)));
  assert.ok(features.every((f) => Object.keys(f.properties).sort().join() === "id,nom_ets"));
});

test("vector update: an .update file without the primary key fails the execution, the stored data untouched before", async () => {
  const init = await deliver(["installation-init.sql"], "installation-init.md5");
  const created = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [init.upload] }, output: { stored_data: { name: "Sans clé" } } });
  const db = created.body.output.stored_data._id as string;
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Modification sans clé");
  await sendBytes(h, upload, [["data/installation.update", new TextEncoder().encode("commune,lib_regime\nMONTCLAIR,Autorisation\n")]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const execution = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { id: db } }, parameters: { update: true } });
  assert.equal(execution.body.status, "FAILURE");
  const logs = (await h.call("GET", `${DS}/processings/executions/${execution.body._id}/logs`)).body as string[];
  assert.ok(logs.some((l) => l.includes("la colonne « id » de la clé primaire de « installation » est obligatoire dans un fichier .update")), logs.join("\n"));
  const invalid = await h.call("POST", `${DS}/processings/executions`, { json: { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "x" } }, parameters: { delete: "oui" } } });
  assert.equal(invalid.status, 400);
});

test("vector update: a structure file with rows fails the check; SQL that does not run fails the execution", async () => {
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "SQL avec données");
  await sendBytes(h, upload, [["data/t.sql", new TextEncoder().encode("CREATE TABLE t (id integer);\nINSERT INTO t VALUES (1);\n")]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const checks = (await h.call("GET", `${DS}/uploads/${upload}/checks`)).body;
  assert.equal(checks.failed.length, 1);
  const logs = (await h.call("GET", `${DS}/checks/executions/${checks.failed[0]._id}/logs`)).body as string[];
  assert.ok(logs.some((l) => /ERROR.*data\/t\.sql, ligne 2 : instruction INSERT refusée/.test(l)), logs.join("\n"));

  const broken = await createTypedUpload(h, "VECTOR", "EPSG:4326", "SQL invalide");
  await sendBytes(h, broken, [["data/t.sql", new TextEncoder().encode("CREATE TABLE t (id integer);\nCREATE VIEW v AS SELECT * FROM t WHERE nom = 'x';\n")]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${broken}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${broken}`)).body.status, "CLOSED");
  const execution = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [broken] }, output: { stored_data: { name: "Invalide" } } });
  assert.equal(execution.body.status, "FAILURE");
  const executionLogs = (await h.call("GET", `${DS}/processings/executions/${execution.body._id}/logs`)).body as string[];
  assert.ok(executionLogs.some((l) => l.includes("data/t.sql : erreur SQL ligne 2 : la colonne « nom » n'existe pas dans « t »")), executionLogs.join("\n"));
  assert.equal((await h.call("GET", `${DS}/stored_data/${execution.body.output.stored_data._id}`)).body.status, "UNSTABLE");
});

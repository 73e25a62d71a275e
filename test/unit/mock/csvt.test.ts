// A CSV file with its .csvt in a VECTOR upload, through the MSW handlers: the check reads the types and names the
// ones it applies, vector_to_db creates the columns with them (a code with leading zeros stays text), the WFS gives
// the values in those types; a .csvt that does not fit its CSV, an unknown type or a .csvt alone are told in the logs.
import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { readCsvt } from "../../../src/mock/formats/csvt.ts";
import { createTypedUpload, DS, fetchText, harness, runExecution, sendBytes } from "./helpers.ts";

const h = harness();
after(() => h.close());
beforeEach(() => h.store.reset());

const CSV = "insee,nom,population,surface,WKT\n01001,L'Abergement,800,15.9,POINT(5 46)\n01002,Ambérieux,250,9.1,POINT(5.4 46)\n";

// Closes the upload, lets the checks run; returns the vector check's logs and whether it passed.
async function vectorLogs(upload: string): Promise<{ passed: boolean; logs: string[] }> {
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const checks = (await h.call("GET", `${DS}/uploads/${upload}/checks`)).body;
  const passed = checks.passed.find((c: { check: { _id: string } }) => c.check._id === ids.checks.vector);
  const execution = passed ?? checks.failed.find((c: { check: { _id: string } }) => c.check._id === ids.checks.vector);
  assert.ok(execution, JSON.stringify(checks));
  return { passed: Boolean(passed), logs: (await h.call("GET", `${DS}/checks/executions/${execution._id}/logs`)).body as string[] };
}

const has = (logs: string[], pattern: RegExp): void => assert.ok(logs.some((line) => pattern.test(line)), `${pattern}\n${logs.join("\n")}`);

test("the .csvt's types are those of the table and of the WFS answers", async () => {
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Communes");
  await sendBytes(h, upload, [["data/communes.csv", CSV], ["data/communes.csvt", '"String","String","Integer64","Real(8.2)","WKT"\n']]);
  const { passed, logs } = await vectorLogs(upload);
  assert.ok(passed, logs.join("\n"));
  has(logs, /INFO\|\|checks_ogr\|\|107\|\|Types des colonnes lus dans data\/communes\.csvt : insee \(character varying\), nom \(character varying\), population \(bigint\), surface \(double precision\)$/);

  const execution = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "Communes", storage_tags: ["VECTEUR"] } } });
  assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
  const db = execution.body.output.stored_data._id as string;
  const relations = (await h.call("GET", `${DS}/stored_data/${db}`)).body.type_infos.relations;
  assert.deepEqual(relations[0].attributes, { ogc_fid: "integer", insee: "character varying", nom: "character varying", population: "bigint", surface: "double precision", geom: "geometry" });

  const wfs = await h.call("POST", `${DS}/configurations`, {
    json: { type: "WFS", name: "Communes", layer_name: "communes_csvt", type_infos: { used_data: [{ stored_data: db, relations: [{ native_name: "communes", title: "Communes", abstract: "Communes" }] }] } },
  });
  assert.equal(wfs.status, 200, JSON.stringify(wfs.body));
  assert.equal((await h.call("POST", `${DS}/configurations/${wfs.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wfs, open: true } })).status, 200);
  h.tick(5_000);
  const features = await fetchText("https://data.geopf.fr/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=communes_csvt:communes&OUTPUTFORMAT=application/json");
  assert.equal(features.status, 200, features.text);
  const properties = JSON.parse(features.text).features.map((feature: { properties: Record<string, unknown> }) => feature.properties);
  assert.deepEqual(properties.map(({ insee, population, surface }: Record<string, unknown>) => ({ insee, population, surface })), [
    { insee: "01001", population: 800, surface: 15.9 },
    { insee: "01002", population: 250, surface: 9.1 },
  ]);
});

test("a .csvt that does not fit its CSV, an unreadable one and a .csvt alone are said in the check's log", async () => {
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Communes");
  await sendBytes(h, upload, [
    ["data/communes.csv", CSV], ["data/communes.csvt", "String,String,Integer\n"],
    ["data/villes.csv", "nom,WKT\nLyon,POINT(4.8 45.7)\n"], ["data/villes.csvt", "String,Entier\n"],
    ["data/seul.csvt", "String\n"],
  ]);
  const { passed, logs } = await vectorLogs(upload);
  assert.equal(passed, false);
  has(logs, /ERROR\|\|checks_ogr\|\|108\|\|data\/communes\.csvt donne 3 type\(s\) pour 5 colonne\(s\) dans le fichier CSV$/);
  has(logs, /ERROR\|\|checks_ogr\|\|98\|\|Impossible de lire le fichier data\/villes\.csvt \(CSVT\) : type « Entier » inconnu pour la colonne 2 \(types acceptés : Integer, /);
  has(logs, /WARNING\|\|checks_ogr\|\|109\|\|Fichier data\/seul\.csvt sans fichier CSV du même nom/);
});

test("readCsvt: GDAL's type names, quoted or not, with a width, a precision or a subtype; one line only", () => {
  const types = (text: string) => readCsvt(new TextEncoder().encode(text)).map((entry) => entry.type);
  assert.deepEqual(types('"Integer","Integer(Boolean)","Integer(Int16)","integer64","Real(10.3)","Real(Float32)","String(25)","Date","Time","DateTime","JSON","WKT","CoordX","Point(Y)"'), [
    "integer", "boolean", "smallint", "bigint", "double precision", "real", "character varying", "date", "time without time zone", "timestamp with time zone", "json", "geometry", "double precision", "double precision",
  ]);
  assert.deepEqual(types("String;Integer\r\n"), ["character varying", "integer"]);
  assert.throws(() => readCsvt(new TextEncoder().encode("String\nInteger\n")), /tient sur une ligne \(2 lignes\)/);
  assert.throws(() => readCsvt(new TextEncoder().encode("\n")), /ligne des types absente/);
});

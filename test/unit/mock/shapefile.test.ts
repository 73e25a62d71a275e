// Shapefiles: the readers (.shp/.shx/.dbf/.prj/.cpg), the layer combined from the files of an upload, and a
// VECTOR flow through the MSW handlers (checks, vector_to_db, WMS-VECTOR style check, db_to_pyramid), with the
// check failures of a missing .dbf, a corrupt .shp and an unknown .prj.
import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { cpgEncoding, dbfPostgresType, readDbf } from "../../../src/mock/formats/dbase.ts";
import { readPrj } from "../../../src/mock/formats/prj.ts";
import { readShp, readShx } from "../../../src/mock/formats/shapefile.ts";
import { writeShapefile } from "../../../src/mock/formats/shapefile-writer.ts";
import { analyseFile } from "../../../src/mock/resources/uploads/file-analysis.ts";
import { shapefileSets } from "../../../src/mock/resources/uploads/shapefile-layers.ts";
import { departementShapefile, departementSpec, LAMBERT93_PRJ } from "../../../src/mock/samples/departement-shp.ts";
import { assertError, bytesForm, createTypedUpload, DS, harness, runExecution, sendBytes } from "./helpers.ts";

const h = harness();
after(() => h.close());
beforeEach(() => h.store.reset());

const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/shapefile/${name}`, import.meta.url)));
const SAMPLE = ["shp", "shx", "dbf", "prj", "cpg"].map((ext): [string, Uint8Array] => [`data/DEPARTEMENT.${ext}`, sample(`DEPARTEMENT.${ext}`)]);
const bytes = (content: string | Uint8Array): Uint8Array => (typeof content === "string" ? new TextEncoder().encode(content) : content);
const analysed = (files: [string, string | Uint8Array][]) => files.map(([path, content]) => ({ path, analysis: analyseFile(path, bytes(content), "VECTOR") }));

test("the committed sample is what the generator writes", () => {
  for (const [name, content] of Object.entries(departementShapefile())) assert.deepEqual(sample(name), bytes(content), name);
});

test(".shp and .shx: shape type, record count, header extent; corrupt files are refused", () => {
  const shp = readShp(sample("DEPARTEMENT.shp"));
  assert.equal(shp.shapeType, 5);
  assert.equal(shp.features, 6);
  const [minX, minY, maxX, maxY] = shp.extent!;
  assert.ok(minX > 100000 && maxX < 1250000 && minY > 6000000 && maxY < 6950000, String(shp.extent));
  assert.equal(readShx(sample("DEPARTEMENT.shx")).records, 6);
  assert.throws(() => readShp(bytes("pas un shapefile")), /moins que les 100 octets/);
  const wrongCode = sample("DEPARTEMENT.shp").slice();
  wrongCode[3] = 0;
  assert.throws(() => readShp(wrongCode), /code de fichier .* au lieu de 9994/);
  assert.throws(() => readShp(sample("DEPARTEMENT.shp").slice(0, 700)), /l'en-tête annonce 1300 octets, le fichier en a 700/);
  const badRecord = sample("DEPARTEMENT.shp").slice();
  new DataView(badRecord.buffer).setInt32(104, 5000, false);
  assert.throws(() => readShp(badRecord), /l'enregistrement 1 .* dépasse la fin du fichier/);
});

test(".dbf: fields and PostgreSQL types, records, language driver, UTF-8 detection", () => {
  const dbf = readDbf(sample("DEPARTEMENT.dbf"));
  assert.equal(dbf.records, 6);
  assert.deepEqual(dbf.fields.map((f) => [f.type, f.length, f.decimals, dbfPostgresType(f)]), [
    ["C", 3, 0, "character varying"], ["C", 40, 0, "character varying"], ["C", 40, 0, "character varying"],
    ["C", 40, 0, "character varying"], ["N", 9, 0, "integer"], ["N", 10, 1, "double precision"],
  ]);
  assert.equal(dbf.ldid, 0);
  assert.ok(dbf.nonAscii && dbf.utf8);
  assert.deepEqual([["N", 12, 0], ["N", 20, 0], ["F", 19, 11], ["L", 1, 0], ["D", 8, 0], ["M", 10, 0]].map(([type, length, decimals]) => dbfPostgresType({ type: String(type), length: Number(length), decimals: Number(decimals) })),
    ["bigint", "double precision", "double precision", "boolean", "date", "character varying"]);
  const latin = readDbf(writeShapefile({ ...departementSpec(), encoding: "ISO-8859-1" }).dbf);
  assert.equal(latin.ldid, 0x57);
  assert.ok(latin.nonAscii && !latin.utf8);
  assert.throws(() => readDbf(bytes("x".repeat(40))), /octet de version 0x78 inconnu/);
});

test(".cpg labels and .prj coordinate systems", () => {
  assert.deepEqual(["UTF-8\n", "utf8", "65001", "ISO-8859-1", "88591", "LATIN1", "1252", "ANSI 1252", "CP1252", "windows-1252", "ISO 8859-15", "KOI8-R"].map(cpgEncoding),
    ["UTF-8", "UTF-8", "UTF-8", "ISO-8859-1", "ISO-8859-1", "ISO-8859-1", "CP1252", "CP1252", "CP1252", "CP1252", "ISO-8859-15", undefined]);
  const srs = (wkt: string): string | undefined => readPrj(wkt).srs;
  assert.equal(srs(LAMBERT93_PRJ), "EPSG:2154");
  assert.equal(srs('PROJCS["RGF93 v1 / Lambert-93",GEOGCS["RGF93 v1",DATUM["Reseau_Geodesique_Francais_1993_v1",SPHEROID["GRS 1980",6378137,298.257222101]]],PROJECTION["Lambert_Conformal_Conic_2SP"],AUTHORITY["EPSG","2154"]]'), "EPSG:2154");
  assert.equal(srs('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'), "EPSG:4326");
  assert.equal(srs('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]],PROJECTION["Mercator_Auxiliary_Sphere"]]'), "EPSG:3857");
  assert.equal(srs('PROJCS["RGF93_CC46",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]]],PROJECTION["Lambert_Conformal_Conic"]]'), "EPSG:3946");
  assert.equal(srs('PROJCS["WGS_1984_UTM_Zone_31N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]],PROJECTION["Transverse_Mercator"]]'), "EPSG:32631");
  assert.equal(srs('PROJCS["NTF_Paris_Lambert_Zone_II",GEOGCS["GCS_NTF_Paris",DATUM["D_NTF",SPHEROID["Clarke_1880_IGN",6378249.2,293.4660212936269]]],PROJECTION["Lambert_Conformal_Conic"]]'), "EPSG:27572");
  assert.equal(srs(LAMBERT93_PRJ.replace("RGF93_Lambert_93", "Ma_projection")), "EPSG:2154", "Lambert-93 recognised by its parameters");
  assert.deepEqual(readPrj('PROJCS["Projection_locale_du_chantier",GEOGCS["GCS_Bessel",DATUM["D_Bessel",SPHEROID["Bessel_1841",6377397.155,299.1528128]]],PROJECTION["Oblique_Stereographic"]]'), { ext: "prj", name: "Projection_locale_du_chantier" });
  assert.throws(() => readPrj("+proj=lcc +lat_1=49"), /n'est pas une définition WKT/);
});

test("layer combined from the files of the same stem: columns decoded with the encoding, srs, extent", () => {
  const [set] = shapefileSets(analysed(SAMPLE));
  assert.equal(set!.encoding, "UTF-8");
  assert.deepEqual(set!.layer!.columns.map((c) => c.name), ["CODE_DEPT", "NOM", "RÉGION", "CHEF_LIEU", "POPULATION", "SUPERFICIE"]);
  assert.equal(set!.layer!.name, "DEPARTEMENT");
  assert.equal(set!.layer!.srs, "EPSG:2154");
  assert.equal(set!.layer!.features, 6);
  assert.deepEqual(set!.layer!.geometry, { column: "geom", type: "MULTIPOLYGON" });
  // Without .cpg: the language driver id of the .dbf (0x57: ISO-8859-1), else ISO-8859-1 by default.
  const latin = writeShapefile({ ...departementSpec(), encoding: "ISO-8859-1" });
  const [byLdid] = shapefileSets(analysed([["a/D.shp", latin.shp], ["a/D.shx", latin.shx], ["a/D.DBF", latin.dbf]]));
  assert.equal(byLdid!.encoding, "ISO-8859-1");
  assert.ok(byLdid!.issues.some((i) => /ISO-8859-1 \(identifiant de langue 0x57 du \.dbf\)/.test(i.message)));
  assert.equal(byLdid!.layer!.columns[2]!.name, "RÉGION");
  const noLdid = latin.dbf.slice();
  noLdid[29] = 0;
  const [byDefault] = shapefileSets(analysed([["D.shp", latin.shp], ["D.shx", latin.shx], ["D.dbf", noLdid]]));
  assert.match(byDefault!.issues.find((i) => i.line === 310)!.message, /ISO-8859-1 \(par défaut/);
  // A .cpg that says UTF-8 over Latin-1 bytes: warning.
  const [wrong] = shapefileSets(analysed([["D.shp", latin.shp], ["D.shx", latin.shx], ["D.dbf", latin.dbf], ["D.cpg", "UTF-8"]]));
  assert.ok(wrong!.issues.some((i) => i.level === "WARNING" && /ne sont pas en UTF-8/.test(i.message)));
  // A .shx of another shapefile: count mismatch.
  const other = writeShapefile({ ...departementSpec(), features: departementSpec().features.slice(0, 2) });
  const [mismatch] = shapefileSets(analysed([["D.shp", latin.shp], ["D.shx", other.shx], ["D.dbf", other.dbf]]));
  assert.equal(mismatch!.layer, undefined);
  assert.deepEqual(mismatch!.issues.filter((i) => i.level === "ERROR").map((i) => i.line), [303, 304]);
});

// Sends files to a new VECTOR upload in EPSG:2154, closes it, lets the checks run; returns the vector check's logs.
async function checkedUpload(files: [string, Uint8Array | string][]): Promise<{ upload: string; status: string; logs: string[] }> {
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:2154", "Départements");
  await sendBytes(h, upload, files);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const status = (await h.call("GET", `${DS}/uploads/${upload}`)).body.status as string;
  const checks = (await h.call("GET", `${DS}/uploads/${upload}/checks`)).body;
  const vector = [...checks.passed, ...checks.failed].find((c: { check: { _id: string } }) => c.check._id === ids.checks.vector);
  return { upload, status, logs: (await h.call("GET", `${DS}/checks/executions/${vector._id}/logs`)).body as string[] };
}

test("VECTOR flow: shapefile upload → checks → vector_to_db → WMS-VECTOR with an SLD → db_to_pyramid", async () => {
  const { upload, status, logs } = await checkedUpload(SAMPLE);
  assert.equal(status, "CLOSED", logs.join("\n"));
  assert.ok(logs.some((l) => /INFO\|\|checks_ogr\|\|104\|\|data\/DEPARTEMENT\.shp : 1 couche\(s\) au format Shapefile \(fichiers \.shp, \.shx, \.dbf, \.prj, \.cpg\)/.test(l)), logs.join("\n"));
  assert.ok(logs.some((l) => /Couche « DEPARTEMENT » : 6 objet\(s\), géométrie MULTIPOLYGON \(colonne geom\), système de coordonnées EPSG:2154, attributs CODE_DEPT, NOM, RÉGION, CHEF_LIEU, POPULATION, SUPERFICIE/.test(l)), logs.join("\n"));
  assert.ok(logs.some((l) => l.includes("Encodage des attributs de DEPARTEMENT.dbf : UTF-8 (fichier DEPARTEMENT.cpg)")));
  assert.match(logs.at(-1)!, /Résultat de la vérification : SUCCESS/);

  const execution = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "Départements", storage_tags: ["VECTEUR"] } }, parameters: {} });
  assert.equal(execution.body.status, "SUCCESS");
  const db = execution.body.output.stored_data._id as string;
  const storedData = (await h.call("GET", `${DS}/stored_data/${db}`)).body;
  assert.equal(storedData.srs, "EPSG:2154");
  assert.deepEqual(storedData.type_infos.relations, [{
    name: "departement", type: "TABLE", primary_key: ["ogc_fid"],
    attributes: { ogc_fid: "integer", code_dept: "character varying", nom: "character varying", region: "character varying", chef_lieu: "character varying", population: "integer", superficie: "double precision", geom: "geometry" },
  }]);
  const executionLogs = (await h.call("GET", `${DS}/processings/executions/${execution.body._id}/logs`)).body as string[];
  assert.ok(executionLogs.some((l) => l.includes("Couche « DEPARTEMENT » de data/DEPARTEMENT.shp intégrée dans la table departement : 6 objet(s)")), executionLogs.join("\n"));
  const details = (await h.call("GET", `${DS}/stored_data/${db}`)).body;
  assert.equal(details.extent.type, "Polygon");
  const [west, south, east, north] = details.extent.coordinates[0].flat().reduce((b: number[], v: number, i: number) => (i % 2 === 0 ? [Math.min(b[0]!, v), b[1]!, Math.max(b[2]!, v), b[3]!] : [b[0]!, Math.min(b[1]!, v), b[2]!, Math.max(b[3]!, v)]), [180, 90, -180, -90]);
  assert.ok(west > -5 && west < -4.5 && east > 9.5 && east < 10.6 && south > 41 && north > 49 && north < 49.2, JSON.stringify(details.extent));

  const sld = '<?xml version="1.0" encoding="UTF-8"?><StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"><NamedLayer><Name>departement</Name><UserStyle><FeatureTypeStyle><Rule><TextSymbolizer><Label><ogc:PropertyName>nom</ogc:PropertyName></Label></TextSymbolizer></Rule></FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>';
  const style = await h.call("POST", `${DS}/statics`, { form: bytesForm(sld, "departement.sld", { type: "GEOSERVER-STYLE", name: "Départements", description: "Noms" }) });
  assert.equal(style.status, 200, JSON.stringify(style.body));
  const wms = (relation: string) => ({ type: "WMS-VECTOR", name: "Départements", layer_name: `departements_${relation}`, type_infos: { title: "Départements", abstract: "Départements", used_data: [{ stored_data: db, relations: [{ name: relation, style: style.body._id }] }] } });
  const configuration = await h.call("POST", `${DS}/configurations`, { json: wms("departement") });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  assertError(await h.call("POST", `${DS}/configurations`, { json: wms("departements") }), 400, /departements/);

  const pyramid = await runExecution(h, {
    processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output: { stored_data: { name: "Départements", storage_tags: ["PYRAMIDE"] } },
    parameters: { composition: [{ table: "departement", top_level: "5", bottom_level: "10", attributes: ["nom", "region", "population"] }] },
  });
  assert.equal(pyramid.body.status, "SUCCESS", JSON.stringify(pyramid.body));
  const tiles = (await h.call("GET", `${DS}/stored_data/${pyramid.body.output.stored_data._id}`)).body;
  assert.deepEqual(tiles.type_infos.levels, ["5", "6", "7", "8", "9", "10"]);
  assertError(await h.call("POST", `${DS}/processings/executions`, { json: {
    processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output: { stored_data: { name: "X", storage_tags: ["PYRAMIDE"] } },
    parameters: { composition: [{ table: "departement", top_level: "5", bottom_level: "10", attributes: ["code_insee"] }] },
  } }), 400, /code_insee/);
});

test("check failures: missing .dbf, corrupt .shp, unknown .prj", async () => {
  const missing = await checkedUpload(SAMPLE.filter(([path]) => !path.endsWith(".dbf")));
  assert.equal(missing.status, "UNSTABLE");
  assert.ok(missing.logs.some((l) => /ERROR\|\|checks_ogr\|\|301\|\|Fichier data\/DEPARTEMENT\.shp : le fichier \.dbf associé est absent/.test(l)), missing.logs.join("\n"));

  const corrupt = await checkedUpload(SAMPLE.map(([path, content]) => [path, path.endsWith(".shp") ? content.slice(0, 500) : content]));
  assert.equal(corrupt.status, "UNSTABLE");
  assert.ok(corrupt.logs.some((l) => /ERROR\|\|checks_ogr\|\|98\|\|Impossible d'ouvrir le fichier data\/DEPARTEMENT\.shp \(Shapefile\) : fichier \.shp : l'en-tête annonce 1300 octets/.test(l)), corrupt.logs.join("\n"));

  const unknown = await checkedUpload(SAMPLE.map(([path, content]) => [path, path.endsWith(".prj") ? LAMBERT93_PRJ.replace("RGF93_Lambert_93", "Chantier").replace("700000.0", "1700000.0") : content]));
  assert.equal(unknown.status, "UNSTABLE");
  assert.ok(unknown.logs.some((l) => /ERROR\|\|checks_ogr\|\|306\|\|Fichier data\/DEPARTEMENT\.prj : le système de coordonnées « Chantier » n'est pas reconnu/.test(l)), unknown.logs.join("\n"));

  // A layer in another srs than the upload's: the usual checks_ogr 131 error.
  const wgs = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  const other = await checkedUpload(SAMPLE.map(([path, content]) => [path, path.endsWith(".prj") ? wgs : content]));
  assert.ok(other.logs.some((l) => /ERROR\|\|checks_ogr\|\|131\|\|La projection de la couche « DEPARTEMENT » \(EPSG:4326\)/.test(l)), other.logs.join("\n"));
});

// The pure readers on the generated samples and on broken input: SQLite / GeoPackage, GeoTIFF and world
// files, CSV and GeoJSON. A broken file must give a FormatError (or an "error" analysis), never a crash.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { FormatError } from "../../../src/mock/formats/errors.ts";
import { parseCreateTable, readGeoPackage } from "../../../src/mock/formats/geopackage.ts";
import { SqliteFile } from "../../../src/mock/formats/sqlite.ts";
import { writeSqlite } from "../../../src/mock/formats/sqlite-writer.ts";
import { readCsv, readGeoJson } from "../../../src/mock/formats/text-vector.ts";
import { readGeoTiff, readWorldFile } from "../../../src/mock/formats/tiff.ts";
import { writeGeoTiff } from "../../../src/mock/formats/tiff-writer.ts";
import { analyseFile } from "../../../src/mock/resources/uploads/file-analysis.ts";

const sample = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/${path}`, import.meta.url)));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

test("SQLite reader: schema and rows of the sample GeoPackage", () => {
  const db = new SqliteFile(sample("vecteur/monde.gpkg"));
  assert.equal(db.pageSize, 4096);
  assert.deepEqual(db.schema.filter((e) => e.type === "table").map((e) => e.name), ["gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", "Pays", "Écorégions"]);
  const pays = db.rows(db.table("pays")!.rootpage);
  assert.equal(pays.length, 8);
  assert.deepEqual(pays[0]!.values.slice(2), ["France", "FRA", 68000000]);
  assert.deepEqual(db.rows(db.table("gpkg_spatial_ref_sys")!.rootpage).map((r) => r.rowid), [-1, 0, 4326]);
});

test("SQLite writer and reader agree on multi-level b-trees, overflow pages and every value type", () => {
  const rows = Array.from({ length: 600 }, (_, i) => ({ rowid: i + 1, values: [null, `ligne ${i} — é`, i * 0.5, i % 50 === 0 ? new Uint8Array(9000).fill(i % 256) : null, -(2 ** 40) + i] }));
  const db = new SqliteFile(writeSqlite([{ name: "t", sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b REAL, c BLOB, d INTEGER)", rows }]));
  const read = db.rows(db.table("t")!.rootpage);
  assert.equal(read.length, 600);
  assert.ok(db.pageCount > 20, "several pages");
  assert.deepEqual(read[100]!.values.slice(1, 3), ["ligne 100 — é", 50]);
  assert.equal((read[100]!.values[3] as Uint8Array).length, 9000, "overflow chain read back");
  assert.equal((read[100]!.values[3] as Uint8Array)[8999], 100);
  assert.equal(read[599]!.values[4], -(2 ** 40) + 599);
});

test("GeoPackage analysis: layers, columns with PostgreSQL types, geometry, srs, counts, extents", () => {
  const [pays, eco] = readGeoPackage(sample("vecteur/monde.gpkg"));
  assert.deepEqual(pays, {
    name: "Pays", columns: [{ name: "Nom", type: "character varying" }, { name: "Code-ISO", type: "character varying" }, { name: "Population", type: "bigint" }],
    features: 8, geometryBytes: pays!.geometryBytes, attributeBytes: pays!.attributeBytes, geometry: { column: "geom", type: "MULTIPOLYGON" }, srs: "EPSG:4326", extent: [-141, -30, 18.5, 70],
  });
  assert.ok(pays!.geometryBytes > 1000);
  assert.equal(eco!.name, "Écorégions");
  assert.deepEqual(eco!.columns.map((c) => c.name), ["Nom-Écorégion", "Biome", "Royaume"]);
  assert.deepEqual(parseCreateTable('CREATE TABLE "a b" (fid INTEGER PRIMARY KEY, "x-y" TEXT(10) NOT NULL, [z] DOUBLE, w, CONSTRAINT c UNIQUE (w))'), [
    { name: "fid", declaredType: "INTEGER", primaryKey: true }, { name: "x-y", declaredType: "TEXT(10)", primaryKey: false },
    { name: "z", declaredType: "DOUBLE", primaryKey: false }, { name: "w", declaredType: "", primaryKey: false },
  ]);
});

test("SQLite / GeoPackage reader: truncated, garbage and corrupted files give FormatError, never a crash", () => {
  const gpkg = sample("vecteur/monde.gpkg");
  assert.throws(() => new SqliteFile(gpkg.slice(0, 50)), (e: unknown) => e instanceof FormatError && /trop court/.test(e.message));
  assert.throws(() => new SqliteFile(gpkg.slice(0, 10000)), (e: unknown) => e instanceof FormatError && /tronqué.*10 pages/.test(e.message));
  assert.throws(() => readGeoPackage(bytes("not a database at all, just text ".repeat(10))), /signature « SQLite format 3 » absente/);
  assert.throws(() => readGeoPackage(writeSqlite([{ name: "x", sql: "CREATE TABLE x (a)", rows: [] }])), /pas un GeoPackage : table gpkg_spatial_ref_sys absente/);
  // Flip bytes all over the file: every outcome is either a result or a FormatError-based analysis.
  let seed = 7;
  for (let round = 0; round < 300; round++) {
    const copy = gpkg.slice();
    for (let i = 0; i < 4; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      copy[seed % copy.length] = seed >>> 24;
    }
    const input = round % 3 === 0 ? copy.slice(0, seed % copy.length) : copy;
    try {
      readGeoPackage(input);
    } catch (error) {
      assert.ok(error instanceof FormatError, `not a FormatError: ${String(error)}`);
    }
    const analysis = analyseFile("data/monde.gpkg", input, "VECTOR");
    assert.ok(analysis && (analysis.kind === "vector" || analysis.kind === "error"));
  }
  assert.deepEqual(analyseFile("data/x.gpkg", new Uint8Array(0), "VECTOR"), { kind: "error", format: "GeoPackage", message: "fichier trop court pour une base SQLite (0 octets)" });
  assert.equal(analyseFile("data/x.gpkg", gpkg, "ARCHIVE"), undefined, "archives are not analysed");
});

test("GeoTIFF reader: size, bands, georeferencing and EPSG of the sample; broken files", () => {
  const info = readGeoTiff(sample("raster/corse.tif"));
  assert.deepEqual(info, { width: 256, height: 320, samplesPerPixel: 3, bitsPerSample: 8, sampleFormat: "UINT", compression: "NONE", photometric: "RGB", pixelSize: [750, 750], origin: [1110000, 6265000], epsg: 2154 });
  const grey = readGeoTiff(writeGeoTiff({ width: 4, height: 3, samples: 1, pixels: new Uint8Array(12), origin: [2, 48], pixelSize: [0.5, 0.25], epsg: 4326, geographic: true }));
  assert.deepEqual([grey.samplesPerPixel, grey.photometric, grey.epsg, grey.origin], [1, "MINISBLACK", 4326, [2, 48]]);
  const plain = readGeoTiff(writeGeoTiff({ width: 2, height: 2, samples: 3, pixels: new Uint8Array(12) }));
  assert.equal(plain.pixelSize, undefined);
  assert.equal(plain.epsg, undefined);
  const tif = sample("raster/corse.tif");
  assert.throws(() => readGeoTiff(tif.slice(0, tif.length - 1000)), /données d'image tronquées/);
  assert.throws(() => readGeoTiff(tif.slice(0, 200)), FormatError);
  assert.throws(() => readGeoTiff(bytes("GIF89a not a tiff")), /signature II\/MM absente/);
  assert.throws(() => readGeoTiff(Uint8Array.of(0x49, 0x49, 43, 0, 8, 0, 0, 0)), /BigTIFF/);
  for (let cut = 0; cut < 600; cut += 7) assert.equal(analyseFile("data/c.tif", tif.slice(0, cut), "RASTER")?.kind, "error");
  for (let i = 0; i < 400; i++) {
    const copy = tif.slice(0, 2048);
    copy[8 + ((i * 37) % 300)] = (i * 91) & 0xff;
    try {
      readGeoTiff(copy);
    } catch (error) {
      assert.ok(error instanceof FormatError, `not a FormatError: ${String(error)}`);
    }
  }
  assert.deepEqual(readWorldFile("750\n0\n0\n-750\n1110375\n6264625\n"), { pixelSize: [750, 750], origin: [1110000, 6265000] });
  assert.throws(() => readWorldFile("1 2 3"), /six nombres/);
});

test("CSV and GeoJSON readers", () => {
  const villes = readCsv(sample("vecteur/villes.csv"), "villes");
  assert.deepEqual(villes.columns, [
    { name: "Nom", type: "character varying" }, { name: "Pays", type: "character varying" }, { name: "Longitude", type: "double precision" },
    { name: "Latitude", type: "double precision" }, { name: "Population", type: "integer" },
  ]);
  assert.deepEqual([villes.features, villes.geometry, villes.extent], [11, { column: "geom", type: "POINT" }, [-73.57, -15.79, 13.4, 52.52]]);
  const wkt = readCsv(bytes('id;nom;wkt\n1;"a;b";POLYGON((0 0,1 0,1 1,0 0))\n2;c;\n'), "zones");
  assert.deepEqual([wkt.columns.map((c) => c.name), wkt.geometry, wkt.features], [["id", "nom"], { column: "wkt", type: "POLYGON" }, 2]);
  assert.equal(readCsv(bytes("a,b\n1,2\n"), "t").geometry, undefined);
  assert.throws(() => readCsv(bytes("a,b\n1,2,3\n"), "t"), /ligne 2 : 3 champs au lieu de 2/);
  assert.throws(() => readCsv(bytes("x,y\nabc,2\n"), "t"), /ligne 2 : coordonnées/);
  assert.throws(() => readCsv(Uint8Array.of(0x61, 0xff, 0xfe), "t"), /UTF-8/);
  const departements = readGeoJson(sample("archive/departements.geojson"), "departements");
  assert.deepEqual([departements.features, departements.geometry?.type, departements.srs], [6, "POLYGON", "EPSG:4326"]);
  assert.throws(() => readGeoJson(bytes('{"type":"Feature"}'), "x"), /FeatureCollection/);
  assert.throws(() => readGeoJson(bytes("{"), "x"), /JSON invalide/);
});

// Failing vector and raster checks through the MSW handlers: the upload becomes UNSTABLE and the check's
// logs name the cause in the platform's format (`<date><LEVEL>||<module>||<n>||<message>`).
import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { writeGeoTiff } from "../../../src/mock/formats/tiff-writer.ts";
import { createTypedUpload, DS, harness, sendBytes } from "./helpers.ts";

const h = harness();
after(() => h.close());
beforeEach(() => h.store.reset());

const sample = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/${path}`, import.meta.url)));
const LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}(INFO|WARNING|ERROR)\|\|[^|]+\|\|\d+\|\|.+$/;

// Closes the upload, lets the checks finish and returns the logs of the given check (which must have failed).
async function failedLogs(upload: string, check: string): Promise<string[]> {
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "UNSTABLE");
  const checks = await h.call("GET", `${DS}/uploads/${upload}/checks`);
  const failed = checks.body.failed.find((c: { check: { _id: string } }) => c.check._id === check);
  assert.ok(failed, JSON.stringify(checks.body));
  const logs = (await h.call("GET", `${DS}/checks/executions/${failed._id}/logs`)).body as string[];
  assert.ok(logs.every((line) => LINE.test(line)), logs.join("\n"));
  assert.match(logs.at(-1)!, /ERROR\|\|cli\|\|255\|\|Résultat de la vérification : FAILURE$/);
  return logs;
}

const has = (logs: string[], pattern: RegExp): void => assert.ok(logs.some((line) => pattern.test(line)), `${pattern}\n${logs.join("\n")}`);

test("vector check: declared srs ≠ layer srs (EPSG:4326 vs EPSG:2154), as in the documentation's example", async () => {
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:2154");
  await sendBytes(h, upload, [["data/monde.gpkg", sample("vecteur/monde.gpkg")]]);
  const logs = await failedLogs(upload, ids.checks.vector);
  has(logs, /ERROR\|\|checks_ogr\|\|131\|\|La projection de la couche « Pays » \(EPSG:4326\) est différente de la projection déclarée pour la livraison \(EPSG:2154\)/);
  has(logs, /ERROR\|\|checks_ogr\|\|131\|\|La projection de la couche « Écorégions »/);
});

test("vector check: unreadable GeoPackage, CSV without geometry, unsupported extension, nothing usable", async () => {
  const gpkg = sample("vecteur/monde.gpkg");
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326");
  await sendBytes(h, upload, [["data/monde.gpkg", gpkg.slice(0, 9000)], ["data/table.csv", "code,libelle\n1,a\n"], ["data/LISEZMOI.txt", "texte"]]);
  const logs = await failedLogs(upload, ids.checks.vector);
  has(logs, /ERROR\|\|checks_ogr\|\|98\|\|Impossible d'ouvrir le fichier data\/monde\.gpkg \(GeoPackage\) : fichier tronqué/);
  has(logs, /ERROR\|\|checks_ogr\|\|121\|\|La couche « table » du fichier data\/table\.csv n'a pas de géométrie \(colonne WKT/);
  has(logs, /ERROR\|\|core\|\|185\|\|Fichier data\/LISEZMOI\.txt : l'extension « \.txt » n'est pas un format vecteur accepté/);
  const empty = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Vide");
  await sendBytes(h, empty, [["data/a.prj", "PROJCS"]]);
  has(await failedLogs(empty, ids.checks.vector), /ERROR\|\|core\|\|190\|\|Aucun fichier vecteur exploitable/);
});

test("raster check: not a TIFF, no georeferencing, srs mismatch, unsupported extension", async () => {
  const upload = await createTypedUpload(h, "RASTER", "EPSG:2154");
  const plain = writeGeoTiff({ width: 8, height: 8, samples: 3, pixels: new Uint8Array(192) });
  const wgs84 = writeGeoTiff({ width: 8, height: 8, samples: 3, pixels: new Uint8Array(192), origin: [8, 43], pixelSize: [0.01, 0.01], epsg: 4326, geographic: true });
  await sendBytes(h, upload, [["data/faux.tif", "GIF89a, not a TIFF image"], ["data/plain.tif", plain], ["data/wgs84.tif", wgs84], ["data/scan.jp2", "jp2"]]);
  const logs = await failedLogs(upload, ids.checks.raster);
  has(logs, /ERROR\|\|cli\|\|44\|\|Le fichier data\/faux\.tif n'est pas une image TIFF lisible : ce n'est pas un fichier TIFF/);
  has(logs, /ERROR\|\|cli\|\|63\|\|Le fichier data\/plain\.tif n'est pas géoréférencé : ni étiquettes ModelPixelScale\/ModelTiepoint dans le GeoTIFF, ni fichier plain\.tfw associé/);
  has(logs, /WARNING\|\|cli\|\|69\|\|Aucun système de coordonnées dans data\/plain\.tif/);
  has(logs, /ERROR\|\|cli\|\|71\|\|Incohérence de SRS pour data\/wgs84\.tif : le fichier est en EPSG:4326, la livraison est déclarée en EPSG:2154/);
  has(logs, /ERROR\|\|core\|\|185\|\|Fichier data\/scan\.jp2 : l'extension « \.jp2 » n'est pas acceptée/);
});

test("raster check: a .tfw georeferences a plain TIFF; a truncated GeoTIFF fails", async () => {
  const ok = await createTypedUpload(h, "RASTER", "EPSG:2154");
  await sendBytes(h, ok, [["data/scan.tif", writeGeoTiff({ width: 8, height: 8, samples: 3, pixels: new Uint8Array(192) })], ["data/scan.tfw", "100\n0\n0\n-100\n1200050\n6100050\n"]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${ok}/close`)).status, 204);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${ok}`)).body.status, "CLOSED");
  const checks = await h.call("GET", `${DS}/uploads/${ok}/checks`);
  const raster = checks.body.passed.find((c: { check: { _id: string } }) => c.check._id === ids.checks.raster);
  has((await h.call("GET", `${DS}/checks/executions/${raster._id}/logs`)).body, /Géoréférencement lu dans data\/scan\.tfw : pixel de 100 × 100, emprise \[1200000, 6099300, 1200800, 6100100\]/);
  const truncated = await createTypedUpload(h, "RASTER", "EPSG:2154", "Tronquée");
  const tif = sample("raster/corse.tif");
  await sendBytes(h, truncated, [["data/corse.tif", tif.slice(0, tif.length - 5000)]]);
  has(await failedLogs(truncated, ids.checks.raster), /ERROR\|\|cli\|\|44\|\|.*données d'image tronquées/);
});

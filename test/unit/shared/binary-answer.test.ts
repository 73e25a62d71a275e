// Binary answers: which Content-Types are bytes, the name they are saved under, what the block says of them.
import assert from "node:assert/strict";
import test from "node:test";
import { answerName, binarySummary, isBinaryType } from "../../../src/shared/binary-answer.ts";

test("images, tiles, TIFF and archives are bytes; JSON, XML, text and GeoJSON are text; no type is text", () => {
  for (const type of ["image/png", "image/jpeg", "application/x-protobuf", "image/tiff", "application/zip", "application/octet-stream", "image/x-bil;bits=32"]) {
    assert.equal(isBinaryType(type), true, type);
  }
  for (const type of ["application/json", "application/json; charset=UTF-8", "text/xml; charset=UTF-8", "text/csv", "application/geo+json",
    "application/vnd.ogc.se_xml", "application/atom+xml", "text/html", "application/gml+xml; version=3.2", null, ""]) {
    assert.equal(isBinaryType(type), false, String(type));
  }
});

test("the saved name is Content-Disposition's (UTF-8 form first), else the URL's file, else reponse.<extension>", () => {
  assert.equal(answerName(`attachment; filename="d_partements.csv"; filename*=UTF-8''d%C3%A9partements.csv`, "https://x/a", "text/csv"), "départements.csv");
  assert.equal(answerName(`attachment; filename="carte.png"`, "https://x/a", "image/png"), "carte.png");
  assert.equal(answerName(null, "https://data.geopf.fr/tms/1.0.0/monde/3/4/2.pbf", "application/x-protobuf"), "2.pbf");
  assert.equal(answerName(null, "https://data.geopf.fr/wms-v/ows?SERVICE=WMS&REQUEST=GetMap", "image/png"), "reponse.png");
  assert.equal(answerName(null, "https://data.geopf.fr/wmts?REQUEST=GetTile", "image/jpeg; charset=binary"), "reponse.jpg");
  assert.equal(answerName("attachment; filename*=UTF-8''%E0%A4%A", "https://x/y", "application/zip"), "reponse.zip");
});

test("the summary names the kind of answer and its size in French", () => {
  assert.equal(binarySummary({ type: "image/png", size: 2048 }), "Réponse binaire : image PNG, 2,0 Kio. Elle n'est pas affichée comme du texte.");
  assert.match(binarySummary({ type: "application/x-protobuf", size: 10 }), /tuile vectorielle \(Mapbox Vector Tile\), 10 o/);
  assert.match(binarySummary({ type: "application/zip", size: 3 * 1024 * 1024 }), /fichier application\/zip, 3,0 Mio/);
});

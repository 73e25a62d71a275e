// The SDK replay's wire format matches what Python's requests sends (values checked against Python 3's
// urllib.parse.urlencode(doseq=True) and json.dumps), and Content-Range paging stops as ApiRequester does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { encodeParams, multipartBody, pythonJson, quotePlus, rangeNextPage } from "./sdk/requester.ts";

test("urlencode(doseq=True) : quote_plus, clés tags[…] échappées, listes répétées", () => {
  assert.equal(
    encodeParams([["name", "Recopie d'une archive livrée"], ["tags[tuto]", "oui"], ["fields", ["name", "type"]], ["path", "CANTON/CANTON.shp"], ["page", 1]]),
    "name=Recopie+d%27une+archive+livr%C3%A9e&tags%5Btuto%5D=oui&fields=name&fields=type&path=CANTON%2FCANTON.shp&page=1",
  );
  assert.equal(quotePlus("a~b_c.d-e*f(g)!"), "a~b_c.d-e%2Af%28g%29%21");
  assert.equal(encodeParams([["open", true]]), "open=True");
});

test("json.dumps : séparateurs de Python, caractères non ASCII échappés", () => {
  assert.equal(
    pythonJson({ a: "Recopie d'une archive livrée", b: [1, { c: true, d: null }], e: {}, f: "😀" }),
    '{"a": "Recopie d\'une archive livr\\u00e9e", "b": [1, {"c": true, "d": null}], "e": {}, "f": "\\ud83d\\ude00"}',
  );
});

test("MultipartEncoder : un champ file, le nom du fichier, pas de type de contenu de partie", () => {
  const { body, contentType } = multipartBody("file", { name: "CANTON.shp", bytes: Buffer.from("abc") });
  const boundary = /boundary=([0-9a-f]{32})$/.exec(contentType)?.[1];
  assert.ok(boundary, contentType);
  assert.equal(Buffer.from(body).toString("utf8"), `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="CANTON.shp"\r\n\r\nabc\r\n--${boundary}--\r\n`);
});

test("range_next_page : total du Content-Range atteint, absent ou illisible", () => {
  assert.equal(rangeNextPage("1-10/25", 10), true);
  assert.equal(rangeNextPage("21-25/25", 25), false);
  assert.equal(rangeNextPage("0-0/0", 0), false);
  assert.equal(rangeNextPage(null, 3), false);
  assert.equal(rangeNextPage("items */5", 1), false);
});

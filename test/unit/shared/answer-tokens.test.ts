import { test } from "node:test";
import assert from "node:assert/strict";
import { answerTokens } from "../../../src/shared/answer-tokens.ts";

const classes = (text: string, lang: "json" | "xml" | "text") =>
  answerTokens(text, lang).filter((token) => token.cls).map((token) => `${token.cls}:${token.text}`);

test("JSON: keys, strings, numbers and literals get the example's classes; punctuation stays plain", () => {
  const text = '{\n  "name": "a \\"b\\": c",\n  "size": -1.5e3,\n  "open": true,\n  "x": null,\n  "list": ["t", 2]\n}';
  assert.deepEqual(classes(text, "json"), [
    'hl-key:"name"', 'hl-string:"a \\"b\\": c"', 'hl-key:"size"', "hl-number:-1.5e3", 'hl-key:"open"', "hl-literal:true",
    'hl-key:"x"', "hl-literal:null", 'hl-key:"list"', 'hl-string:"t"', "hl-number:2",
  ]);
  assert.equal(answerTokens(text, "json").map((token) => token.text).join(""), text);
});

test("XML: tag names, attributes, values, comments and entities", () => {
  const text = '<?xml version="1.0"?>\n<!-- c -->\n<wfs:FeatureCollection numberMatched="3" xmlns:wfs=\'u\'>\n  <a>x &amp; y<![CDATA[<z>]]></a>\n</wfs:FeatureCollection>';
  assert.deepEqual(classes(text, "xml"), [
    "hl-tag:xml", "hl-attr:version", 'hl-string:"1.0"', "hl-comment:<!-- c -->", "hl-tag:wfs:FeatureCollection", "hl-attr:numberMatched",
    'hl-string:"3"', "hl-attr:xmlns:wfs", "hl-string:'u'", "hl-tag:a", "hl-entity:&amp;", "hl-string:<![CDATA[<z>]]>", "hl-tag:a", "hl-tag:wfs:FeatureCollection",
  ]);
  assert.equal(answerTokens(text, "xml").map((token) => token.text).join(""), text);
});

test("broken or truncated answers keep every character (an unterminated string, a cut tag)", () => {
  for (const [text, lang] of [['{"a": "cut', "json"], ["[1, 2,\n…", "json"], ['<a b="1', "xml"], ["<a>1 < 2 & 3</a", "xml"], ["plain", "text"]] as const) {
    assert.equal(answerTokens(text, lang).map((token) => token.text).join(""), text, text);
  }
  assert.deepEqual(answerTokens("a\nb", "text"), [{ text: "a\nb" }]);
});

test("a 200 KB answer is tokenized whole, each key once", () => {
  const items = Array.from({ length: 2500 }, (_, index) => ({ _id: `id-${index}`, name: `Élément ${index}`, size: index, open: index % 2 === 0 }));
  const text = JSON.stringify(items, null, 2);
  assert.ok(text.length > 200_000);
  const tokens = answerTokens(text, "json");
  assert.equal(tokens.filter((token) => token.cls === "hl-key").length, 4 * 2500);
  assert.equal(tokens.map((token) => token.text).join(""), text);
});

// SLD and FTL analysis, name normalisation and the XML toolkit (escaping, well-formedness).
import { test } from "node:test";
import assert from "node:assert/strict";
import { FormatError } from "../../../src/mock/formats/errors.ts";
import { normaliseName, uniqueName } from "../../../src/mock/formats/names.ts";
import { analyseFtl, analyseSld, analyseStatic } from "../../../src/mock/formats/styles.ts";
import { descendants, el, parseXml, textContent, xmlDocument } from "../../../src/mock/formats/xml.ts";
import { ecoregionsFtl, ecoregionsSld, paysFtl, paysSld } from "../../../src/mock/samples/styles.ts";

const sld = (version: string, body: string): string =>
  `<?xml version="1.0"?><sld:StyledLayerDescriptor version="${version}" xmlns:sld="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"><sld:NamedLayer>${body}</sld:NamedLayer></sld:StyledLayerDescriptor>`;

test("SLD analysis: used attributes (with or without ogc: prefix), scale denominators, version 1.0.0 only", () => {
  assert.deepEqual(analyseSld(paysSld()), { used_attributes: ["nom"], max_scale_denominator: 20000000 });
  assert.deepEqual(analyseSld(ecoregionsSld()), { used_attributes: ["biome"] });
  assert.deepEqual(analyseSld(ecoregionsSld("biome_name")), { used_attributes: ["biome_name"] });
  const rules = "<sld:Rule><sld:MinScaleDenominator>1000</sld:MinScaleDenominator><ogc:PropertyName> a </ogc:PropertyName><PropertyName>b</PropertyName><ogc:PropertyName>a</ogc:PropertyName></sld:Rule>" +
    "<sld:Rule><sld:MinScaleDenominator>500</sld:MinScaleDenominator><sld:MaxScaleDenominator>9000</sld:MaxScaleDenominator></sld:Rule>";
  assert.deepEqual(analyseSld(sld("1.0.0", rules)), { used_attributes: ["a", "b"], min_scale_denominator: 500, max_scale_denominator: 9000 });
  assert.deepEqual(analyseSld(sld("1.0.0", "")), {});
  assert.throws(() => analyseSld(sld("1.1.0", "")), /version SLD « 1.1.0 » : seule la version 1.0.0 est acceptée/);
  assert.throws(() => analyseSld("<Style version='1.0.0'/>"), /<StyledLayerDescriptor> attendu/);
  assert.throws(() => analyseSld(sld("1.0.0", "<sld:Rule>")), (e: unknown) => e instanceof FormatError && /XML mal formé/.test(e.message));
});

test("FTL analysis: attributes of ${…} and directives, built-ins and literals ignored", () => {
  assert.deepEqual(analyseFtl(paysFtl()), { used_attributes: ["nom", "code_iso", "population"] });
  assert.deepEqual(analyseFtl(ecoregionsFtl()), { used_attributes: ["nom_ecoregion", "biome", "royaume"] });
  assert.deepEqual(analyseFtl("${nom} ${nom.value} ${pop?string(\"0\")} ${type.name}"), { used_attributes: ["nom", "pop"] });
  assert.deepEqual(analyseFtl("<#list features as f><#if f.attributes.surface.value?has_content>${f.code.rawValue}</#if></#list>"), { used_attributes: ["surface", "code"] });
  assert.deepEqual(analyseFtl("<p>Pas d'attribut</p>"), {});
  assert.throws(() => analyseStatic("GEOSERVER-FTL", new Uint8Array()), /vide/);
  assert.throws(() => analyseStatic("ROK4-STYLE", new TextEncoder().encode("[1]")), /objet JSON/);
  assert.deepEqual(analyseStatic("DERIVATION-SQL", new TextEncoder().encode("SELECT 1")), { used_variables: [] });
  assert.deepEqual(analyseStatic("DERIVATION-SQL", new TextEncoder().encode("UPDATE t SET a = {{ params.x }} * {{params.y}} + {{ params.x }} FROM {{ inputs.1 }}.t")), { used_variables: ["params.x", "params.y"] });
  assert.throws(() => analyseStatic("DERIVATION-SQL", new TextEncoder().encode("SELECT {{ inputs.0 }}")), /variable « \{\{ inputs\.0 \}\} » inconnue/);
});

test("name normalisation: lower case, no accents, dashes and spaces → _, other characters removed", () => {
  const cases: [string, string][] = [
    ["Pays", "pays"], ["Écorégions", "ecoregions"], ["Code-ISO", "code_iso"], ["Nom-Écorégion", "nom_ecoregion"], ["Villes", "villes"],
    ["Cœur de ville", "coeur_de_ville"], ["  Surface (km²) ", "surface_km"], ["2021-données", "_2021_donnees"], ["--", "_"], ["a--b__c", "a_b_c"],
    ["Straße", "strasse"], ["x".repeat(80), "x".repeat(63)],
  ];
  for (const [input, expected] of cases) assert.equal(normaliseName(input), expected, input);
  const taken = new Set<string>();
  assert.deepEqual(["Nom", "nom", "NOM"].map((n) => uniqueName(n, taken)), ["nom", "nom_2", "nom_3"]);
});

test("XML toolkit: escaping, indentation, well-formedness errors", () => {
  const doc = xmlDocument(el("a", { t: `"<&>'` }, el("b", {}, "x < y & z"), el("c"), "\u0001texte"));
  assert.equal(doc, '<?xml version="1.0" encoding="UTF-8"?>\n<a t="&quot;&lt;&amp;&gt;\'">\n  <b>x &lt; y &amp; z</b>\n  <c/>\n  texte\n</a>\n');
  const root = parseXml(doc);
  assert.equal(root.attributes.t, `"<&>'`);
  assert.equal(textContent(descendants(root, "b")[0]!), "x < y & z");
  assert.equal(textContent(parseXml("<a><![CDATA[<x>]]>&#233;&#x41;<!-- c --></a>")), "<x>éA");
  for (const [bad, message] of [["<a><b></a>", /balise fermante <\/a>/], ["<a>", /non fermé/], ["<a/><b/>", /plusieurs éléments racines/], ["<a x='1' x='2'/>", /répété/], ["<a>&nbsp;</a>", /entité inconnue/], ["texte", /en dehors/], ["", /vide/]] as const) {
    assert.throws(() => parseXml(bad), message, bad);
  }
});

// GetFeatureInfo on hand-made tables (hits under a pixel, tolerance for points, FEATURE_COUNT, answers in
// JSON, HTML through FTL templates and plain text), the FTL subset, and legend swatches.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { featureInfoHtml, featureInfoJson, featureInfoText, featuresAt } from "../../../../../src/mock/diffusion/render/feature-info.ts";
import { renderFtl, templateFeature } from "../../../../../src/mock/diffusion/render/ftl.ts";
import { legendImage, legendRules } from "../../../../../src/mock/diffusion/render/legend.ts";
import type { Frame } from "../../../../../src/mock/diffusion/render/project.ts";
import { parseSld } from "../../../../../src/mock/diffusion/render/sld.ts";
import type { Table } from "../../../../../src/mock/diffusion/vector-data.ts";
import { FormatError } from "../../../../../src/mock/formats/errors.ts";

const sample = (name: string): string => readFileSync(new URL(`../../../../../public/samples/vecteur/${name}`, import.meta.url), "utf8");
const sld = (rules: string): string =>
  `<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld"><NamedLayer><Name>t</Name><UserStyle><FeatureTypeStyle>${rules}</FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>`;

// CRS:84 frame of 100 × 100 pixels over 0..10°: pixel (i, j) is around lon i/10, lat 10 - j/10.
const frame: Frame = { crs: "CRS:84", bounds: [0, 0, 10, 10], width: 100, height: 100 };
const pays: Table = {
  name: "pays", columns: [{ name: "nom", type: "character varying" }, { name: "code_iso", type: "character varying" }, { name: "population", type: "bigint" }],
  features: [
    { id: 1, properties: { nom: "Alpha", code_iso: "ALP", population: 1000 }, geometry: { type: "MultiPolygon", coordinates: [[[[0, 0], [5, 0], [5, 5], [0, 5], [0, 0]]]] } },
    { id: 2, properties: { nom: "Bêta <b>", code_iso: "BET", population: 20 }, geometry: { type: "Polygon", coordinates: [[[0, 0], [5, 0], [5, 5], [0, 5], [0, 0]]] } },
  ],
};
const villes: Table = { name: "villes", columns: [{ name: "nom", type: "character varying" }], features: [{ id: 7, properties: { nom: "Ville" }, geometry: { type: "Point", coordinates: [8, 8] } }] };
const paysStyle = parseSld(sample("pays.sld"));
const pointStyle = parseSld(sld('<Rule><PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName></Mark><Size>4</Size></Graphic></PointSymbolizer></Rule>'));
const layers = [{ table: villes, style: pointStyle }, { table: pays, style: paysStyle, template: sample("pays.ftl") }];

test("featuresAt: polygons containing the pixel (last drawn first, FEATURE_COUNT), points within 3 pixels", () => {
  // Pixel (20, 70): lon 2.05, lat 2.95, inside both squares of pays.
  assert.deepEqual(featuresAt(frame, layers, 20, 70, 1).map((hit) => hit.features.map((f) => f.id)), [[], [2]]);
  assert.deepEqual(featuresAt(frame, layers, 20, 70, 10)[1]!.features.map((f) => f.id), [2, 1]);
  // The city is at pixel position (80, 20); (82, 21) has its centre 2.9 pixels away, (84, 20) 4.0.
  assert.deepEqual(featuresAt(frame, layers, 82, 21, 1)[0]!.features.map((f) => f.id), [7]);
  assert.deepEqual(featuresAt(frame, layers, 84, 20, 1)[0]!.features, []);
  assert.deepEqual(featuresAt(frame, layers, 70, 70, 5).flatMap((h) => h.features), []);
});

test("answers: GeoServer's JSON, HTML through pays.ftl (escaped values), plain text", () => {
  const found = featuresAt(frame, layers, 20, 70, 10);
  const json = featureInfoJson(found, "EPSG:4326", Date.UTC(2024, 8, 17)) as any;
  assert.equal(json.type, "FeatureCollection");
  assert.equal(json.numberReturned, 2);
  assert.equal(json.totalFeatures, "unknown");
  assert.equal(json.timeStamp, "2024-09-17T00:00:00.000Z");
  assert.deepEqual(json.crs, { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::4326" } });
  assert.deepEqual(json.features[0], {
    type: "Feature", id: "pays.2", geometry: { type: "Polygon", coordinates: [[[0, 0], [5, 0], [5, 5], [0, 5], [0, 0]]] }, geometry_name: "geom",
    properties: { nom: "Bêta <b>", code_iso: "BET", population: 20 }, bbox: [0, 0, 5, 5],
  });
  const html = featureInfoHtml(found);
  assert.match(html, /^<html>/);
  assert.match(html, /<body>\n<h3>Bêta &lt;b&gt;<\/h3>\n<p>Code ISO : BET — population : 20 habitants<\/p>\n<h3>Alpha<\/h3>\n<p>Code ISO : ALP — population : 1000 habitants<\/p>\n<\/body>/);
  const fallback = featureInfoHtml(featuresAt(frame, [{ table: villes, style: pointStyle }], 80, 20, 1));
  assert.match(fallback, /<caption class="featureInfo">villes<\/caption>\n<tr><th>fid<\/th><th>nom<\/th><\/tr>\n<tr><td>villes.7<\/td><td>Ville<\/td><\/tr>/);
  assert.match(featureInfoText(found), /^Résultats pour la table « pays » :\n-+\nfid = pays.2\nnom = Bêta <b>\ncode_iso = BET\npopulation = 20\n/);
  assert.equal(featureInfoText([]), "Aucun objet trouvé à cet endroit.\n");
});

test("FTL subset: list, if/elseif/else, built-ins, defaults, the attributes list; unknown names are errors", () => {
  const f = templateFeature("pays.1", "pays", [{ name: "nom", value: "France", rawValue: "France", isGeometry: false }, { name: "vide", value: "", rawValue: null, isGeometry: false }]);
  const out = renderFtl('<#-- note --><#list features as feature>${feature.fid} ${feature.nom.value?upper_case} <#if feature.vide.value?has_content>plein<#elseif feature.nom.value == "France">FR<#else>autre</#if>' +
    '<#list feature.attributes as a>[${a.name}=${a.value!"?"}]</#list> ${type.name} ${features?size}</#list>', "pays", [f]);
  assert.equal(out, "pays.1 FRANCE FR[nom=France][vide=] pays 1");
  assert.throws(() => renderFtl("${feature.nom.value}", "pays", [f]), FormatError);
  assert.throws(() => renderFtl("<#list features as f>${f.absent.value}</#list>", "pays", [f]), /f\.absent\.value/);
  assert.throws(() => renderFtl("<#list features as f>", "pays", [f]), /non fermé/);
});

test("legend: one swatch per drawing rule (label-only rules left out), RULE picks one", () => {
  const rules = legendRules([paysStyle, parseSld(sample("ecoregions.sld"))]);
  assert.deepEqual(rules.map((r) => r.name).slice(0, 3), ["contour", "Forêts tempérées de feuillus et mixtes", "Forêts, bois et maquis méditerranéens"]);
  assert.equal(rules.length, 8);
  const image = legendImage(rules, 20, 20, [255, 255, 255, 255]);
  assert.equal(image.height, 160);
  const at = (x: number, y: number) => [...image.data.slice((y * 20 + x) * 4, (y * 20 + x) * 4 + 4)];
  assert.deepEqual(at(10, 10), [0xf2, 0xef, 0xe9, 255]);
  // Second swatch: #7fb86e at 0.8 over white.
  assert.deepEqual(at(10, 30), [Math.round(0x7f * 0.8 + 51), Math.round(0xb8 * 0.8 + 51), Math.round(0x6e * 0.8 + 51), 255]);
  assert.deepEqual(legendRules([paysStyle], "nom").map((r) => r.name), ["nom"]);
});

test("featuresAt across the antimeridian: the copy of a feature beyond 180° is found", () => {
  const wide: Frame = { crs: "CRS:84", bounds: [175, 0, 185, 10], width: 100, height: 100 };
  const far: Table = { ...pays, features: [{ ...pays.features[0]!, geometry: { type: "Polygon", coordinates: [[[-180, 0], [-176, 0], [-176, 5], [-180, 5], [-180, 0]]] } }] };
  // Pixel (70, 70): longitude 182.05 = -177.95, latitude 2.95.
  assert.deepEqual(featuresAt(wide, [{ table: far, style: paysStyle }], 70, 70, 1)[0]!.features.map((f) => f.id), [1]);
});

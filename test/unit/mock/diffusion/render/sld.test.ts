// SLD 1.0.0 parsing and OGC filters: the tutorial's styles, the symbolizer defaults, every filter operator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { activeAt, parseColour, parseSld } from "../../../../../src/mock/diffusion/render/sld.ts";
import { parseFilter } from "../../../../../src/mock/diffusion/render/filter.ts";
import { parseXml } from "../../../../../src/mock/formats/xml.ts";
import { FormatError } from "../../../../../src/mock/formats/errors.ts";

const sample = (name: string): string => readFileSync(new URL(`../../../../../public/samples/vecteur/${name}`, import.meta.url), "utf8");
const sld = (body: string): string =>
  `<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"><NamedLayer><Name>t</Name><UserStyle><FeatureTypeStyle>${body}</FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>`;
const filter = (xml: string) => parseFilter(parseXml(`<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc">${xml}</ogc:Filter>`));
const prop = (name: string) => `<ogc:PropertyName>${name}</ogc:PropertyName>`;
const lit = (value: string | number) => `<ogc:Literal>${value}</ogc:Literal>`;

test("pays.sld: one fill rule, then a label rule below 1:20,000,000 (the name, GeoTools' 10 pixels, #333333)", () => {
  const style = parseSld(sample("pays.sld"));
  assert.equal(style.title, "Pays du monde");
  const [contour, nom] = style.featureTypeStyles[0]!;
  assert.deepEqual(contour!.symbolizers, [{ kind: "polygon", fill: { rgb: [0xf2, 0xef, 0xe9], opacity: 1 }, stroke: { rgb: [0x4d, 0x4d, 0x4d], opacity: 1, width: 0.5 } }]);
  assert.deepEqual(nom!.symbolizers, [{
    kind: "text", label: [{ property: "nom" }], size: 10, bold: false, fill: { rgb: [0x33, 0x33, 0x33], opacity: 1 },
    halo: undefined, anchor: undefined, displacement: [0, 0],
  }]);
  assert.equal(nom!.maxScale, 20000000);
  assert.ok(activeAt(nom!, 19999999) && !activeAt(nom!, 20000000));
});

test("ecoregions.sld: seven rules filtered on biome", () => {
  const rules = parseSld(sample("ecoregions.sld")).featureTypeStyles[0]!;
  assert.equal(rules.length, 7);
  const toundra = rules.find((r) => r.name === "Toundra")!;
  assert.ok(toundra.filter!({ biome: "Toundra" }));
  assert.ok(!toundra.filter!({ biome: "Forêts boréales" }));
  assert.deepEqual(toundra.symbolizers[0], { kind: "polygon", fill: { rgb: [0xb8, 0xc9, 0xc2], opacity: 0.8 }, stroke: { rgb: [0x4d, 0x4d, 0x4d], opacity: 1, width: 0.5 } });
});

test("symbolizer defaults: grey polygon, black line, grey square mark with a black outline; ElseFilter and scales", () => {
  const style = parseSld(sld(
    "<Rule><MinScaleDenominator>1000</MinScaleDenominator><PolygonSymbolizer/></Rule>" +
    "<Rule><ElseFilter/><LineSymbolizer/></Rule>" +
    '<Rule><PointSymbolizer><Graphic><Mark><WellKnownName>star</WellKnownName><Fill><CssParameter name="fill">#ff0000</CssParameter></Fill></Mark><Size>10</Size></Graphic></PointSymbolizer>' +
    "<PointSymbolizer><Graphic><Mark/></Graphic></PointSymbolizer></Rule>"));
  const [a, b, c] = style.featureTypeStyles[0]!;
  assert.deepEqual(a!.symbolizers, [{ kind: "polygon", fill: { rgb: [128, 128, 128], opacity: 1 } }]);
  assert.ok(!activeAt(a!, 999) && activeAt(a!, 1000));
  assert.ok(b!.elseFilter);
  assert.deepEqual(b!.symbolizers, [{ kind: "line", stroke: { rgb: [0, 0, 0], opacity: 1, width: 1 } }]);
  assert.deepEqual(c!.symbolizers, [
    { kind: "point", mark: "star", size: 10, opacity: 1, fill: { rgb: [255, 0, 0], opacity: 1 }, stroke: undefined },
    { kind: "point", mark: "square", size: 16, opacity: 1, fill: { rgb: [128, 128, 128], opacity: 1 }, stroke: { rgb: [0, 0, 0], opacity: 1, width: 1 } },
  ]);
});

test("colours and unusable styles are FormatErrors", () => {
  assert.deepEqual(parseColour("#0a0B0c"), [10, 11, 12]);
  assert.deepEqual(parseColour("#fff"), [255, 255, 255]);
  assert.throws(() => parseColour("red"), FormatError);
  assert.throws(() => parseSld('<StyledLayerDescriptor version="1.0.0"/>'), /aucun <UserStyle>/);
  assert.throws(() => parseSld(sld('<Rule><PolygonSymbolizer><Fill><CssParameter name="fill">bleu</CssParameter></Fill></PolygonSymbolizer></Rule>')), /couleur « bleu »/);
  assert.throws(() => filter("<ogc:Intersects/>"), /Intersects/);
});

test("filters: comparisons (numbers compared as numbers), Like, Null, Between, And/Or/Not, arithmetic", () => {
  const p = { nom: "France", population: 68000000, code: "10", vide: null };
  assert.ok(filter(`<ogc:PropertyIsEqualTo>${prop("nom")}${lit("France")}</ogc:PropertyIsEqualTo>`)(p));
  assert.ok(!filter(`<ogc:PropertyIsEqualTo matchCase="true">${prop("nom")}${lit("france")}</ogc:PropertyIsEqualTo>`)(p));
  assert.ok(filter(`<ogc:PropertyIsEqualTo matchCase="false">${prop("nom")}${lit("france")}</ogc:PropertyIsEqualTo>`)(p));
  assert.ok(filter(`<ogc:PropertyIsNotEqualTo>${prop("nom")}${lit("Espagne")}</ogc:PropertyIsNotEqualTo>`)(p));
  assert.ok(filter(`<ogc:PropertyIsGreaterThan>${prop("code")}${lit(9)}</ogc:PropertyIsGreaterThan>`)(p), "10 > 9 as numbers, not as text");
  assert.ok(filter(`<ogc:PropertyIsLessThan>${prop("population")}${lit(1e8)}</ogc:PropertyIsLessThan>`)(p));
  assert.ok(filter(`<ogc:PropertyIsLessThanOrEqualTo>${prop("population")}${lit(68000000)}</ogc:PropertyIsLessThanOrEqualTo>`)(p));
  assert.ok(!filter(`<ogc:PropertyIsGreaterThanOrEqualTo>${prop("population")}${lit(68000001)}</ogc:PropertyIsGreaterThanOrEqualTo>`)(p));
  assert.ok(filter(`<ogc:PropertyIsLike wildCard="*" singleChar="." escapeChar="!">${prop("nom")}${lit("Fr*c.")}</ogc:PropertyIsLike>`)(p));
  assert.ok(!filter(`<ogc:PropertyIsLike wildCard="*" singleChar="." escapeChar="!">${prop("nom")}${lit("F!*")}</ogc:PropertyIsLike>`)(p));
  assert.ok(filter(`<ogc:PropertyIsNull>${prop("vide")}</ogc:PropertyIsNull>`)(p));
  assert.ok(!filter(`<ogc:PropertyIsEqualTo>${prop("vide")}${lit("")}</ogc:PropertyIsEqualTo>`)(p));
  assert.ok(filter(`<ogc:PropertyIsBetween>${prop("population")}<ogc:LowerBoundary>${lit(1)}</ogc:LowerBoundary><ogc:UpperBoundary>${lit(1e9)}</ogc:UpperBoundary></ogc:PropertyIsBetween>`)(p));
  const and = `<ogc:And><ogc:PropertyIsEqualTo>${prop("nom")}${lit("France")}</ogc:PropertyIsEqualTo><ogc:PropertyIsGreaterThan>${prop("population")}${lit(1e9)}</ogc:PropertyIsGreaterThan></ogc:And>`;
  assert.ok(!filter(and)(p));
  assert.ok(filter(`<ogc:Not>${and}</ogc:Not>`)(p));
  assert.ok(filter(`<ogc:Or>${and}<ogc:PropertyIsEqualTo>${prop("code")}${lit("10")}</ogc:PropertyIsEqualTo></ogc:Or>`)(p));
  assert.ok(filter(`<ogc:PropertyIsEqualTo><ogc:Div>${prop("population")}${lit(1e6)}</ogc:Div>${lit(68)}</ogc:PropertyIsEqualTo>`)(p));
});

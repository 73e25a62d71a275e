// Labels (TextSymbolizer) on hand-made features: the SLD read (mixed content, Font, Fill, Halo, PointPlacement,
// SE 1.1), the text of a feature, and the pixels drawn: where the label goes (anchor, displacement, polygon
// centroid), bold heavier than regular, a label skipped when it overlaps another, crosses the image's edge or
// names a property the feature lacks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { blankImage } from "../../../../../src/mock/diffusion/image.ts";
import type { RgbaImage } from "../../../../../src/mock/diffusion/image.ts";
import { drawLayers } from "../../../../../src/mock/diffusion/render/draw.ts";
import { labelText } from "../../../../../src/mock/diffusion/render/labels.ts";
import type { Frame } from "../../../../../src/mock/diffusion/render/project.ts";
import { parseSld } from "../../../../../src/mock/diffusion/render/sld.ts";
import type { TextSymbolizer } from "../../../../../src/mock/diffusion/render/sld.ts";
import type { Feature } from "../../../../../src/mock/diffusion/vector-data.ts";

const sld = (symbolizer: string, ns = 'xmlns="http://www.opengis.net/sld"'): string =>
  `<StyledLayerDescriptor version="1.0.0" ${ns} xmlns:ogc="http://www.opengis.net/ogc" xmlns:se="http://www.opengis.net/se"><NamedLayer><Name>t</Name><UserStyle><FeatureTypeStyle><Rule>${symbolizer}</Rule></FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>`;
const text = (inner: string): string => `<TextSymbolizer>${inner}</TextSymbolizer>`;
const NAME = "<Label><ogc:PropertyName>nom</ogc:PropertyName></Label>";
const firstSymbolizer = (xml: string): TextSymbolizer => parseSld(xml).featureTypeStyles[0]![0]!.symbolizers[0] as TextSymbolizer;

// A 200 × 100 frame of 0.01° pixels: pixel position (x, y) is longitude x / 100, latitude 1 - y / 100.
const FRAME: Frame = { crs: "CRS:84", bounds: [0, 0, 2, 1], width: 200, height: 100 };
const lonLat = (x: number, y: number): number[] => [x / 100, 1 - y / 100];
const point = (x: number, y: number, properties: Feature["properties"], id = 1): Feature => ({ id, properties, geometry: { type: "Point", coordinates: lonLat(x, y) } });
async function draw(symbolizer: string, features: Feature[]): Promise<RgbaImage> {
  const image = blankImage(200, 100, [255, 255, 255, 255]);
  await drawLayers(image, FRAME, [{ table: { name: "t", columns: [{ name: "nom", type: "text" }], features }, style: parseSld(sld(symbolizer)) }]);
  return image;
}
// The bounding box (left, top, right, bottom) of the pixels that are not white, or undefined when there are none.
function inked(image: RgbaImage): number[] | undefined {
  let box: number[] | undefined;
  for (let p = 0; p < image.width * image.height; p++) {
    if (image.data[p * 4] === 255 && image.data[p * 4 + 1] === 255 && image.data[p * 4 + 2] === 255) continue;
    const [x, y] = [p % image.width, Math.floor(p / image.width)];
    box = box ? [Math.min(box[0]!, x), Math.min(box[1]!, y), Math.max(box[2]!, x), Math.max(box[3]!, y)] : [x, y, x, y];
  }
  return box;
}
const ink = (image: RgbaImage): number => Array.from({ length: image.width * image.height }, (_, p) => 255 - image.data[p * 4]!).reduce((a, b) => a + b, 0);

test("TextSymbolizer read as GeoServer does: mixed Label, Font, Fill, Halo, AnchorPoint, Displacement; defaults", () => {
  const full = firstSymbolizer(sld(text(`<Label>Pop. <ogc:PropertyName>nom</ogc:PropertyName> <ogc:Literal>hab.</ogc:Literal></Label>
    <Font><CssParameter name="font-family">Arial</CssParameter><CssParameter name="font-size">14</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font>
    <LabelPlacement><PointPlacement><AnchorPoint><AnchorPointX>0.5</AnchorPointX><AnchorPointY><ogc:Literal>1</ogc:Literal></AnchorPointY></AnchorPoint>
    <Displacement><DisplacementX>0</DisplacementX><DisplacementY>-8</DisplacementY></Displacement></PointPlacement></LabelPlacement>
    <Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffff00</CssParameter><CssParameter name="fill-opacity">0.5</CssParameter></Fill></Halo>
    <Fill><CssParameter name="fill">#0000ff</CssParameter></Fill>`)));
  assert.deepEqual(full.label, [{ text: "Pop. " }, { property: "nom" }, { text: " " }, { text: "hab." }]);
  assert.deepEqual([full.size, full.bold, full.fill, full.halo, full.anchor, full.displacement], [14, true, { rgb: [0, 0, 255], opacity: 1 }, { radius: 1.5, fill: { rgb: [255, 255, 0], opacity: 0.5 } }, [0.5, 1], [0, -8]]);
  // GeoTools' defaults: 10 pixels, regular, black; a bare Halo is 1 pixel of white; no placement.
  const bare = firstSymbolizer(sld(text(`${NAME}<Halo/>`)));
  assert.deepEqual([bare.size, bare.bold, bare.fill, bare.halo, bare.anchor, bare.displacement], [10, false, { rgb: [0, 0, 0], opacity: 1 }, { radius: 1, fill: { rgb: [255, 255, 255], opacity: 1 } }, undefined, [0, 0]]);
  // SE 1.1: SvgParameter, se: prefixes.
  const se = firstSymbolizer(sld(`<se:TextSymbolizer><se:Label><ogc:PropertyName>nom</ogc:PropertyName></se:Label><se:Font><se:SvgParameter name="font-size">12</se:SvgParameter><se:SvgParameter name="font-weight">700</se:SvgParameter></se:Font></se:TextSymbolizer>`));
  assert.deepEqual([se.label, se.size, se.bold], [[{ property: "nom" }], 12, true]);
  assert.throws(() => parseSld(sld(text(`${NAME}<Font><CssParameter name="font-size">grand</CssParameter></Font>`))), /font-size « grand » invalide/);
});

test("the text of a label: pieces joined, whitespace runs as one space; nothing when a property is absent or null", () => {
  const parts = firstSymbolizer(sld(text(`<Label>
      <ogc:PropertyName>nom</ogc:PropertyName> (<ogc:PropertyName>population</ogc:PropertyName>)
    </Label>`))).label;
  assert.equal(labelText(parts, { nom: "Côte d'Ivoire", population: 29 }), "Côte d'Ivoire (29)");
  assert.equal(labelText(parts, { nom: "France" }), undefined);
  assert.equal(labelText(parts, { nom: "France", population: null }), undefined);
  assert.equal(labelText([{ text: "  " }], {}), undefined);
});

test("a point's label: to the right of the point by default (anchor 0, 0.5), moved by AnchorPoint and Displacement", async () => {
  const right = inked(await draw(text(NAME), [point(100, 50, { nom: "Paris" })]))!;
  assert.ok(right[0]! >= 100 && right[0]! <= 102 && right[2]! < 140, JSON.stringify(right));
  assert.ok(right[1]! >= 42 && right[3]! <= 56, JSON.stringify(right)); // about the point's height
  const left = inked(await draw(text(`${NAME}<LabelPlacement><PointPlacement><AnchorPoint><AnchorPointX>1</AnchorPointX><AnchorPointY>0.5</AnchorPointY></AnchorPoint></PointPlacement></LabelPlacement>`), [point(100, 50, { nom: "Paris" })]))!;
  assert.ok(left[2]! <= 100 && left[2]! >= 97, JSON.stringify(left));
  const moved = inked(await draw(text(`${NAME}<LabelPlacement><PointPlacement><Displacement><DisplacementX>20</DisplacementX><DisplacementY>30</DisplacementY></Displacement></PointPlacement></LabelPlacement>`), [point(100, 50, { nom: "Paris" })]))!;
  assert.deepEqual([moved[0]! - right[0]!, moved[1]! - right[1]!], [20, -30]); // y upwards in SLD, downwards in pixels
});

test("a polygon's label centred on its centroid; bold darker than regular; the fill colour's blends only", async () => {
  const square: Feature = { id: 1, properties: { nom: "Centre" }, geometry: { type: "Polygon", coordinates: [[lonLat(40, 10), lonLat(160, 10), lonLat(160, 90), lonLat(40, 90), lonLat(40, 10)]] } };
  const regular = await draw(text(`${NAME}<Fill><CssParameter name="fill">#0000ff</CssParameter></Fill>`), [square]);
  const box = inked(regular)!;
  assert.ok(Math.abs((box[0]! + box[2]! + 1) / 2 - 100) <= 1.5 && Math.abs((box[1]! + box[3]! + 1) / 2 - 50) <= 2, JSON.stringify(box));
  // Every inked pixel is blue over white (r = g, b = 255), some fully covered.
  const pixels = Array.from({ length: 200 * 100 }, (_, p) => [...regular.data.slice(p * 4, p * 4 + 3)]).filter((c) => c[0] !== 255);
  assert.ok(pixels.every((c) => c[0] === c[1] && c[2] === 255));
  assert.ok(pixels.some((c) => c[0]! < 30), "des pixels entièrement couverts");
  const bold = await draw(text(`${NAME}<Font><CssParameter name="font-weight">bold</CssParameter></Font>`), [square]);
  const normal = await draw(text(NAME), [square]);
  assert.ok(ink(bold) > ink(normal) * 1.2, `${ink(bold)} / ${ink(normal)}`);
});

test("conflicts: a label overlapping one already drawn is skipped; so is one crossing the image's edge, or naming an absent property", async () => {
  const one = await draw(text(NAME), [point(60, 50, { nom: "Première" })]);
  const both = await draw(text(NAME), [point(60, 50, { nom: "Première" }, 1), point(70, 52, { nom: "Seconde" }, 2)]);
  assert.deepEqual(both.data, one.data);
  // Far enough apart, both are drawn.
  const apart = await draw(text(NAME), [point(60, 50, { nom: "Première" }, 1), point(60, 80, { nom: "Seconde" }, 2)]);
  assert.ok(ink(apart) > ink(one) * 1.5);
  // Past the right edge (partials off, as GeoServer by default).
  assert.equal(inked(await draw(text(NAME), [point(185, 50, { nom: "Coupé" })])), undefined);
  // The property is not in the feature: nothing drawn, no error.
  assert.equal(inked(await draw(text("<Label><ogc:PropertyName>absente</ogc:PropertyName></Label>"), [point(60, 50, { nom: "Paris" })])), undefined);
});

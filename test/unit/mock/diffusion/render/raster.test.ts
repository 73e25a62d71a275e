// The rasteriser and the drawing of styled tables on hand-made features: exact fill colours (holes left
// empty), opacity blending, thick strokes, marks, layer order, rules by filter, ElseFilter and scale.
import { test } from "node:test";
import assert from "node:assert/strict";
import { blankImage } from "../../../../../src/mock/diffusion/image.ts";
import type { RgbaImage } from "../../../../../src/mock/diffusion/image.ts";
import { blend, markRing, Painter } from "../../../../../src/mock/diffusion/render/raster.ts";
import { drawLayers } from "../../../../../src/mock/diffusion/render/draw.ts";
import type { Frame } from "../../../../../src/mock/diffusion/render/project.ts";
import { frameBounds, scaleDenominator, toPixel, wrappedFrames } from "../../../../../src/mock/diffusion/render/project.ts";
import { parseSld } from "../../../../../src/mock/diffusion/render/sld.ts";
import type { Table } from "../../../../../src/mock/diffusion/vector-data.ts";

const at = (image: RgbaImage, x: number, y: number): number[] => [...image.data.slice((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
const WHITE = [255, 255, 255, 255];

test("fillRings: even-odd interior, hole left empty, pixel centres decide the edges", () => {
  const image = blankImage(10, 10, [255, 255, 255, 255]);
  new Painter(image).fillRings([[[1, 1], [9, 1], [9, 9], [1, 9], [1, 1]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]], { rgb: [255, 0, 0], opacity: 1 });
  assert.deepEqual(at(image, 1, 1), [255, 0, 0, 255]); // centre (1.5, 1.5) inside
  assert.deepEqual(at(image, 8, 8), [255, 0, 0, 255]);
  assert.deepEqual(at(image, 0, 5), WHITE); // left of the outer ring
  assert.deepEqual(at(image, 9, 5), WHITE); // centre 9.5 right of x = 9
  assert.deepEqual(at(image, 4, 4), WHITE); // in the hole
  assert.deepEqual(at(image, 5, 5), WHITE);
  assert.deepEqual(at(image, 3, 5), [255, 0, 0, 255]);
});

test("blend: opacity over white, and over a transparent background the colour itself", () => {
  const data = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]);
  blend(data, 0, [127, 184, 110], 0.8);
  assert.deepEqual([...data.slice(0, 4)], [Math.round(127 * 0.8 + 255 * 0.2), Math.round(184 * 0.8 + 255 * 0.2), Math.round(110 * 0.8 + 255 * 0.2), 255]);
  blend(data, 4, [10, 20, 30], 0.5);
  assert.deepEqual([...data.slice(4, 8)], [10, 20, 30, 128]);
});

test("strokes cover each pixel once (no darker joins), thin ones are lighter, marks have their shape", () => {
  const image = blankImage(20, 20, [255, 255, 255, 255]);
  const painter = new Painter(image);
  painter.strokeLines([[[2, 10], [10, 10], [10, 18]]], { rgb: [0, 0, 0], opacity: 0.5 }, 3);
  assert.deepEqual(at(image, 10, 10), [128, 128, 128, 255]); // the join, blended once
  assert.deepEqual(at(image, 5, 9), [128, 128, 128, 255]); // 1 px from the axis, half width 1.5
  assert.deepEqual(at(image, 5, 7), WHITE);
  painter.strokeLines([[[0, 2.5], [20, 2.5]]], { rgb: [0, 0, 0], opacity: 1 }, 0.5);
  assert.deepEqual(at(image, 5, 2), [128, 128, 128, 255]); // 0.5 px drawn 1 px wide at half opacity
  const marks = blankImage(20, 20, [255, 255, 255, 255]);
  new Painter(marks).mark([10, 10], "circle", 10, { rgb: [0, 0, 255], opacity: 1 }, undefined);
  assert.deepEqual(at(marks, 10, 10), [0, 0, 255, 255]);
  assert.deepEqual(at(marks, 5, 5), WHITE); // corner of the square around the circle
  assert.equal(markRing("triangle", [0, 0], 2).length, 3);
  assert.equal(markRing("star", [0, 0], 2).length, 10);
});

const square = (west: number, south: number, east: number, north: number) => ({ type: "Polygon" as const, coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] });
const table = (name: string, features: Table["features"]): Table => ({ name, columns: [{ name: "kind", type: "character varying" }], features });
const sld = (rules: string): string =>
  `<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"><NamedLayer><Name>t</Name><UserStyle><FeatureTypeStyle>${rules}</FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>`;
const fillRule = (colour: string, filter = "", extra = "") => `<Rule>${filter}${extra}<PolygonSymbolizer><Fill><CssParameter name="fill">${colour}</CssParameter></Fill></PolygonSymbolizer></Rule>`;
const kindIs = (value: string) => `<ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>kind</ogc:PropertyName><ogc:Literal>${value}</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>`;

test("drawLayers: first layer on top, rules by filter, ElseFilter, scale ranges; frames in EPSG:4326 (lat,lon) and EPSG:3857", async () => {
  const frame: Frame = { crs: "EPSG:4326", bounds: frameBounds([0, 0, 10, 10], "EPSG:4326", "1.3.0"), width: 100, height: 100 };
  const bottom = table("bottom", [{ id: 1, properties: { kind: "a" }, geometry: square(0, 0, 6, 6) }, { id: 2, properties: { kind: "b" }, geometry: square(6, 6, 10, 10) }]);
  const top = table("top", [{ id: 1, properties: { kind: "x" }, geometry: square(4, 4, 8, 8) }]);
  const bottomStyle = parseSld(sld(fillRule("#ff0000", kindIs("a")) + fillRule("#00ff00", "<ElseFilter/>")));
  const topStyle = parseSld(sld(fillRule("#0000ff", "", "<MaxScaleDenominator>1000</MaxScaleDenominator>") + fillRule("#000000", "", "<MinScaleDenominator>1000</MinScaleDenominator>")));
  const image = blankImage(100, 100, [255, 255, 255, 255]);
  await drawLayers(image, frame, [{ table: top, style: topStyle }, { table: bottom, style: bottomStyle }]);
  // y = latitude 9.5 at row 5, x = longitude 0.5 at column 5.
  assert.deepEqual(toPixel(frame, 0.55, 9.45).map((v) => Math.round(v * 1e6) / 1e6), [5.5, 5.5]);
  assert.deepEqual(at(image, 5, 95), [255, 0, 0, 255]); // lon 0.55, lat 0.45: "a", red
  assert.deepEqual(at(image, 95, 5), [0, 255, 0, 255]); // lon 9.55, lat 9.45: ElseFilter, green
  assert.deepEqual(at(image, 50, 50), [0, 0, 0, 255]); // top layer over both; the frame is at 1:~4e7, so only the rule from 1:1000 applies
  assert.deepEqual(at(image, 5, 5), WHITE);
  // 10° × 111,319.49 m / (100 px × 0.28 mm)
  assert.equal(Math.round(scaleDenominator(frame)), 39756961);
  const mercator: Frame = { crs: "EPSG:3857", bounds: [0, 0, 1113194.9079327357, 1118889.9748579594], width: 100, height: 100 };
  const image2 = blankImage(100, 100, [255, 255, 255, 0]);
  await drawLayers(image2, mercator, [{ table: bottom, style: bottomStyle }]);
  assert.deepEqual(at(image2, 5, 95), [255, 0, 0, 255]);
  assert.deepEqual(at(image2, 30, 30), [255, 255, 255, 0]); // lon 3, lat ~7: outside both, transparent
});

test("continuous map wrapping: beyond 180° the features repeat, as GeoServer draws them (not in Lambert-93)", async () => {
  const frame: Frame = { crs: "CRS:84", bounds: [170, 0, 190, 10], width: 200, height: 100 };
  const east = table("east", [{ id: 1, properties: { kind: "a" }, geometry: square(-175, 2, -172, 8) }]);
  const image = blankImage(200, 100, [255, 255, 255, 255]);
  await drawLayers(image, frame, [{ table: east, style: parseSld(sld(fillRule("#ff0000"))) }]);
  // Pixel (165, 50): longitude 186.55, i.e. -173.45.
  assert.deepEqual(at(image, 165, 50), [255, 0, 0, 255]);
  assert.deepEqual(at(image, 50, 50), WHITE);
  assert.equal(wrappedFrames({ crs: "EPSG:2154", bounds: [0, 0, 1e9, 1], width: 1, height: 1 }).length, 1);
  assert.deepEqual(wrappedFrames({ crs: "EPSG:4326", bounds: [-1000, 0, 1000, 1], width: 1, height: 1 }).map((f) => f.bounds[0]), [80, -280, -640, -1000, -1360, -1720, -2080]);
  assert.equal(wrappedFrames({ crs: "EPSG:3857", bounds: [-1e9, 0, 1e9, 1], width: 1, height: 1 }).length, 9);
});

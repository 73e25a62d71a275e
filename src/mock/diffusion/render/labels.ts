// Labels of the simulated WMS-Vecteur, placed and drawn as GeoServer's label cache does by default: collected while
// the features are drawn, then written on top of every layer, in that order. A label goes at its feature's label
// point (a polygon: the centroid of its largest part's outer ring clipped to the image; a line: the middle of its
// longest part; points: the first one in the image), moved by AnchorPoint (default: centred for polygons and lines,
// (0, 0.5) for points, as in GeoTools) and Displacement. A label is left out when it would overlap one already
// drawn, cross the image's edge (GeoServer's partials=false) or lie less than half inside its polygon
// (goodnessOfFit 0.5). Glyphs are drawn anti-aliased, over their halo when the symbolizer has one.
import type { RgbaImage } from "../image.ts";
import type { PixelGeometry } from "./draw.ts";
import { blendMask, fillCoverage, haloCoverage, maskAround, outlineRings } from "./coverage.ts";
import { labelFont } from "./label-font.ts";
import type { Font } from "opentype.js";
import type { Pixel } from "./raster.ts";
import { insideRings, ringCentroid } from "./raster.ts";
import type { LabelPart, TextSymbolizer } from "./sld.ts";

/** A label to draw: its text and symbolizer, the point it is placed at, its anchor, the polygon it labels. */
export interface LabelRequest {
  text: string;
  symbolizer: TextSymbolizer;
  point: Pixel;
  anchor: [number, number];
  polygon?: Pixel[][];
}

type Properties = Record<string, string | number | boolean | null>;

/** The label of a feature (whitespace runs as one space, trimmed); undefined when empty or a property is absent or null. */
export function labelText(parts: LabelPart[], properties: Properties): string | undefined {
  let text = "";
  for (const part of parts) {
    if ("text" in part) text += part.text;
    else {
      const value = properties[part.property];
      if (value === undefined || value === null) return undefined;
      text += String(value);
    }
  }
  const label = text.replace(/\s+/g, " ").trim();
  return label === "" ? undefined : label;
}

// Sutherland–Hodgman clipping of a ring to the rectangle [0, width] × [0, height].
function clipRing(ring: Pixel[], width: number, height: number): Pixel[] {
  const sides: [(p: Pixel) => number, number][] = [[(p) => p[0], 0], [(p) => -p[0], -width], [(p) => p[1], 0], [(p) => -p[1], -height]];
  let out = ring;
  for (const [value, limit] of sides) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const [a, b] = [input[i]!, input[(i + 1) % input.length]!];
      const [va, vb] = [value(a) - limit, value(b) - limit];
      if (va >= 0) out.push(a);
      if ((va >= 0) !== (vb >= 0)) out.push([a[0] + (va / (va - vb)) * (b[0] - a[0]), a[1] + (va / (va - vb)) * (b[1] - a[1])]);
    }
  }
  return out;
}

// Twice the signed area of a ring.
const area = (ring: Pixel[]): number => ring.reduce((sum, a, i) => { const b = ring[(i + 1) % ring.length]!; return sum + a[0] * b[1] - b[0] * a[1]; }, 0);

/** The label of a feature drawn on a `width` × `height` image, or undefined (no text, nothing in view). */
export function labelRequest(symbolizer: TextSymbolizer, properties: Properties, geometry: PixelGeometry, width: number, height: number): LabelRequest | undefined {
  const text = labelText(symbolizer.label, properties);
  if (text === undefined) return undefined;
  const request = (point: Pixel, anchor: [number, number], polygon?: Pixel[][]): LabelRequest => ({ text, symbolizer, point, anchor: symbolizer.anchor ?? anchor, polygon });
  if (geometry.polygons.length > 0) {
    const parts = geometry.polygons.map((polygon) => ({ polygon, visible: clipRing(polygon[0] ?? [], width, height) }));
    const largest = parts.reduce((best, part) => (Math.abs(area(part.visible)) > Math.abs(area(best.visible)) ? part : best));
    return area(largest.visible) === 0 ? undefined : request(ringCentroid(largest.visible), [0.5, 0.5], largest.polygon);
  }
  if (geometry.lines.length > 0) {
    const length = (line: Pixel[]): number => line.slice(1).reduce((sum, b, i) => sum + Math.hypot(b[0] - line[i]![0], b[1] - line[i]![1]), 0);
    const longest = geometry.lines.reduce((best, line) => (length(line) > length(best) ? line : best));
    let rest = length(longest) / 2;
    for (let i = 1; i < longest.length; i++) {
      const [a, b] = [longest[i - 1]!, longest[i]!];
      const step = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (step >= rest && step > 0) return request([a[0] + ((b[0] - a[0]) * rest) / step, a[1] + ((b[1] - a[1]) * rest) / step], [0.5, 0.5]);
      rest -= step;
    }
    return longest[0] ? request(longest[0], [0.5, 0.5]) : undefined;
  }
  const point = geometry.points.find((p) => p[0] >= 0 && p[0] <= width && p[1] >= 0 && p[1] <= height) ?? geometry.points[0];
  return point ? request(point, [0, 0.5]) : undefined;
}

// The share of a box (left, top, right, bottom) inside the polygon, sampled on a 10 × 4 grid.
function fit(box: number[], polygon: Pixel[][]): number {
  let inside = 0;
  for (let i = 0; i < 10; i++) for (let j = 0; j < 4; j++) if (insideRings([box[0]! + ((i + 0.5) * (box[2]! - box[0]!)) / 10, box[1]! + ((j + 0.5) * (box[3]! - box[1]!)) / 4], polygon)) inside++;
  return inside / 40;
}

const overlaps = (a: number[], b: number[]): boolean => a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;

/** Draws the labels in order on the image, each left out if it conflicts with one already drawn. */
export async function drawLabels(image: RgbaImage, requests: LabelRequest[]): Promise<void> {
  if (requests.length === 0) return;
  let fonts: [Font | undefined, Font | undefined];
  try {
    fonts = await Promise.all([
      requests.some((r) => !r.symbolizer.bold) ? labelFont("normal") : undefined,
      requests.some((r) => r.symbolizer.bold) ? labelFont("bold") : undefined,
    ]);
  } catch {
    // A font that cannot be loaded (a runtime without it) leaves the labels out; the image itself is still drawn.
    return;
  }
  const [normal, bold] = fonts;
  const drawn: number[][] = [];
  for (const { text, symbolizer, point, anchor, polygon } of requests) {
    const font = symbolizer.bold ? bold! : normal!;
    const { size, displacement, halo } = symbolizer;
    if (size <= 0) continue;
    const [ascent, descent] = [(font.ascender / font.unitsPerEm) * size, (-font.descender / font.unitsPerEm) * size];
    const width = font.getAdvanceWidth(text, size);
    const left = point[0] - anchor[0] * width + displacement[0];
    const bottom = point[1] + anchor[1] * (ascent + descent) - displacement[1];
    const label = [left, bottom - ascent - descent, left + width, bottom];
    const r = halo?.radius ?? 0;
    const box = [label[0]! - r, label[1]! - r, label[2]! + r, label[3]! + r];
    if (box[0]! < 0 || box[1]! < 0 || box[2]! > image.width || box[3]! > image.height) continue;
    if (polygon && fit(label, polygon) < 0.5) continue;
    if (drawn.some((other) => overlaps(box, other))) continue;
    drawn.push(box);
    const rings = outlineRings(font.getPath(text, left, bottom - descent, size).commands);
    if (rings.length === 0) continue;
    const mask = maskAround(rings, Math.ceil(r) + 1);
    fillCoverage(mask, rings);
    if (halo && halo.radius > 0) blendMask(image, haloCoverage(mask, rings, halo.radius), halo.fill);
    blendMask(image, mask, symbolizer.fill);
  }
}

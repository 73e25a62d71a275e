// Drawing styled tables on a map frame as GeoServer does: tables from the bottom of the list up, each
// FeatureTypeStyle in its own pass, each feature with the rules active at the frame's scale whose filter it
// matches (ElseFilter rules when no other rule of the pass matched), symbolizers in document order; in
// geographic and Web Mercator frames wider than the world, features repeat in each world copy. Labels
// (TextSymbolizer) are gathered meanwhile and written last, over every table (render/labels.ts).
import type { Feature, Geometry, Table } from "../vector-data.ts";
import type { RgbaImage } from "../image.ts";
import type { Frame } from "./project.ts";
import { scaleDenominator, toPixel, wrappedFrames } from "./project.ts";
import type { LabelRequest } from "./labels.ts";
import { drawLabels, labelRequest } from "./labels.ts";
import type { Pixel } from "./raster.ts";
import { Painter, ringCentroid } from "./raster.ts";
import type { Rule, Style, Symbolizer } from "./sld.ts";
import { activeAt } from "./sld.ts";

/** A table and the style it is drawn with. */
export interface StyledTable {
  table: Table;
  style: Style;
}

/** A geometry in pixels: polygons (each a list of rings), lines, points. */
export interface PixelGeometry {
  polygons: Pixel[][][];
  lines: Pixel[][];
  points: Pixel[];
}

/** The geometry's positions as pixels of the frame. */
export function pixelGeometry(frame: Frame, geometry: Geometry): PixelGeometry {
  const px = (position: number[]): Pixel => toPixel(frame, position[0]!, position[1]!);
  const out: PixelGeometry = { polygons: [], lines: [], points: [] };
  switch (geometry.type) {
    case "Point": out.points.push(px(geometry.coordinates)); break;
    case "MultiPoint": out.points.push(...geometry.coordinates.map(px)); break;
    case "LineString": out.lines.push(geometry.coordinates.map(px)); break;
    case "MultiLineString": out.lines.push(...geometry.coordinates.map((line) => line.map(px))); break;
    case "Polygon": out.polygons.push(geometry.coordinates.map((ring) => ring.map(px))); break;
    case "MultiPolygon": out.polygons.push(...geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(px)))); break;
  }
  return out;
}

// Where a point symbolizer goes on a line (its middle vertex) or a polygon (its outer ring's centroid).
function anchors(geometry: PixelGeometry): Pixel[] {
  if (geometry.points.length > 0) return geometry.points;
  if (geometry.lines.length > 0) return geometry.lines.map((line) => line[Math.floor(line.length / 2)]!);
  return geometry.polygons.map(([outer]) => ringCentroid(outer ?? []));
}

// One symbolizer applied to one feature (a label is only queued: `labels` are drawn once all tables are).
function paint(painter: Painter, symbolizer: Symbolizer, geometry: PixelGeometry, feature: Feature, labels: LabelRequest[]): void {
  if (symbolizer.kind === "polygon") {
    for (const polygon of geometry.polygons) {
      if (symbolizer.fill) painter.fillRings(polygon, symbolizer.fill);
      if (symbolizer.stroke) painter.strokeLines(polygon, symbolizer.stroke, symbolizer.stroke.width);
    }
  } else if (symbolizer.kind === "line") {
    painter.strokeLines([...geometry.lines, ...geometry.polygons.flat()], symbolizer.stroke, symbolizer.stroke.width);
  } else if (symbolizer.kind === "point") {
    const scaled = <P extends { opacity: number }>(p: P | undefined): P | undefined => (p ? { ...p, opacity: p.opacity * symbolizer.opacity } : undefined);
    for (const anchor of anchors(geometry)) painter.mark(anchor, symbolizer.mark, symbolizer.size, scaled(symbolizer.fill), scaled(symbolizer.stroke));
  } else {
    const label = labelRequest(symbolizer, feature.properties, geometry, painter.image.width, painter.image.height);
    if (label) labels.push(label);
  }
}

/** The rules of one FeatureTypeStyle that apply to the feature at this scale (ElseFilter ones when no other does). */
export function rulesFor(rules: Rule[], scale: number, feature: Feature): Rule[] {
  const active = rules.filter((rule) => activeAt(rule, scale));
  const matched = active.filter((rule) => !rule.elseFilter && (!rule.filter || rule.filter(feature.properties)));
  return matched.length > 0 ? matched : active.filter((rule) => rule.elseFilter);
}

/** Draws the tables on the image, then their labels; the first of `layers` ends on top; features repeat across the antimeridian. */
export async function drawLayers(image: RgbaImage, frame: Frame, layers: StyledTable[]): Promise<void> {
  const painter = new Painter(image);
  const labels: LabelRequest[] = [];
  const scale = scaleDenominator(frame);
  const frames = wrappedFrames(frame);
  for (const { table, style } of [...layers].reverse()) {
    const geometries = new Map<Feature, PixelGeometry[]>();
    for (const rules of style.featureTypeStyles) {
      for (const feature of table.features) {
        if (!feature.geometry) continue;
        const applied = rulesFor(rules, scale, feature);
        if (applied.length === 0) continue;
        let copies = geometries.get(feature);
        if (!copies) geometries.set(feature, (copies = frames.map((copy) => pixelGeometry(copy, feature.geometry!))));
        for (const geometry of copies) for (const rule of applied) for (const symbolizer of rule.symbolizers) paint(painter, symbolizer, geometry, feature, labels);
      }
    }
  }
  await drawLabels(image, labels);
}

// GetFeatureInfo of the simulated WMS-Vecteur: the features drawn under a pixel (polygons containing it,
// lines and points within a few pixels, as GeoServer's search buffer), and the answer in GeoServer's
// application/json (FeatureCollection), text/html (the relation's FTL template, else GeoServer's default
// table) and text/plain.
import type { Feature, Geometry, Table } from "../vector-data.ts";
import { escapeXml } from "../../formats/xml.ts";
import type { StyledTable } from "./draw.ts";
import type { PixelGeometry } from "./draw.ts";
import { pixelGeometry, rulesFor } from "./draw.ts";
import type { Frame, MapCrs } from "./project.ts";
import { projectCoordinates, scaleDenominator, wrappedFrames } from "./project.ts";
import type { Pixel } from "./raster.ts";
import { insideRings, segmentDistance } from "./raster.ts";
import { renderFtl, templateFeature } from "./ftl.ts";

/** Pixels around the clicked one within which lines and points are found (GeoServer's default buffer is a few pixels). */
export const HIT_TOLERANCE = 3;

/** Features of one table found under the pixel. */
export interface TableHits {
  table: Table;
  /** The relation's FTL template, when it has one. */
  template?: string;
  features: Feature[];
}

// Half the widest stroke or mark the matched rules draw (pixels).
function drawnRadius(layer: StyledTable, scale: number, feature: Feature): number | undefined {
  let radius: number | undefined;
  for (const rules of layer.style.featureTypeStyles) {
    for (const rule of rulesFor(rules, scale, feature)) {
      for (const s of rule.symbolizers) {
        const r = s.kind === "point" ? s.size / 2 : s.kind === "line" || s.kind === "polygon" ? (s.stroke?.width ?? 0) / 2 : undefined;
        if (r !== undefined) radius = Math.max(radius ?? 0, r);
      }
    }
  }
  return radius;
}

// Whether the geometry drawn in pixels is under the point.
function hits(frame: Frame, geometry: Geometry, point: Pixel, radius: number): boolean {
  return wrappedFrames(frame).some((copy) => hitsIn(pixelGeometry(copy, geometry), point, radius));
}

// Whether one copy of the geometry is under the point.
function hitsIn(shape: PixelGeometry, point: Pixel, radius: number): boolean {
  const near = (line: Pixel[], tolerance: number): boolean => line.some((a, i) => segmentDistance(point, a, line[Math.min(i + 1, line.length - 1)]!) <= tolerance);
  const tolerance = Math.max(HIT_TOLERANCE, radius);
  return shape.points.some((p) => Math.hypot(p[0] - point[0], p[1] - point[1]) <= tolerance)
    || shape.lines.some((line) => near(line, tolerance))
    || shape.polygons.some((rings) => insideRings(point, rings) || rings.some((ring) => near(ring, radius)));
}

/** The features drawn under pixel (i, j), at most `count` per table, topmost table first. */
export function featuresAt(frame: Frame, layers: (StyledTable & { template?: string })[], i: number, j: number, count: number): TableHits[] {
  const scale = scaleDenominator(frame);
  const point: Pixel = [i + 0.5, j + 0.5];
  return layers.map((layer) => {
    const features: Feature[] = [];
    // The last drawn feature is on top: searched first.
    for (const feature of [...layer.table.features].reverse()) {
      if (features.length >= count || !feature.geometry) continue;
      const radius = drawnRadius(layer, scale, feature);
      if (radius !== undefined && hits(frame, feature.geometry, point, radius)) features.push(feature);
    }
    return { table: layer.table, template: layer.template, features };
  });
}

const fid = (table: Table, feature: Feature): string => `${table.name}.${feature.id}`;

/** The CRS name GeoServer writes in a GeoJSON answer. */
export const crsUrn = (crs: MapCrs): string => (crs === "CRS:84" ? "urn:ogc:def:crs:OGC:1.3:CRS84" : `urn:ogc:def:crs:EPSG::${crs.slice(5)}`);

// [minX, minY, maxX, maxY] of nested coordinates.
function bboxOf(coordinates: unknown, box: number[] = [Infinity, Infinity, -Infinity, -Infinity]): number[] {
  if (Array.isArray(coordinates) && typeof coordinates[0] === "number") {
    const [x, y] = coordinates as number[];
    return [Math.min(box[0]!, x!), Math.min(box[1]!, y!), Math.max(box[2]!, x!), Math.max(box[3]!, y!)];
  }
  return Array.isArray(coordinates) ? coordinates.reduce((acc: number[], item) => bboxOf(item, acc), box) : box;
}

/** GeoServer's application/json answer (geometries in the map's CRS, east/north order). */
export function featureInfoJson(found: TableHits[], crs: MapCrs, now: number): unknown {
  const features = found.flatMap(({ table, features: list }) => list.map((feature) => {
    const coordinates = feature.geometry ? projectCoordinates(crs, feature.geometry.coordinates) : undefined;
    return {
      type: "Feature", id: fid(table, feature),
      geometry: feature.geometry ? { type: feature.geometry.type, coordinates } : null, geometry_name: "geom",
      properties: feature.properties, ...(coordinates ? { bbox: bboxOf(coordinates) } : {}),
    };
  }));
  const boxes = features.flatMap((f) => (f.bbox ? [f.bbox] : []));
  return {
    type: "FeatureCollection", features, totalFeatures: "unknown", numberReturned: features.length, timeStamp: new Date(now).toISOString(),
    crs: { type: "name", properties: { name: crsUrn(crs) } },
    ...(boxes.length ? { bbox: [Math.min(...boxes.map((b) => b[0]!)), Math.min(...boxes.map((b) => b[1]!)), Math.max(...boxes.map((b) => b[2]!)), Math.max(...boxes.map((b) => b[3]!))] } : {}),
  };
}

// Number of positions of a geometry (GeoServer writes geometry values as "[GEOMETRY (type) with n points]").
const positions = (coordinates: unknown): number => (Array.isArray(coordinates) ? (typeof coordinates[0] === "number" ? 1 : coordinates.reduce((n: number, c) => n + positions(c), 0)) : 0);

// The attributes of a feature for templates: the table's columns, then the geometry.
function attributes(table: Table, feature: Feature) {
  const list = table.columns.map((column) => {
    const raw = feature.properties[column.name] ?? null;
    return { name: column.name, value: raw === null ? "" : String(raw), rawValue: raw, isGeometry: false };
  });
  if (feature.geometry) list.push({ name: "geom", value: `[GEOMETRY (${feature.geometry.type}) with ${positions(feature.geometry.coordinates)} points]`, rawValue: null, isGeometry: true });
  return list;
}

// GeoServer's default content when a relation has no template: one table per feature type.
function defaultHtml(table: Table, features: Feature[]): string {
  const head = ["fid", ...table.columns.map((c) => c.name)].map((name) => `<th>${escapeXml(name)}</th>`).join("");
  const rows = features.map((feature) => `<tr>${[fid(table, feature), ...table.columns.map((c) => String(feature.properties[c.name] ?? ""))].map((v) => `<td>${escapeXml(v)}</td>`).join("")}</tr>`).join("\n");
  return `<table class="featureInfo">\n<caption class="featureInfo">${escapeXml(table.name)}</caption>\n<tr>${head}</tr>\n${rows}\n</table>\n<br/>\n`;
}

/** The text/html answer: GeoServer's page around each table's rendered template (tables without features left out). */
export function featureInfoHtml(found: TableHits[]): string {
  const body = found.filter((hit) => hit.features.length > 0).map(({ table, template, features }) =>
    template === undefined ? defaultHtml(table, features) : renderFtl(template, table.name, features.map((f) => templateFeature(fid(table, f), table.name, attributes(table, f))))).join("");
  return `<html>\n<head>\n<title>Informations sur les objets (GetFeatureInfo)</title>\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>\n</head>\n<body>\n${body}</body>\n</html>\n`;
}

/** The text/plain answer, laid out as GeoServer's. */
export function featureInfoText(found: TableHits[]): string {
  const parts = found.filter((hit) => hit.features.length > 0).map(({ table, features }) =>
    `Résultats pour la table « ${table.name} » :\n` + features.map((feature) =>
      "--------------------------------------------\n" + `fid = ${fid(table, feature)}\n` +
      table.columns.map((c) => `${c.name} = ${feature.properties[c.name] ?? ""}\n`).join("")).join("") + "--------------------------------------------\n");
  return parts.length > 0 ? parts.join("") : "Aucun objet trouvé à cet endroit.\n";
}

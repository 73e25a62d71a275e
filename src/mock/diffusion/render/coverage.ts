// Anti-aliased coverage for the labels of the simulated WMS-Vecteur: glyph outlines flattened into rings, their
// coverage of each pixel (nonzero winding as TrueType fonts want, exact across a row, 5 sub-rows a pixel), the
// coverage of a halo (the outline stroked 2 × radius wide with round joins, plus the inside), and the blending of a
// paint through such a mask. Painter.fillRings samples pixel centres only: fine for map polygons, jagged for text.
/// <reference path="./opentype.d.ts" />
import type { PathCommand } from "opentype.js";
import type { RgbaImage } from "../image.ts";
import type { Pixel } from "./raster.ts";
import { blend, segmentDistance } from "./raster.ts";
import type { Paint } from "./sld.ts";

/** Coverage values (0..1) over a rectangle of pixels whose top-left pixel is (x, y). */
export interface Mask {
  x: number;
  y: number;
  width: number;
  height: number;
  data: Float32Array;
}

const SUB_ROWS = 5;

/** The closed rings of an outline, quadratic and cubic curves cut into pieces about half a pixel long. */
export function outlineRings(commands: PathCommand[]): Pixel[][] {
  const rings: Pixel[][] = [];
  let ring: Pixel[] = [];
  let at: Pixel = [0, 0];
  const curve = (point: (t: number) => Pixel, hull: number): void => {
    const steps = Math.max(2, Math.min(24, Math.ceil(hull * 2)));
    for (let i = 1; i <= steps; i++) ring.push(point(i / steps));
  };
  for (const command of commands) {
    if (command.type === "Z") continue;
    const [x0, y0] = at;
    if (command.type === "M") {
      if (ring.length > 2) rings.push(ring);
      ring = [[command.x, command.y]];
    } else if (command.type === "L") {
      ring.push([command.x, command.y]);
    } else if (command.type === "Q") {
      const { x1, y1, x, y } = command;
      curve((t) => [(1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t * t * x, (1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t * t * y], Math.hypot(x1 - x0, y1 - y0) + Math.hypot(x - x1, y - y1));
    } else if (command.type === "C") {
      const { x1, y1, x2, y2, x, y } = command;
      const cubic = (a: number, b: number, c: number, d: number, t: number): number => (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t * t * c + t ** 3 * d;
      curve((t) => [cubic(x0, x1, x2, x, t), cubic(y0, y1, y2, y, t)], Math.hypot(x1 - x0, y1 - y0) + Math.hypot(x2 - x1, y2 - y1) + Math.hypot(x - x2, y - y2));
    }
    at = [command.x, command.y];
  }
  if (ring.length > 2) rings.push(ring);
  return rings;
}

/** An empty mask covering the rings' bounding box grown by `pad` pixels on each side. */
export function maskAround(rings: Pixel[][], pad: number): Mask {
  const points = rings.flat();
  const x = Math.floor(Math.min(...points.map((p) => p[0]))) - pad;
  const y = Math.floor(Math.min(...points.map((p) => p[1]))) - pad;
  const width = Math.ceil(Math.max(...points.map((p) => p[0]))) + pad - x;
  const height = Math.ceil(Math.max(...points.map((p) => p[1]))) + pad - y;
  return { x, y, width, height, data: new Float32Array(width * height) };
}

/** Adds the rings' coverage (nonzero winding) to the mask. */
export function fillCoverage(mask: Mask, rings: Pixel[][]): void {
  const edges: [number, number, number, number, number][] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [a, b] = [ring[i]!, ring[(i + 1) % ring.length]!];
      if (a[1] !== b[1]) edges.push(a[1] < b[1] ? [a[0], a[1], b[0], b[1], 1] : [b[0], b[1], a[0], a[1], -1]);
    }
  }
  const crossings: [number, number][] = [];
  for (let row = 0; row < mask.height; row++) {
    for (let sub = 0; sub < SUB_ROWS; sub++) {
      const yc = mask.y + row + (sub + 0.5) / SUB_ROWS;
      crossings.length = 0;
      for (const [x0, y0, x1, y1, dir] of edges) if (y0 <= yc && yc < y1) crossings.push([x0 + ((yc - y0) / (y1 - y0)) * (x1 - x0), dir]);
      crossings.sort((a, b) => a[0] - b[0]);
      let winding = 0;
      for (let i = 0; i + 1 < crossings.length; i++) {
        winding += crossings[i]![1];
        if (winding !== 0) addSpan(mask, row, crossings[i]![0] - mask.x, crossings[i + 1]![0] - mask.x, 1 / SUB_ROWS);
      }
    }
  }
}

// Adds `weight` × the covered fraction of each pixel of the row between x positions a and b (mask coordinates).
function addSpan(mask: Mask, row: number, a: number, b: number, weight: number): void {
  const [from, to] = [Math.max(0, a), Math.min(mask.width, b)];
  for (let px = Math.floor(from); px < to; px++) {
    const covered = Math.min(to, px + 1) - Math.max(from, px);
    if (covered > 0) mask.data[row * mask.width + px] = mask.data[row * mask.width + px]! + covered * weight;
  }
}

/** The halo's coverage: the outline stroked `radius` pixels on each side (round joins), merged with `fill`. */
export function haloCoverage(fill: Mask, rings: Pixel[][], radius: number): Mask {
  const distance = new Float32Array(fill.width * fill.height).fill(Infinity);
  const reach = radius + 1;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [a, b] = [ring[i]!, ring[(i + 1) % ring.length]!];
      const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - reach) - fill.x);
      const x1 = Math.min(fill.width - 1, Math.ceil(Math.max(a[0], b[0]) + reach) - fill.x);
      const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - reach) - fill.y);
      const y1 = Math.min(fill.height - 1, Math.ceil(Math.max(a[1], b[1]) + reach) - fill.y);
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const d = segmentDistance([fill.x + x + 0.5, fill.y + y + 0.5], a, b);
          if (d < distance[y * fill.width + x]!) distance[y * fill.width + x] = d;
        }
      }
    }
  }
  const data = fill.data.map((inside, p) => Math.max(Math.min(1, inside), Math.min(1, Math.max(0, radius + 0.5 - distance[p]!))));
  return { ...fill, data };
}

/** Blends the paint on the image through the mask (each pixel's opacity times its coverage). */
export function blendMask(image: RgbaImage, mask: Mask, paint: Paint): void {
  if (paint.opacity <= 0) return;
  for (let y = Math.max(0, -mask.y); y < Math.min(mask.height, image.height - mask.y); y++) {
    for (let x = Math.max(0, -mask.x); x < Math.min(mask.width, image.width - mask.x); x++) {
      const coverage = Math.min(1, mask.data[y * mask.width + x]!);
      if (coverage > 0) blend(image.data, ((mask.y + y) * image.width + mask.x + x) * 4, paint.rgb, paint.opacity * coverage);
    }
  }
}

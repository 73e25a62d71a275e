// A small rasteriser for the simulated WMS-Vecteur: polygons filled by scanline (even-odd, so holes stay
// empty), thick strokes (round joins and caps), point marks, each composited once per pixel "source over"
// on an RGBA image. Pixels are sampled at their centre, without antialiasing: a polygon's interior is exactly
// its fill colour blended with its opacity over what was below. A stroke thinner than one pixel is drawn one
// pixel wide with its opacity scaled by its width, as an approximation of antialiased coverage.
import type { RgbaImage } from "../image.ts";
import type { MarkName, Paint } from "./sld.ts";

/** A point in pixels (x to the right, y downwards, origin at the image's top-left corner). */
export type Pixel = [number, number];

/** Draws on one image; each shape covers a pixel at most once. */
export class Painter {
  readonly image: RgbaImage;
  private readonly stamp: Uint32Array;
  private generation = 0;

  constructor(image: RgbaImage) {
    this.image = image;
    this.stamp = new Uint32Array(image.width * image.height);
  }

  // Starts a new shape: pixels it covers are blended once.
  private begin(): number {
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  // Blends the paint on the pixels x0..x1-1 of row y, skipping those this shape already covered.
  private span(y: number, x0: number, x1: number, rgb: [number, number, number], alpha: number, generation: number): void {
    const { width, data } = this.image;
    for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
      const p = y * width + x;
      if (this.stamp[p] === generation) continue;
      this.stamp[p] = generation;
      blend(data, p * 4, rgb, alpha);
    }
  }

  /** Fills rings (outer rings and holes together, even-odd rule). */
  fillRings(rings: Pixel[][], paint: Paint): void {
    if (paint.opacity <= 0) return;
    const generation = this.begin();
    const edges: [number, number, number, number][] = [];
    let top = Infinity;
    let bottom = -Infinity;
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[(i + 1) % ring.length]!;
        if (a[1] === b[1]) continue;
        edges.push(a[1] < b[1] ? [a[0], a[1], b[0], b[1]] : [b[0], b[1], a[0], a[1]]);
        top = Math.min(top, a[1], b[1]);
        bottom = Math.max(bottom, a[1], b[1]);
      }
    }
    if (edges.length === 0) return;
    edges.sort((e, f) => e[1] - f[1]);
    const first = Math.max(0, Math.floor(top));
    const last = Math.min(this.image.height - 1, Math.ceil(bottom));
    let active: [number, number, number, number][] = [];
    let next = 0;
    const crossings: number[] = [];
    for (let y = first; y <= last; y++) {
      const yc = y + 0.5;
      while (next < edges.length && edges[next]![1] <= yc) active.push(edges[next++]!);
      active = active.filter((e) => e[3] > yc);
      crossings.length = 0;
      // Half-open rule: an edge counts when y0 <= yc < y1.
      for (const [x0, y0, x1, y1] of active) if (y0 <= yc) crossings.push(x0 + ((yc - y0) / (y1 - y0)) * (x1 - x0));
      crossings.sort((a, b) => a - b);
      for (let i = 0; i + 1 < crossings.length; i += 2) {
        // Pixels whose centre x + 0.5 lies in [left, right).
        this.span(y, Math.ceil(crossings[i]! - 0.5), Math.ceil(crossings[i + 1]! - 0.5), paint.rgb, paint.opacity, generation);
      }
    }
  }

  /** Strokes polylines `width` pixels wide (a ring is a closed polyline). */
  strokeLines(lines: Pixel[][], paint: Paint, width: number): void {
    if (paint.opacity <= 0 || width <= 0) return;
    const alpha = paint.opacity * Math.min(1, width);
    const half = Math.max(1, width) / 2;
    const generation = this.begin();
    const { width: w, height: h } = this.image;
    for (const line of lines) {
      for (let i = 0; i < line.length; i++) {
        const a = line[i]!;
        const b = line[Math.min(i + 1, line.length - 1)]!;
        const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - half));
        const x1 = Math.min(w - 1, Math.ceil(Math.max(a[0], b[0]) + half));
        const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - half));
        const y1 = Math.min(h - 1, Math.ceil(Math.max(a[1], b[1]) + half));
        for (let y = y0; y <= y1; y++) {
          let start = -1;
          for (let x = x0; x <= x1 + 1; x++) {
            const inside = x <= x1 && segmentDistance([x + 0.5, y + 0.5], a, b) <= half;
            if (inside && start < 0) start = x;
            if (!inside && start >= 0) {
              this.span(y, start, x, paint.rgb, alpha, generation);
              start = -1;
            }
          }
        }
      }
    }
  }

  /** Draws a mark centred on a pixel position, `size` pixels wide. */
  mark(center: Pixel, name: MarkName, size: number, fill: Paint | undefined, stroke: (Paint & { width: number }) | undefined): void {
    const ring = markRing(name, center, size);
    if (fill) this.fillRings([ring], fill);
    if (stroke) this.strokeLines([[...ring, ring[0]!]], stroke, stroke.width);
  }
}

/** Blends an RGB colour with opacity `alpha` over the RGBA pixel at byte `offset` (source over). */
export function blend(data: Uint8Array, offset: number, rgb: [number, number, number], alpha: number): void {
  const below = data[offset + 3]! / 255;
  const out = alpha + below * (1 - alpha);
  if (out <= 0) return;
  for (let c = 0; c < 3; c++) data[offset + c] = Math.round((rgb[c]! * alpha + data[offset + c]! * below * (1 - alpha)) / out);
  data[offset + 3] = Math.round(out * 255);
}

/** Distance from a point to the segment a–b. */
export function segmentDistance(p: Pixel, a: Pixel, b: Pixel): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** The outline of a well-known mark of `size` pixels centred on `c`. */
export function markRing(name: MarkName, c: Pixel, size: number): Pixel[] {
  const r = size / 2;
  const at = (points: [number, number][]): Pixel[] => points.map(([x, y]) => [c[0] + x * r, c[1] + y * r]);
  const polar = (n: number, radius: (i: number) => number, offset = -Math.PI / 2): Pixel[] =>
    Array.from({ length: n }, (_, i) => [c[0] + radius(i) * Math.cos(offset + (2 * Math.PI * i) / n), c[1] + radius(i) * Math.sin(offset + (2 * Math.PI * i) / n)]);
  switch (name) {
    case "circle": return polar(48, () => r);
    case "triangle": return at([[0, -1], [1, 1], [-1, 1]]);
    case "star": return polar(10, (i) => (i % 2 === 0 ? r : r * 0.382));
    case "cross": {
      const t = 0.2;
      return at([[-t, -1], [t, -1], [t, -t], [1, -t], [1, t], [t, t], [t, 1], [-t, 1], [-t, t], [-1, t], [-1, -t], [-t, -t]]);
    }
    case "x": {
      const rotated = markRing("cross", [0, 0], size);
      const [cos, sin] = [Math.SQRT1_2, Math.SQRT1_2];
      return rotated.map(([x, y]) => [c[0] + x * cos - y * sin, c[1] + x * sin + y * cos]);
    }
    default: return at([[-1, -1], [1, -1], [1, 1], [-1, 1]]);
  }
}

/** The centroid of a ring (its first vertex when its area is zero). */
export function ringCentroid(ring: Pixel[]): Pixel {
  let [area, cx, cy] = [0, 0, 0];
  for (let i = 0; i < ring.length; i++) {
    const [a, b] = [ring[i]!, ring[(i + 1) % ring.length]!];
    const cross = a[0] * b[1] - b[0] * a[1];
    [area, cx, cy] = [area + cross, cx + (a[0] + b[0]) * cross, cy + (a[1] + b[1]) * cross];
  }
  return area === 0 ? ring[0] ?? [0, 0] : [cx / (3 * area), cy / (3 * area)];
}

/** Whether a pixel position is inside rings (even-odd). */
export function insideRings(p: Pixel, rings: Pixel[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [a, b] = [ring[i]!, ring[j]!];
      if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
  }
  return inside;
}

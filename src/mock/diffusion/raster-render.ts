// Images drawn from the source images of raster pyramids: each output pixel's centre, in the asked CRS, is
// converted to each source's CRS and takes the nearest source pixel (the sources painted in order, the last
// one on top); no data (GDAL_NODATA, transparent alpha, outside every image or its clip box) is left to the background.
// 8-bit images keep their values; other formats are stretched linearly from their minimum and maximum to 0–255.
// With a ROK4 palette (a style of WMS-Raster), each value of a one-channel image, no-data value included (as ROK4),
// takes the palette's colour, blended over what is below by its alpha.
import { envelopeToWgs84, lambert93ToWgs84, mercatorToWgs84, PM_HALF_SIDE, pmResolution, wgs84ToLambert93, wgs84ToMercator } from "../formats/crs.ts";
import type { RgbaImage } from "./image.ts";
import { blankImage } from "./image.ts";
import type { RasterSource } from "./raster-data.ts";
import { paletteColour } from "../formats/rok4-style.ts";
import type { Rok4Palette } from "../formats/rok4-style.ts";

type Point = [number, number];
type Convert = (x: number, y: number) => Point;

const GEOGRAPHIC = ["EPSG:4326", "CRS:84", "EPSG:4171"];
const same: Convert = (x, y) => [x, y];

/** CRS → WGS 84 longitude, latitude (x east, y north), when the simulation knows the CRS. */
export function toLonLat(srs: string | undefined): Convert | undefined {
  if (GEOGRAPHIC.includes(srs ?? "")) return same;
  if (srs === "EPSG:3857") return mercatorToWgs84;
  if (srs === "EPSG:2154") return lambert93ToWgs84;
  return undefined;
}

/** WGS 84 longitude, latitude → CRS, when the simulation knows the CRS. */
export function fromLonLat(srs: string | undefined): Convert | undefined {
  if (GEOGRAPHIC.includes(srs ?? "")) return same;
  if (srs === "EPSG:3857") return wgs84ToMercator;
  if (srs === "EPSG:2154") return wgs84ToLambert93;
  return undefined;
}

// A source ready to be sampled from one target CRS.
interface Prepared {
  source: RasterSource;
  /** Lon/lat → source coordinates (unused when `direct`: the source's CRS is the target's). */
  convert: Convert;
  direct: boolean;
  /** WGS 84 box of the source, a little enlarged, for a quick rejection. */
  box: [number, number, number, number];
  /** Whether a point in source coordinates is inside the source's clip box (absent: no clip). */
  inClip?: (x: number, y: number) => boolean;
}

// The sources that can be drawn in `srs` (known CRS), bottom first.
function prepare(sources: RasterSource[], srs: string): Prepared[] {
  const prepared: Prepared[] = [];
  for (const source of sources) {
    const convert = fromLonLat(source.srs);
    const { origin: [x, y], pixelSize: [sx, sy], width, height } = source;
    const box = envelopeToWgs84(source.srs, [x, y - height * sy, x + width * sx, y]);
    if (!convert || !box) continue;
    const direct = source.srs === srs || (GEOGRAPHIC.includes(srs) && GEOGRAPHIC.includes(source.srs ?? ""));
    const item: Prepared = { source, convert, direct, box: [box[0] - 0.01, box[1] - 0.01, box[2] + 0.01, box[3] + 0.01] };
    const { clip } = source;
    const back = toLonLat(source.srs);
    if (clip && back) {
      item.box = [Math.max(item.box[0], clip[0]), Math.max(item.box[1], clip[1]), Math.min(item.box[2], clip[2]), Math.min(item.box[3], clip[3])];
      item.inClip = (sx, sy) => {
        const [lon, lat] = back(sx, sy);
        return lon >= clip[0] && lon <= clip[2] && lat >= clip[1] && lat <= clip[3];
      };
    }
    prepared.push(item);
  }
  return prepared;
}

/** Index of the first sample of the source pixel at (x, y) in the source's CRS, or -1 outside the image. */
export function pixelIndex(source: RasterSource, x: number, y: number): number {
  const col = Math.floor((x - source.origin[0]) / source.pixelSize[0]);
  const row = Math.floor((source.origin[1] - y) / source.pixelSize[1]);
  if (!(col >= 0 && row >= 0 && col < source.width && row < source.height)) return -1;
  return (row * source.width + col) * source.channels;
}

// Whether the pixel at `at` is no data (every channel equal to GDAL_NODATA, NaN, or a zero alpha).
function isNodata(source: RasterSource, at: number): boolean {
  const { samples, channels, nodata } = source;
  if (Number.isNaN(samples[at]!)) return true;
  if ((channels === 2 || channels >= 4) && samples[at + (channels === 2 ? 1 : 3)] === 0) return true;
  if (nodata === undefined) return false;
  const colour = channels === 2 || channels >= 4 ? channels - 1 : channels;
  for (let c = 0; c < colour; c++) if (samples[at + c] !== nodata) return false;
  return true;
}

// Writes the RGBA colour of a source pixel into `data` at `out` (8-bit values as they are, others stretched).
function writeColour(source: RasterSource, at: number, data: Uint8Array, out: number): void {
  const { samples, channels } = source;
  const [min, max] = source.range;
  const eight = source.format === "UINT8";
  const k = 255 / (max - min);
  const first = samples[at]!;
  const v0 = eight ? first : Math.max(0, Math.min(255, Math.round((first - min) * k)));
  if (channels <= 2) {
    data[out] = v0;
    data[out + 1] = v0;
    data[out + 2] = v0;
    const alpha = samples[at + 1]!;
    data[out + 3] = channels === 2 ? (eight ? alpha : Math.max(0, Math.min(255, Math.round((alpha - min) * k)))) : 255;
    return;
  }
  data[out] = v0;
  for (let c = 1; c < (channels >= 4 ? 4 : 3); c++) {
    const v = samples[at + c]!;
    data[out + c] = eight ? v : Math.max(0, Math.min(255, Math.round((v - min) * k)));
  }
  if (channels === 3) data[out + 3] = 255;
}

/** The topmost source with data at a point of `srs` (x east, y north), and the index of its pixel. */
export function sourceAt(sources: RasterSource[], srs: string, x: number, y: number): { source: RasterSource; at: number } | undefined {
  const toWgs84 = toLonLat(srs);
  for (const item of prepare(sources, srs).reverse()) {
    const point = item.direct ? [x, y] : toWgs84 ? item.convert(...toWgs84(x, y)) : undefined;
    const at = point && (!item.inClip || item.inClip(point[0]!, point[1]!)) ? pixelIndex(item.source, point[0]!, point[1]!) : -1;
    if (at >= 0 && !isNodata(item.source, at)) return { source: item.source, at };
  }
  return undefined;
}

// Output pixels per side of the cells whose source coordinates are interpolated between exact corners.
const STEP = 16;
// Largest interpolation error accepted, in source pixels (GDAL's default approximation threshold).
const TOLERANCE = 0.125;

// Paints one source over the image: each output pixel takes the source pixel under its centre. Source
// coordinates are computed exactly at the corners of 16 × 16 cells and interpolated inside a cell when its
// centre's exact position is within TOLERANCE of the interpolated one (else every pixel is computed).
// Blends an RGBA colour over the pixel at `out`.
function blend(data: Uint8Array, out: number, [r, g, b, a]: [number, number, number, number]): void {
  const alpha = a / 255;
  const below = (data[out + 3]! / 255) * (1 - alpha);
  const total = alpha + below;
  if (total === 0) return;
  data[out] = Math.round((r * alpha + data[out]! * below) / total);
  data[out + 1] = Math.round((g * alpha + data[out + 1]! * below) / total);
  data[out + 2] = Math.round((b * alpha + data[out + 2]! * below) / total);
  data[out + 3] = Math.round(total * 255);
}

function paint(item: Prepared, toWgs84: Convert, bbox: [number, number, number, number], image: RgbaImage, palette?: Rok4Palette): void {
  const { width, height, data } = image;
  const { source } = item;
  const [minX, minY, maxX, maxY] = bbox;
  const dx = (maxX - minX) / width;
  const dy = (maxY - minY) / height;
  const exact = (i: number, j: number): Point => {
    const x = minX + (i + 0.5) * dx;
    const y = maxY - (j + 0.5) * dy;
    if (item.direct) return [x, y];
    const [lon, lat] = toWgs84(x, y);
    return item.convert(lon, lat);
  };
  const { origin: [ox, oy], pixelSize: [sx, sy], width: sw, height: sh, channels } = source;
  const simple = source.nodata === undefined && (channels === 1 || channels === 3) && source.format === "UINT8";
  const { inClip } = item;
  const put = (i: number, j: number, x: number, y: number): void => {
    if (inClip && !inClip(x, y)) return;
    const col = Math.floor((x - ox) / sx);
    const row = Math.floor((oy - y) / sy);
    if (!(col >= 0 && row >= 0 && col < sw && row < sh)) return;
    const at = (row * sw + col) * channels;
    if (palette && channels === 1) {
      const value = Number(source.samples[at]);
      if (!Number.isNaN(value)) blend(data, (j * width + i) * 4, paletteColour(palette, value));
    } else if (simple || !isNodata(source, at)) writeColour(source, at, data, (j * width + i) * 4);
  };
  const columns = Math.ceil(width / STEP);
  const rows = Math.ceil(height / STEP);
  const nodes: Point[] = [];
  for (let gj = 0; gj <= rows; gj++) for (let gi = 0; gi <= columns; gi++) nodes.push(exact(gi * STEP, gj * STEP));
  for (let gj = 0; gj < rows; gj++) {
    for (let gi = 0; gi < columns; gi++) {
      const [a, b, c, d] = [nodes[gj * (columns + 1) + gi]!, nodes[gj * (columns + 1) + gi + 1]!, nodes[(gj + 1) * (columns + 1) + gi]!, nodes[(gj + 1) * (columns + 1) + gi + 1]!];
      const [i0, j0] = [gi * STEP, gj * STEP];
      const [i1, j1] = [Math.min(i0 + STEP, width), Math.min(j0 + STEP, height)];
      const middle = exact(i0 + STEP / 2, j0 + STEP / 2);
      const error = Math.abs((a[0] + b[0] + c[0] + d[0]) / 4 - middle[0]) / sx + Math.abs((a[1] + b[1] + c[1] + d[1]) / 4 - middle[1]) / sy;
      if (!(error < TOLERANCE)) {
        for (let j = j0; j < j1; j++) {
          for (let i = i0; i < i1; i++) {
            const [x, y] = exact(i, j);
            put(i, j, x, y);
          }
        }
        continue;
      }
      for (let j = j0; j < j1; j++) {
        const v = (j - j0) / STEP;
        const [lx, ly, rx, ry] = [a[0] + (c[0] - a[0]) * v, a[1] + (c[1] - a[1]) * v, b[0] + (d[0] - b[0]) * v, b[1] + (d[1] - b[1]) * v];
        for (let i = i0; i < i1; i++) {
          const u = (i - i0) / STEP;
          put(i, j, lx + (rx - lx) * u, ly + (ry - ly) * u);
        }
      }
    }
  }
}

/** Draws `width` × `height` pixels covering `bbox` [minX, minY, maxX, maxY] of `srs` (x east, y north). */
export function renderBox(sources: RasterSource[], srs: string, bbox: [number, number, number, number], width: number, height: number, background?: [number, number, number, number]): RgbaImage {
  const image = blankImage(width, height, background);
  paintBox(image, sources, srs, bbox);
  return image;
}

/** Paints sources over an image covering `bbox` of `srs`, through a ROK4 palette for one-channel images when given. */
export function paintBox(image: RgbaImage, sources: RasterSource[], srs: string, bbox: [number, number, number, number], palette?: Rok4Palette): void {
  const toWgs84 = toLonLat(srs);
  const area = envelopeToWgs84(srs, bbox);
  if (!toWgs84 || !area) return;
  for (const item of prepare(sources, srs)) {
    // Quick rejection, with a margin for the curved edges of a projected box.
    const { box } = item;
    const margin = Math.max(area[2] - area[0], area[3] - area[1]) * 0.05;
    if (box[0] > area[2] + margin || box[2] < area[0] - margin || box[1] > area[3] + margin || box[3] < area[1] - margin) continue;
    paint(item, toWgs84, bbox, image, palette);
  }
}

/** EPSG:3857 box of the PM tile (z, col, row), rows counted from the top. */
export function pmTileBox(z: number, col: number, row: number): [number, number, number, number] {
  const side = pmResolution(z) * 256;
  return [-PM_HALF_SIDE + col * side, PM_HALF_SIDE - (row + 1) * side, -PM_HALF_SIDE + (col + 1) * side, PM_HALF_SIDE - row * side];
}

/** Draws the 256 × 256 PM tile (z, col, row). */
export function renderPm(sources: RasterSource[], z: number, col: number, row: number, background?: [number, number, number, number]): RgbaImage {
  return renderBox(sources, "EPSG:3857", pmTileBox(z, col, row), 256, 256, background);
}

/** The raw values of the topmost source pixel at a point of `srs`, with the image and the pixel's column and row. */
export function pixelValues(sources: RasterSource[], srs: string, x: number, y: number): { path: string; col: number; row: number; values: number[] } | undefined {
  const found = sourceAt(sources, srs, x, y);
  if (!found) return undefined;
  const { source, at } = found;
  const pixel = at / source.channels;
  return { path: source.path, col: pixel % source.width, row: Math.floor(pixel / source.width), values: Array.from({ length: source.channels }, (_, c) => Number(source.samples[at + c])) };
}

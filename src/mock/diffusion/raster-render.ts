// Images drawn from the source images of raster pyramids: each output pixel's centre, in the asked CRS, is
// converted to each source's CRS and takes the nearest source pixel (the last source on top); no data
// (GDAL_NODATA, transparent alpha or outside every image) is left to the background. 8-bit images keep
// their values; other formats are stretched linearly from their minimum and maximum to 0–255.
import { envelopeToWgs84, lambert93ToWgs84, mercatorToWgs84, PM_HALF_SIDE, pmResolution, wgs84ToLambert93, wgs84ToMercator } from "../formats/crs.ts";
import type { RgbaImage } from "./image.ts";
import { blankImage } from "./image.ts";
import type { RasterSource } from "./raster-data.ts";

type Point = [number, number];
type Convert = (x: number, y: number) => Point;

const GEOGRAPHIC = ["EPSG:4326", "CRS:84", "EPSG:4171", "EPSG:4258"];
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
  /** Target coordinates (or their lon/lat) → source coordinates; `direct` when the CRS is the target's. */
  convert: Convert;
  direct: boolean;
  /** WGS 84 box of the source, a little enlarged, for a quick rejection. */
  box: [number, number, number, number];
}

// The sources that can be drawn in `srs` (known CRS), top first.
function prepare(sources: RasterSource[], srs: string): Prepared[] {
  const prepared: Prepared[] = [];
  for (const source of [...sources].reverse()) {
    const convert = fromLonLat(source.srs);
    const { origin: [x, y], pixelSize: [sx, sy], width, height } = source;
    const box = envelopeToWgs84(source.srs, [x, y - height * sy, x + width * sx, y]);
    if (!convert || !box) continue;
    const direct = source.srs === srs || (GEOGRAPHIC.includes(srs) && GEOGRAPHIC.includes(source.srs ?? ""));
    prepared.push({ source, convert: direct ? same : convert, direct, box: [box[0] - 0.01, box[1] - 0.01, box[2] + 0.01, box[3] + 0.01] });
  }
  return prepared;
}

/** Index of the first sample of the source pixel at (x, y) in the source's CRS, or -1 outside the image. */
export function pixelIndex(source: RasterSource, x: number, y: number): number {
  const col = Math.floor((x - source.origin[0]) / source.pixelSize[0]);
  const row = Math.floor((source.origin[1] - y) / source.pixelSize[1]);
  if (col < 0 || row < 0 || col >= source.width || row >= source.height) return -1;
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

// Writes the RGBA colour of a source pixel into `data` at `out`.
function writeColour(source: RasterSource, at: number, data: Uint8Array, out: number): void {
  const { samples, channels, range: [min, max] } = source;
  const scale = (v: number): number => (source.format === "UINT8" ? v : Math.max(0, Math.min(255, Math.round(((v - min) / (max - min)) * 255))));
  if (channels <= 2) {
    const gray = scale(samples[at]!);
    data[out] = gray;
    data[out + 1] = gray;
    data[out + 2] = gray;
    data[out + 3] = channels === 2 ? scale(samples[at + 1]!) : 255;
    return;
  }
  data[out] = scale(samples[at]!);
  data[out + 1] = scale(samples[at + 1]!);
  data[out + 2] = scale(samples[at + 2]!);
  data[out + 3] = channels >= 4 ? scale(samples[at + 3]!) : 255;
}

/** The topmost source with data at a point of `srs` (x east, y north), and the index of its pixel. */
export function sourceAt(sources: RasterSource[], srs: string, x: number, y: number): { source: RasterSource; at: number } | undefined {
  return findAt(prepare(sources, srs), toLonLat(srs), x, y);
}

// The topmost prepared source with data at (x, y) of the target CRS.
function findAt(prepared: Prepared[], toWgs84: Convert | undefined, x: number, y: number): { source: RasterSource; at: number } | undefined {
  let lonLat: Point | undefined;
  for (const item of prepared) {
    let point: Point;
    if (item.direct) point = [x, y];
    else {
      if (!toWgs84) continue;
      lonLat ??= toWgs84(x, y);
      const [lon, lat] = lonLat;
      if (lon < item.box[0] || lon > item.box[2] || lat < item.box[1] || lat > item.box[3]) continue;
      point = item.convert(lon, lat);
    }
    const at = pixelIndex(item.source, point[0], point[1]);
    if (at >= 0 && !isNodata(item.source, at)) return { source: item.source, at };
  }
  return undefined;
}

/** Draws `width` × `height` pixels covering `bbox` [minX, minY, maxX, maxY] of `srs` (x east, y north). */
export function renderBox(sources: RasterSource[], srs: string, bbox: [number, number, number, number], width: number, height: number, background?: [number, number, number, number]): RgbaImage {
  const image = blankImage(width, height, background);
  const prepared = prepare(sources, srs);
  const toWgs84 = toLonLat(srs);
  if (prepared.length === 0) return image;
  const [minX, minY, maxX, maxY] = bbox;
  const dx = (maxX - minX) / width;
  const dy = (maxY - minY) / height;
  for (let j = 0; j < height; j++) {
    const y = maxY - (j + 0.5) * dy;
    for (let i = 0; i < width; i++) {
      const found = findAt(prepared, toWgs84, minX + (i + 0.5) * dx, y);
      if (found) writeColour(found.source, found.at, image.data, (j * width + i) * 4);
    }
  }
  return image;
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

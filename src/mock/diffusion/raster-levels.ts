// Upper levels of raster pyramids computed on a grid in the images' own CRS (LAMB93_50cm for Lambert-93 images):
// as ROK4 builds them, each pixel of level z is the mean of the pixels below it, here the source pixels whose
// centres fall in that cell of the TMS grid, no-data pixels left out (the `mask` of the calcul) and a cell without
// any valid pixel left as no data. The bottom level (and any level of a PM pyramid, whose images are in another
// CRS) is the source image itself. Computed once per image and level (small cache).
import type { Store } from "../core/store.ts";
import type { StoredDataRecord } from "../resources/stored-data/records.ts";
import { tileMatrixSet } from "../resources/common/tms.ts";
import type { TileMatrixSet } from "../resources/common/tms.ts";
import { rasterSources } from "./raster-data.ts";
import type { RasterSource } from "./raster-data.ts";

const cache = new Map<string, RasterSource>();
const CACHE_ENTRIES = 32;

// Whether the pixel starting at sample `at` holds data (not NaN, not GDAL_NODATA on every colour channel, alpha not 0).
function valid(source: RasterSource, at: number): boolean {
  const { samples, channels, nodata } = source;
  if (Number.isNaN(Number(samples[at]))) return false;
  const alpha = channels === 2 || channels >= 4;
  if (alpha && samples[at + channels - 1] === 0) return false;
  if (nodata === undefined) return true;
  for (let c = 0; c < (alpha ? channels - 1 : channels); c++) if (samples[at + c] !== nodata) return true;
  return false;
}

/** The image of `source` at level z of a pyramid whose bottom level is `bottom` on `tms` (the source itself when no averaging applies). */
export function levelImage(source: RasterSource, tms: TileMatrixSet, z: number, bottom: number): RasterSource {
  if (tms.id === "PM" || z >= bottom || source.srs !== tms.epsg || !tms.levels[z]) return source;
  const key = `${source.key}|${tms.id}|${z}`;
  const known = cache.get(key);
  if (known) return known;
  const cell = tms.levels[z]!.resolution;
  const { origin: [ox, oy], pixelSize: [sx, sy], width, height, channels, samples } = source;
  const x0 = Math.floor((ox - tms.origin[0]) / cell) * cell + tms.origin[0];
  const y0 = tms.origin[1] - Math.floor((tms.origin[1] - oy) / cell) * cell;
  const columns = Math.ceil((ox + width * sx - x0) / cell);
  const rows = Math.ceil((y0 - (oy - height * sy)) / cell);
  const sums = new Float64Array(columns * rows * channels);
  const counts = new Uint32Array(columns * rows);
  for (let row = 0; row < height; row++) {
    const r = Math.floor((y0 - (oy - (row + 0.5) * sy)) / cell);
    for (let col = 0; col < width; col++) {
      const at = (row * width + col) * channels;
      if (!valid(source, at)) continue;
      const cellIndex = r * columns + Math.floor((ox + (col + 0.5) * sx - x0) / cell);
      counts[cellIndex]!++;
      for (let c = 0; c < channels; c++) sums[cellIndex * channels + c]! += Number(samples[at + c]);
    }
  }
  const out = source.format === "UINT8" ? new Uint8Array(sums.length) : source.format === "UINT16" ? new Uint16Array(sums.length) : new Float32Array(sums.length);
  const empty = source.nodata ?? Number.NaN;
  for (let i = 0; i < counts.length; i++) {
    for (let c = 0; c < channels; c++) {
      const mean = counts[i]! > 0 ? sums[i * channels + c]! / counts[i]! : empty;
      out[i * channels + c] = out instanceof Float32Array ? mean : Math.round(mean);
    }
  }
  const image: RasterSource = { ...source, key, width: columns, height: rows, samples: out, origin: [x0, y0], pixelSize: [cell, cell] };
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, image);
  return image;
}

/** The decoded images of pyramids (bottom first) as they are at level z: averaged above each pyramid's bottom level. */
export async function levelSourcesOf(store: Store, pyramids: StoredDataRecord[], z: number): Promise<RasterSource[]> {
  const perPyramid = await Promise.all(pyramids.map(async (pyramid) => {
    const tms = tileMatrixSet(pyramid.type_infos.tms);
    const levels = (Array.isArray(pyramid.type_infos.levels) ? pyramid.type_infos.levels : []).map(Number).filter(Number.isFinite);
    const bottom = levels.length > 0 ? Math.max(...levels) : z;
    return (await rasterSources(store, [pyramid], z)).map((source) => levelImage(source, tms, z, bottom));
  }));
  return perPyramid.flat();
}

// The source images of raster pyramids, decoded from the GeoTIFF bytes the datastore kept (geotiff, loaded
// on first use, decoding in the calling thread: no worker pool), with their georeferencing (GeoKeys,
// ModelTiepoint/ModelPixelScale or ModelTransformation, else the world file) and CRS, for the raster services.
// Decoded images are kept in a small cache keyed by blob key (a blob's bytes never change).
import type { Store } from "../core/store.ts";
import type { StoredDataRecord } from "../resources/stored-data/records.ts";
import { readWorldFile } from "../formats/tiff.ts";

/** One decoded source image. */
export interface RasterSource {
  /** Blob key of the image. */
  key: string;
  /** Path of the image in its upload. */
  path: string;
  width: number;
  height: number;
  /** Samples per pixel after decoding (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA). */
  channels: number;
  /** Interleaved samples, rows from the top. */
  samples: ArrayLike<number>;
  /** Channel format: UINT8, UINT16, FLOAT32 (others are read as numbers too). */
  format: string;
  /** CRS of the coordinates (EPSG:xxxx), when known. */
  srs?: string;
  /** Top-left corner of the image, in its CRS. */
  origin: [number, number];
  /** Pixel width and height (both positive), in CRS units. */
  pixelSize: [number, number];
  /** GDAL_NODATA value, when the image has one. */
  nodata?: number;
  /** Values mapped linearly to 0–255 (0–255 itself for UINT8). */
  range: [number, number];
  /** WGS 84 box [west, south, east, north] outside which the image is not drawn (a harvested image's slabs). */
  clip?: [number, number, number, number];
}

const IMAGE = /\.tiff?$/i;
const WORLD_FILE = /\.tfw$/i;
const stem = (path: string): string => path.replace(/\.[^./]*$/, "").toLowerCase();
/** Images larger than this are not decoded (the services draw them as no data). */
export const MAX_DECODED_BYTES = 96 * 1024 * 1024;
const CACHE_BYTES = 192 * 1024 * 1024;
const cache = new Map<string, { size: number; source: Promise<RasterSource | undefined> }>();

// Remembers a decoded image, forgetting the least recently used ones past the cache budget.
function remember(key: string, size: number, source: Promise<RasterSource | undefined>): void {
  cache.delete(key);
  cache.set(key, { size, source });
  let total = [...cache.values()].reduce((sum, entry) => sum + entry.size, 0);
  for (const [oldKey, entry] of cache) {
    if (total <= CACHE_BYTES || oldKey === key) break;
    cache.delete(oldKey);
    total -= entry.size;
  }
}

// Bytes of a typed array of each channel format.
const bytesOf = (format: string): number => (format === "UINT8" ? 1 : format === "UINT16" ? 2 : 4);

// EPSG code of the GeoKeys (projected, else geographic), unless user-defined.
function geoKeysSrs(keys: Record<string, unknown> | null): string | undefined {
  const code = keys?.ProjectedCSTypeGeoKey ?? keys?.GeographicTypeGeoKey;
  return typeof code === "number" && code > 0 && code < 32767 ? `EPSG:${code}` : undefined;
}

// Minimum and maximum of the samples that are not no data (for the linear stretch of non-8-bit images).
function rangeOf(samples: ArrayLike<number>, nodata: number | undefined): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    if (!Number.isFinite(v) || v === nodata) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max === min ? min + 1 : max] : [0, 1];
}

/** Decodes a GeoTIFF (with an optional world file's text): its pixels and georeferencing, or undefined when it has none. */
export async function decodeGeoTiff(key: string, path: string, bytes: Uint8Array, world: string | undefined, fallbackSrs: string | undefined): Promise<RasterSource | undefined> {
  const { fromArrayBuffer } = await import("geotiff");
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const image = await tiff.getImage();
  const keys = image.getGeoKeys() as Record<string, unknown> | null;
  let origin: [number, number];
  let pixelSize: [number, number];
  try {
    const [x, y] = image.getOrigin();
    const [sx, sy] = image.getResolution();
    origin = [x!, y!];
    pixelSize = [Math.abs(sx!), Math.abs(sy!)];
    // PixelIsPoint: the tie point is the centre of the top-left pixel (GDAL reads it so too).
    if (keys?.GTRasterTypeGeoKey === 2) origin = [origin[0] - pixelSize[0] / 2, origin[1] + pixelSize[1] / 2];
  } catch {
    if (world === undefined) return undefined;
    ({ origin, pixelSize } = readWorldFile(world));
  }
  const photometric = Number(image.getFileDirectory().getValue("PhotometricInterpretation"));
  const bits = image.getBitsPerSample();
  const sampleFormat = image.getSampleFormat();
  let format = sampleFormat === 3 ? `FLOAT${bits}` : `${sampleFormat === 2 ? "INT" : "UINT"}${bits}`;
  let samples: ArrayLike<number>;
  let channels: number;
  // Palette, CMYK, YCbCr and CIELab images are turned into RGB.
  if ([3, 5, 6, 8].includes(photometric)) {
    samples = (await image.readRGB({ interleave: true })) as unknown as ArrayLike<number>;
    channels = 3;
    format = "UINT8";
  } else {
    samples = (await image.readRasters({ interleave: true })) as unknown as ArrayLike<number>;
    channels = image.getSamplesPerPixel();
  }
  const nodata = image.getGDALNoData() ?? undefined;
  const source: RasterSource = {
    key, path, width: image.getWidth(), height: image.getHeight(), channels, samples, format, origin, pixelSize,
    range: format === "UINT8" ? [0, 255] : rangeOf(samples, nodata),
  };
  const srs = geoKeysSrs(keys) ?? fallbackSrs;
  if (srs) source.srs = srs;
  if (nodata !== undefined) source.nodata = nodata;
  return source;
}

// One kept image and its world file (the entry right after it with the same stem), as the pyramid lists them.
function imageEntries(storedData: StoredDataRecord): { image: StoredDataRecord["files"][number]; world?: StoredDataRecord["files"][number] }[] {
  return storedData.files.flatMap((file, index) => {
    if (!IMAGE.test(file.path) || !file.blob) return [];
    const next = storedData.files[index + 1];
    return [next && WORLD_FILE.test(next.path) && stem(next.path) === stem(file.path) ? { image: file, world: next } : { image: file }];
  });
}

// The decoded image of one entry (cached), undefined when its bytes are gone, too large or unreadable.
async function loadEntry(store: Store, entry: ReturnType<typeof imageEntries>[number]): Promise<RasterSource | undefined> {
  const key = entry.image.blob!;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached.source;
  }
  if (entry.image.size > MAX_DECODED_BYTES) return undefined;
  const decoded = (async () => {
    const bytes = await store.blobs.read(key);
    if (!bytes) return undefined;
    const worldBytes = entry.world?.blob ? await store.blobs.read(entry.world.blob) : undefined;
    const world = worldBytes ? new TextDecoder().decode(worldBytes) : undefined;
    return decodeGeoTiff(key, entry.image.path, bytes, world, entry.image.srs);
  })().catch(() => undefined);
  remember(key, entry.image.size, decoded);
  const source = await decoded;
  if (!source) cache.delete(key);
  else remember(key, source.width * source.height * source.channels * bytesOf(source.format), decoded);
  return source;
}

/** The decoded source images of raster pyramids, bottom first (images that cannot be read are left out); with a
 * level `z`, only the images drawn at that level (a harvested image is drawn at the levels its harvest level serves). */
export async function rasterSources(store: Store, pyramids: StoredDataRecord[], z?: number): Promise<RasterSource[]> {
  const entries = pyramids.flatMap(imageEntries).filter(({ image }) => z === undefined || !image.levels || (z >= image.levels[0] && z <= image.levels[1]));
  const sources = await Promise.all(entries.map(async (entry) => {
    const source = await loadEntry(store, entry);
    return source && entry.image.clip ? { ...source, clip: entry.image.clip } : source;
  }));
  return sources.filter((source): source is RasterSource => source !== undefined);
}

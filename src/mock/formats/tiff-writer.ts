// Writes an uncompressed GeoTIFF (little-endian, strips, 8-bit samples or one 32-bit float channel) with
// ModelPixelScale, ModelTiepoint, a GeoKeyDirectory naming a projected (or geographic) EPSG code and an
// optional GDAL_NODATA. Used by the sample generator and the tests.
import { ByteWriter } from "./binary.ts";
import { TAG } from "./tiff.ts";

/** What to write. */
export interface GeoTiffSpec {
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB) samples per pixel, 8 bits each; `pixels` has width × height × samples bytes. */
  samples: 1 | 3;
  /** 8-bit samples, or one FLOAT32 channel (then `samples` is 1). */
  pixels: Uint8Array | Float32Array;
  /** GDAL_NODATA tag (text, e.g. "-99999"). */
  nodata?: string;
  /** Georeferencing: top-left corner and pixel size in CRS units; omitted → a plain TIFF. */
  origin?: [number, number];
  pixelSize?: [number, number];
  epsg?: number;
  /** Whether the EPSG code is geographic (GeographicTypeGeoKey) rather than projected. */
  geographic?: boolean;
  rowsPerStrip?: number;
}

type Entry = { tag: number; type: 2 | 3 | 4 | 12; values: number[] };

/** The bytes of the GeoTIFF. */
export function writeGeoTiff(spec: GeoTiffSpec): Uint8Array {
  const rows = spec.rowsPerStrip ?? 32;
  const stripCount = Math.ceil(spec.height / rows);
  const float = spec.pixels instanceof Float32Array;
  if (float && spec.samples !== 1) throw new Error("FLOAT32 images have one channel");
  const bytesPerSample = float ? 4 : 1;
  const rowBytes = spec.width * spec.samples * bytesPerSample;
  const counts = Array.from({ length: stripCount }, (_, i) => Math.min(rows, spec.height - i * rows) * rowBytes);
  const entries: Entry[] = [
    { tag: TAG.width, type: 4, values: [spec.width] },
    { tag: TAG.height, type: 4, values: [spec.height] },
    { tag: TAG.bitsPerSample, type: 3, values: Array(spec.samples).fill(bytesPerSample * 8) },
    { tag: TAG.compression, type: 3, values: [1] },
    { tag: TAG.photometric, type: 3, values: [spec.samples === 3 ? 2 : 1] },
    { tag: TAG.stripOffsets, type: 4, values: Array(stripCount).fill(0) },
    { tag: TAG.samplesPerPixel, type: 3, values: [spec.samples] },
    { tag: TAG.rowsPerStrip, type: 4, values: [rows] },
    { tag: TAG.stripByteCounts, type: 4, values: counts },
    { tag: TAG.planarConfiguration, type: 3, values: [1] },
    { tag: TAG.sampleFormat, type: 3, values: Array(spec.samples).fill(float ? 3 : 1) },
  ];
  // ASCII values are stored as their character codes followed by a NUL.
  if (spec.nodata !== undefined) entries.push({ tag: TAG.gdalNodata, type: 2, values: [...spec.nodata].map((c) => c.charCodeAt(0)).concat(0) });
  if (spec.origin && spec.pixelSize) {
    entries.push({ tag: TAG.pixelScale, type: 12, values: [spec.pixelSize[0], spec.pixelSize[1], 0] });
    entries.push({ tag: TAG.tiepoint, type: 12, values: [0, 0, 0, spec.origin[0], spec.origin[1], 0] });
  }
  if (spec.epsg !== undefined) {
    // GTModelType (1 projected / 2 geographic), GTRasterType PixelIsArea, the CRS key, linear/angular units.
    const keys = spec.geographic
      ? [[1024, 0, 1, 2], [1025, 0, 1, 1], [2048, 0, 1, spec.epsg], [2054, 0, 1, 9102]]
      : [[1024, 0, 1, 1], [1025, 0, 1, 1], [3072, 0, 1, spec.epsg], [3076, 0, 1, 9001]];
    entries.push({ tag: TAG.geoKeys, type: 3, values: [1, 1, 0, keys.length, ...keys.flat()] });
  }
  entries.sort((a, b) => a.tag - b.tag);
  const size = { 2: 1, 3: 2, 4: 4, 12: 8 } as const;
  const ifdSize = 2 + entries.length * 12 + 4;
  // Layout: header (8), IFD, out-of-line values, then strips.
  let cursor = 8 + ifdSize;
  const outOfLine = new Map<Entry, number>();
  for (const entry of entries) {
    const bytes = entry.values.length * size[entry.type];
    if (bytes > 4) {
      cursor += cursor % 2;
      outOfLine.set(entry, cursor);
      cursor += bytes;
    }
  }
  const stripOffsets = counts.map((_, i) => cursor + counts.slice(0, i).reduce((a, b) => a + b, 0));
  entries.find((entry) => entry.tag === TAG.stripOffsets)!.values = stripOffsets;
  const out = new ByteWriter(true);
  out.u8(0x49).u8(0x49).u16(42).u32(8).u16(entries.length);
  const put = (w: ByteWriter, entry: Entry): void => {
    for (const value of entry.values) {
      if (entry.type === 2) w.u8(value);
      else if (entry.type === 3) w.u16(value);
      else if (entry.type === 4) w.u32(value);
      else w.f64(value);
    }
  };
  for (const entry of entries) {
    out.u16(entry.tag).u16(entry.type).u32(entry.values.length);
    const at = outOfLine.get(entry);
    if (at !== undefined) out.u32(at);
    else {
      const inline = new ByteWriter(true);
      put(inline, entry);
      out.bytes(inline.toBytes());
      for (let i = inline.length; i < 4; i++) out.u8(0);
    }
  }
  out.u32(0);
  for (const entry of entries) {
    const at = outOfLine.get(entry);
    if (at === undefined) continue;
    while (out.length < at) out.u8(0);
    put(out, entry);
  }
  while (out.length < stripOffsets[0]!) out.u8(0);
  const count = spec.width * spec.height * spec.samples;
  if (spec.pixels instanceof Float32Array) {
    const raw = new DataView(new ArrayBuffer(count * 4));
    for (let i = 0; i < count; i++) raw.setFloat32(i * 4, spec.pixels[i]!, true);
    out.bytes(new Uint8Array(raw.buffer));
  } else out.bytes(spec.pixels.subarray(0, count));
  return out.toBytes();
}

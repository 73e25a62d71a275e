// Writes small polygon shapefiles (.shp, .shx, .dbf, and the .cpg naming the encoding) for the sample
// generator and the tests: one Polygon record per feature, dBase III fields C (text) and N (numbers).
import type { Envelope } from "./wkb.ts";
import { mergeEnvelopes } from "./wkb.ts";

/** A dBase field to write. */
export interface WriterField {
  name: string;
  type: "C" | "N";
  length: number;
  decimals?: number;
}

/** What to write: fields, features (rings of [x, y], exterior first, clockwise as the format wants), encoding. */
export interface ShapefileSpec {
  fields: WriterField[];
  features: { rings: [number, number][][]; values: (string | number | null)[] }[];
  encoding: "UTF-8" | "ISO-8859-1";
}

// Text → bytes in the chosen encoding (ISO-8859-1: characters outside Latin-1 become "?").
function encode(text: string, encoding: ShapefileSpec["encoding"]): Uint8Array {
  if (encoding === "UTF-8") return new TextEncoder().encode(text);
  return Uint8Array.from(text, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f));
}

// The 100-byte header of .shp and .shx.
function header(view: DataView, byteLength: number, envelope: Envelope): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, byteLength / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, 5, true);
  envelope.forEach((value, i) => view.setFloat64(36 + 8 * i, value, true));
}

/** The .shp and .shx of Polygon features. */
export function writePolygons(features: ShapefileSpec["features"]): { shp: Uint8Array; shx: Uint8Array } {
  const sizes = features.map(({ rings }) => 44 + 4 * rings.length + 16 * rings.reduce((sum, ring) => sum + ring.length, 0));
  const shp = new Uint8Array(100 + sizes.reduce((sum, size) => sum + 8 + size, 0));
  const shx = new Uint8Array(100 + 8 * features.length);
  const view = new DataView(shp.buffer);
  const index = new DataView(shx.buffer);
  let total: Envelope | undefined;
  let offset = 100;
  features.forEach(({ rings }, i) => {
    const points = rings.flat();
    let box: Envelope | undefined;
    for (const [x, y] of points) box = mergeEnvelopes(box, [x, y, x, y]);
    total = mergeEnvelopes(total, box ?? [0, 0, 0, 0]);
    index.setInt32(100 + 8 * i, offset / 2, false);
    index.setInt32(104 + 8 * i, sizes[i]! / 2, false);
    view.setInt32(offset, i + 1, false);
    view.setInt32(offset + 4, sizes[i]! / 2, false);
    view.setInt32(offset + 8, 5, true);
    (box ?? [0, 0, 0, 0]).forEach((value, k) => view.setFloat64(offset + 12 + 8 * k, value, true));
    view.setInt32(offset + 44, rings.length, true);
    view.setInt32(offset + 48, points.length, true);
    let at = offset + 52;
    let start = 0;
    for (const ring of rings) {
      view.setInt32(at, start, true);
      at += 4;
      start += ring.length;
    }
    for (const [x, y] of points) {
      view.setFloat64(at, x, true);
      view.setFloat64(at + 8, y, true);
      at += 16;
    }
    offset += 8 + sizes[i]!;
  });
  header(view, shp.length, total ?? [0, 0, 0, 0]);
  header(index, shx.length, total ?? [0, 0, 0, 0]);
  return { shp, shx };
}

/** The .dbf of the features' values (dBase III, dated 2024-09-16, language driver 0x57 for ISO-8859-1). */
export function writeDbf(spec: ShapefileSpec): Uint8Array {
  const { fields, features, encoding } = spec;
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const bytes = new Uint8Array(headerLength + recordLength * features.length + 1);
  const view = new DataView(bytes.buffer);
  bytes.set([0x03, 124, 9, 16]);
  view.setUint32(4, features.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = encoding === "ISO-8859-1" ? 0x57 : 0;
  fields.forEach((field, i) => {
    const at = 32 + 32 * i;
    bytes.set(encode(field.name, encoding).subarray(0, 10), at);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = field.length;
    bytes[at + 17] = field.decimals ?? 0;
  });
  bytes[headerLength - 1] = 0x0d;
  bytes.fill(0x20, headerLength, bytes.length - 1);
  features.forEach(({ values }, record) => {
    let at = headerLength + record * recordLength + 1;
    fields.forEach((field, i) => {
      const value = values[i];
      const text = value === null || value === undefined ? "" : typeof value === "number" ? value.toFixed(field.decimals ?? 0) : value;
      const encoded = encode(text, encoding).subarray(0, field.length);
      bytes.set(encoded, field.type === "N" ? at + field.length - encoded.length : at);
      at += field.length;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

/** Every file of a polygon shapefile but the .prj: .shp, .shx, .dbf and .cpg. */
export function writeShapefile(spec: ShapefileSpec): { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array; cpg: string } {
  return { ...writePolygons(spec.features), dbf: writeDbf(spec), cpg: spec.encoding === "UTF-8" ? "UTF-8" : "ISO-8859-1" };
}

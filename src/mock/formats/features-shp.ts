// Every feature of a shapefile: the shapes of the .shp as GeoJSON (Polygon → MultiPolygon, PolyLine →
// MultiLineString, Point, MultiPoint, as the integration types them) and the .dbf records decoded with the
// shapefile's encoding, keyed by the decoded field names (as the layer's columns are).
import { ByteReader } from "./binary.ts";
import { decodeRaw, readDbf } from "./dbase.ts";
import { FormatError } from "./errors.ts";
import type { GeoJsonGeometry, SourceFeature } from "./geometry.ts";
import { readShp } from "./shapefile.ts";

// Signed area of a ring (positive when counter-clockwise).
const signedArea = (ring: number[][]): number => ring.reduce((sum, [x1, y1], i) => {
  const [x2, y2] = ring[(i + 1) % ring.length]!;
  return sum + x1! * y2! - x2! * y1!;
}, 0) / 2;

// The geometry of one record's content (type and shape at `at`, `size` bytes), null for a Null shape.
function shape(le: ByteReader, at: number): GeoJsonGeometry | null {
  const raw = le.i32(at);
  if (raw === 0) return null;
  if (raw === 31) throw new FormatError("forme MultiPatch non prise en charge");
  const type = raw % 10; // 1 point, 3 polyline, 5 polygon, 8 multipoint (Z and M variants share the 2D layout)
  if (type === 1) return { type: "Point", coordinates: [le.f64(at + 4), le.f64(at + 12)] };
  if (type === 8) {
    const count = le.i32(at + 36);
    return { type: "MultiPoint", coordinates: Array.from({ length: count }, (_, i) => [le.f64(at + 40 + 16 * i), le.f64(at + 48 + 16 * i)]) };
  }
  if (type !== 3 && type !== 5) throw new FormatError(`type de forme ${raw} non pris en charge`);
  const parts = le.i32(at + 36);
  const points = le.i32(at + 40);
  if (parts < 0 || points < 0) throw new FormatError("forme aux nombres de parties ou de points négatifs");
  const starts = Array.from({ length: parts }, (_, i) => le.i32(at + 44 + 4 * i));
  const base = at + 44 + 4 * parts;
  const lines = starts.map((start, i) => {
    const end = i + 1 < parts ? starts[i + 1]! : points;
    return Array.from({ length: Math.max(0, end - start) }, (_, k) => [le.f64(base + 16 * (start + k)), le.f64(base + 16 * (start + k) + 8)]);
  });
  if (type === 3) return { type: "MultiLineString", coordinates: lines };
  // Outer rings are clockwise, holes counter-clockwise: each hole joins the polygon before it.
  const polygons: number[][][][] = [];
  for (const ring of lines) {
    if (signedArea(ring) <= 0 || polygons.length === 0) polygons.push([ring]);
    else polygons.at(-1)!.push(ring);
  }
  return { type: "MultiPolygon", coordinates: polygons };
}

/** The shapes of a .shp file, in record order. */
export function shpGeometries(bytes: Uint8Array): (GeoJsonGeometry | null)[] {
  readShp(bytes); // validates the header and that every record fits
  const be = new ByteReader(bytes, false);
  const le = new ByteReader(bytes, true);
  const length = be.i32(24) * 2;
  const out: (GeoJsonGeometry | null)[] = [];
  for (let offset = 100; offset < length; offset += 8 + be.i32(offset + 4) * 2) {
    try {
      out.push(shape(le, offset + 8));
    } catch {
      out.push(null); // a shape that cannot be read: the record stays, without geometry
    }
  }
  return out;
}

/** The records of a .dbf file, values by decoded field name: text trimmed, numbers, booleans, dates YYYY-MM-DD. */
export function dbfRecords(bytes: Uint8Array, encoding: string): Record<string, unknown>[] {
  const { fields, records } = readDbf(bytes);
  const le = new ByteReader(bytes, true);
  const headerLength = le.u16(8);
  const recordLength = le.u16(10);
  const names = fields.map((field) => decodeRaw(field.rawName, encoding));
  const latin1 = (raw: Uint8Array): string => String.fromCharCode(...raw);
  const out: Record<string, unknown>[] = [];
  for (let record = 0; record < records; record++) {
    let at = headerLength + record * recordLength + 1;
    const row: Record<string, unknown> = {};
    fields.forEach((field, i) => {
      const raw = bytes.subarray(at, at + field.length);
      at += field.length;
      const text = (field.type === "C" || field.type === "M" ? decodeRaw(latin1(raw), encoding) : latin1(raw)).replace(/[\s\u0000]+$/, "").replace(/^[\s\u0000]+/, "");
      let value: unknown = text === "" ? null : text;
      if ((field.type === "I" || field.type === "+") && raw.length >= 4) value = new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true);
      else if (text !== "" && ["N", "F", "O", "B", "Y"].includes(field.type)) {
        const n = Number(text);
        value = Number.isFinite(n) ? n : null; // "*****" (overflow) and other garbage read as null
      } else if (field.type === "L") value = /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
      else if (field.type === "D") value = /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : null;
      row[names[i]!] = value;
    });
    out.push(row);
  }
  return out;
}

/** The features of a shapefile from its .shp and .dbf bytes (records paired in order). */
export function shapefileFeatures(shp: Uint8Array, dbf: Uint8Array | undefined, encoding: string): SourceFeature[] {
  const geometries = shpGeometries(shp);
  const rows = dbf ? dbfRecords(dbf, encoding) : [];
  return geometries.map((geometry, i) => ({ properties: rows[i] ?? {}, geometry }));
}

// Well-Known Binary geometries and the GeoPackage geometry blob (a "GP" header + WKB): writing simple
// geometries for the samples, reading what a check needs (type, envelope) from any blob, and whole geometries
// as GeoJSON for the diffusion services.
import { ByteReader, ByteWriter } from "./binary.ts";
import { FormatError } from "./errors.ts";
import type { GeoJsonGeometry } from "./geometry.ts";

/** A geometry in GeoJSON form (the types the samples use). */
export type Geometry =
  | { type: "Point"; coordinates: [number, number] }
  | { type: "Polygon"; coordinates: [number, number][][] }
  | { type: "MultiPolygon"; coordinates: [number, number][][][] };

/** An envelope [minX, minY, maxX, maxY]. */
export type Envelope = [number, number, number, number];

const TYPE_NAMES = ["GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"];

/** Smallest envelope containing both (either may be undefined). */
export function mergeEnvelopes(a: Envelope | undefined, b: Envelope | undefined): Envelope | undefined {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Envelope of a list of positions. */
export function envelopeOf(points: readonly (readonly number[])[]): Envelope | undefined {
  let out: Envelope | undefined;
  for (const [x, y] of points) if (Number.isFinite(x) && Number.isFinite(y)) out = mergeEnvelopes(out, [x!, y!, x!, y!]);
  return out;
}

// Every position of a geometry.
function positions(geometry: Geometry): [number, number][] {
  if (geometry.type === "Point") return [geometry.coordinates];
  if (geometry.type === "Polygon") return geometry.coordinates.flat();
  return geometry.coordinates.flat(2);
}

function writeWkb(out: ByteWriter, geometry: Geometry): void {
  const ring = (points: [number, number][]): void => {
    out.u32(points.length);
    for (const [x, y] of points) out.f64(x).f64(y);
  };
  const polygon = (rings: [number, number][][]): void => {
    out.u8(1).u32(3).u32(rings.length);
    rings.forEach(ring);
  };
  if (geometry.type === "Point") out.u8(1).u32(1).f64(geometry.coordinates[0]).f64(geometry.coordinates[1]);
  else if (geometry.type === "Polygon") polygon(geometry.coordinates);
  else {
    out.u8(1).u32(6).u32(geometry.coordinates.length);
    geometry.coordinates.forEach(polygon);
  }
}

/** A GeoPackage geometry blob: "GP", version 0, little-endian, XY envelope (none for points), srs id, WKB. */
export function gpkgGeometry(srsId: number, geometry: Geometry): Uint8Array {
  const out = new ByteWriter(true);
  const point = geometry.type === "Point";
  out.u8(0x47).u8(0x50).u8(0).u8(point ? 0x01 : 0x03).i32(srsId);
  if (!point) {
    const [minX, minY, maxX, maxY] = envelopeOf(positions(geometry))!;
    out.f64(minX).f64(maxX).f64(minY).f64(maxY);
  }
  writeWkb(out, geometry);
  return out.toBytes();
}

/** What a reader learns from a GeoPackage geometry blob. */
export interface BlobInfo {
  srsId: number;
  type: string;
  empty: boolean;
  envelope?: Envelope;
}

// Walks a WKB geometry (ISO and EWKB flavours, Z/M dimensions), extending the envelope; returns the end offset.
function walkWkb(reader: ByteReader, at: number, depth: number, extend: (x: number, y: number) => void): { end: number; type: number } {
  if (depth > 8) throw new FormatError("géométrie WKB trop imbriquée");
  reader.little = reader.u8(at) === 1;
  const raw = reader.u32(at + 1);
  let offset = at + 5;
  const ewkbZ = (raw & 0x80000000) !== 0;
  const ewkbM = (raw & 0x40000000) !== 0;
  if ((raw & 0x20000000) !== 0) offset += 4; // EWKB SRID
  const iso = raw & 0x0fffffff;
  const base = iso % 1000;
  const dims = 2 + (ewkbZ || [1, 3].includes(Math.floor(iso / 1000)) ? 1 : 0) + (ewkbM || [2, 3].includes(Math.floor(iso / 1000)) ? 1 : 0);
  const points = (count: number): void => {
    if (count < 0 || offset + count * dims * 8 > reader.length) throw new FormatError("géométrie WKB tronquée");
    for (let i = 0; i < count; i++, offset += dims * 8) extend(reader.f64(offset), reader.f64(offset + 8));
  };
  const count = (): number => {
    const n = reader.u32(offset);
    offset += 4;
    return n;
  };
  if (base === 1) points(1);
  else if (base === 2) points(count());
  else if (base === 3) for (let rings = count(), i = 0; i < rings; i++) points(count());
  else if (base >= 4 && base <= 7) {
    for (let parts = count(), i = 0; i < parts; i++) {
      const little = reader.little;
      offset = walkWkb(reader, offset, depth + 1, extend).end;
      reader.little = little;
    }
  } else throw new FormatError(`type de géométrie WKB inconnu (${raw})`);
  return { end: offset, type: base };
}

/** The header of a GeoPackage geometry blob: srs id, empty flag, envelope of the header, where the WKB starts. */
export function gpkgHeader(blob: Uint8Array): { srsId: number; empty: boolean; envelope?: Envelope; wkbAt: number } {
  const reader = new ByteReader(blob, true);
  if (reader.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new FormatError("géométrie qui n'est pas au format GeoPackage (en-tête « GP » absent)");
  const flags = reader.u8(3);
  reader.little = (flags & 1) === 1;
  const envelopeKind = (flags >> 1) & 7;
  const envelopeSize = [0, 32, 48, 48, 64][envelopeKind];
  if (envelopeSize === undefined) throw new FormatError(`indicateur d'enveloppe GeoPackage invalide (${envelopeKind})`);
  const header: { srsId: number; empty: boolean; envelope?: Envelope; wkbAt: number } = { srsId: reader.i32(4), empty: (flags & 0x10) !== 0, wkbAt: 8 + envelopeSize };
  if (envelopeSize > 0) header.envelope = [reader.f64(8), reader.f64(24), reader.f64(16), reader.f64(32)];
  return header;
}

/** Reads the header of a GeoPackage geometry blob and its envelope (from the header, else from the WKB). */
export function readGpkgGeometry(blob: Uint8Array): BlobInfo {
  const { srsId, empty, envelope, wkbAt } = gpkgHeader(blob);
  let computed: Envelope | undefined;
  const { type } = walkWkb(new ByteReader(blob, true), wkbAt, 0, (x, y) => {
    if (!Number.isNaN(x) && !Number.isNaN(y)) computed = mergeEnvelopes(computed, [x, y, x, y]);
  });
  return { srsId, type: TYPE_NAMES[type] ?? "GEOMETRY", empty, envelope: envelope && envelope.every(Number.isFinite) ? envelope : computed };
}

// Reads one WKB geometry as nested positions: returns its base type, coordinates and end offset.
function parseWkb(reader: ByteReader, at: number, depth: number): { type: number; coordinates: unknown; end: number } {
  if (depth > 8) throw new FormatError("géométrie WKB trop imbriquée");
  reader.little = reader.u8(at) === 1;
  const raw = reader.u32(at + 1);
  let offset = at + 5 + ((raw & 0x20000000) !== 0 ? 4 : 0);
  const iso = raw & 0x0fffffff;
  const base = iso % 1000;
  const dims = 2 + ((raw & 0x80000000) !== 0 || [1, 3].includes(Math.floor(iso / 1000)) ? 1 : 0) + ((raw & 0x40000000) !== 0 || [2, 3].includes(Math.floor(iso / 1000)) ? 1 : 0);
  const count = (): number => {
    const n = reader.u32(offset);
    offset += 4;
    return n;
  };
  const points = (n: number): number[][] => {
    if (offset + n * dims * 8 > reader.length) throw new FormatError("géométrie WKB tronquée");
    const out: number[][] = [];
    for (let i = 0; i < n; i++, offset += dims * 8) out.push([reader.f64(offset), reader.f64(offset + 8)]);
    return out;
  };
  let coordinates: unknown;
  if (base === 1) coordinates = points(1)[0];
  else if (base === 2) coordinates = points(count());
  else if (base === 3) coordinates = Array.from({ length: count() }, () => points(count()));
  else if (base >= 4 && base <= 6) {
    const parts: unknown[] = [];
    for (let n = count(), i = 0; i < n; i++) {
      const little = reader.little;
      const part = parseWkb(reader, offset, depth + 1);
      reader.little = little;
      offset = part.end;
      parts.push(part.coordinates);
    }
    coordinates = parts;
  } else throw new FormatError(`type de géométrie WKB non pris en charge (${raw})`);
  return { type: base, coordinates, end: offset };
}

const GEOJSON_TYPES = ["", "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"] as const;

/** The GeoJSON geometry of a GeoPackage blob (null when empty or an empty point). */
export function gpkgGeoJson(blob: Uint8Array): GeoJsonGeometry | null {
  const { empty, wkbAt } = gpkgHeader(blob);
  if (empty) return null;
  const { type, coordinates } = parseWkb(new ByteReader(blob, true), wkbAt, 0);
  if (type === 1 && (coordinates as number[]).some(Number.isNaN)) return null;
  return { type: GEOJSON_TYPES[type], coordinates } as GeoJsonGeometry;
}

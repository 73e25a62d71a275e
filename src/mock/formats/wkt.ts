// Well-Known Text geometries (POINT, LINESTRING, POLYGON and their MULTI forms, Z/M/ZM, EMPTY, an optional
// SRID=…; prefix) read as GeoJSON, for the CSV files whose geometry is a WKT column.
import { FormatError } from "./errors.ts";
import type { GeoJsonGeometry } from "./geometry.ts";

const NAMES: Record<string, [GeoJsonGeometry["type"], number]> = {
  POINT: ["Point", 0], LINESTRING: ["LineString", 1], POLYGON: ["Polygon", 2],
  MULTIPOINT: ["MultiPoint", 1], MULTILINESTRING: ["MultiLineString", 2], MULTIPOLYGON: ["MultiPolygon", 3],
};

/** Parses a WKT geometry; null for an empty text or an EMPTY geometry; anything malformed is a FormatError. */
export function parseWkt(text: string): GeoJsonGeometry | null {
  const source = text.trim().replace(/^SRID=\d+;/i, "");
  if (source === "") return null;
  const head = /^([A-Za-z]+)\s*(ZM|Z|M)?\s*/.exec(source);
  const entry = head ? NAMES[head[1]!.toUpperCase()] : undefined;
  if (!head || !entry) throw new FormatError(`« ${source.slice(0, 30)} » n'est pas une géométrie WKT prise en charge`);
  const [type, depth] = entry;
  let at = head[0].length;
  if (/^EMPTY\s*$/i.test(source.slice(at))) return null;
  const fail = (): never => {
    throw new FormatError(`géométrie WKT mal formée près de la position ${at + 1} : « ${source.slice(0, 40)} »`);
  };
  const skip = (): void => {
    while (at < source.length && /\s/.test(source[at]!)) at++;
  };
  const expect = (c: string): void => {
    skip();
    if (source[at] !== c) fail();
    at++;
    skip();
  };
  const position = (): number[] => {
    skip();
    const match = /^[-+0-9.eE\s]+/.exec(source.slice(at));
    const numbers = match ? match[0].trim().split(/\s+/).map(Number) : [];
    if (numbers.length < 2 || numbers.some((n) => !Number.isFinite(n))) fail();
    at += match![0].length;
    return numbers.slice(0, 2);
  };
  // A parenthesised list of items of `level` (0 = positions); MULTIPOINT positions may be parenthesised.
  const items = (level: number): unknown[] => {
    expect("(");
    const out: unknown[] = [];
    for (;;) {
      skip();
      if (level === 0 && type === "MultiPoint" && source[at] === "(") {
        expect("(");
        out.push(position());
        expect(")");
      } else out.push(level === 0 ? position() : items(level - 1));
      skip();
      if (source[at] === ",") {
        at++;
        continue;
      }
      expect(")");
      return out;
    }
  };
  const coordinates = depth === 0 ? (items(0)[0] as number[]) : items(depth - 1);
  if (source.slice(at).trim() !== "") fail();
  return { type, coordinates } as GeoJsonGeometry;
}

// The .csvt beside a CSV file of a VECTOR upload (GDAL's convention, which the platform's integration follows): one
// line of column types, in the CSV's column order, e.g. `"Integer","String","Real(10.2)","WKT"`. Each type is read
// as the PostgreSQL type ogr2ogr gives the column; the width and precision in parentheses are accepted and not kept.
import { FormatError } from "./errors.ts";
import { parseCsv, utf8Text } from "./text-vector.ts";

// GDAL's type names (case-insensitive; a subtype in parentheses), and the column type each one gives in the base.
const TYPES: Record<string, string> = {
  integer: "integer",
  "integer(boolean)": "boolean",
  "integer(int16)": "smallint",
  integer64: "bigint",
  real: "double precision",
  "real(float32)": "real",
  string: "character varying",
  date: "date",
  time: "time without time zone",
  datetime: "timestamp with time zone",
  json: "json",
  wkt: "geometry",
  coordx: "double precision",
  coordy: "double precision",
  "point(x)": "double precision",
  "point(y)": "double precision",
};

/** The type names a .csvt may use, for error messages. */
export const CSVT_TYPES = ["Integer", "Integer(Boolean)", "Integer(Int16)", "Integer64", "Real", "Real(Float32)", "String", "Date", "Time", "DateTime", "JSON", "WKT", "CoordX", "CoordY", "Point(X)", "Point(Y)"];

/** One column type of a .csvt: the name as written and the PostgreSQL type it gives ("geometry" for WKT). */
export interface CsvtType {
  written: string;
  type: string;
}

// A type as written, without a width or precision: `Real(10.2)` → `real`, `String(25)` → `string`.
function typeKey(written: string): string {
  const lower = written.trim().toLowerCase().replace(/\s+/g, "");
  return TYPES[lower] !== undefined ? lower : lower.replace(/\(\d+(\.\d+)?\)$/, "");
}

/** Reads a .csvt: its single line of types, separated by commas (or semicolons), quoted or not. */
export function readCsvt(bytes: Uint8Array): CsvtType[] {
  const text = utf8Text(bytes, "le fichier CSVT");
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length === 0) throw new FormatError("ligne des types absente");
  if (lines.length > 1) throw new FormatError(`un fichier CSVT tient sur une ligne (${lines.length} lignes)`);
  const line = lines[0]!;
  const separator = line.split(";").length > line.split(",").length ? ";" : ",";
  const row = parseCsv(line, separator)[0] ?? [];
  return row.map((written, index) => {
    const type = TYPES[typeKey(written)];
    if (type === undefined) throw new FormatError(`type « ${written.trim()} » inconnu pour la colonne ${index + 1} (types acceptés : ${CSVT_TYPES.join(", ")})`);
    return { written: written.trim(), type };
  });
}

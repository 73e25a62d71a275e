// PostgreSQL column types as the simulation names them, and the conversion of a value to a column's type.
import type { SqlValue } from "./ast.ts";

const ALIASES: Record<string, string> = {
  int: "integer", int4: "integer", integer: "integer", int8: "bigint", bigint: "bigint", int2: "smallint", smallint: "smallint",
  serial: "integer", serial4: "integer", bigserial: "bigint", serial8: "bigint", smallserial: "smallint",
  float8: "double precision", "double precision": "double precision", float: "double precision", float4: "real", real: "real",
  numeric: "numeric", decimal: "numeric", bool: "boolean", boolean: "boolean", text: "text", varchar: "character varying",
  "character varying": "character varying", char: "character", character: "character", date: "date",
  timestamp: "timestamp without time zone", "timestamp without time zone": "timestamp without time zone",
  timestamptz: "timestamp with time zone", "timestamp with time zone": "timestamp with time zone", geometry: "geometry", uuid: "uuid",
};

const GEOMETRY_KINDS: Record<string, string> = {
  geometry: "Geometry", point: "Point", multipoint: "MultiPoint", linestring: "LineString", multilinestring: "MultiLineString",
  polygon: "Polygon", multipolygon: "MultiPolygon", geometrycollection: "GeometryCollection",
};

/** The PostgreSQL name of a type as written (`varchar(50)` → `character varying(50)`, `serial` → `integer`), or undefined when unknown. */
export function normaliseType(base: string, modifiers: string[]): { type: string; serial: boolean } | undefined {
  const name = ALIASES[base];
  if (!name) return undefined;
  const serial = base.includes("serial");
  if (modifiers.length === 0 || serial) return { type: name, serial };
  if (name === "geometry") {
    const [kind, srid] = modifiers;
    const pretty = GEOMETRY_KINDS[kind?.toLowerCase() ?? "geometry"] ?? kind!;
    return { type: `geometry(${pretty}${srid ? `,${srid}` : ""})`, serial };
  }
  return { type: `${name}(${modifiers.join(",")})`, serial };
}

/** Whether a type holds numbers. */
export const isNumeric = (type: string): boolean => /^(integer|bigint|smallint|double precision|real|numeric)/.test(type);
/** Whether a type holds whole numbers. */
export const isInteger = (type: string): boolean => /^(integer|bigint|smallint)/.test(type);
/** Whether a type is a geometry. */
export const isGeometry = (type: string): boolean => type.startsWith("geometry");

/** The value converted to a column type (PostgreSQL's assignment cast); throws a French message when it cannot be. */
export function coerce(value: SqlValue, type: string): SqlValue {
  if (value === null) return null;
  if (isGeometry(type)) {
    if (typeof value === "object") return value;
    throw new Error(`la valeur ${JSON.stringify(value)} n'est pas une géométrie (colonne de type ${type})`);
  }
  if (typeof value === "object") throw new Error(`une géométrie ne peut pas être rangée dans une colonne de type ${type}`);
  if (isNumeric(type)) {
    const n = typeof value === "number" ? value : typeof value === "boolean" ? Number(value) : Number(value.trim());
    if (typeof value === "string" && value.trim() === "" || !Number.isFinite(n)) throw new Error(`syntaxe invalide pour le type ${type} : ${JSON.stringify(value)}`);
    return isInteger(type) ? Math.round(n) : n;
  }
  if (type === "boolean") {
    if (typeof value === "boolean") return value;
    const text = String(value).trim().toLowerCase();
    if (["t", "true", "1", "y", "yes", "on"].includes(text)) return true;
    if (["f", "false", "0", "n", "no", "off"].includes(text)) return false;
    throw new Error(`syntaxe invalide pour le type boolean : ${JSON.stringify(value)}`);
  }
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : String(value);
  const length = /^character(?: varying)?\((\d+)\)$/.exec(type)?.[1];
  if (length && [...text].length > Number(length)) throw new Error(`valeur trop longue pour le type ${type} : ${JSON.stringify(text.slice(0, 40))}`);
  return text;
}

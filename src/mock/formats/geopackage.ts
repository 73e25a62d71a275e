// GeoPackage analysis on top of the SQLite reader: layers of gpkg_contents, their columns (from the CREATE
// TABLE statement), geometry column and type (gpkg_geometry_columns), srs (gpkg_spatial_ref_sys), number of
// features and extent (envelopes of the geometry blobs, else gpkg_contents' bounds); the table descriptions
// are shared with the feature reader (features-gpkg.ts).
import { FormatError } from "./errors.ts";
import type { SqlValue } from "./sqlite.ts";
import { SqliteFile } from "./sqlite.ts";
import type { ColumnInfo, VectorLayerInfo } from "./types.ts";
import type { Envelope } from "./wkb.ts";
import { mergeEnvelopes, readGpkgGeometry } from "./wkb.ts";

/** A column of a CREATE TABLE statement. */
export interface SqlColumn {
  name: string;
  declaredType: string;
  primaryKey: boolean;
}

const CONSTRAINTS = /^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\b/i;

// Splits at top-level commas (outside parentheses and quotes).
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'" || c === "`" || c === "[") quote = c === "[" ? "]" : c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** The columns of a CREATE TABLE statement (names unquoted, declared types upper-cased). */
export function parseCreateTable(sql: string): SqlColumn[] {
  const open = sql.indexOf("(");
  const close = sql.lastIndexOf(")");
  if (open < 0 || close < open) throw new FormatError("instruction CREATE TABLE illisible");
  const columns: SqlColumn[] = [];
  for (const definition of splitTopLevel(sql.slice(open + 1, close))) {
    if (CONSTRAINTS.test(definition)) continue;
    const match = /^("(?:[^"]|"")*"|\[[^\]]*\]|`[^`]*`|'[^']*'|[^\s(]+)\s*(.*)$/s.exec(definition);
    if (!match) continue;
    const rawName = match[1]!;
    const name = /^["[`']/.test(rawName) ? rawName.slice(1, -1).replaceAll('""', '"') : rawName;
    const rest = match[2]!;
    const typeMatch = /^([A-Za-z_][A-Za-z0-9_]*(?:\s*\([^)]*\))?)/.exec(rest);
    const declaredType = typeMatch && !/^(NOT|NULL|PRIMARY|UNIQUE|DEFAULT|CHECK|REFERENCES|COLLATE|CONSTRAINT|GENERATED)$/i.test(typeMatch[1]!) ? typeMatch[1]!.toUpperCase() : "";
    columns.push({ name, declaredType, primaryKey: /\bPRIMARY\s+KEY\b/i.test(rest) });
  }
  return columns;
}

/** PostgreSQL type of a GeoPackage column type, as an integration into PostgreSQL gives it. */
export function postgresType(declared: string): string {
  const type = declared.replace(/\s*\(.*$/, "");
  if (type === "BOOLEAN") return "boolean";
  if (["TINYINT", "SMALLINT", "MEDIUMINT", "INT"].includes(type)) return "integer";
  if (type === "INTEGER") return "bigint";
  if (["FLOAT", "DOUBLE", "REAL"].includes(type)) return "double precision";
  if (type === "BLOB") return "bytea";
  if (type === "DATE") return "date";
  if (type === "DATETIME") return "timestamp with time zone";
  return "character varying";
}

const text = (value: SqlValue | undefined): string | undefined => (typeof value === "string" ? value : undefined);
const num = (value: SqlValue | undefined): number | undefined => (typeof value === "number" ? value : undefined);

// Rows of a table as objects keyed by lower-cased column names.
function records(db: SqliteFile, table: string): Record<string, SqlValue>[] {
  const entry = db.table(table);
  if (!entry || !entry.sql) throw new FormatError(`ce n'est pas un GeoPackage : table ${table} absente`);
  const names = parseCreateTable(entry.sql).map((column) => column.name.toLowerCase());
  return db.rows(entry.rootpage).map(({ rowid, values }) => {
    const record: Record<string, SqlValue> = {};
    names.forEach((name, i) => (record[name] = values[i] ?? null));
    for (const [i, column] of parseCreateTable(entry.sql!).entries()) {
      if (column.primaryKey && column.declaredType === "INTEGER" && record[names[i]!] === null) record[names[i]!] = rowid;
    }
    return record;
  });
}

// Byte size of a value as stored.
const valueBytes = (value: SqlValue): number => (value === null ? 0 : typeof value === "number" ? 8 : typeof value === "string" ? value.length : value.length);

/** A data table of a GeoPackage as gpkg_contents and its CREATE TABLE describe it. */
export interface GpkgTable {
  name: string;
  dataType: "features" | "attributes";
  entry: { rootpage: number };
  columns: SqlColumn[];
  geometry?: { column: string; type: string };
  /** Index of the geometry column (-1 when none). */
  geometryIndex: number;
  /** Index of the INTEGER PRIMARY KEY column (-1 when none). */
  keyIndex: number;
  srs?: string;
  /** gpkg_contents' bounds. */
  bounds: (number | undefined)[];
}

/** The data tables of a GeoPackage (features and attributes of gpkg_contents), in its order. */
export function geopackageTables(db: SqliteFile): GpkgTable[] {
  const srs = new Map<number, string>();
  for (const row of records(db, "gpkg_spatial_ref_sys")) {
    const id = num(row.srs_id);
    const organization = text(row.organization);
    const code = num(row.organization_coordsys_id);
    if (id !== undefined && id > 0 && organization && code !== undefined && code > 0) srs.set(id, `${organization.toUpperCase()}:${code}`);
  }
  const geometryColumns = new Map<string, { column: string; type: string; srsId?: number }>();
  if (db.table("gpkg_geometry_columns")) {
    for (const row of records(db, "gpkg_geometry_columns")) {
      const table = text(row.table_name);
      if (table) geometryColumns.set(table.toLowerCase(), { column: text(row.column_name) ?? "geom", type: (text(row.geometry_type_name) ?? "GEOMETRY").toUpperCase(), srsId: num(row.srs_id) });
    }
  }
  const tables: GpkgTable[] = [];
  for (const content of records(db, "gpkg_contents")) {
    const name = text(content.table_name);
    const dataType = text(content.data_type);
    if (!name || (dataType !== "features" && dataType !== "attributes")) continue;
    const entry = db.table(name);
    if (!entry || !entry.sql) throw new FormatError(`la table « ${name} » déclarée dans gpkg_contents est absente du fichier`);
    const columns = parseCreateTable(entry.sql);
    const geometry = geometryColumns.get(name.toLowerCase());
    const geometryIndex = geometry ? columns.findIndex((column) => column.name.toLowerCase() === geometry.column.toLowerCase()) : -1;
    if (geometry && geometryIndex < 0) throw new FormatError(`la colonne géométrique « ${geometry.column} » de la table « ${name} » est absente`);
    const srsId = geometry?.srsId ?? num(content.srs_id);
    const table: GpkgTable = {
      name, dataType, entry, columns, geometryIndex, keyIndex: columns.findIndex((column) => column.primaryKey && column.declaredType === "INTEGER"),
      bounds: [content.min_x, content.min_y, content.max_x, content.max_y].map(num),
    };
    if (geometry) table.geometry = { column: geometry.column, type: geometry.type };
    if (srsId !== undefined && srs.has(srsId)) table.srs = srs.get(srsId)!;
    tables.push(table);
  }
  return tables;
}

/** Reads the layers of a GeoPackage file. */
export function readGeoPackage(bytes: Uint8Array): VectorLayerInfo[] {
  const db = new SqliteFile(bytes);
  const layers: VectorLayerInfo[] = [];
  for (const { name, dataType, entry, columns, geometry, geometryIndex, keyIndex, srs, bounds } of geopackageTables(db)) {
    const attributes: ColumnInfo[] = columns.filter((_, i) => i !== geometryIndex && i !== keyIndex).map((column) => ({ name: column.name, type: postgresType(column.declaredType) }));
    let extent: Envelope | undefined;
    let geometryBytes = 0;
    let attributeBytes = 0;
    const rows = db.rows(entry.rootpage);
    for (const { values } of rows) {
      values.forEach((value, i) => {
        if (i === geometryIndex) {
          if (!(value instanceof Uint8Array)) return;
          geometryBytes += value.length;
          extent = mergeEnvelopes(extent, readGpkgGeometry(value).envelope);
        } else if (i !== keyIndex) attributeBytes += valueBytes(value);
      });
    }
    if (!extent && bounds.every((v) => v !== undefined)) extent = bounds as Envelope;
    const layer: VectorLayerInfo = { name, columns: attributes, features: rows.length, geometryBytes, attributeBytes };
    if (geometry) layer.geometry = geometry;
    if (srs) layer.srs = srs;
    if (extent) layer.extent = extent;
    if (dataType === "attributes") layer.attributesOnly = true;
    layers.push(layer);
  }
  if (layers.length === 0) throw new FormatError("le GeoPackage ne contient aucune table de données (gpkg_contents vide)");
  return layers;
}

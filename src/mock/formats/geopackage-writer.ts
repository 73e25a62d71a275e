// Writes a small GeoPackage 1.2 (application_id "GPKG", user_version 10200) with the mandatory tables
// (gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns) and feature tables whose geometries are
// GeoPackage blobs. Used by the sample generator and the tests.
import type { SqlValue } from "./sqlite.ts";
import type { WriterTable } from "./sqlite-writer.ts";
import { writeSqlite } from "./sqlite-writer.ts";
import type { Geometry } from "./wkb.ts";
import { envelopeOf, gpkgGeometry, mergeEnvelopes } from "./wkb.ts";

/** A feature table to write. */
export interface GpkgTable {
  name: string;
  description?: string;
  geometryColumn: string;
  geometryType: "POINT" | "POLYGON" | "MULTIPOLYGON";
  srsId: number;
  /** Attribute columns with their SQLite declared types (TEXT, INTEGER, DOUBLE…). */
  columns: { name: string; type: string }[];
  features: { geometry: Geometry; properties: SqlValue[] }[];
}

/** A spatial reference system row. */
export interface GpkgSrs {
  name: string;
  id: number;
  organization: string;
  code: number;
  definition: string;
  description?: string;
}

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

/** The three rows every GeoPackage has (-1, 0 and EPSG:4326). */
export const DEFAULT_SRS: GpkgSrs[] = [
  { name: "Undefined cartesian SRS", id: -1, organization: "NONE", code: -1, definition: "undefined", description: "undefined cartesian coordinate reference system" },
  { name: "Undefined geographic SRS", id: 0, organization: "NONE", code: 0, definition: "undefined", description: "undefined geographic coordinate reference system" },
  { name: "WGS 84 geodetic", id: 4326, organization: "EPSG", code: 4326, definition: WGS84_WKT, description: "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid" },
];

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const SRS_SQL =
  "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL, " +
  "organization_coordsys_id INTEGER NOT NULL, definition  TEXT NOT NULL, description TEXT)";
const CONTENTS_SQL =
  "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', " +
  "last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, " +
  "CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))";
const GEOMETRY_COLUMNS_SQL =
  "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, " +
  "z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), " +
  "CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))";

// Envelope of a geometry's positions.
function envelope(geometry: Geometry): [number, number, number, number] | undefined {
  if (geometry.type === "Point") return envelopeOf([geometry.coordinates]);
  return envelopeOf(geometry.type === "Polygon" ? geometry.coordinates.flat() : geometry.coordinates.flat(2));
}

/** The bytes of a GeoPackage holding the tables; `lastChange` is written in gpkg_contents (deterministic output). */
export function writeGeoPackage(tables: GpkgTable[], options: { lastChange: string; srs?: GpkgSrs[] }): Uint8Array {
  const srs = options.srs ?? DEFAULT_SRS;
  const contents: WriterTable = {
    name: "gpkg_contents", sql: CONTENTS_SQL, rows: [],
    indexes: [{ name: "sqlite_autoindex_gpkg_contents_1", columns: [0] }, { name: "sqlite_autoindex_gpkg_contents_2", columns: [2] }],
  };
  const geometryColumns: WriterTable = {
    name: "gpkg_geometry_columns", sql: GEOMETRY_COLUMNS_SQL, rows: [],
    indexes: [{ name: "sqlite_autoindex_gpkg_geometry_columns_1", columns: [0, 1] }, { name: "sqlite_autoindex_gpkg_geometry_columns_2", columns: [0] }],
  };
  const features: WriterTable[] = tables.map((table, index) => {
    let bounds: [number, number, number, number] | undefined;
    for (const feature of table.features) bounds = mergeEnvelopes(bounds, envelope(feature.geometry));
    const [minX, minY, maxX, maxY] = bounds ?? [null, null, null, null];
    contents.rows.push({ rowid: index + 1, values: [table.name, "features", table.name, table.description ?? "", options.lastChange, minX, minY, maxX, maxY, table.srsId] });
    geometryColumns.rows.push({ rowid: index + 1, values: [table.name, table.geometryColumn, table.geometryType, table.srsId, 0, 0] });
    const columns = table.columns.map((column) => `${quote(column.name)} ${column.type}`).join(", ");
    return {
      name: table.name,
      sql: `CREATE TABLE ${quote(table.name)} (fid INTEGER PRIMARY KEY NOT NULL, ${quote(table.geometryColumn)} ${table.geometryType}, ${columns})`,
      rows: table.features.map((feature, i) => ({ rowid: i + 1, values: [null, gpkgGeometry(table.srsId, feature.geometry), ...feature.properties] })),
    };
  });
  const srsTable: WriterTable = {
    name: "gpkg_spatial_ref_sys", sql: SRS_SQL,
    rows: srs.map((row) => ({ rowid: row.id, values: [row.name, null, row.organization, row.code, row.definition, row.description ?? null] })),
  };
  return writeSqlite([srsTable, contents, geometryColumns, ...features], { applicationId: 0x47504b47, userVersion: 10200 });
}

// What the readers extract from received files: small JSON summaries stored in the simulated state instead
// of the bytes (which never are).
import type { CsvtType } from "./csvt.ts";

/** An attribute column: source name and PostgreSQL type it becomes once integrated. */
export interface ColumnInfo {
  name: string;
  type: string;
}

/** A vector layer (GeoPackage table, CSV file, GeoJSON collection). */
export interface VectorLayerInfo {
  /** Name in the source (table name, or file name without extension). */
  name: string;
  /** Attribute columns, without the feature id and the geometry. */
  columns: ColumnInfo[];
  /** Geometry column and type (e.g. MULTIPOLYGON, POINT); absent for a table without geometry. */
  geometry?: { column: string; type: string };
  /** Coordinate reference system declared by the file, as EPSG:<code>. */
  srs?: string;
  /** Number of features (rows). */
  features: number;
  /** [minX, minY, maxX, maxY] in the layer's srs, when known. */
  extent?: [number, number, number, number];
  /** Bytes of geometry data (used to estimate the size in database). */
  geometryBytes: number;
  /** Bytes of attribute data. */
  attributeBytes: number;
  /** True for a GeoPackage "attributes" table (no geometry by design). */
  attributesOnly?: boolean;
  /** A CSV file's: the position of its WKT column among the file's columns (its .csvt lists the types in that order). */
  wktPosition?: number;
}

/** A raster image (GeoTIFF) or its world file. */
export interface RasterInfo {
  width: number;
  height: number;
  samplesPerPixel: number;
  bitsPerSample: number;
  /** UINT, INT or FLOAT (TIFF SampleFormat). */
  sampleFormat: string;
  /** NONE, LZW, DEFLATE, JPEG, PACKBITS… */
  compression: string;
  /** RGB, MINISBLACK, PALETTE… */
  photometric: string;
  /** Pixel size [x, y] in CRS units (y positive), when georeferenced in the file. */
  pixelSize?: [number, number];
  /** Top-left corner [x, y] in CRS units, when georeferenced in the file. */
  origin?: [number, number];
  /** EPSG code from the GeoKeys, when present. */
  epsg?: number;
  /** GDAL_NODATA tag, when present. */
  nodata?: string;
}

/** A dBase field: raw name (bytes as Latin-1 characters, decoded once the encoding is known), type letter, sizes. */
export interface DbfField {
  rawName: string;
  type: string;
  length: number;
  decimals: number;
}

/** What one file of a shapefile tells on its own (the layer combines the files of the same stem). */
export type ShapefilePart =
  | { ext: "shp"; shapeType: number; features: number; extent?: [number, number, number, number]; geometryBytes: number }
  | { ext: "shx"; records: number }
  | { ext: "dbf"; fields: DbfField[]; records: number; attributeBytes: number; ldid: number; nonAscii: boolean; utf8: boolean }
  | { ext: "prj"; name: string; srs?: string }
  | { ext: "cpg"; label: string; encoding?: string };

/** The analysis of one received file. */
export type FileAnalysis =
  | { kind: "shapefile"; part: ShapefilePart }
  | { kind: "vector"; format: "GPKG" | "CSV" | "GEOJSON"; layers: VectorLayerInfo[] }
  | { kind: "raster"; format: "GEOTIFF"; raster: RasterInfo }
  | { kind: "worldfile"; pixelSize: [number, number]; origin: [number, number] }
  | { kind: "sql"; text: string }
  | { kind: "changes"; columns: string[]; rows: string[][] }
  /** The .csvt of a CSV file of a VECTOR upload: the types of its columns, in order. */
  | { kind: "csvt"; types: CsvtType[] }
  /** A file of an INDEX upload (.csv rows, or the .csvt column types as its only row), `;`-separated. */
  | { kind: "table"; columns: string[]; rows: string[][] }
  | { kind: "error"; format: string; message: string };

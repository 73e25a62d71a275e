// Stored data records (données stockées): types, statuses and what the simulation knows of their content.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import { BASE_GUARD, baseDefaults, OBJECT_GUARD } from "../common/records.ts";
import type { BaseRecord } from "../common/records.ts";
import type { JsonObject } from "../../core/json.ts";
import type { JournalEntry } from "../executions/vector-journal.ts";

/** Stored data statuses. */
export type StoredDataStatus = "CREATED" | "GENERATING" | "MODIFYING" | "GENERATED" | "DELETED" | "UNSTABLE";

/** Stored data types. */
export const STORED_DATA_TYPES = [
  "ROK4-PYRAMID-RASTER", "ROK4-PYRAMID-VECTOR", "VECTOR-DB", "ARCHIVE", "GRAPH-DB", "GRAPH-OSRM", "GRAPH-VALHALLA",
  "INDEX", "PYRAMID-3D-COPC", "PYRAMID-3D-EPT",
] as const;
/** One of STORED_DATA_TYPES. */
export type StoredDataType = (typeof STORED_DATA_TYPES)[number];

/** Where a table of a VECTOR-DB was read from, to read its features back from the kept bytes. */
export interface RelationSource {
  /** Path of the file in its upload (a shapefile's .shp). */
  path: string;
  /** GPKG, CSV, GEOJSON or SHAPEFILE. */
  format: "GPKG" | "CSV" | "GEOJSON" | "SHAPEFILE";
  /** Layer name in the file (GeoPackage table, file name without extension). */
  layer: string;
  /** Blob keys of the files to read (among the stored data's `files`): the file, or a shapefile's .shp then .dbf. */
  blobs: string[];
  /** Srs of the coordinates in the file (the layer's, else the upload's). */
  srs?: string;
  /** A shapefile's attribute encoding. */
  encoding?: string;
  /** Source column → integrated column and its PostgreSQL type, in table order (without ogc_fid and geom). */
  columns: { source: string; name: string; type: string }[];
}

/** What the simulation keeps about a stored data beyond its API fields (never shown as such). */
export interface StoredDataDetails {
  /** WGS 84 bounding box [west, south, east, north]. */
  bbox?: [number, number, number, number];
  /** VECTOR-DB: geometry type, number of features, bounding box and source of each relation. */
  relations?: { name: string; geometry_type?: string; features: number; bbox?: [number, number, number, number]; source?: RelationSource }[];
  /** ROK4-PYRAMID-VECTOR: the tiled tables, their levels and attributes (and, since the tiles are served, their relation's source). */
  layers?: { table: string; top: number; bottom: number; attributes: string[]; layer?: string; filter?: string; geometry_type?: string; features?: number; source?: RelationSource }[];
  /** VECTOR-DB: the steps applied since SQL got involved (structure, injections, deletions, derivations), replayed to read its tables. */
  journal?: JournalEntry[];
  /** Tile format of a pyramid (image/jpeg, image/png, application/x-protobuf). */
  format?: string;
  /** Stored data this one references (a pyramid built on earlier pyramids' slabs): GET …/dependencies `use`. */
  uses?: string[];
  /** ROK4-PYRAMID-RASTER harvested from the WMS-Vecteur: what it drew, earlier harvests first. */
  harvestedVector?: VectorCapture[];
}

/** What a WMS harvest captured of a WMS-Vecteur (executions/harvest-vector.ts): the drawn relations, topmost first
 * (a copy of each one's VECTOR-DB record, the table name, the SLD style's name and blob), and the slabs' box. */
export interface VectorCapture {
  relations: { storedData: StoredDataRecord; name: string; style: { name: string; blob?: string } }[];
  clip?: [number, number, number, number];
}

/** A stored data (donnée stockée). */
export interface StoredDataRecord extends BaseRecord {
  name: string;
  description?: string;
  type: StoredDataType;
  status: StoredDataStatus;
  srs?: string;
  storage: string;
  size: number;
  open: boolean;
  tags: Record<string, string>;
  type_infos: JsonObject;
  edition?: JsonObject;
  extent?: JsonObject;
  extra?: JsonObject;
  public_activity?: boolean;
  /** Files of an ARCHIVE (path, size and MD5 when known), merged by update executions; the source images (and
   * world files) of a ROK4-PYRAMID-RASTER, with the CRS of each image as received (`srs`), earlier ones first; a harvested image is only drawn
   * inside its `clip` box (WGS 84 west, south, east, north: the slabs the harvest covered) and, with `levels` [top, bottom],
   * only at those levels (those a harvest level serves). */
  files: { path: string; size: number; md5?: string; blob?: string; srs?: string; clip?: [number, number, number, number]; levels?: [number, number] }[];
  details?: StoredDataDetails;
  /** INDEX: the indexed documents (one per CSV row, values as delivered) and the type of each field. */
  index?: { fields: Record<string, string>; documents: Record<string, string>[] };
}

/** The stored data. */
const GUARD = z.looseObject({
  ...BASE_GUARD, name: z.string(), type: z.string(), status: z.string(), storage: z.string(), size: z.number(), open: z.boolean(),
  tags: OBJECT_GUARD, type_infos: OBJECT_GUARD, files: z.array(z.looseObject({ path: z.string(), size: z.number() })),
});

/** The stored data. */
export const STORED_DATA = collection<StoredDataRecord>("stored-data", {
  blobs: (item) => item.files.flatMap((file) => (file.blob ? [file.blob] : [])),
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<StoredDataRecord>, (record) => ({ ...baseDefaults(record), open: false, files: [], size: 0 })),
  // A stored data counts in its storage's use until it is deleted.
  measure: (item) => (item.status === "DELETED" ? undefined : { group: item.storage, size: item.size }),
  // Deleted stored data stay readable but leave the lists (unless a status is asked for).
  hidden: (item) => item.status === "DELETED",
});

// Stored data records (données stockées): types, statuses and what the simulation knows of their content.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import { BASE_GUARD, baseDefaults, OBJECT_GUARD } from "../common/records.ts";
import type { BaseRecord } from "../common/records.ts";
import type { JsonObject } from "../../core/json.ts";

/** Stored data statuses. */
export type StoredDataStatus = "CREATED" | "GENERATING" | "MODIFYING" | "GENERATED" | "DELETED" | "UNSTABLE";

/** Stored data types. */
export const STORED_DATA_TYPES = [
  "ROK4-PYRAMID-RASTER", "ROK4-PYRAMID-VECTOR", "VECTOR-DB", "ARCHIVE", "GRAPH-DB", "GRAPH-OSRM", "GRAPH-VALHALLA",
  "INDEX", "PYRAMID-3D-COPC", "PYRAMID-3D-EPT",
] as const;
/** One of STORED_DATA_TYPES. */
export type StoredDataType = (typeof STORED_DATA_TYPES)[number];

/** What the simulation keeps about a stored data beyond its API fields (never shown as such). */
export interface StoredDataDetails {
  /** WGS 84 bounding box [west, south, east, north]. */
  bbox?: [number, number, number, number];
  /** VECTOR-DB: geometry type, number of features and bounding box of each relation. */
  relations?: { name: string; geometry_type?: string; features: number; bbox?: [number, number, number, number] }[];
  /** ROK4-PYRAMID-VECTOR: the tiled tables, their levels and attributes. */
  layers?: { table: string; top: number; bottom: number; attributes: string[] }[];
  /** Tile format of a pyramid (image/jpeg, image/png, application/x-protobuf). */
  format?: string;
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
  /** Files of an ARCHIVE (path, size and MD5 when known), merged by update executions. */
  files: { path: string; size: number; md5?: string; blob?: string }[];
  details?: StoredDataDetails;
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

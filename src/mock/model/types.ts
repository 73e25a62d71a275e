// Enums of the API (from the OpenAPI types) and the records of the simulated state.
// Every record is plain JSON so that the whole state can be saved to localStorage and reloaded.
import type { FileAnalysis } from "../formats/types.ts";
import type { StaticInfos, StaticType } from "../formats/styles.ts";
import type { JsonObject } from "./json.ts";

/** Upload types. */
export const UPLOAD_TYPES = ["VECTOR", "RASTER", "ARCHIVE", "ROK4-PYRAMID", "INDEX", "HISTORIC-IMAGERY", "POINT-CLOUD", "PYRAMID-3D"] as const;
/** One of UPLOAD_TYPES. */
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** Upload statuses. */
export type UploadStatus = "CREATED" | "OPEN" | "CLOSED" | "CHECKING" | "GENERATING" | "MODIFYING" | "UNSTABLE" | "DELETED";
/** Check execution statuses. */
export type CheckStatus = "WAITING" | "PROGRESS" | "SUCCESS" | "FAILURE";
/** Processing execution statuses. */
export type ExecutionStatus = "CREATED" | "WAITING" | "PROGRESS" | "SUCCESS" | "FAILURE" | "ABORTED";
/** Stored data statuses. */
export type StoredDataStatus = "CREATED" | "GENERATING" | "MODIFYING" | "GENERATED" | "DELETED" | "UNSTABLE";

/** Stored data types. */
export const STORED_DATA_TYPES = [
  "ROK4-PYRAMID-RASTER", "ROK4-PYRAMID-VECTOR", "VECTOR-DB", "ARCHIVE", "GRAPH-DB", "GRAPH-OSRM", "GRAPH-VALHALLA",
  "INDEX", "PYRAMID-3D-COPC", "PYRAMID-3D-EPT",
] as const;
/** One of STORED_DATA_TYPES. */
export type StoredDataType = (typeof STORED_DATA_TYPES)[number];

/** Configuration types. */
export const CONFIGURATION_TYPES = [
  "WMS-VECTOR", "WFS", "WMTS-TMS", "WMS-RASTER", "DOWNLOAD", "ITINERARY-ISOCURVE", "ALTIMETRY", "SEARCH", "VECTOR-TMS",
] as const;
/** One of CONFIGURATION_TYPES. */
export type ConfigurationType = (typeof CONFIGURATION_TYPES)[number];
/** Configuration statuses. */
export type ConfigurationStatus = "UNPUBLISHED" | "PUBLISHED" | "SYNCHRONIZING";
/** Offering statuses. */
export type OfferingStatus = "PUBLISHING" | "MODIFYING" | "PUBLISHED" | "UNPUBLISHING" | "UNSTABLE";

/** Log levels of check and execution logs. */
export type LogLevel = "INFO" | "WARNING" | "ERROR";

/** One log line, rendered as `YYYY-MM-DD HH:MM:SS,mmm<LEVEL>||<module>||<n>||<message>`; visible once `at` is reached. */
export interface LogLine {
  at: number;
  level: LogLevel;
  module: string;
  line: number;
  message: string;
}

/** The last event of an object (`last_event` in responses). */
export interface LastEvent {
  title: string;
  date: number;
}

/** Fields every record has. */
export interface BaseRecord {
  _id: string;
  datastore: string;
  creation: number;
  update: number;
  lastEvent: LastEvent;
}

/** One md5sum line of an .md5 file: the expected sum of a path of the upload. */
export interface Md5Line {
  md5: string;
  path: string;
}

/** A file received by an upload: only its path, size and MD5 are kept, never its bytes. */
export interface UploadFile {
  path: string;
  size: number;
  md5: string;
  /** "md5" for a checksum file sent with POST …/md5 (its parsed lines in `lines`). */
  kind: "data" | "md5";
  lines?: Md5Line[];
  /** What the readers learnt from the bytes when they were received (VECTOR and RASTER uploads). */
  analysis?: FileAnalysis;
}

/** An upload (livraison). */
export interface UploadRecord extends BaseRecord {
  name: string;
  description: string;
  type: UploadType;
  srs: string;
  status: UploadStatus;
  open: boolean;
  tags: Record<string, string>;
  type_infos: JsonObject;
  files: UploadFile[];
  /** Check executions of the current closing (emptied on reopening). */
  checks: string[];
}

/** A check execution, with its outcome decided when the upload was closed and revealed over time. */
export interface CheckExecutionRecord {
  _id: string;
  datastore: string;
  check: string;
  upload: string;
  status: CheckStatus;
  creation: number;
  start: number;
  finish: number;
  outcome: "SUCCESS" | "FAILURE";
  logs: LogLine[];
}

/** What an execution captured from its inputs when it started. */
export interface InputSnapshot {
  files: { path: string; size: number; md5?: string; analysis?: FileAnalysis }[];
  srs?: string;
  /** Input stored data (type, srs, type_infos and internal details). */
  sources?: { _id: string; type: StoredDataType; srs?: string; size: number; type_infos: JsonObject; details?: StoredDataDetails }[];
}

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

/** A processing execution. */
export interface ExecutionRecord {
  _id: string;
  datastore: string;
  processing: string;
  status: ExecutionStatus;
  creation: number;
  launch?: number;
  start?: number;
  finish?: number;
  /** Planned start and end, set at launch; start/finish are set when they are reached. */
  schedule?: { start: number; finish: number };
  inputs: { upload: string[]; stored_data: string[] };
  output: string;
  /** True when the output stored data was created by this execution (false for an update). */
  outputIsNew: boolean;
  parameters: JsonObject;
  callback?: JsonObject;
  snapshot?: InputSnapshot;
  logs: LogLine[];
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
  files: { path: string; size: number; md5?: string }[];
  details?: StoredDataDetails;
}

/** A static file (style, template…): only its analysis is kept, not its bytes. */
export interface StaticRecord extends BaseRecord {
  name: string;
  type: StaticType;
  description?: string;
  type_infos: StaticInfos;
  size: number;
}

/** A configuration. */
export interface ConfigurationRecord extends BaseRecord {
  type: ConfigurationType;
  name: string;
  layer_name: string;
  status: ConfigurationStatus;
  tags: Record<string, string>;
  type_infos: JsonObject;
  metadata: JsonObject[];
  attribution?: JsonObject;
}

/** An offering (publication of a configuration on an endpoint). */
export interface OfferingRecord {
  _id: string;
  datastore: string;
  configuration: string;
  endpoint: string;
  open: boolean;
  available: boolean;
  public_activity: boolean;
  permissions?: JsonObject[];
  status: OfferingStatus;
  creation: number;
  update: number;
  /** When PUBLISHING turns into PUBLISHED. */
  publishAt: number;
}

/** The whole simulated state (one datastore's objects), JSON-serialisable. */
export interface DatastoreState {
  version: 1;
  uploads: Record<string, UploadRecord>;
  checkExecutions: Record<string, CheckExecutionRecord>;
  executions: Record<string, ExecutionRecord>;
  storedData: Record<string, StoredDataRecord>;
  configurations: Record<string, ConfigurationRecord>;
  offerings: Record<string, OfferingRecord>;
  statics: Record<string, StaticRecord>;
}

/** An empty state. */
export function emptyState(): DatastoreState {
  return { version: 1, uploads: {}, checkExecutions: {}, executions: {}, storedData: {}, configurations: {}, offerings: {}, statics: {} };
}

// Upload records (livraisons): types, statuses and the files they hold.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import { BASE_GUARD, baseDefaults, OBJECT_GUARD } from "../common/records.ts";
import type { BaseRecord } from "../common/records.ts";
import type { FileAnalysis } from "../../formats/types.ts";
import type { JsonObject } from "../../core/json.ts";

/** Upload types. */
export const UPLOAD_TYPES = ["VECTOR", "RASTER", "ARCHIVE", "ROK4-PYRAMID", "INDEX", "HISTORIC-IMAGERY", "POINT-CLOUD", "PYRAMID-3D"] as const;
/** One of UPLOAD_TYPES. */
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** Upload statuses. */
export type UploadStatus = "CREATED" | "OPEN" | "CLOSED" | "CHECKING" | "GENERATING" | "MODIFYING" | "UNSTABLE" | "DELETED";

/** One md5sum line of an .md5 file: the expected sum of a path of the upload. */
export interface Md5Line {
  md5: string;
  path: string;
}

/** A file received by an upload: only its path, size and MD5 are kept, never its bytes. */
export interface UploadFile {
  /** Key of the file's content in the blob store. */
  blob?: string;
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

/** The group of the uploads' total size (the datastore's upload storage). */
export const UPLOAD_GROUP = "uploads";

/** The uploads. */
const GUARD = z.looseObject({
  ...BASE_GUARD, name: z.string(), description: z.string(), type: z.string(), srs: z.string(), status: z.string(), open: z.boolean(),
  tags: OBJECT_GUARD, type_infos: OBJECT_GUARD, checks: z.array(z.string()),
  files: z.array(z.looseObject({ path: z.string(), size: z.number(), md5: z.string(), kind: z.enum(["data", "md5"]) })),
});

/** The uploads. */
export const UPLOADS = collection<UploadRecord>("upload", {
  blobs: (upload) => upload.files.flatMap((file) => (file.blob ? [file.blob] : [])),
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<UploadRecord>, (record) => ({ ...baseDefaults(record), open: false, files: [], checks: [] })),
  measure: (upload) => ({ group: UPLOAD_GROUP, size: upload.files.reduce((sum, file) => sum + file.size, 0) }),
  // Deleted uploads stay readable but leave the lists (unless a status is asked for).
  hidden: (upload) => upload.status === "DELETED",
});

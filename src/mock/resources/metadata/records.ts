// Metadata records: ISO 19139 XML files (dataset or series level), bytes in the blob store, published on METADATA endpoints.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import type { JsonObject } from "../../core/json.ts";
import { BASE_GUARD, OBJECT_GUARD } from "../common/records.ts";
import type { BaseRecord } from "../common/records.ts";

/** Catalogue types: ISOAP (platform catalogue) or INSPIRE (also the INSPIRE catalogue). */
export const METADATA_TYPES = ["ISOAP", "INSPIRE"] as const;

/** A metadata file: what the API shows of it and its blob key; `endpoints` are the METADATA endpoints it is published on. */
export interface MetadataRecord extends BaseRecord {
  type: (typeof METADATA_TYPES)[number];
  open_data: boolean;
  level: "DATASET" | "SERIES";
  file_identifier: string;
  endpoints: string[];
  tags: Record<string, string>;
  blob: string;
  size: number;
  extra?: JsonObject;
}

const GUARD = z.looseObject({
  ...BASE_GUARD, type: z.enum(METADATA_TYPES), open_data: z.boolean(), level: z.enum(["DATASET", "SERIES"]), file_identifier: z.string(),
  endpoints: z.array(z.string()), tags: z.record(z.string(), z.string()), blob: z.string(), size: z.number(), extra: z.optional(OBJECT_GUARD),
});

/** The metadata. */
export const METADATA = collection<MetadataRecord>("metadata", {
  blobs: (metadata) => [metadata.blob],
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<MetadataRecord>, () => ({ tags: {}, endpoints: [] })),
});

// Annexe records: files hosted for client applications (thumbnails, legends, capabilities…), bytes in the blob store.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import type { JsonObject } from "../../core/json.ts";
import { BASE_GUARD, OBJECT_GUARD } from "../common/records.ts";
import type { BaseRecord } from "../common/records.ts";

/** An annexe: its public paths (each with a leading `/`), size, type, labels, publication and its bytes' blob key. */
export interface AnnexeRecord extends BaseRecord {
  paths: string[];
  size: number;
  mime_type: string;
  published: boolean;
  labels: string[];
  blob: string;
  extra?: JsonObject;
}

/** The group annexes count in (GET /datastores/{datastore}, `storages.annexes.use`). */
export const ANNEXE_GROUP = "annexes";

const GUARD = z.looseObject({
  ...BASE_GUARD, paths: z.array(z.string()), size: z.number(), mime_type: z.string(), published: z.boolean(), labels: z.array(z.string()), blob: z.string(),
  extra: z.optional(OBJECT_GUARD),
});

/** The annexes. */
export const ANNEXES = collection<AnnexeRecord>("annexe", {
  blobs: (annexe) => [annexe.blob],
  measure: (annexe) => ({ group: ANNEXE_GROUP, size: annexe.size }),
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<AnnexeRecord>),
});

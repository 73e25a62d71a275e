// Personal documents: files attached to a user's account (no datastore), bytes in the blob store. A record's
// `datastore` is its owner's user id, so that the store lists a user's documents as it lists a datastore's records.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";
import type { JsonObject } from "../../core/json.ts";
import { BASE_GUARD, OBJECT_GUARD } from "../common/records.ts";
import type { BaseRecord } from "../common/records.ts";

/** A document: what the API shows of it, its blob, the users it is shared with and its public file name, if shared publicly. */
export interface DocumentRecord extends BaseRecord {
  name: string;
  description?: string;
  size: number;
  mime_type: string;
  labels: string[];
  blob: string;
  /** Ids of the users it is shared with. */
  sharings: string[];
  /** The random file name of its public URL (`{documents}/<publicName>`), while publicly shared. */
  publicName?: string;
  extra?: JsonObject;
}

/** The group documents count in (the owner's `documents_use`). */
export const DOCUMENT_GROUP = "documents";

const GUARD = z.looseObject({
  ...BASE_GUARD, name: z.string(), description: z.optional(z.string()), size: z.number(), mime_type: z.string(), labels: z.array(z.string()),
  blob: z.string(), sharings: z.array(z.string()), publicName: z.optional(z.string()), extra: z.optional(OBJECT_GUARD),
});

/** The documents. */
export const DOCUMENTS = collection<DocumentRecord>("document", {
  blobs: (document) => [document.blob],
  measure: (document) => ({ group: DOCUMENT_GROUP, size: document.size }),
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<DocumentRecord>, () => ({ labels: [], sharings: [] })),
});

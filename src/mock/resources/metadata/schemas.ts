// Schemas of the metadata bodies: multipart fields of POST and PUT (form fields or query parameters), PATCH,
// and the (un)publication body.
import * as z from "zod/mini";
import { named, object, text } from "../../core/schema.ts";
import { jsonObject } from "../common/schemas.ts";
import type { ReceivedFile } from "../common/files.ts";
import { METADATA_TYPES } from "./records.ts";
import { booleanText } from "../annexes/schemas.ts";

const file = z.custom<ReceivedFile>((value) => value !== undefined, { error: "fichier obligatoire (champ multipart de type fichier, XML ISO 19139)" });

/** POST …/metadata: `file`, `type?` (ISOAP by default), `open_data?` ("true" | "false", false by default). */
export const METADATA_FIELDS = object(
  { file, type: z.optional(z.enum(METADATA_TYPES)), open_data: z.optional(booleanText) },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "champ multipart inconnu (champs acceptés : file, type, open_data)" : undefined) },
);

/** PUT …/metadata/{metadata}: the new file (same file identifier). */
export const METADATA_REPLACE = object(
  { file },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "champ multipart inconnu (champ accepté : file)" : undefined) },
);

/** PATCH …/metadata/{metadata}: type, open_data, extra. */
export const METADATA_PATCH = object({ type: z.optional(z.enum(METADATA_TYPES)), open_data: z.optional(z.boolean()), extra: z.optional(jsonObject) });

/** POST …/metadata/publication and …/unpublication. */
export const METADATA_PUBLICATION = object({
  file_identifiers: named(z.array(text("identifiant de fiche", false)).check(z.minLength(1)), "liste non vide d'identifiants de fiches (gmd:fileIdentifier)", true),
  endpoint: named(z.string(), "identifiant du point d'accès METADATA (voir GET /datastores/{datastore}, champ endpoints)"),
});

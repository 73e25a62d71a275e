// Schema of the multipart fields of POST …/statics: the file, its type and name, an optional description.
import * as z from "zod/mini";
import { STATIC_TYPES } from "../../formats/styles.ts";
import { object, text } from "../../core/schema.ts";
import { jsonObject } from "../common/schemas.ts";

/** A file received in the `file` field: its name, bytes and blob key. */
export interface StaticFile {
  name: string;
  bytes: Uint8Array;
  blob?: string;
}

/** The fields of POST …/statics (text fields, and the file under `file`). */
export const STATIC_FIELDS = object(
  {
    file: z.custom<StaticFile>((value) => value !== undefined, { error: "fichier obligatoire (champ multipart de type fichier)" }),
    type: z.enum(STATIC_TYPES),
    name: text("nom du fichier statique", false),
    description: z.optional(z.string()),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "champ multipart inconnu (champs acceptés : file, type, name, description)" : undefined) },
);

/** PATCH …/statics/{static}: name, description (the file is replaced by PUT). */
export const STATIC_PATCH = object({ name: z.optional(text("nom du fichier statique", false)), description: z.optional(z.string()), extra: z.optional(jsonObject) });

/** PUT …/statics/{static}: the new file, under `file`. */
export const STATIC_REPLACE = object(
  { file: z.custom<StaticFile>((value) => value !== undefined, { error: "fichier obligatoire (champ multipart de type fichier)" }) },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "champ multipart inconnu (champ accepté : file)" : undefined) },
);

// Schema of the multipart fields of POST …/statics: the file, its type and name, an optional description.
import * as z from "zod/mini";
import { STATIC_TYPES } from "../../formats/styles.ts";
import { object, text } from "../../core/schema.ts";

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

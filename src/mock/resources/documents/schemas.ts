// Schemas of the documents' bodies: multipart fields of POST (name, description, labels comma-separated,
// public_url), PUT (the file), the JSON of PATCH and the list of user ids of POST …/sharings.
import * as z from "zod/mini";
import { named, object, received, text } from "../../core/schema.ts";
import { jsonObject } from "../common/schemas.ts";
import type { ReceivedFile } from "../common/files.ts";
import { booleanText } from "../annexes/schemas.ts";

const file = z.custom<ReceivedFile>((value) => value !== undefined, { error: "fichier obligatoire (champ multipart de type fichier)" });
const one = (noun: string) => z.string({ error: (issue) => (issue.input === undefined ? `${noun} obligatoire` : `${noun} attendu (une seule valeur ; reçu : ${received(issue.input)})`) });

/** POST /users/me/documents: `file`, `name`, `description?`, `labels?` ("a, b"), `public_url?` ("true" | "false"). */
export const DOCUMENT_FIELDS = object(
  {
    file,
    name: named(text("nom du document"), "nom du document"),
    description: z.optional(one("description")),
    labels: z.optional(one("étiquettes séparées par des virgules (par exemple « tutoriels, croquis »)")),
    public_url: z.optional(booleanText),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "champ multipart inconnu (champs acceptés : file, name, description, labels, public_url)" : undefined) },
);

/** PUT /users/me/documents/{document}: the new file. */
export const DOCUMENT_REPLACE = object(
  { file },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "champ multipart inconnu (champ accepté : file)" : undefined) },
);

/** PATCH /users/me/documents/{document}: name, description, labels, public_url (true: a new public URL; false: none), extra. */
export const DOCUMENT_PATCH = object({
  name: z.optional(text("nom du document")),
  description: z.optional(z.string()),
  labels: z.optional(z.array(z.string())),
  public_url: z.optional(z.boolean()),
  extra: z.optional(jsonObject),
});

/** POST …/sharings: a non-empty list of user ids. */
export const DOCUMENT_SHARINGS = named(z.array(text("identifiant d'utilisateur", false)).check(z.minLength(1)), "liste non vide d'identifiants d'utilisateurs", true);

// Schemas of the annexes' bodies: the multipart fields of POST (file, paths, labels, published — form fields or
// query parameters, a field repeated or comma-joined) and the JSON of PATCH.
import * as z from "zod/mini";
import { named, object, received, text } from "../../core/schema.ts";
import { jsonObject } from "../common/schemas.ts";
import type { ReceivedFile } from "../common/files.ts";

const file = z.custom<ReceivedFile>((value) => value !== undefined, { error: "fichier obligatoire (champ multipart de type fichier)" });
// A text field given once, or several times (a list).
const oneOrMany = (noun: string) =>
  z.union([z.string(), z.array(z.string())], { error: (issue) => (issue.input === undefined ? `${noun} obligatoire` : `${noun} attendu (reçu : ${received(issue.input)})`) });

/** A boolean sent as text ("true" | "false", any case: Python's requests sends True / False). */
export const booleanText = z.string().check(z.refine((value) => /^(true|false)$/i.test(value), { error: (issue) => `"true" ou "false" attendu (reçu : ${received(issue.input)})` }));

/** POST …/annexes: `file`, `paths` (repeated or comma-joined), `labels?`, `published?` ("true" | "false"). */
export const ANNEXE_FIELDS = object(
  {
    file,
    paths: oneOrMany("chemin public de l'annexe (par exemple imagettes/vue.jpg ; plusieurs chemins : champ répété ou séparés par des virgules)"),
    labels: z.optional(oneOrMany("étiquette (champ répété ou étiquettes séparées par des virgules)")),
    published: z.optional(booleanText),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "champ multipart inconnu (champs acceptés : file, paths, labels, published)" : undefined) },
);

/** PUT …/annexes/{annexe}: the new file. */
export const ANNEXE_REPLACE = object(
  { file },
  { error: (issue) => (issue.code === "unrecognized_keys" ? "champ multipart inconnu (champ accepté : file)" : undefined) },
);

/** PATCH …/annexes/{annexe}: labels, published, paths, extra. */
export const ANNEXE_PATCH = object({
  labels: z.optional(z.array(z.string())),
  published: z.optional(z.boolean()),
  paths: z.optional(named(z.array(text("chemin public", false)).check(z.minLength(1)), "liste non vide de chemins publics", true)),
  extra: z.optional(jsonObject),
});

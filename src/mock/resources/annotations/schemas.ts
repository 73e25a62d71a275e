// Schemas of the annotation bodies: tags to merge, a comment, the datastores to share with.
import * as z from "zod/mini";
import { named, object, text } from "../../core/schema.ts";

/** POST …/tags: an object of string values (`{"producer": "IGN"}`), keys not empty. */
export const TAGS = named(z.record(text("nom d'étiquette non vide", false), z.string()), "objet d'étiquettes (clé → chaîne)");

/** POST …/comments and PUT …/comments/{comment}: `{"text": "…"}`. */
export const COMMENT = object({ text: text("texte non vide", false) });

/** POST …/sharings: a list of datastore ids. */
export const SHARINGS = named(z.array(text("identifiant d'entrepôt", false)), "liste d'identifiants d'entrepôts", true);

// Schemas of the community bodies: PATCH of the community, PUT of a member's rights.
import * as z from "zod/mini";
import { named, object, text } from "../../core/schema.ts";
import { RIGHTS } from "./records.ts";

const uuid = named(z.string().check(z.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)), "identifiant (UUID)");
const right = z.enum(RIGHTS, { error: (issue) => `droit inconnu (droits possibles : ${RIGHTS.join(", ")}, reçu : ${JSON.stringify(issue.input)})` });

/** PUT /communities/{community}/users/{user} (CommunityAddUserDto): the rights, each once. */
export const MEMBER_PUT = object({
  rights: z.optional(z.array(right).check(z.refine((rights) => new Set(rights).size === rights.length, { error: "chaque droit ne peut figurer qu'une fois" }))),
});

/** PATCH /communities/{community} (CommunityUpdateDto). */
export const COMMUNITY_PATCH = object({
  name: z.optional(text("nom de la communauté", false)),
  description: z.optional(z.string()),
  contact: z.optional(named(z.string().check(z.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/)), "adresse électronique")),
  supervisor: z.optional(uuid),
  public: z.optional(z.boolean()),
});

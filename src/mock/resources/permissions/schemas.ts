// Bodies of POST and PATCH …/permissions ([ts] PermissionCreateDto, PermissionUpdateDto).
import * as z from "zod/mini";
import { keysRule, named, object, text } from "../../core/schema.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = named(z.string().check(z.regex(UUID)), "identifiant (UUID)");
const uniqueIds = (noun: string) => named(z.array(uuid).check(z.minLength(1), z.refine((ids) => new Set(ids).size === ids.length, { error: "identifiants en double" })), noun, true);
const date = named(z.string().check(z.refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)))), "date ISO 8601 (2025-06-30T14:00:00Z)", true);

/** POST body: `users` for ACCOUNT (default type), `communities` for COMMUNITY. */
export const PERMISSION_CREATE = object({
  licence: text("licence"),
  offerings: uniqueIds("liste d'offres (identifiants, sans doublon)"),
  end_date: z.optional(date),
  type: z.optional(z.enum(["ACCOUNT", "COMMUNITY"])),
  only_oauth: z.optional(z.boolean()),
  users: z.optional(uniqueIds("liste d'utilisateurs (identifiants, sans doublon)")),
  communities: z.optional(uniqueIds("liste de communautés (identifiants, sans doublon)")),
}).check(keysRule((given) => {
  const community = given["type"] === "COMMUNITY";
  const problems: [string, string][] = [];
  if (community && given["communities"] === undefined) problems.push(["communities", "obligatoire pour une permission de type COMMUNITY"]);
  if (!community && given["users"] === undefined) problems.push(["users", "obligatoire pour une permission de type ACCOUNT"]);
  if (community && given["users"] !== undefined) problems.push(["users", "une permission COMMUNITY nomme des communautés (communities), pas des utilisateurs"]);
  if (!community && given["communities"] !== undefined) problems.push(["communities", "une permission ACCOUNT nomme des utilisateurs (users), pas des communautés"]);
  return problems;
}));

/** PATCH body. */
export const PERMISSION_UPDATE = object({
  licence: z.optional(text("licence")),
  end_date: z.optional(z.nullable(date)),
  offerings: z.optional(uniqueIds("liste d'offres (identifiants, sans doublon)")),
});

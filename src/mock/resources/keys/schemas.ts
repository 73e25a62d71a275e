// Bodies of the key and access routes ([ts] UserKeyCreateDtoUserKeyInfoDto, UserKeyUpdateDto, AccessCreateDto).
import * as z from "zod/mini";
import { named, object, received, text } from "../../core/schema.ts";
import { KEY_TYPES } from "./records.ts";
import { luaPatternRegExp } from "./lua-pattern.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const strings = named(z.array(z.string()), "liste de chaînes", true);
// A Lua pattern (`%` escapes the magic characters `( ) . % + - * ? [ ] ^ $`).
const pattern = named(z.string().check(z.refine((value) => luaPatternRegExp(value) !== undefined, {
  error: (issue) => `motif Lua invalide (reçu : ${received(issue.input)}) : échappez ( ) . % + - * ? [ ] ^ $ avec %`,
})), "motif Lua");

/** `type_infos` of each key type. */
export const TYPE_INFOS = {
  HASH: object({ hash: z.optional(named(z.string().check(z.regex(/^[A-Za-z0-9_.~-]{4,128}$/)), "clé de 4 à 128 caractères (lettres, chiffres, « _ », « - », « . », « ~ »)", true)) }),
  HEADER: object({ headers: named(z.record(z.string().check(z.regex(/^[A-Za-z0-9-]+$/)), text("valeur d'en-tête")).check(z.refine((headers) => Object.keys(headers).length > 0)), "objet d'en-têtes non vide ({\"nom\": \"valeur\"})") }),
  BASIC: object({ login: text("identifiant"), password: text("mot de passe") }),
  OAUTH2: object({}),
} as const;

/** POST /users/me/keys. */
export const KEY_CREATE = object({
  name: text("nom"),
  type: z.optional(z.enum(KEY_TYPES)),
  type_infos: named(z.record(z.string(), z.unknown()), "objet"),
  whitelist: z.optional(strings),
  blacklist: z.optional(strings),
  user_agent: z.optional(pattern),
  referer: z.optional(pattern),
});

/** PATCH /users/me/keys/{key} (type and type_infos cannot change). */
export const KEY_UPDATE = object({
  name: z.optional(text("nom")),
  whitelist: z.optional(strings),
  blacklist: z.optional(strings),
  user_agent: z.optional(pattern),
  referer: z.optional(pattern),
});

/** POST /users/me/keys/{key}/accesses. */
export const ACCESS_CREATE = object({
  permission: z.optional(named(z.string().check(z.regex(UUID)), "identifiant de permission (UUID)")),
  offerings: named(z.array(named(z.string().check(z.regex(UUID)), "identifiant d'offre (UUID)")).check(z.minLength(1), z.refine((ids) => new Set(ids).size === ids.length, { error: "identifiants en double" })), "liste d'offres (identifiants, sans doublon)", true),
});

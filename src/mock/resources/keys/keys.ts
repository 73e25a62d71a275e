// The rules of keys: created with the type_infos of their type (a HASH without hash gets one, a BASIC password is
// kept as its digest, one OAUTH2 key per user, a hash or BASIC login used by another key 409), changed (name and
// restrictions only), deleted with their accesses.
import type { Context } from "../../core/context.ts";
import { ApiError, conflict, notFound, Problems } from "../../core/errors.ts";
import { parseBody, parseInto } from "../../core/schema.ts";
import { passwordDigest } from "./digest.ts";
import { ACCESSES, KEYS, userSpace } from "./records.ts";
import type { KeyRecord } from "./records.ts";
import { KEY_CREATE, KEY_UPDATE, TYPE_INFOS } from "./schemas.ts";

/** Keys a user may hold (`keys_quota` of GET /users/me). */
export const KEYS_QUOTA = 10;

// A random hash for a HASH key created without one.
const randomHash = (): string => [...globalThis.crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, "0")).join("");

/** POST /users/me/keys. */
export function createKey(ctx: Context, user: string, body: unknown): KeyRecord {
  const input = parseBody(KEY_CREATE, body);
  const type = input.type ?? "HASH";
  const problems = new Problems();
  const infos = parseInto(TYPE_INFOS[type], input.type_infos, problems, ["type_infos"]).valid() as KeyRecord["type_infos"];
  const mine = ctx.records.list(KEYS, userSpace(user));
  if (mine.length >= KEYS_QUOTA) throw new ApiError(403, [`Quota de clés atteint (${KEYS_QUOTA}) : supprimez une clé avant d'en créer une autre.`]);
  const all = ctx.records.list(KEYS);
  let typeInfos: KeyRecord["type_infos"] = {};
  if (type === "HASH") {
    const hash = infos.hash ?? randomHash();
    if (all.some((key) => key.type === "HASH" && key.type_infos.hash === hash)) throw conflict(`type_infos.hash : la clé « ${hash} » est déjà utilisée ; choisissez-en une autre (ou aucune : elle sera générée).`);
    typeInfos = { hash };
  } else if (type === "HEADER") typeInfos = { headers: { ...infos.headers } };
  else if (type === "BASIC") {
    if (all.some((key) => key.type === "BASIC" && key.type_infos.login === infos.login)) throw conflict(`type_infos.login : l'identifiant « ${infos.login} » est déjà utilisé par une clé BASIC.`);
    typeInfos = { login: infos.login!, password: passwordDigest(infos.login!, infos.password!) };
  } else if (mine.some((key) => key.type === "OAUTH2")) throw conflict("Vous avez déjà une clé OAUTH2 : une seule par utilisateur.");
  return ctx.records.insert(KEYS, {
    _id: ctx.newId(), datastore: userSpace(user), user, name: input.name, type, type_infos: typeInfos,
    whitelist: input.whitelist ?? [], blacklist: input.blacklist ?? [],
    ...(input.user_agent === undefined ? {} : { user_agent: input.user_agent }), ...(input.referer === undefined ? {} : { referer: input.referer }),
    creation: ctx.now, update: ctx.now,
  });
}

/** A key of the user, or 404. */
export function findKey(ctx: Context, user: string, id: string): KeyRecord {
  const key = ctx.records.get(KEYS, id);
  if (!key || key.user !== user) throw notFound(`Clé « ${id} » introuvable parmi les vôtres.`);
  return key;
}

/** The user's keys, oldest first. */
export const listKeys = (ctx: Context, user: string): KeyRecord[] => ctx.records.list(KEYS, userSpace(user));

/** PATCH /users/me/keys/{key}. */
export function updateKey(ctx: Context, user: string, id: string, body: unknown): KeyRecord {
  const key = findKey(ctx, user, id);
  const input = parseBody(KEY_UPDATE, body);
  if (input.name !== undefined) key.name = input.name;
  if (input.whitelist !== undefined) key.whitelist = [...input.whitelist];
  if (input.blacklist !== undefined) key.blacklist = [...input.blacklist];
  if (input.user_agent !== undefined) key.user_agent = input.user_agent;
  if (input.referer !== undefined) key.referer = input.referer;
  key.update = ctx.now;
  return key;
}

/** DELETE /users/me/keys/{key}: the key and its accesses. */
export function removeKey(ctx: Context, user: string, id: string): void {
  findKey(ctx, user, id);
  for (const access of ctx.records.list(ACCESSES, userSpace(user))) if (access.key === id) ctx.records.remove(ACCESSES, access._id);
  ctx.records.remove(KEYS, id);
}

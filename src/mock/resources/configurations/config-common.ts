// Checks shared by the configuration validators: texts, keywords, bbox, stored data references, levels,
// statics references and getfeatureinfo.
import { STORED_DATA } from "../stored-data/records.ts";
import { STATICS } from "../statics/records.ts";
import type { StaticType } from "../../formats/styles.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import { parseLevel } from "../common/geo.ts";
import type { JsonObject } from "../../core/json.ts";
import { isNonEmptyString, isObject, isStringArray, jsonTypeOf, unknownKeys } from "../../core/json.ts";
import type { StaticRecord } from "../statics/records.ts";
import type { StoredDataRecord, StoredDataType } from "../stored-data/records.ts";

/** Checks type_infos (recording every problem) and returns the value to store. */
export type TypeInfosValidator = (ctx: Context, datastore: string, typeInfos: Record<string, unknown>, problems: Problems) => JsonObject;

/** Pattern of layer names, DOWNLOAD sub-names and WFS public names. */
export const LAYER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_\-.]*$/;

/** Records a problem for every key of `value` outside `allowed`. */
export function checkKeys(value: Record<string, unknown>, allowed: readonly string[], path: string, problems: Problems): void {
  for (const key of unknownKeys(value, allowed)) problems.add(`${path}.${key} : clé inconnue (clés acceptées : ${allowed.join(", ")}).`);
}

/** A required (or optional) non-empty string. */
export function checkText(container: Record<string, unknown>, key: string, path: string, problems: Problems, required = true): void {
  const value = container[key];
  if (value === undefined) {
    if (required) problems.add(`${path}.${key} : obligatoire (chaîne non vide).`);
  } else if (!isNonEmptyString(value)) problems.add(`${path}.${key} : chaîne non vide attendue (reçu : ${jsonTypeOf(value)}).`);
}

/** An optional list of keywords (non-empty strings). */
export function checkKeywords(value: unknown, path: string, problems: Problems): void {
  if (value !== undefined && !(isStringArray(value) && value.every((keyword) => keyword.trim() !== ""))) {
    problems.add(`${path} : attendu une liste de mots-clés (chaînes non vides).`);
  }
}

/** An optional bbox {west, south, east, north} in EPSG:4326 degrees. */
export function checkBbox(value: unknown, path: string, problems: Problems): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    problems.add(`${path} : objet {"west", "south", "east", "north"} attendu, en degrés (EPSG:4326).`);
    return;
  }
  checkKeys(value, ["west", "south", "east", "north"], path, problems);
  const numbers: Record<string, number> = {};
  for (const [key, limit] of [["west", 180], ["south", 90], ["east", 180], ["north", 90]] as const) {
    const n = value[key];
    if (typeof n !== "number" || !Number.isFinite(n)) problems.add(`${path}.${key} : nombre obligatoire (reçu : ${jsonTypeOf(n)}).`);
    else if (Math.abs(n) > limit) problems.add(`${path}.${key} : ${n} hors de [-${limit}, ${limit}] (degrés EPSG:4326).`);
    else numbers[key] = n;
  }
  if (numbers.west !== undefined && numbers.east !== undefined && numbers.west >= numbers.east) problems.add(`${path} : west (${numbers.west}) doit être inférieur à east (${numbers.east}).`);
  if (numbers.south !== undefined && numbers.north !== undefined && numbers.south >= numbers.north) problems.add(`${path} : south (${numbers.south}) doit être inférieur à north (${numbers.north}).`);
}

/** The GENERATED stored data of the datastore an item names, of one of the accepted types; problems otherwise. */
export function usedStoredData(ctx: Context, datastore: string, value: unknown, path: string, types: readonly StoredDataType[], configurationType: string, problems: Problems): StoredDataRecord | undefined {
  if (!isNonEmptyString(value)) {
    problems.add(`${path} : identifiant de la donnée stockée obligatoire.`);
    return undefined;
  }
  const storedData = ctx.records.get(STORED_DATA, value);
  if (!storedData || storedData.datastore !== datastore) problems.add(`${path} : donnée stockée « ${value} » introuvable dans l'entrepôt.`);
  else if (storedData.status !== "GENERATED") problems.add(`${path} : la donnée stockée « ${storedData.name} » doit être GENERATED (statut ${storedData.status}).`);
  else if (!types.includes(storedData.type)) problems.add(`${path} : une configuration ${configurationType} diffuse des données ${types.join(" ou ")}, « ${storedData.name} » est ${storedData.type}.`);
  else return storedData;
  return undefined;
}

/** bottom_level and top_level of an item: strings, present in the pyramid, bottom ≥ top. */
export function checkLevels(item: Record<string, unknown>, path: string, pyramid: StoredDataRecord | undefined, problems: Problems): void {
  const levels = pyramid && Array.isArray(pyramid.type_infos.levels) ? pyramid.type_infos.levels.map(String) : undefined;
  for (const key of ["bottom_level", "top_level"]) {
    const value = item[key];
    if (value === undefined) problems.add(`${path}.${key} : niveau obligatoire (chaîne, par exemple "0").`);
    else if (parseLevel(value) === undefined) problems.add(`${path}.${key} : ${JSON.stringify(value)} n'est pas un niveau (chaîne de « 0 » à « 21 »).`);
    else if (levels && !levels.includes(value as string)) {
      problems.add(`${path}.${key} : le niveau « ${value as string} » n'existe pas dans la pyramide « ${pyramid!.name} » (niveaux ${levels[0]} à ${levels[levels.length - 1]}).`);
    }
  }
  const top = parseLevel(item.top_level);
  const bottom = parseLevel(item.bottom_level);
  if (top !== undefined && bottom !== undefined && bottom < top) problems.add(`${path} : bottom_level (${bottom}) doit être supérieur ou égal à top_level (${top}).`);
}

/** A static of the datastore of the expected type, or a problem. */
export function usedStatic(ctx: Context, datastore: string, value: unknown, path: string, type: StaticType, problems: Problems): StaticRecord | undefined {
  if (!isNonEmptyString(value)) {
    problems.add(`${path} : identifiant d'un fichier statique ${type} attendu.`);
    return undefined;
  }
  const found = ctx.records.get(STATICS, value);
  if (!found || found.datastore !== datastore) problems.add(`${path} : fichier statique « ${value} » introuvable dans l'entrepôt (voir GET /datastores/${datastore}/statics).`);
  else if (found.type !== type) problems.add(`${path} : le fichier statique « ${found.name} » est de type ${found.type}, ${type} attendu.`);
  else return found;
  return undefined;
}

/** getfeatureinfo: {"stored_data": true} or {"server_url": "https://…"}. */
export function checkGetFeatureInfo(value: unknown, path: string, problems: Problems): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    problems.add(`${path} : objet attendu, {"stored_data": true} ou {"server_url": "https://…"}.`);
    return;
  }
  checkKeys(value, ["stored_data", "server_url"], path, problems);
  const hasStored = value.stored_data !== undefined;
  const hasUrl = value.server_url !== undefined;
  if (hasStored === hasUrl) problems.add(`${path} : donnez soit « stored_data »: true, soit « server_url ».`);
  if (hasStored && value.stored_data !== true) problems.add(`${path}.stored_data : seule la valeur true est acceptée.`);
  if (hasUrl && !(isNonEmptyString(value.server_url) && /^https?:\/\//.test(value.server_url))) problems.add(`${path}.server_url : URL http(s) attendue.`);
}

/** Items of a required non-empty used_data list (problem recorded when it is not one). */
export function usedDataItems(value: unknown, problems: Problems): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add("type_infos.used_data : liste non vide des données diffusées obligatoire.");
    return [];
  }
  return value;
}

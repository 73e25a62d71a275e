// Validation of a configuration's `type_infos`, one validator per configuration type: DOWNLOAD here, WFS,
// WMS-VECTOR and VECTOR-TMS in config-vector.ts, WMTS-TMS and WMS-RASTER in config-tiles.ts; the other
// types answer a clear 400 (not simulated).
import { STORED_DATA } from "../stored-data/records.ts";
import type { TypeInfosValidator } from "./config-common.ts";
import { LAYER_NAME_PATTERN } from "./config-common.ts";
import { wmsRasterTypeInfos, wmtsTmsTypeInfos } from "./config-tiles.ts";
import { vectorTmsTypeInfos, wfsTypeInfos, wmsVectorTypeInfos } from "./config-vector.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson, isNonEmptyString, isObject, isStringArray, jsonTypeOf, unknownKeys } from "../../core/json.ts";
import type { ConfigurationType } from "./records.ts";

/** The validator type and the layer name pattern, re-exported. */
export { LAYER_NAME_PATTERN, type TypeInfosValidator };

/** A multilingual text: {"fr": "…", "en": "…"} with ISO 639-1 keys. */
export function checkLanguageMap(value: unknown, path: string, problems: Problems): void {
  if (!isObject(value) || Object.keys(value).length === 0) {
    problems.add(`${path} : attendu un objet non vide de traductions {"fr": "…", "en": "…"} (reçu : ${jsonTypeOf(value)} ${JSON.stringify(value)?.slice(0, 60)}).`);
    return;
  }
  for (const [language, text] of Object.entries(value)) {
    if (!/^[a-z]{2}$/.test(language)) problems.add(`${path}.${language} : « ${language} » n'est pas un code de langue ISO 639-1 (deux lettres minuscules, par exemple fr, en).`);
    if (!isNonEmptyString(text)) problems.add(`${path}.${language} : texte non vide attendu.`);
  }
}

function checkKeywords(value: unknown, path: string, problems: Problems): void {
  if (value !== undefined && !(isStringArray(value) && value.every((keyword) => keyword.trim() !== ""))) {
    problems.add(`${path} : attendu une liste de mots-clés (chaînes non vides).`);
  }
}

function checkOptionalString(container: Record<string, unknown>, key: string, path: string, problems: Problems): void {
  if (container[key] !== undefined && !isNonEmptyString(container[key])) problems.add(`${path}.${key} : chaîne non vide attendue.`);
}

// One used_data item of a DOWNLOAD configuration.
function checkDownloadItem(ctx: Context, datastore: string, item: unknown, path: string, problems: Problems): void {
  if (!isObject(item)) {
    problems.add(`${path} : attendu un objet {"sub_name", "stored_data", …}.`);
    return;
  }
  const allowed = ["sub_name", "title", "abstract", "keywords", "format", "zone", "resolution", "stored_data", "rights", "thematic", "namespace"];
  for (const key of unknownKeys(item, allowed)) problems.add(`${path}.${key} : clé inconnue (clés acceptées : ${allowed.join(", ")}).`);
  if (!isNonEmptyString(item.sub_name)) problems.add(`${path}.sub_name : nom de la sous-ressource obligatoire.`);
  else if (!LAYER_NAME_PATTERN.test(item.sub_name)) problems.add(`${path}.sub_name : « ${item.sub_name} » ne respecte pas le motif ${LAYER_NAME_PATTERN.source}.`);
  if (item.title !== undefined) checkLanguageMap(item.title, `${path}.title`, problems);
  if (item.abstract !== undefined) checkLanguageMap(item.abstract, `${path}.abstract`, problems);
  checkKeywords(item.keywords, `${path}.keywords`, problems);
  for (const key of ["format", "zone", "resolution"]) checkOptionalString(item, key, path, problems);
  if (!isNonEmptyString(item.stored_data)) {
    problems.add(`${path}.stored_data : identifiant de la donnée stockée obligatoire.`);
    return;
  }
  const storedData = ctx.records.get(STORED_DATA, item.stored_data);
  if (!storedData || storedData.datastore !== datastore) problems.add(`${path}.stored_data : donnée stockée « ${item.stored_data} » introuvable dans l'entrepôt.`);
  else if (storedData.status !== "GENERATED") problems.add(`${path}.stored_data : la donnée stockée « ${storedData.name} » doit être GENERATED (statut ${storedData.status}).`);
  else if (storedData.type !== "ARCHIVE") problems.add(`${path}.stored_data : une configuration DOWNLOAD diffuse des données ARCHIVE, « ${storedData.name} » est ${storedData.type}.`);
}

/** DOWNLOAD: title/abstract language maps, keywords, used_data with unique sub_name and ARCHIVE stored data. */
export const downloadTypeInfos: TypeInfosValidator = (ctx, datastore, typeInfos, problems) => {
  const allowed = ["title", "abstract", "keywords", "product_identifier", "used_data", "rights", "thematic", "namespace"];
  for (const key of unknownKeys(typeInfos, allowed)) problems.add(`type_infos.${key} : clé inconnue pour une configuration DOWNLOAD (clés acceptées : ${allowed.join(", ")}).`);
  if (typeInfos.title === undefined) problems.add('type_infos.title : titre obligatoire, par langue (par exemple {"fr": "…"}).');
  else checkLanguageMap(typeInfos.title, "type_infos.title", problems);
  if (typeInfos.abstract === undefined) problems.add('type_infos.abstract : résumé obligatoire, par langue (par exemple {"fr": "…"}).');
  else checkLanguageMap(typeInfos.abstract, "type_infos.abstract", problems);
  checkKeywords(typeInfos.keywords, "type_infos.keywords", problems);
  checkOptionalString(typeInfos, "product_identifier", "type_infos", problems);
  const used = typeInfos.used_data;
  if (!Array.isArray(used) || used.length === 0) {
    problems.add("type_infos.used_data : liste non vide des données diffusées obligatoire.");
  } else {
    used.forEach((item, index) => checkDownloadItem(ctx, datastore, item, `type_infos.used_data[${index}]`, problems));
    const names = used.map((item) => (isObject(item) ? item.sub_name : undefined)).filter((name): name is string => typeof name === "string");
    for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
      problems.add(`type_infos.used_data : le sous-nom « ${name} » est utilisé plusieurs fois ; chaque sub_name doit être unique dans la configuration.`);
    }
  }
  return cloneJson(typeInfos as JsonObject);
};

/** Validator for the types the simulation does not handle yet. */
export function unsupportedTypeInfos(type: ConfigurationType): TypeInfosValidator {
  return (_ctx, _datastore, _typeInfos, problems) => {
    problems.add(`Le type de configuration ${type} n'est pas pris en charge par la simulation de l'API Entrepôt (types pris en charge : DOWNLOAD, WFS, WMS-VECTOR, WMTS-TMS, WMS-RASTER, VECTOR-TMS).`);
    return {};
  };
}

/** Validator per configuration type. */
export const TYPE_INFOS_VALIDATORS: Record<ConfigurationType, TypeInfosValidator> = {
  DOWNLOAD: downloadTypeInfos,
  WFS: wfsTypeInfos,
  "WMS-VECTOR": wmsVectorTypeInfos,
  "WMTS-TMS": wmtsTmsTypeInfos,
  "WMS-RASTER": wmsRasterTypeInfos,
  "VECTOR-TMS": vectorTmsTypeInfos,
  "ITINERARY-ISOCURVE": unsupportedTypeInfos("ITINERARY-ISOCURVE"),
  ALTIMETRY: unsupportedTypeInfos("ALTIMETRY"),
  SEARCH: unsupportedTypeInfos("SEARCH"),
};

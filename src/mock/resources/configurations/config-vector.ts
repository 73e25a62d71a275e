// type_infos of the configurations of vector data in base (VECTOR-DB): WFS (one feature type per relation),
// WMS-VECTOR (one layer drawn with SLD styles, GetFeatureInfo with FTL templates) and VECTOR-TMS.
import type { TypeInfosValidator } from "./config-common.ts";
import { checkBbox, checkKeys, checkKeywords, checkText, LAYER_NAME_PATTERN, usedDataItems, usedStatic, usedStoredData } from "./config-common.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson, isObject } from "../../core/json.ts";
import type { StaticRecord } from "../statics/records.ts";
import type { StoredDataRecord } from "../stored-data/records.ts";
import { relationsOf } from "../executions/vector-outputs.ts";

type RelationCheck = (relation: Record<string, unknown>, path: string, storedData: StoredDataRecord | undefined) => string | undefined;

// used_data items {stored_data, relations: [...]}; returns the names under which relations are published.
function checkRelationsItems(ctx: Context, datastore: string, typeInfos: Record<string, unknown>, type: string, problems: Problems, check: RelationCheck): string[] {
  const published: string[] = [];
  usedDataItems(typeInfos.used_data, problems).forEach((item, index) => {
    const path = `type_infos.used_data[${index}]`;
    if (!isObject(item)) return problems.add(`${path} : objet {"stored_data", "relations"} attendu.`);
    checkKeys(item, ["stored_data", "relations"], path, problems);
    const storedData = usedStoredData(ctx, datastore, item.stored_data, `${path}.stored_data`, ["VECTOR-DB"], type, problems);
    if (!Array.isArray(item.relations) || item.relations.length === 0) return problems.add(`${path}.relations : liste non vide des tables diffusées obligatoire.`);
    item.relations.forEach((relation, r) => {
      const at = `${path}.relations[${r}]`;
      if (!isObject(relation)) return problems.add(`${at} : objet attendu.`);
      const name = check(relation, at, storedData);
      if (name) published.push(name);
    });
  });
  for (const name of new Set(published.filter((name, i) => published.indexOf(name) !== i))) {
    problems.add(`type_infos.used_data : la table « ${name} » est diffusée plusieurs fois dans la configuration.`);
  }
  return published;
}

// The relation named `name` in the stored data, or a problem listing the existing tables.
function relationIn(storedData: StoredDataRecord | undefined, name: unknown, path: string, problems: Problems): { name: string; attributes: string[] } | undefined {
  if (typeof name !== "string" || name.trim() === "") {
    problems.add(`${path} : nom de la table obligatoire.`);
    return undefined;
  }
  if (!storedData) return undefined;
  const relations = relationsOf(storedData.type_infos);
  const relation = relations.find((candidate) => candidate.name === name);
  if (!relation) problems.add(`${path} : la table « ${name} » n'existe pas dans la donnée stockée « ${storedData.name} » (tables : ${relations.map((r) => r.name).join(", ") || "aucune"}).`);
  return relation;
}

// native_name (+ optional public_name) of a WFS or VECTOR-TMS relation.
function checkPublicName(relation: Record<string, unknown>, path: string, storedData: StoredDataRecord | undefined, problems: Problems): string | undefined {
  relationIn(storedData, relation.native_name, `${path}.native_name`, problems);
  if (relation.public_name !== undefined) {
    if (typeof relation.public_name !== "string" || !LAYER_NAME_PATTERN.test(relation.public_name)) {
      problems.add(`${path}.public_name : ${JSON.stringify(relation.public_name)} ne respecte pas le motif ${LAYER_NAME_PATTERN.source}.`);
      return undefined;
    }
    return relation.public_name;
  }
  return typeof relation.native_name === "string" ? relation.native_name : undefined;
}

/** WFS: bbox?, used_data[{stored_data (VECTOR-DB), relations[{native_name, public_name?, title, abstract, keywords?}]}]. */
export const wfsTypeInfos: TypeInfosValidator = (ctx, datastore, typeInfos, problems) => {
  checkKeys(typeInfos, ["bbox", "used_data", "title", "abstract", "keywords"], "type_infos", problems);
  checkText(typeInfos, "title", "type_infos", problems, false);
  checkText(typeInfos, "abstract", "type_infos", problems, false);
  checkBbox(typeInfos.bbox, "type_infos.bbox", problems);
  checkKeywords(typeInfos.keywords, "type_infos.keywords", problems);
  checkRelationsItems(ctx, datastore, typeInfos, "WFS", problems, (relation, path, storedData) => {
    checkKeys(relation, ["native_name", "public_name", "title", "abstract", "keywords"], path, problems);
    checkText(relation, "title", path, problems);
    checkText(relation, "abstract", path, problems);
    checkKeywords(relation.keywords, `${path}.keywords`, problems);
    return checkPublicName(relation, path, storedData, problems);
  });
  return cloneJson(typeInfos as JsonObject);
};

// Attributes a static uses that the relation does not have.
function checkUsedAttributes(found: StaticRecord | undefined, relation: { name: string; attributes: string[] } | undefined, path: string, problems: Problems): void {
  if (!found || !relation) return;
  const missing = (found.type_infos.used_attributes ?? []).filter((name) => !relation.attributes.includes(name));
  if (missing.length > 0) {
    problems.add(`${path} : le fichier statique « ${found.name} » utilise ${missing.length > 1 ? "les attributs" : "l'attribut"} ${missing.map((m) => `« ${m} »`).join(", ")}, absent${missing.length > 1 ? "s" : ""} de la table « ${relation.name} » (attributs : ${relation.attributes.join(", ")}).`);
  }
}

/** WMS-VECTOR: title, abstract, keywords?, bbox?, used_data[{stored_data, relations[{name, style, ftl?}]}]. */
export const wmsVectorTypeInfos: TypeInfosValidator = (ctx, datastore, typeInfos, problems) => {
  checkKeys(typeInfos, ["title", "abstract", "keywords", "bbox", "used_data"], "type_infos", problems);
  checkText(typeInfos, "title", "type_infos", problems);
  checkText(typeInfos, "abstract", "type_infos", problems);
  checkKeywords(typeInfos.keywords, "type_infos.keywords", problems);
  checkBbox(typeInfos.bbox, "type_infos.bbox", problems);
  checkRelationsItems(ctx, datastore, typeInfos, "WMS-VECTOR", problems, (relation, path, storedData) => {
    checkKeys(relation, ["name", "style", "ftl"], path, problems);
    const found = relationIn(storedData, relation.name, `${path}.name`, problems);
    if (relation.style === undefined) problems.add(`${path}.style : identifiant du style SLD (fichier statique GEOSERVER-STYLE) obligatoire.`);
    else checkUsedAttributes(usedStatic(ctx, datastore, relation.style, `${path}.style`, "GEOSERVER-STYLE", problems), found, `${path}.style`, problems);
    if (relation.ftl !== undefined) checkUsedAttributes(usedStatic(ctx, datastore, relation.ftl, `${path}.ftl`, "GEOSERVER-FTL", problems), found, `${path}.ftl`, problems);
    return typeof relation.name === "string" ? relation.name : undefined;
  });
  return cloneJson(typeInfos as JsonObject);
};

/** VECTOR-TMS: used_data[{stored_data, relations[{native_name, public_name?, abstract?, title?, keywords?}]}]. */
export const vectorTmsTypeInfos: TypeInfosValidator = (ctx, datastore, typeInfos, problems) => {
  checkKeys(typeInfos, ["title", "abstract", "keywords", "bbox", "used_data"], "type_infos", problems);
  checkBbox(typeInfos.bbox, "type_infos.bbox", problems);
  checkRelationsItems(ctx, datastore, typeInfos, "VECTOR-TMS", problems, (relation, path, storedData) => {
    checkKeys(relation, ["native_name", "public_name", "title", "abstract", "keywords"], path, problems);
    return checkPublicName(relation, path, storedData, problems);
  });
  return cloneJson(typeInfos as JsonObject);
};

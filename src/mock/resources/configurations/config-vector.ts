// type_infos of the configurations of vector data in base (VECTOR-DB), after their schemas: WFS (one feature type
// per relation), WMS-VECTOR (one layer drawn with SLD styles, GetFeatureInfo with FTL templates) and VECTOR-TMS.
import type { TypeInfosRule } from "./config-common.ts";
import { checkBboxOrder, repeated, typeInfosRule, usedStatic, usedStoredData } from "./config-common.ts";
import { VECTOR_TMS_INFOS, WFS_INFOS, WMS_VECTOR_INFOS } from "./schemas.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import type { StaticRecord } from "../statics/records.ts";
import type { StoredDataRecord } from "../stored-data/records.ts";
import { STORED_DATA } from "../stored-data/records.ts";
import { relationsOf } from "../executions/vector-outputs.ts";

type Relation = { name: string; attributes: string[] };
type Items<R> = ({ stored_data?: string; relations?: (R | undefined)[] } | undefined)[] | undefined;

// Each relation of each used_data item, with its stored data (VECTOR-DB) and path; then the names published twice.
function eachRelation<R>(ctx: Context, datastore: string, items: Items<R>, type: string, problems: Problems, check: (relation: R, path: string, storedData: StoredDataRecord | undefined) => string | undefined): void {
  const published: (string | undefined)[] = [];
  items?.forEach((item, index) => {
    const path = `type_infos.used_data[${index}]`;
    if (!item) return;
    const storedData = usedStoredData(ctx, datastore, item.stored_data, `${path}.stored_data`, ["VECTOR-DB"], type, problems);
    item.relations?.forEach((relation, r) => {
      if (relation) published.push(check(relation, `${path}.relations[${r}]`, storedData));
    });
  });
  for (const name of repeated(published)) problems.add(`type_infos.used_data : la table « ${name} » est diffusée plusieurs fois dans la configuration.`);
}

// The relation named `name` in the stored data, or a problem listing the existing tables.
function relationIn(storedData: StoredDataRecord | undefined, name: string | undefined, path: string, problems: Problems): Relation | undefined {
  if (!storedData || name === undefined) return undefined;
  const relations = relationsOf(storedData.type_infos);
  const relation = relations.find((candidate) => candidate.name === name);
  if (!relation) problems.add(`${path} : la table « ${name} » n'existe pas dans la donnée stockée « ${storedData.name} » (tables : ${relations.map((r) => r.name).join(", ") || "aucune"}).`);
  return relation;
}

// A WFS or VECTOR-TMS relation: its table exists; published under public_name, else native_name.
const publicName = (problems: Problems) => (relation: { native_name?: string; public_name?: string }, path: string, storedData: StoredDataRecord | undefined): string | undefined => {
  relationIn(storedData, relation.native_name, `${path}.native_name`, problems);
  return "public_name" in relation ? relation.public_name : relation.native_name;
};

// Without `bbox`, the layer takes its stored data's extent: a VECTOR-DB whose tables are still empty has none.
function requireBbox(ctx: Context, datastore: string, typeInfos: { bbox?: unknown; used_data?: Items<unknown> }, problems: Problems): void {
  if (typeInfos.bbox !== undefined) return;
  const empty = (typeInfos.used_data ?? []).map((item) => (item?.stored_data ? ctx.records.get(STORED_DATA, item.stored_data) : undefined)).find((storedData) => storedData?.datastore === datastore && storedData.type === "VECTOR-DB" && !storedData.extent);
  if (empty) problems.add(`type_infos.bbox : obligatoire ici, la donnée stockée « ${empty.name} » n'a pas encore d'étendue (ses tables sont vides) ; donnez l'emprise de la couche {"west", "south", "east", "north"}.`);
}

/** WFS: tables that exist, published once each. */
export const WFS_RULE: TypeInfosRule = typeInfosRule(WFS_INFOS, (ctx, datastore, typeInfos, problems) => {
  checkBboxOrder(typeInfos.bbox, "type_infos.bbox", problems);
  requireBbox(ctx, datastore, typeInfos, problems);
  eachRelation(ctx, datastore, typeInfos.used_data, "WFS", problems, publicName(problems));
});

// Attributes a static uses that the relation does not have.
function checkUsedAttributes(found: StaticRecord | undefined, relation: Relation | undefined, path: string, problems: Problems): void {
  if (!found || !relation) return;
  const missing = (found.type_infos.used_attributes ?? []).filter((name) => !relation.attributes.includes(name));
  if (missing.length > 0) {
    problems.add(`${path} : le fichier statique « ${found.name} » utilise ${missing.length > 1 ? "les attributs" : "l'attribut"} ${missing.map((m) => `« ${m} »`).join(", ")}, absent${missing.length > 1 ? "s" : ""} de la table « ${relation.name} » (attributs : ${relation.attributes.join(", ")}).`);
  }
}

/** WMS-VECTOR: tables that exist, styles and templates of the right type whose attributes the table has. */
export const WMS_VECTOR_RULE: TypeInfosRule = typeInfosRule(WMS_VECTOR_INFOS, (ctx, datastore, typeInfos, problems) => {
  checkBboxOrder(typeInfos.bbox, "type_infos.bbox", problems);
  requireBbox(ctx, datastore, typeInfos, problems);
  eachRelation(ctx, datastore, typeInfos.used_data, "WMS-VECTOR", problems, (relation, path, storedData) => {
    const found = relationIn(storedData, relation.name, `${path}.name`, problems);
    checkUsedAttributes(usedStatic(ctx, datastore, relation.style, `${path}.style`, "GEOSERVER-STYLE", problems), found, `${path}.style`, problems);
    checkUsedAttributes(usedStatic(ctx, datastore, relation.ftl, `${path}.ftl`, "GEOSERVER-FTL", problems), found, `${path}.ftl`, problems);
    return relation.name;
  });
});

/** VECTOR-TMS: tables that exist, published once each. */
export const VECTOR_TMS_RULE: TypeInfosRule = typeInfosRule(VECTOR_TMS_INFOS, (ctx, datastore, typeInfos, problems) => {
  checkBboxOrder(typeInfos.bbox, "type_infos.bbox", problems);
  eachRelation(ctx, datastore, typeInfos.used_data, "VECTOR-TMS", problems, publicName(problems));
});

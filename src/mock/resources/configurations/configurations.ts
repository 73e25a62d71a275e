// Configurations: creation (type, name, layer_name, type_infos validated per type), full replacement,
// reading and deletion (refused while offerings exist).
import { CONFIGURATIONS } from "./records.ts";
import { OFFERINGS } from "../offerings/records.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event, findIn } from "../common/access.ts";
import { forgetAnnotations } from "../annotations/records.ts";
import { conflict, Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import type { Salvaged } from "../../core/schema.ts";
import { parseInto } from "../../core/schema.ts";
import { TYPE_INFOS_RULES } from "./configuration-types.ts";
import type { ConfigurationRecord, ConfigurationType } from "./records.ts";
import { CREATE_CONFIGURATION, REPLACE_CONFIGURATION } from "./schemas.ts";

/** A configuration of the datastore, or 404. */
export function findConfiguration(ctx: Context, datastore: string, id: string): ConfigurationRecord {
  return findIn(ctx, CONFIGURATIONS, datastore, id, "Configuration");
}

// type_infos checked by the rule of the configuration's type (problems recorded); returns how to get what to store.
function checkTypeInfos(ctx: Context, datastore: string, type: ConfigurationType | undefined, typeInfos: Salvaged<JsonObject> | undefined, problems: Problems): () => JsonObject {
  if (type === undefined || typeInfos === undefined) return () => ({});
  const rule = TYPE_INFOS_RULES[type];
  if (!rule) {
    problems.add(`Le type de configuration ${type} n'est pas pris en charge par la simulation de l'API Entrepôt (types pris en charge : DOWNLOAD, WFS, WMS-VECTOR, WMTS-TMS, WMS-RASTER, VECTOR-TMS).`);
    return () => ({});
  }
  const parsed = parseInto(rule.schema, typeInfos, problems, ["type_infos"]);
  if (parsed.partial !== undefined) rule.check(ctx, datastore, parsed.partial as Salvaged<JsonObject>, problems);
  return () => {
    const valid = parsed.valid() as JsonObject;
    return rule.complete ? rule.complete(valid) : valid;
  };
}

/** POST …/configurations: 400 listing every problem, 409 when the layer name is taken for this type. */
export function createConfiguration(ctx: Context, datastore: string, body: unknown): ConfigurationRecord {
  assertDatastore(datastore);
  const problems = new Problems();
  const parsed = parseInto(CREATE_CONFIGURATION, body, problems);
  const typeInfos = checkTypeInfos(ctx, datastore, parsed.partial?.type, parsed.partial?.type_infos, problems);
  const { type, name, layer_name: layerName, metadata, attribution } = parsed.valid();
  const [taken] = ctx.records.list(CONFIGURATIONS, undefined, { where: [{ path: ["type"], equals: type }, { path: ["layer_name"], equals: layerName }], limit: 1 });
  if (taken) throw conflict(`Le nom de couche « ${layerName} » est déjà utilisé par une configuration ${type} (${taken._id}) : il doit être unique par type de configuration.`);
  const id = ctx.newId();
  const configuration: ConfigurationRecord = {
    _id: id, datastore, type, name: name.trim(), layer_name: layerName, status: "UNPUBLISHED",
    tags: {}, type_infos: typeInfos(), metadata: (metadata ?? []) as JsonObject[],
    creation: ctx.now, update: ctx.now, lastEvent: event(ctx, CONFIGURATIONS, { _id: id, datastore }, "Création"),
  };
  if (attribution) configuration.attribution = attribution;
  ctx.records.insert(CONFIGURATIONS, configuration);
  return configuration;
}

/** PUT …/configurations/{configuration}: replaces name, type_infos, metadata and attribution (type and layer_name stay). */
export function replaceConfiguration(ctx: Context, datastore: string, id: string, body: unknown): ConfigurationRecord {
  const configuration = findConfiguration(ctx, datastore, id);
  const problems = new Problems();
  const parsed = parseInto(REPLACE_CONFIGURATION, body, problems);
  const given = parsed.partial;
  if (given?.type !== undefined && given.type !== configuration.type) problems.add(`type : le type d'une configuration ne peut pas changer (${configuration.type}).`);
  if (given?.layer_name !== undefined && given.layer_name !== configuration.layer_name) {
    problems.add(`layer_name : le nom de couche d'une configuration ne peut pas changer (« ${configuration.layer_name} »).`);
  }
  const typeInfos = checkTypeInfos(ctx, datastore, configuration.type, given?.type_infos, problems);
  const { name, metadata, attribution } = parsed.valid();
  configuration.name = name.trim();
  configuration.type_infos = typeInfos();
  configuration.metadata = (metadata ?? []) as JsonObject[];
  if (attribution) configuration.attribution = attribution;
  else delete configuration.attribution;
  configuration.update = ctx.now;
  configuration.lastEvent = event(ctx, CONFIGURATIONS, configuration, "Modification");
  return configuration;
}

/** DELETE …/configurations/{configuration}: 409 while it has offerings. */
export function deleteConfiguration(ctx: Context, datastore: string, id: string): void {
  const configuration = findConfiguration(ctx, datastore, id);
  const offerings = ctx.records.list(OFFERINGS, undefined, { where: [{ path: ["configuration"], equals: id }] });
  if (offerings.length > 0) {
    throw conflict(`La configuration ${id} est publiée (offre${offerings.length > 1 ? "s" : ""} ${offerings.map((o) => o._id).join(", ")}) : supprimez ses offres avant de la supprimer.`);
  }
  ctx.records.remove(CONFIGURATIONS, configuration._id);
  forgetAnnotations(ctx, CONFIGURATIONS, configuration._id);
}

// Configurations: creation (type, name, layer_name, type_infos validated per type), full replacement,
// reading and deletion (refused while offerings exist).
import { CONFIGURATIONS } from "./records.ts";
import { OFFERINGS } from "../offerings/records.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event, findIn } from "../common/access.ts";
import { badRequest, conflict, Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson, isNonEmptyString, isObject, jsonTypeOf, unknownKeys } from "../../core/json.ts";
import { LAYER_NAME_PATTERN, TYPE_INFOS_VALIDATORS } from "./configuration-types.ts";
import type { ConfigurationRecord, ConfigurationType } from "./records.ts";
import { CONFIGURATION_TYPES } from "./records.ts";

const METADATA_TYPES = ["ISO19115:2003", "FGDC", "TC211", "19139", "Other"];
const KEYS = ["type", "name", "layer_name", "type_infos", "metadata", "attribution"];

/** A configuration of the datastore, or 404. */
export function findConfiguration(ctx: Context, datastore: string, id: string): ConfigurationRecord {
  return findIn(ctx, CONFIGURATIONS, datastore, id, "Configuration");
}

/** Configurations of the datastore, in creation order. */
export function listConfigurations(ctx: Context, datastore: string): ConfigurationRecord[] {
  assertDatastore(datastore);
  return ctx.records.list(CONFIGURATIONS).filter((configuration) => configuration.datastore === datastore);
}

function checkMetadata(value: unknown, problems: Problems): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.add(`metadata : attendu une liste de liens {"format", "url", "type"} (reçu : ${jsonTypeOf(value)}).`);
    return;
  }
  value.forEach((item, index) => {
    const path = `metadata[${index}]`;
    if (!isObject(item)) return problems.add(`${path} : objet {"format", "url", "type"} attendu.`);
    if (!isNonEmptyString(item.format)) problems.add(`${path}.format : type MIME attendu, par exemple application/xml.`);
    if (!isNonEmptyString(item.url) || !/^https?:\/\//.test(item.url)) problems.add(`${path}.url : URL http(s) attendue.`);
    if (!METADATA_TYPES.includes(item.type as string)) problems.add(`${path}.type : ${JSON.stringify(item.type)} inconnu (valeurs possibles : ${METADATA_TYPES.join(", ")}).`);
  });
}

// Checks the fields common to creation and replacement; returns the validated type_infos.
function checkBody(ctx: Context, datastore: string, type: ConfigurationType | undefined, body: Record<string, unknown>, problems: Problems): JsonObject {
  for (const key of unknownKeys(body, KEYS)) problems.add(`Champ inconnu « ${key} » (champs acceptés : ${KEYS.join(", ")}).`);
  if (!isNonEmptyString(body.name)) problems.add("name : nom de la configuration obligatoire (chaîne non vide).");
  checkMetadata(body.metadata, problems);
  if (body.attribution !== undefined && !isObject(body.attribution)) problems.add('attribution : objet {"title", "url"} attendu.');
  if (!isObject(body.type_infos)) {
    problems.add(`type_infos : objet obligatoire décrivant la diffusion (reçu : ${jsonTypeOf(body.type_infos)}).`);
    return {};
  }
  return type ? TYPE_INFOS_VALIDATORS[type](ctx, datastore, body.type_infos, problems) : {};
}

/** POST …/configurations: 400 listing every problem, 409 when the layer name is taken for this type. */
export function createConfiguration(ctx: Context, datastore: string, body: unknown): ConfigurationRecord {
  assertDatastore(datastore);
  if (!isObject(body)) throw badRequest(`Le corps de la requête doit être un objet JSON avec type, name, layer_name et type_infos (reçu : ${jsonTypeOf(body)}).`);
  const problems = new Problems();
  const type = CONFIGURATION_TYPES.includes(body.type as ConfigurationType) ? (body.type as ConfigurationType) : undefined;
  if (!type) problems.add(`type : ${body.type === undefined ? "obligatoire" : `${JSON.stringify(body.type)} inconnu`} (valeurs possibles : ${CONFIGURATION_TYPES.join(", ")}).`);
  if (!isNonEmptyString(body.layer_name)) problems.add("layer_name : nom technique de la couche obligatoire.");
  else if (!LAYER_NAME_PATTERN.test(body.layer_name)) {
    problems.add(`layer_name : « ${body.layer_name} » ne respecte pas le motif ${LAYER_NAME_PATTERN.source} (lettres, chiffres, _ - . ; sans espace ni accent ; ne commence pas par un chiffre).`);
  }
  const typeInfos = checkBody(ctx, datastore, type, body, problems);
  problems.throwIfAny();
  const layerName = body.layer_name as string;
  const taken = ctx.records.list(CONFIGURATIONS).find((other) => other.type === type && other.layer_name === layerName);
  if (taken) throw conflict(`Le nom de couche « ${layerName} » est déjà utilisé par une configuration ${type} (${taken._id}) : il doit être unique par type de configuration.`);
  const configuration: ConfigurationRecord = {
    _id: ctx.newId(), datastore, type: type!, name: (body.name as string).trim(), layer_name: layerName, status: "UNPUBLISHED",
    tags: {}, type_infos: typeInfos, metadata: cloneJson((body.metadata as JsonObject[] | undefined) ?? []),
    creation: ctx.now, update: ctx.now, lastEvent: event(ctx, "Création"),
  };
  if (isObject(body.attribution)) configuration.attribution = cloneJson(body.attribution as JsonObject);
  ctx.records.insert(CONFIGURATIONS, configuration);
  return configuration;
}

/** PUT …/configurations/{configuration}: replaces name, type_infos, metadata and attribution (type and layer_name stay). */
export function replaceConfiguration(ctx: Context, datastore: string, id: string, body: unknown): ConfigurationRecord {
  const configuration = findConfiguration(ctx, datastore, id);
  if (!isObject(body)) throw badRequest(`Le corps de la requête doit être un objet JSON avec name et type_infos (reçu : ${jsonTypeOf(body)}).`);
  const problems = new Problems();
  if (body.type !== undefined && body.type !== configuration.type) problems.add(`type : le type d'une configuration ne peut pas changer (${configuration.type}).`);
  if (body.layer_name !== undefined && body.layer_name !== configuration.layer_name) {
    problems.add(`layer_name : le nom de couche d'une configuration ne peut pas changer (« ${configuration.layer_name} »).`);
  }
  const typeInfos = checkBody(ctx, datastore, configuration.type, body, problems);
  problems.throwIfAny();
  configuration.name = (body.name as string).trim();
  configuration.type_infos = typeInfos;
  configuration.metadata = cloneJson((body.metadata as JsonObject[] | undefined) ?? []);
  if (isObject(body.attribution)) configuration.attribution = cloneJson(body.attribution as JsonObject);
  else delete configuration.attribution;
  configuration.update = ctx.now;
  configuration.lastEvent = event(ctx, "Modification");
  return configuration;
}

/** DELETE …/configurations/{configuration}: 409 while it has offerings. */
export function deleteConfiguration(ctx: Context, datastore: string, id: string): void {
  const configuration = findConfiguration(ctx, datastore, id);
  const offerings = ctx.records.list(OFFERINGS).filter((offering) => offering.configuration === id);
  if (offerings.length > 0) {
    throw conflict(`La configuration ${id} est publiée (offre${offerings.length > 1 ? "s" : ""} ${offerings.map((o) => o._id).join(", ")}) : supprimez ses offres avant de la supprimer.`);
  }
  ctx.records.remove(CONFIGURATIONS, configuration._id);
}

// Offerings (publications of a configuration on an endpoint): PUBLISHING, then PUBLISHED after a delay.
import { cloneJson, isObject } from "../../core/json.ts";
import type { JsonObject } from "../../core/json.ts";
import { STORED_DATA } from "../stored-data/records.ts";
import { lifecycle } from "../../core/scheduler.ts";
import { CONFIGURATIONS } from "../configurations/records.ts";
import { OFFERINGS } from "./records.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, findIn } from "../common/access.ts";
import { conflict, Problems } from "../../core/errors.ts";
import { parseInto } from "../../core/schema.ts";
import type { OfferingRecord } from "./records.ts";
import { findConfiguration } from "../configurations/configurations.ts";
import { ENDPOINTS } from "../../seed.ts";
import { endpointsHint, offeringSchema } from "./schemas.ts";

/** An offering of the datastore, or 404. */
export function findOffering(ctx: Context, datastore: string, id: string): OfferingRecord {
  return findIn(ctx, OFFERINGS, datastore, id, "Offre");
}

/** Offerings of the datastore (optionally of one configuration), in creation order. */
export function listOfferings(ctx: Context, datastore: string, configuration?: string): OfferingRecord[] {
  assertDatastore(datastore);
  return ctx.records.list(OFFERINGS, datastore, configuration === undefined ? {} : { where: [{ path: ["configuration"], equals: configuration }] });
}

/** POST …/configurations/{configuration}/offerings: `{endpoint, open?}` checked against the datastore's endpoints. */
export function createOffering(ctx: Context, datastore: string, configurationId: string, body: unknown): OfferingRecord {
  const configuration = findConfiguration(ctx, datastore, configurationId);
  const problems = new Problems();
  const parsed = parseInto(offeringSchema(configuration.type), body, problems);
  const given = parsed.partial;
  const endpoint = given?.endpoint !== undefined ? ENDPOINTS.find((candidate) => candidate._id === given.endpoint) : undefined;
  const hint = endpointsHint(configuration.type);
  if (given?.endpoint !== undefined && !endpoint) {
    problems.add(`endpoint : le point d'accès ${JSON.stringify(given.endpoint)} n'existe pas dans l'entrepôt (voir GET /datastores/${datastore}, champ endpoints ; points d'accès ${configuration.type} : ${hint}).`);
  } else if (endpoint && endpoint.type !== configuration.type) {
    problems.add(`endpoint : le point d'accès « ${endpoint.name} » est de type ${endpoint.type}, la configuration est de type ${configuration.type} (points d'accès compatibles : ${hint}).`);
  }
  // `open` is optional and defaults to false; it must still match the endpoint.
  const wanted = given === undefined || "open" in given ? given?.open : false;
  // A custom search index goes on the private search endpoint, open (any authenticated caller) or not (permissions).
  if (endpoint && wanted !== undefined && endpoint.open !== wanted && !(endpoint.type === "SEARCH" && !endpoint.open)) {
    problems.add(`open : le point d'accès « ${endpoint.name} » est ${endpoint.open ? "ouvert" : "privé"}, « open » doit valoir ${endpoint.open}${given && "open" in given ? "" : " (false par défaut quand « open » n'est pas donné)"}.`);
  }
  const { open = false, permissions, public_activity: publicActivity } = parsed.valid();
  const [existing] = ctx.records.list(OFFERINGS, undefined, { where: [{ path: ["configuration"], equals: configurationId }, { path: ["endpoint"], equals: endpoint!._id }], limit: 1 });
  if (existing) throw conflict(`La configuration ${configurationId} est déjà publiée sur le point d'accès ${endpoint!._id} (offre ${existing._id}).`);
  const offering: OfferingRecord = {
    _id: ctx.newId(), datastore, configuration: configurationId, endpoint: endpoint!._id, open,
    available: true, public_activity: publicActivity ?? false, status: "PUBLISHING",
    creation: ctx.now, update: ctx.now, publishAt: ctx.now + ctx.delays.offeringPublish,
  };
  if (permissions) offering.permissions = permissions;
  ctx.records.insert(OFFERINGS, offering);
  configuration.status = "PUBLISHED";
  configuration.update = ctx.now;
  return offering;
}

/** PUBLISHING or MODIFYING → PUBLISHED, serving the configuration's type_infos of that moment. */
export function applyOfferingEvent(ctx: Context, offering: OfferingRecord): void {
  offering.status = "PUBLISHED";
  offering.update = ctx.now;
  const configuration = ctx.records.get(CONFIGURATIONS, offering.configuration);
  if (configuration) offering.served = cloneJson(configuration.type_infos);
  if (configuration) offering.servedRelations = servedRelations(ctx, configuration.type_infos);
}

// The relations of the VECTOR-DBs a configuration uses, as they are now.
function servedRelations(ctx: Context, typeInfos: JsonObject): Record<string, JsonObject[]> {
  const relations: Record<string, JsonObject[]> = {};
  for (const item of Array.isArray(typeInfos.used_data) ? typeInfos.used_data : []) {
    const id = isObject(item) && typeof item.stored_data === "string" ? item.stored_data : undefined;
    const storedData = id ? ctx.records.get(STORED_DATA, id) : undefined;
    if (id && storedData?.type === "VECTOR-DB" && Array.isArray(storedData.type_infos.relations)) relations[id] = cloneJson(storedData.type_infos.relations) as JsonObject[];
  }
  return relations;
}

/** DELETE …/offerings/{offering}: unpublishes; the configuration is UNPUBLISHED once it has no offering left. */
export function deleteOffering(ctx: Context, datastore: string, id: string): void {
  const offering = findOffering(ctx, datastore, id);
  ctx.records.remove(OFFERINGS, offering._id);
  const configuration = ctx.records.get(CONFIGURATIONS, offering.configuration);
  if (configuration && ctx.records.list(OFFERINGS, undefined, { where: [{ path: ["configuration"], equals: configuration._id }], limit: 1 }).length === 0) {
    configuration.status = "UNPUBLISHED";
    configuration.update = ctx.now;
  }
}

/** Offerings move on by themselves (PUBLISHING → PUBLISHED). */
export const OFFERING_LIFECYCLE = lifecycle(OFFERINGS, applyOfferingEvent);

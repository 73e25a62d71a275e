// Offerings (publications of a configuration on an endpoint): PUBLISHING, then PUBLISHED after a delay.
import { lifecycle } from "../../core/scheduler.ts";
import { CONFIGURATIONS } from "../configurations/records.ts";
import { OFFERINGS } from "./records.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, findIn } from "../common/access.ts";
import { badRequest, conflict, Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson, isObject, jsonTypeOf, unknownKeys } from "../../core/json.ts";
import type { OfferingRecord } from "./records.ts";
import { findConfiguration } from "../configurations/configurations.ts";
import { ENDPOINTS } from "../../seed.ts";

/** An offering of the datastore, or 404. */
export function findOffering(ctx: Context, datastore: string, id: string): OfferingRecord {
  return findIn(ctx, OFFERINGS, datastore, id, "Offre");
}

/** Offerings of the datastore (optionally of one configuration), in creation order. */
export function listOfferings(ctx: Context, datastore: string, configuration?: string): OfferingRecord[] {
  assertDatastore(datastore);
  return ctx.records.list(OFFERINGS).filter(
    (offering) => offering.datastore === datastore && (configuration === undefined || offering.configuration === configuration),
  );
}

/** POST …/configurations/{configuration}/offerings: `{endpoint, open}` checked against the datastore's endpoints. */
export function createOffering(ctx: Context, datastore: string, configurationId: string, body: unknown): OfferingRecord {
  const configuration = findConfiguration(ctx, datastore, configurationId);
  if (!isObject(body)) throw badRequest(`Le corps de la requête doit être un objet JSON {"endpoint": "<identifiant>", "open": true|false} (reçu : ${jsonTypeOf(body)}).`);
  const problems = new Problems();
  for (const key of unknownKeys(body, ["endpoint", "open", "permissions", "public_activity"])) {
    problems.add(`Champ inconnu « ${key} » (champs acceptés : endpoint, open, permissions, public_activity).`);
  }
  const compatible = ENDPOINTS.filter((endpoint) => endpoint.type === configuration.type);
  const hint = compatible.map((endpoint) => `${endpoint._id} (${endpoint.open ? "ouvert" : "privé"})`).join(", ");
  const endpoint = typeof body.endpoint === "string" ? ENDPOINTS.find((candidate) => candidate._id === body.endpoint) : undefined;
  if (body.endpoint === undefined) problems.add(`endpoint : identifiant du point d'accès obligatoire (points d'accès ${configuration.type} de l'entrepôt : ${hint || "aucun"}).`);
  else if (!endpoint) problems.add(`endpoint : le point d'accès ${JSON.stringify(body.endpoint)} n'existe pas dans l'entrepôt (voir GET /datastores/${datastore}, champ endpoints ; points d'accès ${configuration.type} : ${hint || "aucun"}).`);
  else if (endpoint.type !== configuration.type) {
    problems.add(`endpoint : le point d'accès « ${endpoint.name} » est de type ${endpoint.type}, la configuration est de type ${configuration.type} (points d'accès compatibles : ${hint || "aucun"}).`);
  }
  if (typeof body.open !== "boolean") problems.add(`open : booléen obligatoire (true pour une diffusion ouverte, false pour une diffusion privée) ; reçu : ${jsonTypeOf(body.open)}.`);
  else if (endpoint && endpoint.open !== body.open) {
    problems.add(`open : le point d'accès « ${endpoint.name} » est ${endpoint.open ? "ouvert" : "privé"}, « open » doit valoir ${endpoint.open}.`);
  }
  if (body.public_activity !== undefined && typeof body.public_activity !== "boolean") problems.add("public_activity : booléen attendu.");
  if (body.permissions !== undefined && !(Array.isArray(body.permissions) && body.permissions.every(isObject))) problems.add("permissions : liste d'objets attendue.");
  problems.throwIfAny();
  const existing = ctx.records.list(OFFERINGS).find((offering) => offering.configuration === configurationId && offering.endpoint === endpoint!._id);
  if (existing) throw conflict(`La configuration ${configurationId} est déjà publiée sur le point d'accès ${endpoint!._id} (offre ${existing._id}).`);
  const offering: OfferingRecord = {
    _id: ctx.newId(), datastore, configuration: configurationId, endpoint: endpoint!._id, open: body.open as boolean,
    available: true, public_activity: (body.public_activity as boolean | undefined) ?? false, status: "PUBLISHING",
    creation: ctx.now, update: ctx.now, publishAt: ctx.now + ctx.delays.offeringPublish,
  };
  if (Array.isArray(body.permissions)) offering.permissions = cloneJson(body.permissions as JsonObject[]);
  ctx.records.insert(OFFERINGS, offering);
  configuration.status = "PUBLISHED";
  configuration.update = ctx.now;
  return offering;
}

/** PUBLISHING → PUBLISHED. */
export function applyOfferingEvent(ctx: Context, offering: OfferingRecord): void {
  offering.status = "PUBLISHED";
  offering.update = ctx.now;
}

/** DELETE …/offerings/{offering}: unpublishes; the configuration is UNPUBLISHED once it has no offering left. */
export function deleteOffering(ctx: Context, datastore: string, id: string): void {
  const offering = findOffering(ctx, datastore, id);
  ctx.records.remove(OFFERINGS, offering._id);
  const configuration = ctx.records.get(CONFIGURATIONS, offering.configuration);
  if (configuration && !ctx.records.list(OFFERINGS).some((other) => other.configuration === configuration._id)) {
    configuration.status = "UNPUBLISHED";
    configuration.update = ctx.now;
  }
}

/** Offerings move on by themselves (PUBLISHING → PUBLISHED). */
export const OFFERING_LIFECYCLE = lifecycle(OFFERINGS, applyOfferingEvent);

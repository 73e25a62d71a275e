// Stored data (données stockées): reading, PATCH of the descriptive fields, deletion.
import { STORED_DATA } from "./records.ts";
import { CONFIGURATIONS } from "../configurations/records.ts";
import { EXECUTIONS } from "../executions/records.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event, findIn } from "../common/access.ts";
import { badRequest, conflict, Problems } from "../../core/errors.ts";
import { checkExtent } from "../common/geojson.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson, isNonEmptyString, isObject, jsonTypeOf, unknownKeys } from "../../core/json.ts";
import type { StoredDataRecord } from "./records.ts";

const PATCH_KEYS = ["name", "description", "open", "edition", "extent", "extra", "public_activity"];

/** A stored data of the datastore, or 404. */
export function findStoredData(ctx: Context, datastore: string, id: string): StoredDataRecord {
  return findIn(ctx, STORED_DATA, datastore, id, "Donnée stockée");
}

/** Stored data of the datastore, in creation order. */
export function listStoredData(ctx: Context, datastore: string): StoredDataRecord[] {
  assertDatastore(datastore);
  return ctx.records.list(STORED_DATA).filter((storedData) => storedData.datastore === datastore);
}

/** Whether a text is a real calendar date YYYY-MM-DD. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// edition: {from?, to?} real dates with from ≤ to.
function checkEdition(value: unknown, problems: Problems): void {
  if (!isObject(value)) {
    problems.add(`edition : attendu un objet {"from": "AAAA-MM-JJ", "to": "AAAA-MM-JJ"} (reçu : ${jsonTypeOf(value)}).`);
    return;
  }
  for (const key of unknownKeys(value, ["from", "to"])) problems.add(`edition.${key} : clé inconnue (clés acceptées : from, to).`);
  if (value.from === undefined && value.to === undefined) problems.add("edition : donnez au moins « from » ou « to ».");
  for (const key of ["from", "to"] as const) {
    if (value[key] !== undefined && !isCalendarDate(value[key])) {
      problems.add(`edition.${key} : ${JSON.stringify(value[key])} n'est pas une date valide au format AAAA-MM-JJ.`);
    }
  }
  if (isCalendarDate(value.from) && isCalendarDate(value.to) && value.from > value.to) {
    problems.add(`edition : la date de début ${value.from} est postérieure à la date de fin ${value.to}.`);
  }
}

/** PATCH …/stored_data/{stored data}: validates every key, then updates a GENERATED stored data. */
export function patchStoredData(ctx: Context, datastore: string, id: string, body: unknown): StoredDataRecord {
  const storedData = findStoredData(ctx, datastore, id);
  if (!isObject(body)) throw badRequest(`Le corps de la requête doit être un objet JSON (champs modifiables : ${PATCH_KEYS.join(", ")}) ; reçu : ${jsonTypeOf(body)}.`);
  const problems = new Problems();
  for (const key of unknownKeys(body, PATCH_KEYS)) problems.add(`Champ inconnu ou non modifiable « ${key} » (champs modifiables : ${PATCH_KEYS.join(", ")}).`);
  if (Object.keys(body).length === 0) problems.add(`Le corps est vide : donnez au moins un des champs ${PATCH_KEYS.join(", ")}.`);
  if (body.name !== undefined && !isNonEmptyString(body.name)) problems.add("name : chaîne non vide attendue.");
  if (body.description !== undefined && typeof body.description !== "string") problems.add("description : chaîne attendue.");
  for (const key of ["open", "public_activity"] as const) {
    if (body[key] !== undefined && typeof body[key] !== "boolean") problems.add(`${key} : booléen attendu (reçu : ${jsonTypeOf(body[key])}).`);
  }
  if (body.edition !== undefined) checkEdition(body.edition, problems);
  if (body.extent !== undefined) checkExtent(body.extent, problems);
  if (body.extra !== undefined && !isObject(body.extra)) problems.add(`extra : objet attendu (reçu : ${jsonTypeOf(body.extra)}).`);
  problems.throwIfAny();
  if (storedData.status !== "GENERATED") {
    throw conflict(`La donnée stockée ${storedData._id} est ${storedData.status} : seule une donnée stockée GENERATED peut être modifiée (attendez la fin de l'exécution).`);
  }
  if (typeof body.name === "string") storedData.name = body.name.trim();
  if (typeof body.description === "string") storedData.description = body.description;
  if (typeof body.open === "boolean") storedData.open = body.open;
  if (typeof body.public_activity === "boolean") storedData.public_activity = body.public_activity;
  if (isObject(body.edition)) storedData.edition = { ...storedData.edition, ...cloneJson(body.edition as JsonObject) };
  if (isObject(body.extent)) storedData.extent = cloneJson(body.extent as JsonObject);
  if (isObject(body.extra)) storedData.extra = cloneJson(body.extra as JsonObject);
  storedData.update = ctx.now;
  storedData.lastEvent = event(ctx, "Modification");
  return storedData;
}

/** Ids of the stored data a configuration's type_infos refer to (`used_data[].stored_data`). */
export function referencedStoredData(typeInfos: JsonObject): string[] {
  const used = typeInfos.used_data;
  if (!Array.isArray(used)) return [];
  return used.flatMap((item) => (isObject(item) && typeof item.stored_data === "string" ? [item.stored_data] : []));
}

/** DELETE …/stored_data/{stored data}: 409 while a configuration uses it or an execution writes it. */
export function deleteStoredData(ctx: Context, datastore: string, id: string): void {
  const storedData = findStoredData(ctx, datastore, id);
  if (storedData.status === "DELETED") throw conflict(`La donnée stockée ${id} est déjà supprimée.`);
  const users = ctx.records.list(CONFIGURATIONS).filter((configuration) => referencedStoredData(configuration.type_infos).includes(id));
  if (users.length > 0) {
    throw conflict(`La donnée stockée ${id} est utilisée par ${users.length === 1 ? "la configuration" : "les configurations"} ${users.map((c) => `« ${c.name} » (${c._id})`).join(", ")} : supprimez-les d'abord.`);
  }
  const writer = ctx.records.list(EXECUTIONS).find(
    (execution) => execution.output === id && (execution.status === "WAITING" || execution.status === "PROGRESS"),
  );
  if (writer) throw conflict(`La donnée stockée ${id} est en cours de génération par l'exécution ${writer._id} (statut ${writer.status}).`);
  storedData.status = "DELETED";
  storedData.update = ctx.now;
  storedData.lastEvent = event(ctx, "Suppression");
}

// Stored data (données stockées): reading, PATCH of the descriptive fields, deletion.
import { assertUnused } from "./dependencies.ts";
import { STORED_DATA } from "./records.ts";
import { CONFIGURATIONS } from "../configurations/records.ts";
import { EXECUTIONS } from "../executions/records.ts";
import type { Context } from "../../core/context.ts";
import { event, findIn } from "../common/access.ts";
import { conflict } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { isObject } from "../../core/json.ts";
import { parseBody } from "../../core/schema.ts";
import type { StoredDataRecord } from "./records.ts";
import { PATCH_STORED_DATA } from "./schemas.ts";

/** A stored data of the datastore, or 404. */
export function findStoredData(ctx: Context, datastore: string, id: string): StoredDataRecord {
  return findIn(ctx, STORED_DATA, datastore, id, "Donnée stockée");
}

/** PATCH …/stored_data/{stored data}: validates every key, then updates a GENERATED stored data. */
export function patchStoredData(ctx: Context, datastore: string, id: string, body: unknown): StoredDataRecord {
  const storedData = findStoredData(ctx, datastore, id);
  const fields = parseBody(PATCH_STORED_DATA, body);
  if (storedData.status !== "GENERATED") {
    throw conflict(`La donnée stockée ${storedData._id} est ${storedData.status} : seule une donnée stockée GENERATED peut être modifiée (attendez la fin de l'exécution).`);
  }
  if (fields.name !== undefined) storedData.name = fields.name.trim();
  if (fields.description !== undefined) storedData.description = fields.description;
  if (fields.open !== undefined) storedData.open = fields.open;
  if (fields.public_activity !== undefined) storedData.public_activity = fields.public_activity;
  if (fields.edition) storedData.edition = { ...storedData.edition, ...fields.edition };
  if (fields.extent) storedData.extent = fields.extent;
  if (fields.extra) storedData.extra = fields.extra;
  storedData.update = ctx.now;
  storedData.lastEvent = event(ctx, STORED_DATA, storedData, "Modification");
  return storedData;
}

/** Ids of the stored data a configuration's type_infos refer to (`used_data[].stored_data`). */
export function referencedStoredData(typeInfos: JsonObject): string[] {
  const used = typeInfos.used_data;
  if (!Array.isArray(used)) return [];
  return used.flatMap((item) => (isObject(item) && typeof item.stored_data === "string" ? [item.stored_data] : []));
}

/** DELETE …/stored_data/{stored data}: 409 while a configuration or another stored data uses it, or an execution writes it. */
export function deleteStoredData(ctx: Context, datastore: string, id: string): void {
  const storedData = findStoredData(ctx, datastore, id);
  if (storedData.status === "DELETED") throw conflict(`La donnée stockée ${id} est déjà supprimée.`);
  const users = ctx.records.list(CONFIGURATIONS).filter((configuration) => referencedStoredData(configuration.type_infos).includes(id));
  if (users.length > 0) {
    throw conflict(`La donnée stockée ${id} est utilisée par ${users.length === 1 ? "la configuration" : "les configurations"} ${users.map((c) => `« ${c.name} » (${c._id})`).join(", ")} : supprimez-les d'abord.`);
  }
  assertUnused(ctx, storedData);
  const [writer] = ctx.records.list(EXECUTIONS, undefined, { where: [{ path: ["output"], equals: id }, { path: ["status"], in: ["WAITING", "PROGRESS"] }], limit: 1 });
  if (writer) throw conflict(`La donnée stockée ${id} est en cours de génération par l'exécution ${writer._id} (statut ${writer.status}).`);
  storedData.status = "DELETED";
  storedData.update = ctx.now;
  storedData.lastEvent = event(ctx, STORED_DATA, storedData, "Suppression");
}

// Checks shared by the configuration types, on what their schemas (schemas.ts) found valid: stored data and
// statics that exist with the right type, levels present in a pyramid, bbox corners in order, repeated names.
import type * as z from "zod/mini";
import { STORED_DATA } from "../stored-data/records.ts";
import { STATICS } from "../statics/records.ts";
import type { StaticType } from "../../formats/styles.ts";
import type { Context } from "../../core/context.ts";
import type { Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import type { Salvaged } from "../../core/schema.ts";
import { parseLevel } from "../common/geo.ts";
import type { StaticRecord } from "../statics/records.ts";
import type { StoredDataRecord, StoredDataType } from "../stored-data/records.ts";

/** How a configuration type's type_infos are checked: its schema, then what they name in the datastore. */
export interface TypeInfosRule {
  schema: z.core.$ZodType;
  check: (ctx: Context, datastore: string, typeInfos: Salvaged<JsonObject>, problems: Problems) => void;
  /** Values the API fills in (WMS-RASTER's interpolation). */
  complete?: (typeInfos: JsonObject) => JsonObject;
}

/** A TypeInfosRule whose checks see the schema's own output type. */
export function typeInfosRule<S extends z.core.$ZodType>(
  schema: S,
  check: (ctx: Context, datastore: string, typeInfos: Salvaged<z.output<S>>, problems: Problems) => void,
  complete?: (typeInfos: JsonObject) => JsonObject,
): TypeInfosRule {
  return { schema, check: check as TypeInfosRule["check"], ...(complete ? { complete } : {}) };
}

/** The GENERATED stored data of the datastore an item names, of one of the accepted types; problems otherwise. */
export function usedStoredData(ctx: Context, datastore: string, id: string | undefined, path: string, types: readonly StoredDataType[], configurationType: string, problems: Problems): StoredDataRecord | undefined {
  if (id === undefined) return undefined;
  const storedData = ctx.records.get(STORED_DATA, id);
  if (!storedData || storedData.datastore !== datastore) problems.add(`${path} : donnée stockée « ${id} » introuvable dans l'entrepôt.`);
  else if (storedData.status !== "GENERATED") problems.add(`${path} : la donnée stockée « ${storedData.name} » doit être GENERATED (statut ${storedData.status}).`);
  else if (!types.includes(storedData.type)) problems.add(`${path} : une configuration ${configurationType} diffuse des données ${types.join(" ou ")}, « ${storedData.name} » est ${storedData.type}.`);
  else return storedData;
  return undefined;
}

/** bottom_level and top_level of an item: present in the pyramid, bottom ≥ top. */
export function checkLevels(item: { bottom_level?: string; top_level?: string }, path: string, pyramid: StoredDataRecord | undefined, problems: Problems): void {
  const levels = pyramid && Array.isArray(pyramid.type_infos.levels) ? pyramid.type_infos.levels.map(String) : undefined;
  for (const key of ["bottom_level", "top_level"] as const) {
    const value = item[key];
    if (value !== undefined && levels && !levels.includes(value)) {
      problems.add(`${path}.${key} : le niveau « ${value} » n'existe pas dans la pyramide « ${pyramid!.name} » (niveaux ${levels[0]} à ${levels[levels.length - 1]}).`);
    }
  }
  const top = parseLevel(item.top_level);
  const bottom = parseLevel(item.bottom_level);
  if (top !== undefined && bottom !== undefined && bottom < top) problems.add(`${path} : bottom_level (${bottom}) doit être supérieur ou égal à top_level (${top}).`);
}

/** A static of the datastore of the expected type, or a problem. */
export function usedStatic(ctx: Context, datastore: string, id: string | undefined, path: string, type: StaticType, problems: Problems): StaticRecord | undefined {
  if (id === undefined) return undefined;
  const found = ctx.records.get(STATICS, id);
  if (!found || found.datastore !== datastore) problems.add(`${path} : fichier statique « ${id} » introuvable dans l'entrepôt (voir GET /datastores/${datastore}/statics).`);
  else if (found.type !== type) problems.add(`${path} : le fichier statique « ${found.name} » est de type ${found.type}, ${type} attendu.`);
  else return found;
  return undefined;
}

/** A bbox's corners in order: west < east, south < north. */
export function checkBboxOrder(bbox: { west?: number; south?: number; east?: number; north?: number } | undefined, path: string, problems: Problems): void {
  if (bbox?.west !== undefined && bbox.east !== undefined && bbox.west >= bbox.east) problems.add(`${path} : west (${bbox.west}) doit être inférieur à east (${bbox.east}).`);
  if (bbox?.south !== undefined && bbox.north !== undefined && bbox.south >= bbox.north) problems.add(`${path} : south (${bbox.south}) doit être inférieur à north (${bbox.north}).`);
}

/** The names given more than once. */
export function repeated(names: readonly (string | undefined)[]): string[] {
  const given = names.filter((name): name is string => name !== undefined);
  return [...new Set(given.filter((name, index) => given.indexOf(name) !== index))];
}

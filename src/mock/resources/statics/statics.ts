// Static files (POST /datastores/{datastore}/statics): SLD styles, FTL templates, ROK4 styles and derivation
// SQL. The file is analysed on reception (used attributes, scale denominators); its bytes are kept as a blob.
import { STATICS } from "./records.ts";
import { CONFIGURATIONS } from "../configurations/records.ts";
import { errorMessage } from "../../formats/errors.ts";
import { analyseStatic } from "../../formats/styles.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event, findIn } from "../common/access.ts";
import { forgetAnnotations } from "../annotations/records.ts";
import { badRequest, conflict } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson, isObject } from "../../core/json.ts";
import { parseBody } from "../../core/schema.ts";
import { isoDate } from "../../core/time.ts";
import type { ConfigurationRecord } from "../configurations/records.ts";
import type { StaticRecord } from "./records.ts";
import type { StaticFile } from "./schemas.ts";
import { STATIC_FIELDS, STATIC_PATCH, STATIC_REPLACE } from "./schemas.ts";

/** A multipart POST …/statics: its text fields (form or query string) and its file (undefined when the field holds none). */
export interface StaticUpload {
  fields: Record<string, string | string[]>;
  file?: StaticFile;
}

/** A static of the datastore, or 404. */
export function findStatic(ctx: Context, datastore: string, id: string): StaticRecord {
  return findIn(ctx, STATICS, datastore, id, "Fichier statique");
}

/** POST …/statics: validates the fields, analyses the file (400 naming the problem), stores the analysis. */
export function createStatic(ctx: Context, datastore: string, upload: StaticUpload): StaticRecord {
  assertDatastore(datastore);
  const { file, type, name, description } = parseBody(STATIC_FIELDS, { ...upload.fields, file: upload.file });
  const typeInfos = analyse(type, file);
  const id = ctx.newId();
  const record: StaticRecord = {
    _id: id, datastore, name: name.trim(), type, type_infos: typeInfos, size: file.bytes.length,
    ...(file.blob ? { blob: file.blob } : {}),
    creation: ctx.now, update: ctx.now, lastEvent: event(ctx, STATICS, { _id: id, datastore }, "Création"),
  };
  if (description?.trim()) record.description = description.trim();
  if (type === "DERIVATION-SQL") record.sql = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, "");
  ctx.records.insert(STATICS, record);
  return record;
}

// The file's analysis for its type, or 400 naming the problem.
function analyse(type: StaticRecord["type"], file: StaticFile): StaticRecord["type_infos"] {
  try {
    return analyseStatic(type, file.bytes);
  } catch (error) {
    const kind = type === "GEOSERVER-STYLE" ? "style SLD" : type === "GEOSERVER-FTL" ? "modèle FTL" : type === "ROK4-STYLE" ? "style ROK4" : "fichier SQL";
    throw badRequest(`Le fichier « ${file.name || "file"} » n'est pas un ${kind} valide : ${errorMessage(error)}.`);
  }
}

/** PATCH …/statics/{static}: name, description, extra. */
export function patchStatic(ctx: Context, datastore: string, id: string, body: unknown): StaticRecord {
  const record = findStatic(ctx, datastore, id);
  const { name, description, extra } = parseBody(STATIC_PATCH, body);
  if (name !== undefined) record.name = name.trim();
  if (description !== undefined) record.description = description.trim();
  if (extra !== undefined) record.extra = cloneJson(extra) as JsonObject;
  record.update = ctx.now;
  record.lastEvent = event(ctx, STATICS, record, "Modification");
  return record;
}

/** PUT …/statics/{static}: the file is replaced (same type, analysed again); the previous bytes are released. */
export function replaceStatic(ctx: Context, datastore: string, id: string, upload: StaticUpload): StaticRecord {
  const record = findStatic(ctx, datastore, id);
  const { file } = parseBody(STATIC_REPLACE, { ...upload.fields, file: upload.file });
  record.type_infos = analyse(record.type, file);
  record.size = file.bytes.length;
  if (record.type === "DERIVATION-SQL") record.sql = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, "");
  if (file.blob) record.blob = file.blob;
  record.update = ctx.now;
  record.lastEvent = event(ctx, STATICS, record, "Remplacement du fichier");
  return record;
}

/** The content type of a static's file. */
export function staticContentType(record: StaticRecord): string {
  return record.type === "ROK4-STYLE" ? "application/json" : record.type === "GEOSERVER-STYLE" ? "application/xml" : "text/plain; charset=UTF-8";
}

/** Ids of the statics a configuration uses (WMS-VECTOR style/ftl, WMTS-TMS styles). */
export function referencedStatics(configuration: ConfigurationRecord): string[] {
  const ids: string[] = [];
  const infos = configuration.type_infos;
  for (const item of Array.isArray(infos.used_data) ? infos.used_data : []) {
    if (!isObject(item) || !Array.isArray(item.relations)) continue;
    for (const relation of item.relations) {
      if (!isObject(relation)) continue;
      for (const key of ["style", "ftl"]) if (typeof relation[key] === "string") ids.push(relation[key] as string);
    }
  }
  if (Array.isArray(infos.styles)) ids.push(...infos.styles.filter((id): id is string => typeof id === "string"));
  return ids;
}

/** DELETE …/statics/{static}: 409 while a configuration uses it. */
export function deleteStatic(ctx: Context, datastore: string, id: string): void {
  const record = findStatic(ctx, datastore, id);
  const users = ctx.records.list(CONFIGURATIONS).filter((configuration) => referencedStatics(configuration).includes(id));
  if (users.length > 0) {
    throw conflict(`Le fichier statique « ${record.name} » (${id}) est utilisé par ${users.length === 1 ? "la configuration" : "les configurations"} ${users.map((c) => `« ${c.name} » (${c._id})`).join(", ")} : modifiez-les ou supprimez-les d'abord.`);
  }
  ctx.records.remove(STATICS, id);
  forgetAnnotations(ctx, STATICS, id);
}

/** A static as the API shows it: `{ _id, name, type, description?, type_infos, creation, update }`. */
export function staticView(record: StaticRecord): JsonObject {
  const view: JsonObject = { _id: record._id, name: record.name, type: record.type };
  if (record.description !== undefined) view.description = record.description;
  if (record.extra !== undefined) view.extra = cloneJson(record.extra) as JsonObject;
  view.type_infos = cloneJson(record.type_infos) as JsonObject;
  view.creation = isoDate(record.creation);
  view.update = isoDate(record.update);
  return view;
}

// Metadata (POST /datastores/{datastore}/metadata): ISO 19139 files, validated and read on reception (file
// identifier unique on the platform, level); published on a METADATA endpoint by file identifier.
import { METADATA } from "./records.ts";
import type { MetadataRecord } from "./records.ts";
import { forgetAnnotations } from "../annotations/records.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event, findIn } from "../common/access.ts";
import { badRequest, conflict, Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { parseBody, parseInto } from "../../core/schema.ts";
import { errorMessage } from "../../formats/errors.ts";
import type { FileForm, ReceivedFile } from "../common/files.ts";
import { ENDPOINTS } from "../../seed.ts";
import { readIsoMetadata } from "./iso.ts";
import type { IsoMetadata } from "./iso.ts";
import { METADATA_FIELDS, METADATA_PATCH, METADATA_PUBLICATION, METADATA_REPLACE } from "./schemas.ts";
import { TAGS } from "../annotations/schemas.ts";

// The file's identifier and level, or 400 naming the problem.
function read(file: ReceivedFile): IsoMetadata {
  try {
    return readIsoMetadata(file.bytes);
  } catch (error) {
    throw badRequest(`Le fichier « ${file.name || "file"} » n'est pas une fiche de métadonnées ISO 19139 valide : ${errorMessage(error)}.`);
  }
}

/** A metadata of the datastore, or 404. */
export function findMetadata(ctx: Context, datastore: string, id: string): MetadataRecord {
  return findIn(ctx, METADATA, datastore, id, "Métadonnée");
}

/** GET …/metadata: filters `type`, `level`, `file_identifier`. */
export function listMetadata(ctx: Context, datastore: string, query: URLSearchParams): MetadataRecord[] {
  assertDatastore(datastore);
  const wanted = (key: "type" | "level" | "file_identifier", value: string): boolean => !query.get(key) || query.get(key) === value;
  return ctx.records.list(METADATA, datastore).filter((item) => wanted("type", item.type) && wanted("level", item.level) && wanted("file_identifier", item.file_identifier));
}

/** POST …/metadata: 400 for a file that is not ISO 19139 with an identifier, 409 for an identifier already used. */
export function createMetadata(ctx: Context, datastore: string, form: FileForm): MetadataRecord {
  assertDatastore(datastore);
  const problems = new Problems();
  const { file, type = "ISOAP", open_data: openData } = parseInto(METADATA_FIELDS, { ...form.fields, file: form.file }, problems).valid();
  const { fileIdentifier, level } = read(file);
  const existing = ctx.records.list(METADATA).find((other) => other.file_identifier === fileIdentifier);
  if (existing) throw conflict(`Une fiche de métadonnées d'identifiant « ${fileIdentifier} » existe déjà (${existing._id}) : remplacez son fichier (PUT …/metadata/${existing._id}).`);
  const record: MetadataRecord = {
    _id: ctx.newId(), datastore, type, open_data: openData?.toLowerCase() === "true", level, file_identifier: fileIdentifier, endpoints: [], tags: {},
    blob: file.blob, size: file.bytes.length, creation: ctx.now, update: ctx.now, lastEvent: { title: "Création", date: ctx.now },
  };
  record.lastEvent = event(ctx, METADATA, record, "Création");
  return ctx.records.insert(METADATA, record);
}

/** PUT …/metadata/{metadata}: the file is replaced; its identifier must stay the same (400), its level is read again. */
export function replaceMetadata(ctx: Context, datastore: string, id: string, form: FileForm): MetadataRecord {
  const record = findMetadata(ctx, datastore, id);
  const { file } = parseBody(METADATA_REPLACE, { ...form.fields, file: form.file });
  const { fileIdentifier, level } = read(file);
  if (fileIdentifier !== record.file_identifier) {
    throw badRequest(`Le nouveau fichier a l'identifiant « ${fileIdentifier} », la fiche ${record._id} a l'identifiant « ${record.file_identifier} » : il ne peut pas changer.`);
  }
  Object.assign(record, { blob: file.blob, size: file.bytes.length, level, update: ctx.now });
  record.lastEvent = event(ctx, METADATA, record, "Remplacement du fichier");
  return record;
}

/** PATCH …/metadata/{metadata}: type, open_data, extra (republish for the catalogues to see it). */
export function patchMetadata(ctx: Context, datastore: string, id: string, body: unknown): MetadataRecord {
  const record = findMetadata(ctx, datastore, id);
  const { type, open_data: openData, extra } = parseBody(METADATA_PATCH, body);
  if (type !== undefined) record.type = type;
  if (openData !== undefined) record.open_data = openData;
  if (extra !== undefined) record.extra = cloneJson(extra) as JsonObject;
  record.update = ctx.now;
  record.lastEvent = event(ctx, METADATA, record, "Modification");
  return record;
}

/** DELETE …/metadata/{metadata}: 409 while it is published. */
export function deleteMetadata(ctx: Context, datastore: string, id: string): void {
  const record = findMetadata(ctx, datastore, id);
  if (record.endpoints.length > 0) throw conflict(`La fiche « ${record.file_identifier} » est publiée : dépubliez-la (POST …/metadata/unpublication) avant de la supprimer.`);
  ctx.records.remove(METADATA, record._id);
  forgetAnnotations(ctx, METADATA, record._id);
}

/** POST …/metadata/publication or …/unpublication: the listed fiches (by file identifier) on a METADATA endpoint; 400 listing unknown ones. */
export function publishMetadata(ctx: Context, datastore: string, body: unknown, publish: boolean): MetadataRecord[] {
  assertDatastore(datastore);
  const problems = new Problems();
  const parsed = parseInto(METADATA_PUBLICATION, body, problems);
  const given = parsed.partial;
  const endpoint = given?.endpoint !== undefined ? ENDPOINTS.find((candidate) => candidate._id === given.endpoint) : undefined;
  const metadataEndpoints = ENDPOINTS.filter((candidate) => candidate.type === "METADATA").map((candidate) => candidate._id).join(", ");
  if (given?.endpoint !== undefined && endpoint?.type !== "METADATA") problems.add(`endpoint : ${JSON.stringify(given.endpoint)} n'est pas un point d'accès METADATA de l'entrepôt (points d'accès METADATA : ${metadataEndpoints}).`);
  const records = (given?.file_identifiers ?? []).flatMap((identifier, index) => {
    if (identifier === undefined) return [];
    const found = ctx.records.list(METADATA, datastore).find((item) => item.file_identifier === identifier);
    if (!found) problems.add(`file_identifiers[${index}] : aucune fiche d'identifiant ${JSON.stringify(identifier)} dans l'entrepôt.`);
    return found ? [found] : [];
  });
  parsed.valid();
  for (const record of records) {
    const on = record.endpoints.includes(endpoint!._id);
    if (on === publish) continue;
    record.endpoints = publish ? [...record.endpoints, endpoint!._id] : record.endpoints.filter((other) => other !== endpoint!._id);
    record.update = ctx.now;
    record.lastEvent = event(ctx, METADATA, record, publish ? "Publication" : "Dépublication");
  }
  return records;
}

/** POST …/metadata/{metadata}/tags: merges the body's tags (existing keys overwritten); DELETE …/tags?tags=…: removes the keys
 * named (absent ones ignored, none given 400). The tags after the change. */
export function changeMetadataTags(ctx: Context, datastore: string, id: string, change: { add: unknown } | { remove: readonly string[] }): Record<string, string> {
  const record = findMetadata(ctx, datastore, id);
  if ("add" in change) record.tags = { ...record.tags, ...parseBody(TAGS, change.add) };
  else {
    if (change.remove.length === 0) throw badRequest("Paramètre de requête « tags » obligatoire : les clés des étiquettes à supprimer (tags=clé1,clé2 ou répété).");
    record.tags = Object.fromEntries(Object.entries(record.tags).filter(([key]) => !change.remove.includes(key)));
  }
  record.update = ctx.now;
  return { ...record.tags };
}


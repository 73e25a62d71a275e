// Uploads (livraisons): declaration, reading, renaming and deletion.
import { UPLOADS } from "./records.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event, findIn } from "../common/access.ts";
import { badRequest, conflict, Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson, isNonEmptyString, isObject, jsonTypeOf, unknownKeys } from "../../core/json.ts";
import type { UploadRecord, UploadType } from "./records.ts";
import { UPLOAD_TYPES } from "./records.ts";

/** Coordinate reference systems accepted as `srs`: an authority and a code, e.g. EPSG:2154 or IGNF:LAMB93. */
export const SRS_PATTERN = /^(EPSG:\d{4,6}|IGNF:[A-Z0-9_.]+)$/;

const CREATE_KEYS = ["name", "description", "type", "srs", "type_infos", "open", "tags", "callback"];

/** A required text field: a non-empty string. */
export function checkText(problems: Problems, body: Record<string, unknown>, key: string, required = true): void {
  const value = body[key];
  if (value === undefined) {
    if (required) problems.add(`Le champ « ${key} » est obligatoire.`);
  } else if (!isNonEmptyString(value)) {
    problems.add(`Le champ « ${key} » doit être une chaîne de caractères non vide (reçu : ${jsonTypeOf(value)} ${JSON.stringify(value)}).`);
  }
}

/** An upload of the datastore, or 404. */
export function findUpload(ctx: Context, datastore: string, id: string): UploadRecord {
  return findIn(ctx, UPLOADS, datastore, id, "Livraison");
}

/** Refuse changes to a deleted upload (409). */
export function assertNotDeleted(upload: UploadRecord): void {
  if (upload.status === "DELETED") throw conflict(`La livraison ${upload._id} est supprimée (statut DELETED) : elle ne peut plus être modifiée.`);
}

/** Refuse changes to the content of an upload that is not OPEN (409). */
export function assertOpen(upload: UploadRecord): void {
  assertNotDeleted(upload);
  if (upload.status !== "OPEN") {
    throw conflict(`La livraison ${upload._id} n'est pas ouverte (statut ${upload.status}) : rouvrez-la avec POST …/uploads/${upload._id}/open avant de modifier son contenu.`);
  }
}

/** POST /datastores/{datastore}/uploads: validates every field, then creates an OPEN upload. */
export function createUpload(ctx: Context, datastore: string, body: unknown): UploadRecord {
  assertDatastore(datastore);
  if (!isObject(body)) throw badRequest(`Le corps de la requête doit être un objet JSON avec name, description, type et srs (reçu : ${jsonTypeOf(body)}).`);
  const problems = new Problems();
  for (const key of unknownKeys(body, CREATE_KEYS)) problems.add(`Champ inconnu « ${key} » (champs acceptés : ${CREATE_KEYS.join(", ")}).`);
  checkText(problems, body, "name");
  checkText(problems, body, "description");
  if (body.type === undefined) problems.add(`Le champ « type » est obligatoire (valeurs possibles : ${UPLOAD_TYPES.join(", ")}).`);
  else if (!UPLOAD_TYPES.includes(body.type as UploadType)) {
    problems.add(`Le type de livraison ${JSON.stringify(body.type)} est inconnu (valeurs possibles : ${UPLOAD_TYPES.join(", ")}).`);
  }
  if (body.srs === undefined) problems.add("Le champ « srs » est obligatoire (par exemple EPSG:2154).");
  else if (typeof body.srs !== "string" || !SRS_PATTERN.test(body.srs)) {
    problems.add(`Le système de coordonnées « srs » ${JSON.stringify(body.srs)} est invalide : attendu un code comme EPSG:2154 ou EPSG:4326.`);
  }
  if (body.type_infos !== undefined && !isObject(body.type_infos)) problems.add("Le champ « type_infos » doit être un objet.");
  if (body.open !== undefined && typeof body.open !== "boolean") problems.add("Le champ « open » doit être un booléen.");
  if (body.tags !== undefined && !(isObject(body.tags) && Object.values(body.tags).every((v) => typeof v === "string"))) {
    problems.add("Le champ « tags » doit être un objet dont les valeurs sont des chaînes.");
  }
  if (body.callback !== undefined && !isObject(body.callback)) problems.add("Le champ « callback » doit être un objet.");
  problems.throwIfAny();
  const upload: UploadRecord = {
    _id: ctx.newId(),
    datastore,
    name: (body.name as string).trim(),
    description: (body.description as string).trim(),
    type: body.type as UploadType,
    srs: body.srs as string,
    status: "OPEN",
    open: (body.open as boolean | undefined) ?? false,
    tags: { ...((body.tags as Record<string, string> | undefined) ?? {}) },
    type_infos: cloneJson((body.type_infos as JsonObject | undefined) ?? {}),
    files: [],
    checks: [],
    creation: ctx.now,
    update: ctx.now,
    lastEvent: event(ctx, "Création"),
  };
  ctx.records.insert(UPLOADS, upload);
  return upload;
}

/** PATCH …/uploads/{upload}: only `name` and `description` may change. */
export function patchUpload(ctx: Context, datastore: string, id: string, body: unknown): UploadRecord {
  const upload = findUpload(ctx, datastore, id);
  if (!isObject(body)) throw badRequest(`Le corps de la requête doit être un objet JSON avec name et/ou description (reçu : ${jsonTypeOf(body)}).`);
  const problems = new Problems();
  for (const key of unknownKeys(body, ["name", "description"])) {
    problems.add(
      key === "type" || key === "srs"
        ? `Le champ « ${key} » d'une livraison ne peut pas être modifié : créez une nouvelle livraison.`
        : `Champ inconnu ou non modifiable « ${key} » (champs modifiables : name, description).`,
    );
  }
  checkText(problems, body, "name", false);
  checkText(problems, body, "description", false);
  problems.throwIfAny();
  assertNotDeleted(upload);
  if (typeof body.name === "string") upload.name = body.name.trim();
  if (typeof body.description === "string") upload.description = body.description.trim();
  upload.update = ctx.now;
  upload.lastEvent = event(ctx, "Modification");
  return upload;
}

/** DELETE …/uploads/{upload}: the files go away, the record stays readable with status DELETED. */
export function deleteUpload(ctx: Context, datastore: string, id: string): void {
  const upload = findUpload(ctx, datastore, id);
  assertNotDeleted(upload);
  upload.status = "DELETED";
  upload.files = [];
  upload.checks = [];
  upload.update = ctx.now;
  upload.lastEvent = event(ctx, "Suppression");
}

/** Uploads of the datastore, in creation order. */
export function listUploads(ctx: Context, datastore: string): UploadRecord[] {
  assertDatastore(datastore);
  return ctx.records.list(UPLOADS).filter((upload) => upload.datastore === datastore);
}

// Uploads (livraisons): declaration, reading, renaming and deletion.
import { UPLOADS } from "./records.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event, findIn } from "../common/access.ts";
import { conflict } from "../../core/errors.ts";
import { parseBody } from "../../core/schema.ts";
import type { UploadRecord } from "./records.ts";
import { CREATE_UPLOAD, PATCH_UPLOAD } from "./schemas.ts";

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
  const fields = parseBody(CREATE_UPLOAD, body);
  const id = ctx.newId();
  const upload: UploadRecord = {
    _id: id,
    datastore,
    name: fields.name.trim(),
    description: fields.description.trim(),
    type: fields.type,
    srs: fields.srs,
    status: "OPEN",
    open: fields.open ?? false,
    tags: fields.tags ?? {},
    type_infos: fields.type_infos ?? {},
    files: [],
    checks: [],
    creation: ctx.now,
    update: ctx.now,
    lastEvent: event(ctx, UPLOADS, { _id: id, datastore }, "Création"),
  };
  ctx.records.insert(UPLOADS, upload);
  return upload;
}

/** PATCH …/uploads/{upload}: only `name` and `description` may change (400 before 409). */
export function patchUpload(ctx: Context, datastore: string, id: string, body: unknown): UploadRecord {
  const upload = findUpload(ctx, datastore, id);
  const fields = parseBody(PATCH_UPLOAD, body);
  assertNotDeleted(upload);
  if (fields.name !== undefined) upload.name = fields.name.trim();
  if (fields.description !== undefined) upload.description = fields.description.trim();
  upload.update = ctx.now;
  upload.lastEvent = event(ctx, UPLOADS, upload, "Modification");
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
  upload.lastEvent = event(ctx, UPLOADS, upload, "Suppression");
}


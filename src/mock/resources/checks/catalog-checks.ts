// The checks the datastore offers (GET …/checks, GET …/checks/{check}) and their relaunch on an upload
// (POST …/uploads/{upload}/checks, body: a list of check ids, as the SDK's Upload.api_run_checks sends it).
import * as z from "zod/mini";
import { UPLOADS } from "../uploads/records.ts";
import { CHECKS, checkById } from "../processings/catalog.ts";
import type { CheckDef } from "../processings/catalog.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event } from "../common/access.ts";
import { conflict, notFound, Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { named, parseInto, received, text } from "../../core/schema.ts";
import type { UploadRecord } from "../uploads/records.ts";
import { assertNotDeleted, findUpload } from "../uploads/uploads.ts";
import { startChecks } from "./checks.ts";
import { CHECK_EXECUTIONS } from "./records.ts";
import { SEED_DATES } from "../../seed.ts";

/** A check as GET …/checks lists it: `{_id, name, description, creation, update}` (the catalog's dates are the seed's). */
export function checkView(check: CheckDef): JsonObject {
  return { _id: check._id, name: check.name, description: check.description, ...SEED_DATES };
}

/** Every check the datastore may run, in catalog order. */
export function listChecks(datastore: string): CheckDef[] {
  assertDatastore(datastore);
  return Object.values(CHECKS);
}

/** A check of the catalog, or 404. */
export function findCheck(datastore: string, id: string): CheckDef {
  assertDatastore(datastore);
  const check = checkById(id);
  if (!check) throw notFound(`Vérification « ${id} » introuvable (vérifications disponibles : GET /datastores/${datastore}/checks).`);
  return check;
}

const CHECK_IDS = named(z.array(text("identifiant de vérification", false)).check(z.minLength(1)), "liste non vide d'identifiants de vérifications", true);

/** POST …/uploads/{upload}/checks: runs the listed checks again on a CLOSED or UNSTABLE upload (CHECKING until they
 * finish); 400 for an unknown check, 409 for an upload that is open, being checked or deleted. */
export function runChecks(ctx: Context, datastore: string, id: string, body: unknown): UploadRecord {
  const upload = findUpload(ctx, datastore, id);
  const problems = new Problems();
  if (!Array.isArray(body)) problems.add(`Le corps de la requête doit être une liste JSON d'identifiants de vérifications, par exemple ["${CHECKS.standard._id}"] (reçu : ${received(body)}).`);
  const parsed = parseInto(CHECK_IDS, Array.isArray(body) ? body : [], problems);
  const checks: CheckDef[] = [];
  for (const [index, checkId] of (parsed.partial ?? []).entries()) {
    if (checkId === undefined) continue;
    const check = checkById(checkId);
    if (!check) problems.add(`[${index}] : la vérification ${JSON.stringify(checkId)} n'existe pas (vérifications disponibles : ${Object.values(CHECKS).map((c) => c._id).join(", ")}).`);
    else if (!checks.includes(check)) checks.push(check);
  }
  parsed.valid();
  assertNotDeleted(upload);
  if (upload.status !== "CLOSED" && upload.status !== "UNSTABLE") {
    throw conflict(`Les vérifications ne peuvent être relancées que sur une livraison fermée (CLOSED ou UNSTABLE) ; la livraison ${upload._id} est ${upload.status}.`);
  }
  // The new executions replace the previous ones of the same checks; the others still count.
  const kept = upload.checks.filter((checkId) => {
    const previous = ctx.records.get(CHECK_EXECUTIONS, checkId);
    return !previous || !checks.some((check) => check._id === previous.check);
  });
  upload.status = "CHECKING";
  upload.update = ctx.now;
  upload.lastEvent = event(ctx, UPLOADS, upload, "Relance des vérifications");
  upload.checks = [...kept, ...startChecks(ctx, upload, checks)];
  return upload;
}

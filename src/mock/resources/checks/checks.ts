// Closing and reopening uploads, and the check executions that closing starts. Each check's outcome is
// decided from the files at closing time (they are frozen while CHECKING); its status and log lines are
// then revealed over time by advance().
import { lifecycle } from "../../core/scheduler.ts";
import { UPLOADS } from "../uploads/records.ts";
import { CHECK_EXECUTIONS } from "./records.ts";
import { checksForUploadType } from "../processings/catalog.ts";
import type { CheckDef } from "../processings/catalog.ts";
import { CHECK_RUNNERS } from "./check-runners.ts";
import type { Context } from "../../core/context.ts";
import { event, findIn } from "../common/access.ts";
import { conflict } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import type { CheckExecutionRecord } from "./records.ts";
import type { LogLine } from "../common/records.ts";
import type { UploadRecord } from "../uploads/records.ts";
import { assertNotDeleted, findUpload } from "../uploads/uploads.ts";
import { checkExecutionSummary } from "./views.ts";

/** POST …/uploads/{upload}/close: OPEN → CHECKING, and one check execution per check of the upload's type. */
export function closeUpload(ctx: Context, datastore: string, id: string): UploadRecord {
  const upload = findUpload(ctx, datastore, id);
  assertNotDeleted(upload);
  if (upload.status !== "OPEN") throw conflict(`Seule une livraison ouverte (OPEN) peut être fermée ; la livraison ${upload._id} est ${upload.status}.`);
  upload.status = "CHECKING";
  upload.update = ctx.now;
  upload.lastEvent = event(ctx, UPLOADS, upload, "Fermeture");
  upload.checks = startChecks(ctx, upload, checksForUploadType(upload.type));
  return upload;
}

/** Creates one check execution per check (staggered starts), its outcome decided from the files now; their ids. */
export function startChecks(ctx: Context, upload: UploadRecord, checks: readonly CheckDef[]): string[] {
  return checks.map((check, index) => {
    const start = ctx.now + ctx.delays.checkStart + index * ctx.delays.checkStagger;
    const finish = start + ctx.delays.checkDuration;
    const runner = CHECK_RUNNERS[check._id];
    const result = runner ? runner(upload) : { outcome: "SUCCESS" as const, logs: [] };
    // Lines are spread evenly from start to finish, the last one (the result) at finish.
    const step = result.logs.length > 1 ? (finish - start) / (result.logs.length - 1) : 0;
    const logs: LogLine[] = result.logs.map((entry, line) => ({ ...entry, at: Math.round(start + line * step) }));
    const execution: CheckExecutionRecord = {
      _id: ctx.newId(), datastore: upload.datastore, check: check._id, upload: upload._id, status: "WAITING",
      creation: ctx.now, start, finish, outcome: result.outcome, logs,
    };
    ctx.records.insert(CHECK_EXECUTIONS, execution);
    return execution._id;
  });
}

/** POST …/uploads/{upload}/open: CLOSED, UNSTABLE or CHECKING → OPEN; pending checks no longer count. */
export function openUpload(ctx: Context, datastore: string, id: string): UploadRecord {
  const upload = findUpload(ctx, datastore, id);
  assertNotDeleted(upload);
  if (upload.status === "OPEN") throw conflict(`La livraison ${upload._id} est déjà ouverte.`);
  if (!["CLOSED", "UNSTABLE", "CHECKING"].includes(upload.status)) {
    throw conflict(`La livraison ${upload._id} ne peut pas être rouverte dans le statut ${upload.status}.`);
  }
  upload.status = "OPEN";
  upload.checks = [];
  upload.update = ctx.now;
  upload.lastEvent = event(ctx, UPLOADS, upload, "Ouverture");
  return upload;
}

/** GET …/uploads/{upload}/checks: the current closing's checks grouped by status. */
export function uploadChecks(ctx: Context, datastore: string, id: string): JsonObject {
  const upload = findUpload(ctx, datastore, id);
  const groups: Record<string, JsonObject[]> = { asked: [], in_progress: [], passed: [], failed: [] };
  const groupOf = { WAITING: "asked", PROGRESS: "in_progress", SUCCESS: "passed", FAILURE: "failed" } as const;
  for (const checkId of upload.checks) {
    const execution = ctx.records.get(CHECK_EXECUTIONS, checkId);
    if (execution) groups[groupOf[execution.status]]!.push(checkExecutionSummary(execution));
  }
  return groups;
}

/** A check execution of the datastore, or 404. */
export function findCheckExecution(ctx: Context, datastore: string, id: string): CheckExecutionRecord {
  return findIn(ctx, CHECK_EXECUTIONS, datastore, id, "Exécution de vérification");
}

/** Applies the check execution's next change; the last finished check settles the upload (CLOSED or UNSTABLE). */
export function applyCheckEvent(ctx: Context, execution: CheckExecutionRecord): void {
  if (execution.status === "WAITING") {
    execution.status = "PROGRESS";
    return;
  }
  execution.status = execution.outcome;
  const upload = ctx.records.get(UPLOADS, execution.upload);
  if (!upload || upload.status !== "CHECKING" || !upload.checks.includes(execution._id)) return;
  const executions = upload.checks.map((checkId) => ctx.records.get(CHECK_EXECUTIONS, checkId));
  if (executions.some((other) => !other || other.status === "WAITING" || other.status === "PROGRESS")) return;
  upload.status = executions.every((other) => other?.status === "SUCCESS") ? "CLOSED" : "UNSTABLE";
  upload.update = ctx.now;
  upload.lastEvent = event(ctx, UPLOADS, upload, upload.status === "CLOSED" ? "Vérifications réussies" : "Vérifications en échec");
}

/** Check executions move on by themselves (WAITING → PROGRESS → outcome). */
export const CHECK_LIFECYCLE = lifecycle(CHECK_EXECUTIONS, applyCheckEvent);

/**
 * DELETE …/checks/executions/{execution}: interrupts a running check (the SDK's Ctrl+C: it deletes the checks in
 * PROGRESS, waits for the WAITING ones to start, then reopens the upload). A check not started yet or already
 * finished answers 409; the check leaves the closing, and when it was the last one pending the upload becomes UNSTABLE.
 */
export function deleteCheckExecution(ctx: Context, datastore: string, id: string): void {
  const execution = findCheckExecution(ctx, datastore, id);
  if (execution.status === "WAITING") throw conflict(`La vérification ${id} n'a pas encore commencé (WAITING) : attendez qu'elle soit en cours (PROGRESS) pour l'interrompre.`);
  if (execution.status !== "PROGRESS") throw conflict(`La vérification ${id} est terminée (${execution.status}) : elle ne peut plus être interrompue.`);
  ctx.records.remove(CHECK_EXECUTIONS, id);
  const upload = ctx.records.get(UPLOADS, execution.upload);
  if (!upload || !upload.checks.includes(id)) return;
  upload.checks = upload.checks.filter((other) => other !== id);
  if (upload.status !== "CHECKING") return;
  const pending = upload.checks.some((other) => ["WAITING", "PROGRESS"].includes(ctx.records.get(CHECK_EXECUTIONS, other)?.status ?? ""));
  upload.update = ctx.now;
  if (!pending) {
    upload.status = "UNSTABLE";
    upload.lastEvent = event(ctx, UPLOADS, upload, "Vérifications interrompues");
  }
}


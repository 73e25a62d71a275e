// Life of a processing execution after creation: launch → WAITING → PROGRESS → SUCCESS (or FAILURE when its
// inputs are no longer usable when it starts), abort, and what it does to its output stored data.
import { EXECUTIONS } from "./records.ts";
import { lifecycle } from "../../core/scheduler.ts";
import { UPLOADS } from "../uploads/records.ts";
import { STORED_DATA } from "../stored-data/records.ts";
import { processingById } from "../processings/catalog.ts";
import type { Context } from "../../core/context.ts";
import { event } from "../common/access.ts";
import { conflict } from "../../core/errors.ts";
import { findExecution } from "./executions.ts";
import { cloneJson } from "../../core/json.ts";
import { OUTPUT_BUILDERS } from "./outputs.ts";
import { ExecutionFailure } from "./vector-journal.ts";
import { derivationSql, isDerivationExecution } from "../processings/derivation.ts";
import { harvestSource, isHarvest } from "./harvest-output.ts";
import type { ExecutionRecord, InputSnapshot } from "./records.ts";
import type { LogLevel } from "../common/records.ts";

const MODULE = "gpf-processing";

function log(execution: ExecutionRecord, at: number, level: LogLevel, message: string): void {
  execution.logs.push({ at, level, module: MODULE, line: execution.logs.length + 1, message });
}

/** POST …/executions/{execution}/launch: only a CREATED execution can be launched. */
export function launchExecution(ctx: Context, datastore: string, id: string): ExecutionRecord {
  const execution = findExecution(ctx, datastore, id);
  if (execution.status !== "CREATED") {
    throw conflict(`L'exécution ${execution._id} a déjà été lancée (statut ${execution.status}) : seule une exécution CREATED peut l'être.`);
  }
  execution.status = "WAITING";
  execution.launch = ctx.now;
  const start = ctx.now + ctx.delays.executionWaiting;
  execution.schedule = { start, finish: start + ctx.delays.executionProgress };
  log(execution, ctx.now, "INFO", `Exécution lancée, en attente de prise en charge par le cluster de calcul`);
  return execution;
}

/** POST …/executions/{execution}/abort: stops an execution that has not finished; its output becomes UNSTABLE. */
export function abortExecution(ctx: Context, datastore: string, id: string): ExecutionRecord {
  const execution = findExecution(ctx, datastore, id);
  if (!["CREATED", "WAITING", "PROGRESS"].includes(execution.status)) {
    throw conflict(`L'exécution ${execution._id} est terminée (statut ${execution.status}) : elle ne peut plus être annulée.`);
  }
  execution.status = "ABORTED";
  execution.finish = ctx.now;
  delete execution.schedule;
  log(execution, ctx.now, "WARNING", "Exécution annulée à la demande de l'utilisateur");
  settleOutput(ctx, execution, "UNSTABLE", "Annulation");
  return execution;
}

// Why the inputs cannot be used now (empty when they can), and what they contain.
function inspectInputs(ctx: Context, execution: ExecutionRecord): { problems: string[]; snapshot: InputSnapshot } {
  const problems: string[] = [];
  const snapshot: InputSnapshot = { files: [] };
  for (const id of execution.inputs.upload) {
    const upload = ctx.records.get(UPLOADS, id);
    if (!upload || upload.status === "DELETED") problems.push(`La livraison en entrée ${id} a été supprimée`);
    else if (upload.status !== "CLOSED") problems.push(`La livraison en entrée « ${upload.name} » (${id}) n'est plus fermée et vérifiée (statut ${upload.status})`);
    else {
      for (const file of upload.files.filter((candidate) => candidate.kind === "data")) {
        const entry: InputSnapshot["files"][number] = { path: file.path, size: file.size, md5: file.md5 };
        if (file.blob) entry.blob = file.blob;
        if (file.analysis) entry.analysis = cloneJson(file.analysis);
        snapshot.files.push(entry);
      }
      snapshot.srs ??= upload.srs;
    }
  }
  for (const id of execution.inputs.stored_data) {
    const storedData = ctx.records.get(STORED_DATA, id);
    // The output may also be an input (a derivation in place): it is MODIFYING since the execution was created.
    if (!storedData || (storedData.status !== "GENERATED" && !(id === execution.output && storedData.status === "MODIFYING"))) problems.push(`La donnée stockée en entrée ${id} n'est plus utilisable (statut ${storedData?.status ?? "inconnu"})`);
    else {
      snapshot.files.push({ path: storedData.name, size: storedData.size });
      snapshot.srs ??= storedData.srs;
      const source: NonNullable<InputSnapshot["sources"]>[number] = { _id: id, type: storedData.type, size: storedData.size, type_infos: cloneJson(storedData.type_infos) };
      if (storedData.srs) source.srs = storedData.srs;
      if (storedData.details) source.details = cloneJson(storedData.details);
      if (storedData.files.length > 0) source.files = cloneJson(storedData.files);
      (snapshot.sources ??= []).push(source);
    }
  }
  if (isDerivationExecution(execution)) {
    const found = derivationSql(ctx, execution);
    problems.push(...found.problems);
    snapshot.derivations = found.derivations;
  }
  if (isHarvest(execution)) {
    const found = harvestSource(ctx, execution);
    problems.push(...found.problems);
    if (found.harvest) snapshot.harvest = found.harvest;
  }
  return { problems, snapshot };
}

// Final status of the output stored data.
function settleOutput(ctx: Context, execution: ExecutionRecord, status: "GENERATED" | "UNSTABLE", title: string): void {
  const storedData = ctx.records.get(STORED_DATA, execution.output);
  if (!storedData || storedData.status === "DELETED") return;
  storedData.status = status;
  storedData.update = ctx.now;
  storedData.lastEvent = event(ctx, STORED_DATA, storedData, title);
}

/** Applies the execution's next change at ctx.now (its scheduled time). */
export function applyExecutionEvent(ctx: Context, execution: ExecutionRecord): void {
  const processing = processingById(execution.processing);
  const storedData = ctx.records.get(STORED_DATA, execution.output);
  if (execution.status === "WAITING") {
    execution.start = ctx.now;
    const { problems, snapshot } = inspectInputs(ctx, execution);
    log(execution, ctx.now, "INFO", `Début du traitement « ${processing?.name ?? execution.processing} »`);
    if (problems.length > 0) {
      for (const problem of problems) log(execution, ctx.now, "ERROR", problem);
      log(execution, ctx.now, "ERROR", "Les données en entrée ne sont pas utilisables : FAILURE");
      execution.status = "FAILURE";
      execution.finish = ctx.now;
      settleOutput(ctx, execution, "UNSTABLE", "Échec de la génération");
      return;
    }
    execution.status = "PROGRESS";
    execution.snapshot = snapshot;
    log(execution, ctx.now, "INFO", `${snapshot.files.length} fichier(s) en entrée, ${snapshot.files.reduce((s, f) => s + f.size, 0)} octets`);
    if (snapshot.harvest?.request) log(execution, ctx.now, "INFO", `Moissonnage par dalle : ${snapshot.harvest.request}`);
    if (storedData && storedData.status === "CREATED") {
      storedData.status = "GENERATING";
      storedData.update = ctx.now;
    }
    return;
  }
  execution.finish = ctx.now;
  if (storedData && storedData.status !== "DELETED") {
    const builder = OUTPUT_BUILDERS[storedData.type];
    let messages: string[];
    try {
      messages = builder?.(storedData, execution.snapshot ?? { files: [] }, execution) ?? [];
    } catch (error) {
      // A builder refuses what it cannot do (SQL that does not run…) before changing the stored data.
      if (!(error instanceof ExecutionFailure)) throw error;
      log(execution, ctx.now, "ERROR", error.message);
      log(execution, ctx.now, "ERROR", "Fin du traitement : FAILURE");
      execution.status = "FAILURE";
      settleOutput(ctx, execution, "UNSTABLE", "Échec de la génération");
      return;
    }
    for (const message of messages) log(execution, ctx.now, "INFO", message);
    log(execution, ctx.now, "INFO", `Donnée stockée « ${storedData.name} » ${execution.outputIsNew ? "générée" : "modifiée"} : ${storedData.size} octets`);
  }
  execution.status = "SUCCESS";
  log(execution, ctx.now, "INFO", "Fin du traitement : SUCCESS");
  settleOutput(ctx, execution, "GENERATED", execution.outputIsNew ? "Génération" : "Modification");
}

/** Launched executions move on by themselves (WAITING → PROGRESS → SUCCESS or FAILURE). */
export const EXECUTION_LIFECYCLE = lifecycle(EXECUTIONS, applyExecutionEvent);

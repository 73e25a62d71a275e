// DELETE …/processings/executions/{execution} (SDK ProcessingExecution.api_delete, used when an output already
// exists and behavior_if_exists is DELETE): an execution that is not running is forgotten; its output stays.
import type { Context } from "../../core/context.ts";
import { conflict } from "../../core/errors.ts";
import { findExecution } from "./executions.ts";
import { EXECUTIONS } from "./records.ts";

/** Removes the execution; 409 while it is WAITING or PROGRESS (abort it first). */
export function deleteExecution(ctx: Context, datastore: string, id: string): void {
  const execution = findExecution(ctx, datastore, id);
  if (execution.status === "WAITING" || execution.status === "PROGRESS") {
    throw conflict(`L'exécution ${execution._id} est en cours (statut ${execution.status}) : annulez-la (POST …/abort) avant de la supprimer.`);
  }
  ctx.records.remove(EXECUTIONS, execution._id);
}

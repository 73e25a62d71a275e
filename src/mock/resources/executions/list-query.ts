// What GET …/processings/executions accepts: status, sort by creation.
import type { ListSpec } from "../common/list-query.ts";
import type { ExecutionStatus } from "./records.ts";

/** Execution statuses, as the `status` filter accepts them. */
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = ["CREATED", "WAITING", "PROGRESS", "SUCCESS", "FAILURE", "ABORTED"];

/** The list query of GET …/processings/executions. */
export const EXECUTION_LIST: ListSpec = {
  filters: { status: { path: ["status"], values: EXECUTION_STATUSES } },
  sort: { creation: ["creation"] },
};

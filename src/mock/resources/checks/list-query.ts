// What the check lists accept: GET …/checks name (`%`), GET …/checks/executions status and sort by creation.
import type { ListSpec } from "../common/list-query.ts";
import type { CheckStatus } from "./records.ts";

/** Check execution statuses, as the `status` filter accepts them. */
export const CHECK_STATUSES: readonly CheckStatus[] = ["WAITING", "PROGRESS", "SUCCESS", "FAILURE"];

/** The list query of GET …/checks (the catalog). */
export const CHECK_LIST: ListSpec = { filters: { name: { path: ["name"], match: "like" } } };

/** The list query of GET …/checks/executions. */
export const CHECK_EXECUTION_LIST: ListSpec = { filters: { status: { path: ["status"], values: CHECK_STATUSES } }, sort: { creation: ["creation"] } };

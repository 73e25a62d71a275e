// The runtime variables ({datastore}, {upload}…): one reactive object shared by every block and the panel,
// persisted so that a reader can reload or move to the next page without losing them.
import { readJson, writeJson } from "./storage.ts";

const KEY = "variables";

/** A variable's value and where it came from (a step's title, "saisie manuelle"…). */
export interface Variable {
  value: string;
  source: string;
}

/** The shared variables state (made reactive by Alpine in registerVariables). */
export interface VariablesState {
  items: Record<string, Variable>;
}

/** Creates the state from storage. */
export function loadVariables(): VariablesState {
  return { items: readJson<Record<string, Variable>>(KEY, {}) };
}

/** Name → value map, as substitute() expects. */
export function valuesOf(state: VariablesState): Record<string, string> {
  return Object.fromEntries(Object.entries(state.items).map(([name, variable]) => [name, variable.value]));
}

/** Sets several variables at once and persists them. */
export function setVariables(state: VariablesState, values: Record<string, string>, source: string): void {
  for (const [name, value] of Object.entries(values)) state.items[name] = { value, source };
  writeJson(KEY, state.items);
}

/** Persists the current values (after an edit in the panel). */
export function saveVariables(state: VariablesState): void {
  writeJson(KEY, state.items);
}

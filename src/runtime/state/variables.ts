// The runtime variables ({datastore}, {upload}…): one reactive object shared by every block and the panel,
// persisted so that a reader can reload or move to the next page without losing them.
import { readJson, writeJson } from "./storage.ts";

const key = (profile: string) => `variables:${profile}`;

/** A variable's value and where it came from (a step's title, "saisie manuelle"…). */
export interface Variable {
  value: string;
  source: string;
}

/** The shared variables state (made reactive by Alpine in registerVariables). */
export interface VariablesState {
  /** Storage namespace (one per mode and real API base, see settings.ts profileOf). */
  profile: string;
  items: Record<string, Variable>;
}

/** Creates the state of a profile from storage. */
export function loadVariables(profile: string): VariablesState {
  return { profile, items: readJson<Record<string, Variable>>(key(profile), {}) };
}

/** Name → value map, as substitute() expects. */
export function valuesOf(state: VariablesState): Record<string, string> {
  return Object.fromEntries(Object.entries(state.items).map(([name, variable]) => [name, variable.value]));
}

/** Sets several variables at once and persists them. */
export function setVariables(state: VariablesState, values: Record<string, string>, source: string): void {
  for (const [name, value] of Object.entries(values)) state.items[name] = { value, source };
  writeJson(key(state.profile), state.items);
}

/** Persists the current values (after an edit in the panel). */
export function saveVariables(state: VariablesState): void {
  writeJson(key(state.profile), state.items);
}

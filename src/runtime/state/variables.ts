// The runtime variables ({datastore}, {upload}…): one reactive object shared by every block and the panel,
// persisted so that a reader can reload or move to the next page without losing them. Several tabs share them:
// each change is merged into what is stored (not a whole overwrite), and the other tabs follow storage events.
import { PREFIX, readJson, writeJson } from "./storage.ts";

const key = (profile: string) => `variables:${profile}`;

/** A variable's value and where it came from (a step's title, "saisie manuelle"…). */
export interface Variable {
  value: string;
  source: string;
}

/** The shared variables state (made reactive by Alpine in main.ts). */
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

/** Makes `state.items` equal to `items`, key by key (keeps Alpine's reactivity). */
function replaceItems(state: VariablesState, items: Record<string, Variable>): void {
  for (const name of Object.keys(state.items)) if (!(name in items)) delete state.items[name];
  for (const [name, variable] of Object.entries(items)) {
    const current = state.items[name];
    if (current?.value !== variable.value || current.source !== variable.source) state.items[name] = variable;
  }
}

/** Applies changes (a Variable to set, undefined to remove) on top of what is stored, then stores the result. */
function update(state: VariablesState, changes: Record<string, Variable | undefined>): void {
  // What another tab stored wins over this tab's copy for the names this change does not touch.
  const stored = { ...state.items, ...readJson<Record<string, Variable>>(key(state.profile), {}) };
  for (const [name, variable] of Object.entries(changes)) {
    if (variable) stored[name] = variable;
    else delete stored[name];
  }
  replaceItems(state, stored);
  writeJson(key(state.profile), stored);
}

/** Sets several variables at once and persists them. */
export function setVariables(state: VariablesState, values: Record<string, string>, source: string): void {
  update(state, Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, source }])));
}

/** Sets (or, with an empty value, removes) one variable typed by the reader. */
export function editVariable(state: VariablesState, name: string, value: string, source: string): void {
  update(state, { [name]: value === "" ? undefined : { value, source } });
}

/** Follows the changes other tabs make to the same profile's variables. */
export function followOtherTabs(state: VariablesState): void {
  window.addEventListener("storage", (event) => {
    if (event.key !== PREFIX + key(state.profile)) return;
    try {
      replaceItems(state, event.newValue ? (JSON.parse(event.newValue) as Record<string, Variable>) : {});
    } catch {
      // unreadable value written by something else: ignore
    }
  });
}

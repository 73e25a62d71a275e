// The runtime variables ({datastore}, {upload}…): one reactive object shared by every block and the panel,
// persisted so that a reader can reload or move to the next page without losing them. Several tabs share them:
// each change is merged into what is stored (not a whole overwrite), and the other tabs follow storage events.
// What is read from storage is validated: a corrupt entry, or a corrupt variable in it, is left out and reported.
import * as z from "zod/mini";
import { STRINGS } from "../../shared/strings.ts";
import { parseStored, readJson, reportIgnored, storageKey, writeJson } from "./storage.ts";

const key = (profile: string) => `variables:${profile}`;

/** A variable's value and where it came from (a step's title, "saisie manuelle"…). */
export interface Variable {
  value: string;
  source: string;
}

const StoredVariable = z.object({ value: z.string().check(z.minLength(1)), source: z.string() });
// An object of variables by name (not null, not an array); each variable is checked on its own.
const StoredVariables = z.record(z.string(), z.unknown());

/** The shared variables state (made reactive by Alpine in main.ts). */
export interface VariablesState {
  /** Storage namespace (one per mode and real API base, see settings.ts profileOf). */
  profile: string;
  items: Record<string, Variable>;
}

/** Keeps the well-formed variables of a stored object; reports the others by name. */
function wellFormed(stored: Record<string, unknown> | undefined): Record<string, Variable> {
  const items: Record<string, Variable> = {};
  for (const [name, candidate] of Object.entries(stored ?? {})) {
    const parsed = StoredVariable.safeParse(candidate);
    if (parsed.success) items[name] = parsed.data;
    else reportIgnored(STRINGS.ignored.variable(name));
  }
  return items;
}

/** The stored variables of a profile (only the well-formed ones). */
function readStored(profile: string): Record<string, Variable> {
  return wellFormed(readJson(key(profile), StoredVariables, STRINGS.ignored.variables));
}

/** Creates the state of a profile from storage. */
export function loadVariables(profile: string): VariablesState {
  return { profile, items: readStored(profile) };
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
  const stored = { ...state.items, ...readStored(state.profile) };
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

/** Where storage events come from: the window (a stand-in in tests). */
export interface StorageEvents {
  addEventListener(type: "storage", listener: (event: { key: string | null; newValue: string | null }) => void): void;
}

/** Follows the changes other tabs make to the same profile's variables (`events`: the window). */
export function followOtherTabs(state: VariablesState, events: StorageEvents): void {
  events.addEventListener("storage", (event) => {
    if (event.key !== storageKey(key(state.profile))) return;
    const stored = event.newValue === null ? {} : parseStored(event.newValue, StoredVariables, STRINGS.ignored.variables);
    // Unreadable value written by something else: keep this tab's copy.
    if (stored !== undefined) replaceItems(state, wellFormed(stored));
  });
}

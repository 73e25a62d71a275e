// The runtime variables ({datastore}, {upload}…): one reactive object shared by every block and the panel,
// persisted so that a reader can reload or move to the next page without losing them. Several tabs share them:
// each change is merged into what is stored (not a whole overwrite), and the other tabs follow storage events.
// When another tab changes a variable this page uses and this tab has its own value, this tab keeps its value (kept
// in sessionStorage, so it survives a reload and the next page) until the reader takes the other tab's values.
// A value read again (same value) keeps its first source. What is read from storage is validated: a corrupt entry,
// or a corrupt variable in it, is left out and reported.
import * as z from "zod/mini";
import { STRINGS } from "../../shared/strings.ts";
import { parseStored, readJson, removeValue, reportIgnored, storageKey, writeJson } from "./storage.ts";

const key = (profile: string) => `variables:${profile}`;
const tabKey = (profile: string) => `variables-tab:${profile}`;

/** A variable's value, where it came from (a step's title, "saisie manuelle"…) and, when known, a link to that step. */
export interface Variable {
  value: string;
  source: string;
  href?: string;
}

const StoredVariable = z.object({ value: z.string().check(z.minLength(1)), source: z.string(), href: z.optional(z.string()) });
// An object of variables by name (not null, not an array); each variable is checked on its own.
const StoredVariables = z.record(z.string(), z.unknown());
// This tab's own values of variables another tab changed, and whether the reader already chose to keep them.
const StoredTab = z.object({ kept: StoredVariables, quiet: z.boolean() });

/** The shared variables state (made reactive by Alpine in main.ts). */
export interface VariablesState {
  profile: string;
  items: Record<string, Variable>;
  /** What the other tabs stored for the variables this tab keeps its own value of (null: removed there). */
  others: Record<string, Variable | null>;
  /** True once the reader chose to keep this tab's values (until another tab changes one again). */
  quiet: boolean;
  /** The variables this page uses (set by the panel); undefined: all of them. */
  needed?: readonly string[];
}

/** Keeps the well-formed variables of a stored object; reports the others by name. */
function wellFormed(stored: Record<string, unknown> | undefined): Record<string, Variable> {
  const items: Record<string, Variable> = {};
  for (const [name, candidate] of Object.entries(stored ?? {})) {
    const parsed = StoredVariable.safeParse(candidate);
    if (parsed.success) items[name] = parsed.data.href === undefined ? { value: parsed.data.value, source: parsed.data.source } : parsed.data;
    else reportIgnored(STRINGS.ignored.variable(name));
  }
  return items;
}

/** The stored variables of a profile (only the well-formed ones). */
function readStored(profile: string): Record<string, Variable> {
  return wellFormed(readJson(key(profile), StoredVariables, STRINGS.ignored.variables));
}

/** Creates the state of a profile from storage (this tab's kept values over the shared ones). */
export function loadVariables(profile: string): VariablesState {
  const shared = readStored(profile);
  const tab = readJson(tabKey(profile), StoredTab, STRINGS.ignored.variables, "session");
  const kept = wellFormed(tab?.kept);
  const others: Record<string, Variable | null> = {};
  for (const [name, variable] of Object.entries(kept)) {
    if (shared[name]?.value === variable.value) delete kept[name];
    else others[name] = shared[name] ?? null;
  }
  return { profile, items: { ...shared, ...kept }, others, quiet: tab?.quiet ?? false };
}

/** Name → value map, as substitute() expects. */
export function valuesOf(state: VariablesState): Record<string, string> {
  return Object.fromEntries(Object.entries(state.items).map(([name, variable]) => [name, variable.value]));
}

/** Makes `target` equal to `items`, key by key (keeps Alpine's reactivity). */
function replaceAll<T>(target: Record<string, T>, items: Record<string, T>): void {
  for (const name of Object.keys(target)) if (!(name in items)) delete target[name];
  for (const [name, item] of Object.entries(items)) if (JSON.stringify(target[name]) !== JSON.stringify(item)) target[name] = item;
}

/** Stores this tab's kept values (sessionStorage), or forgets them when there are none. */
function saveTab(state: VariablesState): void {
  const names = Object.keys(state.others);
  if (names.length === 0) return removeValue(tabKey(state.profile), "session");
  const kept = Object.fromEntries(names.flatMap((name) => (state.items[name] ? [[name, state.items[name]]] : [])));
  writeJson(tabKey(state.profile), { kept, quiet: state.quiet }, "session");
}

/** Applies changes (a Variable to set, undefined to remove) on top of what is stored, then stores the result. */
function update(state: VariablesState, changes: Record<string, Variable | undefined>): void {
  // What another tab stored wins over this tab's copy, except for this tab's kept values and what this change sets.
  const shared = Object.fromEntries(Object.entries(state.items).filter(([name]) => !(name in state.others)));
  const stored = { ...shared, ...readStored(state.profile) };
  const items = { ...stored };
  for (const name of Object.keys(state.others)) {
    const own = state.items[name];
    if (own) items[name] = own;
  }
  for (const [name, variable] of Object.entries(changes)) {
    delete state.others[name];
    if (variable) {
      stored[name] = variable;
      items[name] = variable;
    } else {
      delete stored[name];
      delete items[name];
    }
  }
  replaceAll(state.items, items);
  writeJson(key(state.profile), stored);
  saveTab(state);
}

/** Finds the link of a step from its title (the panel sets it: it knows the page); none by default. */
let locate: (source: string) => string | undefined = () => undefined;

/** Sets how setVariables finds the link to the step a value comes from. */
export function locateSourcesWith(locator: (source: string) => string | undefined): void {
  locate = locator;
}

/**
 * Sets several variables at once and persists them. A value equal to the current one changes nothing: the source
 * stays the step that first gave it (a later step that reads the same value again does not take its credit).
 */
export function setVariables(state: VariablesState, values: Record<string, string>, source: string): void {
  const changed = Object.entries(values).filter(([name, value]) => state.items[name]?.value !== value);
  if (changed.length === 0) return;
  const href = locate(source);
  update(state, Object.fromEntries(changed.map(([name, value]) => [name, href ? { value, source, href } : { value, source }])));
}

/** Sets (or, with an empty value, removes) one variable typed by the reader. */
export function editVariable(state: VariablesState, name: string, value: string, source: string): void {
  if ((state.items[name]?.value ?? "") === value) return;
  update(state, { [name]: value === "" ? undefined : { value, source } });
}

/** The variables another tab changed while this tab keeps its own values, sorted. */
export function otherTabNames(state: VariablesState): string[] {
  return Object.keys(state.others).sort((a, b) => a.localeCompare(b));
}

/** Takes the other tabs' values of the variables this tab kept. */
export function takeOtherTabValues(state: VariablesState): void {
  for (const [name, other] of Object.entries(state.others)) {
    if (other) state.items[name] = other;
    else delete state.items[name];
    delete state.others[name];
  }
  state.quiet = false;
  saveTab(state);
}

/** Keeps this tab's values and stops telling the reader about them (until another tab changes one again). */
export function keepThisTabValues(state: VariablesState): void {
  state.quiet = true;
  saveTab(state);
}

/** Where storage events come from: the window (a stand-in in tests). */
export interface StorageEvents {
  addEventListener(type: "storage", listener: (event: { key: string | null; newValue: string | null }) => void): void;
}

/** Merges what another tab stored: this tab keeps its own values of the variables the page uses. */
function receive(state: VariablesState, shared: Record<string, Variable>): void {
  const items: Record<string, Variable> = {};
  const uses = (name: string) => state.needed === undefined || state.needed.includes(name);
  for (const name of new Set([...Object.keys(state.items), ...Object.keys(shared)])) {
    const own = state.items[name];
    const other = shared[name];
    const previous = state.others[name];
    if (own && other?.value !== own.value && (name in state.others || uses(name))) {
      items[name] = own;
      state.others[name] = other ?? null;
      if (previous === undefined || previous?.value !== other?.value) state.quiet = false;
    } else {
      delete state.others[name];
      if (other) items[name] = other;
    }
  }
  replaceAll(state.items, items);
  saveTab(state);
}

/** Follows the changes other tabs make to the same profile's variables (`events`: the window). */
export function followOtherTabs(state: VariablesState, events: StorageEvents): void {
  events.addEventListener("storage", (event) => {
    if (event.key !== storageKey(key(state.profile))) return;
    if (event.newValue === null) {
      // "Tout recommencer" in another tab: the simulated datastore is gone too, this tab's ids with it.
      replaceAll(state.others, {});
      replaceAll(state.items, {});
      return saveTab(state);
    }
    const stored = parseStored(event.newValue, StoredVariables, STRINGS.ignored.variables);
    // Unreadable value written by something else: keep this tab's copy.
    if (stored !== undefined) receive(state, wellFormed(stored));
  });
}

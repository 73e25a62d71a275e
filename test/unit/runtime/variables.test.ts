// The runtime variables: a value read again keeps its first source; two tabs, each keeping its own values.
import { beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { PREFIX } from "../../../src/runtime/state/storage.ts";
import {
  editVariable,
  followOtherTabs,
  keepThisTabValues,
  loadVariables,
  otherTabNames,
  setVariables,
  takeOtherTabValues,
  valuesOf,
  type StorageEvents,
  type VariablesState,
} from "../../../src/runtime/state/variables.ts";
import { MemoryStorage } from "./memory-storage.ts";


const local = new MemoryStorage();
const sessions = [new MemoryStorage(), new MemoryStorage()] as const;
Object.assign(globalThis, { localStorage: local, sessionStorage: sessions[0] });
const KEY = `${PREFIX}variables:simule`;

/** A tab: its state, its sessionStorage, and the storage events the browser would send it. */
interface Tab {
  state: VariablesState;
  session: MemoryStorage;
  notify: () => void;
}

/** Runs `action` as in tab `index` (its sessionStorage), then sends the other tabs the storage event. */
function inTab<T>(tabs: Tab[], index: number, action: (state: VariablesState) => T): T {
  Object.assign(globalThis, { sessionStorage: tabs[index]!.session });
  const result = action(tabs[index]!.state);
  tabs.forEach((tab, other) => other !== index && (Object.assign(globalThis, { sessionStorage: tab.session }), tab.notify()));
  Object.assign(globalThis, { sessionStorage: tabs[index]!.session });
  return result;
}

function openTab(session: MemoryStorage, needed?: string[]): Tab {
  Object.assign(globalThis, { sessionStorage: session });
  const state = loadVariables("simule");
  state.needed = needed;
  let listener: Parameters<StorageEvents["addEventListener"]>[1] | undefined;
  followOtherTabs(state, { addEventListener: (_type, next) => (listener = next) });
  return { state, session, notify: () => listener!({ key: KEY, newValue: local.getItem(KEY) }) };
}

beforeEach(() => {
  local.clear();
  sessions.forEach((session) => session.clear());
});

test("a block that reads the same value again does not take the source; a new value does", () => {
  const state = loadVariables("simule");
  setVariables(state, { datastore: "d-1" }, "Consulter son compte");
  setVariables(state, { datastore: "d-1", endpoint: "e-1" }, "Choisir le point d'accès");
  assert.equal(state.items["datastore"]!.source, "Consulter son compte");
  assert.equal(state.items["endpoint"]!.source, "Choisir le point d'accès");
  setVariables(state, { datastore: "d-2" }, "Choisir le point d'accès");
  assert.deepEqual(state.items["datastore"], { value: "d-2", source: "Choisir le point d'accès" });
  // What is stored says the same (the next page reads it).
  assert.equal(loadVariables("simule").items["datastore"]!.source, "Choisir le point d'accès");
  editVariable(state, "datastore", "d-2", "saisie manuelle");
  assert.equal(state.items["datastore"]!.source, "Choisir le point d'accès");
});

test("another tab's new value of a variable this page uses: this tab keeps its own and says which", () => {
  const tabs = [openTab(sessions[0], ["datastore", "upload"]), openTab(sessions[1], ["datastore", "upload"])];
  inTab(tabs, 0, (state) => setVariables(state, { datastore: "d-1", upload: "u-1" }, "Créer"));
  assert.deepEqual(valuesOf(tabs[1]!.state), { datastore: "d-1", upload: "u-1" }, "no value of its own: the second tab follows");
  inTab(tabs, 1, (state) => setVariables(state, { upload: "u-2" }, "Créer"));
  assert.deepEqual(valuesOf(tabs[0]!.state), { datastore: "d-1", upload: "u-1" });
  assert.deepEqual(otherTabNames(tabs[0]!.state), ["upload"]);
  assert.equal(tabs[0]!.state.others["upload"]!.value, "u-2");
  assert.equal(tabs[0]!.state.quiet, false);

  // A run in the first tab that sets another variable does not take the second tab's {upload}, nor erase it.
  inTab(tabs, 0, (state) => setVariables(state, { "check execution": "c-1" }, "Vérifier"));
  assert.equal(tabs[0]!.state.items["upload"]!.value, "u-1");
  assert.equal(JSON.parse(local.getItem(KEY)!).upload.value, "u-2");
  assert.equal(tabs[1]!.state.items["check execution"]!.value, "c-1");

  // The kept value survives a reload (or the next page) of the first tab.
  Object.assign(globalThis, { sessionStorage: sessions[0] });
  keepThisTabValues(tabs[0]!.state);
  const reloaded = loadVariables("simule");
  assert.equal(reloaded.items["upload"]!.value, "u-1");
  assert.deepEqual(otherTabNames(reloaded), ["upload"]);
  assert.equal(reloaded.quiet, true);
  // A fresh tab (empty sessionStorage) reads the shared values.
  Object.assign(globalThis, { sessionStorage: new MemoryStorage() });
  assert.equal(loadVariables("simule").items["upload"]!.value, "u-2");

  // Taking the other tab's values ends the difference.
  Object.assign(globalThis, { sessionStorage: sessions[0] });
  takeOtherTabValues(tabs[0]!.state);
  assert.equal(tabs[0]!.state.items["upload"]!.value, "u-2");
  assert.deepEqual(otherTabNames(tabs[0]!.state), []);
  assert.deepEqual(otherTabNames(loadVariables("simule")), []);
});

test("a new value set in the keeping tab becomes the shared one, and the other tab keeps its own in turn", () => {
  const tabs = [openTab(sessions[0], ["upload"]), openTab(sessions[1], ["upload"])];
  inTab(tabs, 0, (state) => setVariables(state, { upload: "u-1" }, "Créer"));
  inTab(tabs, 1, (state) => setVariables(state, { upload: "u-2" }, "Créer"));
  assert.deepEqual(otherTabNames(tabs[0]!.state), ["upload"]);
  inTab(tabs, 0, (state) => setVariables(state, { upload: "u-3" }, "Créer"));
  assert.deepEqual(otherTabNames(tabs[0]!.state), []);
  assert.equal(JSON.parse(local.getItem(KEY)!).upload.value, "u-3");
  assert.equal(tabs[1]!.state.items["upload"]!.value, "u-2");
  assert.deepEqual(otherTabNames(tabs[1]!.state), ["upload"]);
  // When the other tab comes back to the same value, there is nothing left to tell.
  inTab(tabs, 0, (state) => setVariables(state, { upload: "u-2" }, "Créer"));
  assert.deepEqual(otherTabNames(tabs[1]!.state), []);
});

test("variables this page does not use follow the other tab silently; a removal there is a change too", () => {
  const tabs = [openTab(sessions[0], ["upload"]), openTab(sessions[1], ["upload", "offering"])];
  inTab(tabs, 0, (state) => setVariables(state, { upload: "u-1", offering: "o-1" }, "Créer"));
  inTab(tabs, 1, (state) => setVariables(state, { offering: "o-2" }, "Publier"));
  assert.equal(tabs[0]!.state.items["offering"]!.value, "o-2");
  assert.deepEqual(otherTabNames(tabs[0]!.state), []);
  inTab(tabs, 1, (state) => editVariable(state, "upload", "", "saisie manuelle"));
  assert.equal(tabs[0]!.state.items["upload"]!.value, "u-1");
  assert.equal(tabs[0]!.state.others["upload"], null);
});

test("« Tout recommencer » in another tab empties this tab's variables", () => {
  const tab = openTab(sessions[0], ["upload"]);
  setVariables(tab.state, { upload: "u-1" }, "Créer");
  local.removeItem(KEY);
  tab.notify();
  assert.deepEqual(valuesOf(tab.state), {});
});

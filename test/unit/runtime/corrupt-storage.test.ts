// Corrupt browser storage: every bad entry is ignored (defaults instead), reported in French, and never throws.
import { beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { loadResult } from "../../../src/runtime/state/results.ts";
import { loadSettings, loadToken, saveSettings, storeToken } from "../../../src/runtime/state/settings.ts";
import { clearAll, ignoredEntries, PREFIX } from "../../../src/runtime/state/storage.ts";
import { followOtherTabs, loadVariables, setVariables, valuesOf } from "../../../src/runtime/state/variables.ts";
import { STRINGS } from "../../../src/shared/strings.ts";
import { MemoryStorage } from "./memory-storage.ts";

const local = new MemoryStorage();
const session = new MemoryStorage();
Object.assign(globalThis, { localStorage: local, sessionStorage: session });

const DEFAULTS = loadSettings();

beforeEach(() => {
  clearAll();
  local.clear();
  session.clear();
  storeToken(undefined, false);
});

const settingsCases: [string, string][] = [
  ["null", "null"],
  ["a number", "42"],
  ["a string", '"reel"'],
  ["an array", '["reel"]'],
  ["not JSON", "{mode: reel"],
  ["a non-string apiBase", '{"mode": "reel", "apiBase": 12}'],
  ["an object as apiBase", '{"mode": "reel", "apiBase": {"url": "https://x"}}'],
  ["an unknown mode", '{"mode": "autre"}'],
  ["an unknown fault", '{"fault": "tout-casser"}'],
  ["a non-boolean keepToken", '{"keepToken": "oui"}'],
];

for (const [what, text] of settingsCases) {
  test(`settings stored as ${what}: defaults, and "les réglages" reported`, () => {
    local.setItem(`${PREFIX}settings`, text);
    assert.deepEqual(loadSettings(), DEFAULTS);
    assert.deepEqual(ignoredEntries(), [STRINGS.ignored.settings]);
  });
}

test("settings of an unknown version: defaults, and said to come from another version", () => {
  local.setItem(`${PREFIX}settings`, JSON.stringify({ version: 99, mode: "reel", apiBase: "https://ailleurs/api" }));
  assert.deepEqual(loadSettings(), DEFAULTS);
  assert.deepEqual(ignoredEntries(), [STRINGS.ignored.settingsVersion]);
});

test("saved settings are read back, and settings of an older version (no version field) still are", () => {
  saveSettings({ ...DEFAULTS, mode: "reel", apiBase: "http://127.0.0.1:3000/api/", fault: "latency" });
  assert.deepEqual(loadSettings(), { ...DEFAULTS, mode: "reel", apiBase: "http://127.0.0.1:3000/api", fault: "latency" });
  local.setItem(`${PREFIX}settings`, JSON.stringify({ mode: "reel", apiBase: "https://x/api" }));
  assert.equal(loadSettings().apiBase, "https://x/api");
  assert.deepEqual(ignoredEntries(), []);
});

const variablesCases: [string, string, string[]][] = [
  ["null", "null", [STRINGS.ignored.variables]],
  ["an array", '[{"value": "u-1", "source": "x"}]', [STRINGS.ignored.variables]],
  ["a string", '"u-1"', [STRINGS.ignored.variables]],
  ["not JSON", "{upload", [STRINGS.ignored.variables]],
  ["{upload: null}", '{"upload": null}', [STRINGS.ignored.variable("upload")]],
  ["a bare string value", '{"upload": "u-1"}', [STRINGS.ignored.variable("upload")]],
  ["a non-string value", '{"upload": {"value": 12, "source": "x"}}', [STRINGS.ignored.variable("upload")]],
  ["an array value", '{"upload": {"value": ["u-1"], "source": "x"}}', [STRINGS.ignored.variable("upload")]],
];

for (const [what, text, reported] of variablesCases) {
  test(`variables stored as ${what}: left out and reported, the others kept, and the next change works`, () => {
    local.setItem(`${PREFIX}variables:simule`, text);
    const state = loadVariables("simule");
    assert.deepEqual(valuesOf(state), {});
    assert.deepEqual(ignoredEntries(), reported);
    setVariables(state, { datastore: "d-1" }, "test");
    assert.deepEqual(valuesOf(state), { datastore: "d-1" });
    assert.deepEqual(JSON.parse(local.getItem(`${PREFIX}variables:simule`)!), { datastore: { value: "d-1", source: "test" } });
  });
}

test("a corrupt variable next to good ones: only it is left out", () => {
  local.setItem(`${PREFIX}variables:simule`, JSON.stringify({ datastore: { value: "d-1", source: "x" }, upload: null, execution: { value: 3 } }));
  assert.deepEqual(valuesOf(loadVariables("simule")), { datastore: "d-1" });
  assert.deepEqual(ignoredEntries(), [STRINGS.ignored.variable("upload"), STRINGS.ignored.variable("execution")]);
});

for (const [what, text] of [["null", "null"], ["a non-number status", '{"status": "200", "ms": 1, "text": "", "url": "", "captured": {}}'], ["non-string captures", '{"status": 200, "ms": 1, "text": "", "url": "", "captured": {"upload": null}}']]) {
  test(`a block result stored as ${what} is ignored and reported`, () => {
    local.setItem(`${PREFIX}result:simule:page#1`, text!);
    assert.equal(loadResult("simule", "page#1"), undefined);
    assert.deepEqual(ignoredEntries(), [STRINGS.ignored.result]);
  });
}

for (const [what, text] of [["null", "null"], ["a number as value", '{"value": 12}'], ["not JSON", "jeton"]]) {
  test(`a tab token stored as ${what} is ignored, reported and removed`, () => {
    session.setItem(`${PREFIX}token`, text!);
    assert.equal(loadToken(), undefined);
    assert.deepEqual(ignoredEntries(), [STRINGS.ignored.token]);
    assert.equal(session.getItem(`${PREFIX}token`), null);
  });
}

test("clearAll removes the corrupt entries and forgets them", () => {
  local.setItem(`${PREFIX}settings`, "null");
  loadSettings();
  assert.equal(ignoredEntries().length, 1);
  clearAll();
  assert.equal(local.getItem(`${PREFIX}settings`), null);
  assert.deepEqual(ignoredEntries(), []);
  assert.deepEqual(loadSettings(), DEFAULTS);
  assert.deepEqual(ignoredEntries(), []);
});

test("a corrupt write by another tab is ignored: this tab keeps its variables", () => {
  let listener: ((event: { key: string | null; newValue: string | null }) => void) | undefined;
  const state = loadVariables("simule");
  setVariables(state, { datastore: "d-1" }, "test");
  state.needed = []; // a variable this page does not use follows the other tab (those it uses: variables.test.ts)
  followOtherTabs(state, { addEventListener: (_type, next) => (listener = next) });
  listener!({ key: `${PREFIX}variables:simule`, newValue: "null" });
  assert.deepEqual(valuesOf(state), { datastore: "d-1" });
  listener!({ key: `${PREFIX}variables:simule`, newValue: JSON.stringify({ datastore: { value: "d-2", source: "x" }, upload: null }) });
  assert.deepEqual(valuesOf(state), { datastore: "d-2" });
  assert.deepEqual(ignoredEntries(), [STRINGS.ignored.variables, STRINGS.ignored.variable("upload")]);
});

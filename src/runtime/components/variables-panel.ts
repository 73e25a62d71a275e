// Alpine component "variablesPanel": lists the runtime variables, lets the reader edit them, and starts over.
// Its markup is _includes/partials/variables-panel.njk.
import type { AlpineGlobal } from "@alpinejs/csp";
import { STRINGS } from "../../shared/strings.ts";
import { resetSimulator } from "../simulator.ts";
import { clearAll } from "../state/storage.ts";
import { editVariable, type Variable, type VariablesState } from "../state/variables.ts";

/** One row of the panel. */
interface Row {
  name: string;
  inputId: string;
  label: string;
  value: string;
  source: string;
}

/** Registers the panel component on the shared variables state and the storage status. */
export function registerVariablesPanel(Alpine: AlpineGlobal, variables: VariablesState, storage: { persistent: boolean }): void {
  Alpine.data("variablesPanel", () => ({
    get rows(): Row[] {
      return Object.entries(variables.items)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, variable]: [string, Variable]) => ({ name, inputId: `variable-${name.replace(/[^\p{L}\p{N}]+/gu, "-")}`, label: `{${name}}`, value: variable.value, source: STRINGS.variableSource(variable.source) }));
    },
    get empty(): boolean {
      return Object.keys(variables.items).length === 0;
    },
    get storageWarning(): string {
      return storage.persistent ? "" : STRINGS.storageUnavailable;
    },
    /** Called on change of a value input; the input carries the variable name in data-name. */
    edit(event: Event) {
      const input = event.target as HTMLInputElement;
      const name = input.dataset["name"];
      if (!name) return;
      editVariable(variables, name, input.value.trim(), STRINGS.manualSource);
    },
    async reset() {
      if (!window.confirm(STRINGS.resetConfirm)) return;
      clearAll();
      await resetSimulator();
      window.location.reload();
    },
  }));
}

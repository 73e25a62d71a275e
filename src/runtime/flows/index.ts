// The data-flow components of the "Flux de données" tutorials (`[data-flow]` in a page): in simulated mode they fill
// the variables of the simulated GeoNature instance and Theia producer, then wire their buttons.
import { SIMULATED_GEONATURE_VALUES, SIMULATED_THEIA_PRODUCER } from "../../shared/flows/simulated.ts";
import { STRINGS } from "../../shared/strings.ts";
import type { Session } from "../state/session.ts";
import { setVariables, type VariablesState } from "../state/variables.ts";
import { partsOf } from "./common.ts";
import { setupGeoNatureExport } from "./geonature-export.ts";
import { setupTheiaDeposit } from "./theia-deposit.ts";

/** Sets up every data-flow component of the page. */
export function registerFlows(variables: VariablesState, session: Session): void {
  const roots = [...document.querySelectorAll<HTMLElement>("[data-flow]")];
  const simulated = session.settings.mode === "simule";
  const uses = (name: string): boolean => roots.some((root) => root.dataset["flow"] === name) || document.querySelector(`[data-flow-uses~="${name}"]`) !== null;
  if (simulated && uses("geonature")) {
    const unset = Object.fromEntries(Object.entries(SIMULATED_GEONATURE_VALUES).filter(([name]) => !variables.items[name]));
    if (Object.keys(unset).length > 0) setVariables(variables, unset, STRINGS.flows.simulatedSource);
  }
  for (const root of roots) {
    const parts = partsOf(root);
    if (!parts) continue;
    if (root.dataset["flow"] === "geonature") setupGeoNatureExport(parts, variables, session);
    if (root.dataset["flow"] === "theia") {
      const producer = root.querySelector<HTMLInputElement>("[data-flow-producer]");
      const password = root.querySelector<HTMLInputElement>("[data-flow-password]");
      if (simulated && producer && password && !producer.value && !password.value) {
        producer.value = SIMULATED_THEIA_PRODUCER.id;
        password.value = SIMULATED_THEIA_PRODUCER.password;
      }
      setupTheiaDeposit(parts, variables);
    }
  }
}

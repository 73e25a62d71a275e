// The data-flow components of the "Flux de données" tutorials (`[data-flow]` in a page): in simulated mode they fill
// the variables of the simulated GeoNature instance and Theia producer, then wire their buttons.
import flux from "../../../_data/flux.json" with { type: "json" };
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
    const defaults = { "instance geonature": flux.geonature_host, "export geonature": flux.simulated.geonature_export, "jeton geonature": flux.simulated.geonature_token };
    const unset = Object.fromEntries(Object.entries(defaults).filter(([name]) => !variables.items[name]));
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
        producer.value = flux.simulated.theia_producer;
        password.value = flux.simulated.theia_password;
      }
      setupTheiaDeposit(parts, variables);
    }
  }
}

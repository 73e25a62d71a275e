// Browser entry point: registers the Alpine components (CSP build: no inline expressions) and starts them.
import Alpine from "@alpinejs/csp";
import { SIMULATED_DATASTORE_ID } from "../mock/seed.ts";
import { STRINGS } from "../shared/strings.ts";
import { registerApiBlock } from "./components/api-block.ts";
import { registerModeBanner } from "./components/mode-banner.ts";
import { registerVariablesPanel } from "./components/variables-panel.ts";
import { registerSearch } from "./components/search.ts";
import { renderMermaidDiagrams } from "./mermaid.ts";
import { simulatorReady } from "./simulator.ts";
import { loadVariables, setVariables } from "./state/variables.ts";

const variables = Alpine.reactive(loadVariables());
const mode = Alpine.reactive({ error: "" });
registerModeBanner(Alpine, mode);
registerVariablesPanel(Alpine, variables);
registerApiBlock(Alpine, variables);
registerSearch(Alpine);
Alpine.start();
void renderMermaidDiagrams(document);

// Pages with request blocks start the simulated datastore right away, so the first click is answered at once;
// its datastore is the default {datastore}.
if (document.querySelector("[data-api-block]")) {
  simulatorReady().then(
    () => {
      if (!variables.items["datastore"]) setVariables(variables, { datastore: SIMULATED_DATASTORE_ID }, STRINGS.simulatedSource);
    },
    (error: unknown) => {
      mode.error = STRINGS.simulatorFailed(error instanceof Error ? error.message : String(error));
    },
  );
}

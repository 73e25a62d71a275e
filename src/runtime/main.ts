// Browser entry point: registers the Alpine components (CSP build: no inline expressions) and starts them.
import Alpine from "@alpinejs/csp";
import { SIMULATED_DATASTORE_ID } from "../mock/seed.ts";
import { STRINGS } from "../shared/strings.ts";
import { registerApiBlock } from "./components/api-block.ts";
import { registerModeBanner } from "./components/mode-banner.ts";
import { registerSearch } from "./components/search.ts";
import { registerSettings } from "./components/settings-panel.ts";
import { registerVariablesPanel } from "./components/variables-panel.ts";
import { renderMermaidDiagrams } from "./mermaid.ts";
import { configureSimulator, simulatorReady } from "./simulator.ts";
import { loadSession } from "./state/session.ts";
import { profileOf } from "./state/settings.ts";
import { isPersistent, onPersistenceLost } from "./state/storage.ts";
import { followOtherTabs, loadVariables, setVariables } from "./state/variables.ts";

const session = Alpine.reactive(loadSession());
const variables = Alpine.reactive(loadVariables(profileOf(session.settings)));
const mode = Alpine.reactive({ error: "" });
const storage = Alpine.reactive({ persistent: isPersistent() });
onPersistenceLost(() => {
  storage.persistent = false;
});
followOtherTabs(variables);
configureSimulator({ fault: () => session.settings.fault, onPersistenceLost: () => (storage.persistent = false) });
registerModeBanner(Alpine, session, mode);
registerSettings(Alpine, session, variables);
registerVariablesPanel(Alpine, variables, storage);
registerApiBlock(Alpine, variables, session);
registerSearch(Alpine);
Alpine.start();
void renderMermaidDiagrams(document);

// In simulated mode, pages with request blocks start the simulated datastore right away, so the first click is
// answered at once; its datastore is the default {datastore}.
if (session.settings.mode === "simule" && document.querySelector("[data-api-block]")) {
  simulatorReady().then(
    () => {
      if (!variables.items["datastore"]) setVariables(variables, { datastore: SIMULATED_DATASTORE_ID }, STRINGS.simulatedSource);
    },
    (error: unknown) => {
      mode.error = STRINGS.simulatorFailed(error instanceof Error ? error.message : String(error));
    },
  );
}

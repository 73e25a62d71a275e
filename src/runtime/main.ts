// Browser entry point: registers the Alpine components (CSP build: no inline expressions) and starts them.
import Alpine from "@alpinejs/csp";
import { SIMULATED_DATASTORE_ID } from "../mock/seed.ts";
import { STRINGS } from "../shared/strings.ts";
import { PACE_FACTOR } from "../shared/faults.ts";
import { registerApiBlock } from "./components/api-block.ts";
import { registerExportParcours } from "./components/export-parcours.ts";
import { registerModeBanner } from "./components/mode-banner.ts";
import { registerSearch } from "./components/search.ts";
import { registerSettings } from "./components/settings-panel.ts";
import { registerVariablesPanel } from "./components/variables-panel.ts";
import { watchWideDiagrams } from "./diagrams.ts";
import { registerFlows } from "./flows/index.ts";
import { configureSimulator, simulatorReady } from "./simulator.ts";
import { loadSession } from "./state/session.ts";
import { profileOf } from "./state/settings.ts";
import { ignoredEntries, isPersistent, onIgnored, onPersistenceLost } from "./state/storage.ts";
import { followOtherTabs, loadVariables, setVariables } from "./state/variables.ts";

/** Events that show the reader is about to use a block. */
const INTENT_EVENTS = ["pointerover", "focusin", "touchstart"] as const;

const session = Alpine.reactive(loadSession());
const variables = Alpine.reactive(loadVariables(profileOf(session.settings)));
const mode = Alpine.reactive({ error: "" });
// Corrupt entries met while loading the session and the variables are already listed; later ones (a block's result,
// another tab's write) are added as they are met.
const storage = Alpine.reactive({ persistent: isPersistent(), ignored: ignoredEntries() });
onPersistenceLost(() => {
  storage.persistent = false;
});
onIgnored((entries) => {
  storage.ignored = entries;
});
followOtherTabs(variables, window);
configureSimulator({ fault: () => session.settings.fault, delayFactor: () => PACE_FACTOR[session.settings.pace], onPersistenceLost: () => (storage.persistent = false) });
registerModeBanner(Alpine, session, mode, storage);
registerSettings(Alpine, session, variables);
registerVariablesPanel(Alpine, variables, storage);
registerApiBlock(Alpine, variables, session);
registerExportParcours(Alpine, variables, session);
registerSearch(Alpine);
registerFlows(variables, session);
Alpine.start();
watchWideDiagrams(document);

// In simulated mode the default {datastore} is the simulated one. The simulated datastore (MSW, ~90 KB gz) starts
// at the reader's first sign of intent on a block (pointer, focus, touch), so that it is ready by the click without
// weighing on pages that are only read; send() also starts it if needed.
if (session.settings.mode === "simule" && document.querySelector("[data-api-block]")) {
  if (!variables.items["datastore"]) setVariables(variables, { datastore: SIMULATED_DATASTORE_ID }, STRINGS.simulatedSource);
  const start = (event: Event) => {
    if (!(event.target instanceof Element) || !event.target.closest("[data-api-block]")) return;
    for (const type of INTENT_EVENTS) document.removeEventListener(type, start, true);
    simulatorReady().catch((error: unknown) => {
      mode.error = STRINGS.simulatorFailed(error instanceof Error ? error.message : String(error));
    });
  };
  for (const type of INTENT_EVENTS) document.addEventListener(type, start, { capture: true, passive: true });
}

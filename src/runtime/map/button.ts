// The "Voir sur la carte" button under a block's answer when it shows a PUBLISHED offering; pressing it loads
// the map (OpenLayers, its own chunk) or the download list, only then.
import { STRINGS } from "../../shared/strings.ts";
import { simulatorReady } from "../simulator.ts";
import type { Mode } from "../state/settings.ts";
import { mapTargetOf, type MapTarget } from "./offering.ts";

/** Attribute of the map offer under a block (test contract: data-map-offer on the container). */
export const MAP_OFFER_ATTR = "data-map-offer";

/** A panel that can be closed (map or download list), as panel.ts and download.ts return it. */
export interface OpenedPanel {
  close(): void;
}

/** What a panel module is given. */
export interface PanelOptions {
  target: MapTarget;
  /** Simulated mode: the services are answered in the page, no base map. */
  simulated: boolean;
  /** Asks the button to close the panel (its close button, Escape). */
  requestClose: () => void;
  /** When the button was pressed (the click's timeStamp, performance.now()'s clock), for the time to the first drawn layer. */
  started: number;
}

let panelCount = 0;

/** Shows (or removes) the offer under a block's answer; `mode` is read when the button is pressed. */
export function showMapOffer(root: HTMLElement, json: unknown, mode: () => Mode): void {
  const previous = root.querySelector<HTMLElement>(`[${MAP_OFFER_ATTR}]`);
  const target = mapTargetOf(json);
  if (previous && previous.dataset["mapOffer"] === target?.id) return;
  previous?.dispatchEvent(new CustomEvent("map:discard"));
  previous?.remove();
  const result = root.querySelector(".api-block__result");
  if (!target || !result) return;
  result.append(offer(target, mode));
}

// The offer: a toggle button and, once pressed, the panel after it.
function offer(target: MapTarget, mode: () => Mode): HTMLElement {
  const container = document.createElement("div");
  container.className = "map-offer";
  container.setAttribute(MAP_OFFER_ATTR, target.id);
  container.dataset["mapKind"] = target.kind;
  const download = target.kind === "DOWNLOAD";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "map-offer__button";
  button.textContent = download ? STRINGS.map.openDownload : STRINGS.map.open;
  if (!download) button.setAttribute("aria-label", STRINGS.map.openLabel(target.layer));
  button.setAttribute("aria-expanded", "false");
  const panelId = `map-panel-${++panelCount}`;
  button.setAttribute("aria-controls", panelId);
  container.append(button);

  let opened: OpenedPanel | undefined;
  let opening = false;
  const close = (returnFocus: boolean) => {
    opened?.close();
    opened = undefined;
    container.querySelector(`#${panelId}`)?.remove();
    button.setAttribute("aria-expanded", "false");
    if (returnFocus) button.focus();
  };
  container.addEventListener("map:discard", () => close(false));
  button.addEventListener("click", async (event) => {
    if (opening) return;
    if (button.getAttribute("aria-expanded") === "true") return close(true);
    // The press itself (same clock as performance.now()): the time to the first drawn layer starts there.
    const started = event.timeStamp;
    opening = true;
    const panel = document.createElement("section");
    panel.id = panelId;
    panel.className = "map-panel";
    panel.dataset["mapState"] = "loading";
    const status = document.createElement("p");
    status.className = "map-panel__status";
    status.setAttribute("role", "status");
    status.textContent = download ? STRINGS.map.downloadLoading : STRINGS.map.loadingLibrary;
    panel.append(status);
    container.append(panel);
    button.setAttribute("aria-expanded", "true");
    try {
      const simulated = mode() === "simule";
      if (simulated) await simulatorReady();
      const options: PanelOptions = { target, simulated, requestClose: () => close(true), started };
      const module = download ? await import("./download.ts") : await import("./panel.ts");
      if (!panel.isConnected) return;
      opened = await module.openPanel(panel, options);
    } catch (error) {
      panel.dataset["mapState"] = "error";
      status.textContent = STRINGS.map.failed(error instanceof Error ? error.message : String(error));
    } finally {
      opening = false;
    }
  });
  return container;
}

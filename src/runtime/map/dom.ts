// DOM pieces of the map panel without the map itself: the text alternative and the attributes of a feature.
import { STRINGS } from "../../shared/strings.ts";
import type { Extent } from "./capabilities.ts";
import type { MapTarget } from "./offering.ts";
import type { Identified, LayerPlan } from "./sources.ts";

/** An element with attributes and children (text is set as text, never parsed as HTML). */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// A definition list of term → value lines.
function definitions(lines: [string, string][]): HTMLDListElement {
  // A term said once for its consecutive values (the counts of several tables).
  return element("dl", {}, ...lines.flatMap(([term, value], index) =>
    index > 0 && lines[index - 1]![0] === term ? [element("dd", {}, value)] : [element("dt", {}, term), element("dd", {}, value)]));
}

/** The extent in words. */
export const extentText = (extent: Extent | undefined): string => (extent ? STRINGS.map.extentValue(...extent) : "—");

/** The text alternative: what the map shows, readable without it. */
export function summaryList(target: MapTarget, plan: LayerPlan, simulated: boolean): HTMLElement {
  return element("details", { open: "" },
    element("summary", {}, STRINGS.map.summary),
    definitions([
      [STRINGS.map.layer, `${target.layer} (${target.type})`],
      [STRINGS.map.service, STRINGS.map.services[plan.service] ?? plan.service],
      [STRINGS.map.extent, extentText(plan.extent)],
      ...plan.facts,
      [STRINGS.map.baseMap, simulated ? STRINGS.map.baseMapSimulated : STRINGS.map.baseMapReal],
    ]));
}

/** What a click found: the feature's attributes (with a close button that returns focus to the map), or a message. */
export function renderIdentified(found: Identified, clear: () => void, map: HTMLElement): HTMLElement {
  if ("message" in found) return element("p", {}, found.message);
  const close = element("button", { type: "button", class: "map-panel__secondary" }, STRINGS.map.closeAttributes);
  close.addEventListener("click", () => {
    clear();
    map.focus();
  });
  return element("section", { class: "map-panel__attributes", "aria-label": STRINGS.map.attributes },
    element("p", { class: "map-panel__attributes-title" }, STRINGS.map.attributesOf(found.layer)),
    definitions(found.properties.length ? found.properties : [["—", STRINGS.map.noFeature]]),
    close);
}

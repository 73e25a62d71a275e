// The map panel (its own chunk, with OpenLayers): the published layer drawn from its service, zoomed to its extent,
// a text alternative (layer, service, extent, counts), and the attributes of the feature clicked (or at the centre
// on Enter). Test contract: data-map-state (loading, rendered, error) and data-map-ms on the panel, data-map-extent
// (the view's EPSG:3857 extent once drawn with the view at rest) on the map element.
import OlMap from "ol/Map.js";
import View from "ol/View.js";
import Attribution from "ol/control/Attribution.js";
import Zoom from "ol/control/Zoom.js";
import TileLayer from "ol/layer/Tile.js";
import XYZ from "ol/source/XYZ.js";
import { unByKey } from "ol/Observable.js";
import { defaults as defaultInteractions } from "ol/interaction/defaults.js";
import type Layer from "ol/layer/Layer.js";
import { STRINGS } from "../../shared/strings.ts";
import type { OpenedPanel, PanelOptions } from "./button.ts";
import { element, renderIdentified, summaryList } from "./dom.ts";
import { planOf, toMercator, type LayerPlan } from "./sources.ts";
import type { MapTarget } from "./offering.ts";
import { keyForm, refusal, savedKey } from "./private-key.ts";

/** Plan IGN (WMTS of the Géoplateforme, PM tile matrix set) as XYZ tiles: the base map of real mode. */
export const PLAN_IGN_URL = "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" +
  "&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}";

let panels = 0;

/** Fills the panel (its status line already in place) and draws the map; resolves once the layer is planned. */
export async function openPanel(panel: HTMLElement, options: PanelOptions): Promise<OpenedPanel> {
  const { target } = options;
  const id = `map-${++panels}`;
  const status = panel.querySelector<HTMLElement>(".map-panel__status")!;
  status.textContent = STRINGS.map.loading;
  const heading = element("h4", { class: "map-panel__title", id: `${id}-title`, tabindex: "-1" }, STRINGS.map.title(target.layer));
  const close = element("button", { type: "button", class: "map-panel__close" }, STRINGS.map.close);
  const mapElement = element("div", { class: "map-panel__map", tabindex: "0", role: "region", "aria-label": STRINGS.map.mapLabel(target.layer), "aria-describedby": `${id}-summary` });
  const info = element("div", { class: "map-panel__info", "aria-live": "polite" });
  const summary = element("div", { class: "map-panel__summary", id: `${id}-summary` });
  panel.setAttribute("aria-labelledby", heading.id);
  panel.prepend(element("div", { class: "map-panel__head" }, heading, close));
  panel.append(mapElement, info, summary);
  close.addEventListener("click", options.requestClose);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      options.requestClose();
    }
  });
  heading.focus();

  let errors = 0;
  let drawn: { map: OlMap; plan: LayerPlan } | undefined;
  // Plans and draws the layer (again, with a new key, for a private offering); failures are said in the status line.
  const show = async (shown: MapTarget): Promise<void> => {
    drawn?.map.setTarget(undefined);
    drawn?.map.dispose();
    drawn = undefined;
    errors = 0;
    summary.replaceChildren();
    info.replaceChildren();
    panel.dataset["mapState"] = "loading";
    status.textContent = STRINGS.map.loading;
    let plan: LayerPlan;
    try {
      plan = await planOf(shown, () => (errors += 1));
    } catch (error) {
      panel.dataset["mapState"] = "error";
      status.textContent = STRINGS.map.failed(refusal(shown, error));
      return;
    }
    summary.append(summaryList(shown, plan, options.simulated));
    const map = drawMap(mapElement, plan, options.simulated);
    drawn = { map, plan };
    map.once("rendercomplete", () => {
      const ms = Math.round(performance.now() - options.started);
      panel.dataset["mapMs"] = String(ms);
      if (errors > 0) {
        panel.dataset["mapState"] = "error";
        status.textContent = STRINGS.map.failed(STRINGS.map.tilesFailed(errors));
      } else {
        panel.dataset["mapState"] = "rendered";
        status.textContent = STRINGS.map.rendered(ms);
      }
    });
    // Every drawing done with the view at rest (a new size, the end of a pan or a zoom), for what waits on the map
    // (tests, screenshots); a drawing in the middle of an animation is not the place the reader is taken to.
    map.on("rendercomplete", () => {
      if (map.getView().getAnimating()) return;
      mapElement.dataset["mapExtent"] = map.getView().calculateExtent(map.getSize()).map((value) => value.toFixed(2)).join(",");
      panel.dataset["mapRenders"] = String(Number(panel.dataset["mapRenders"] ?? 0) + 1);
    });
    map.on("singleclick", (event) => void identify(event.pixel));
  };
  let asked = 0;
  const identify = async (pixel: number[]) => {
    if (!drawn) return;
    const { map, plan } = drawn;
    const query = ++asked;
    info.replaceChildren(element("p", {}, STRINGS.map.querying));
    try {
      const found = await plan.identify(map, pixel);
      if (query === asked) info.replaceChildren(renderIdentified(found, () => info.replaceChildren(), mapElement));
    } catch (error) {
      if (query === asked) info.replaceChildren(element("p", { class: "map-panel__error" }, STRINGS.map.failed(error instanceof Error ? error.message : String(error))));
    }
  };
  mapElement.addEventListener("keydown", (event) => {
    const map = drawn?.map;
    const size = map?.getSize();
    if (event.key !== "Enter" || !map || !size) return;
    event.preventDefault();
    // Enter right after an arrow: the centre the reader asked for is where the pan ends, not a frame on the way.
    const centre = () => void identify([size[0]! / 2, size[1]! / 2]);
    if (map.getView().getAnimating()) map.once("moveend", centre);
    else centre();
  });
  // A private offering: the key field (the tutorial's {apikey} by default), drawn again with the key given.
  if (target.private) mapElement.before(keyForm(id, (key) => void show({ ...target, key })));
  await show(target.private ? { ...target, key: savedKey() } : target);
  return {
    close() {
      drawn?.map.setTarget(undefined);
      drawn?.map.dispose();
    },
  };
}

// The map: the base map in real mode (nothing leaves the page in simulated mode), the layers, zoomed to the extent.
function drawMap(element: HTMLElement, plan: LayerPlan, simulated: boolean): OlMap {
  const layers: Layer[] = [];
  if (!simulated) {
    layers.push(new TileLayer({ source: new XYZ({ url: PLAN_IGN_URL, maxZoom: 19, attributions: STRINGS.map.attribution, crossOrigin: "anonymous" }) }));
  }
  layers.push(...plan.layers);
  // Zooms without animation for readers who ask for less motion.
  const duration = matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 250;
  const map = new OlMap({
    target: element,
    layers,
    interactions: defaultInteractions({ zoomDuration: duration }),
    controls: [
      new Zoom({ zoomInTipLabel: STRINGS.map.zoomIn, zoomOutTipLabel: STRINGS.map.zoomOut, duration }),
      new Attribution({ collapsible: false }),
    ],
    view: new View({ center: [0, 0], zoom: 1, maxZoom: 20 }),
  });
  // The zoom buttons' text is "+" and "–": their accessible names say what they do.
  element.querySelector(".ol-zoom-in")?.setAttribute("aria-label", STRINGS.map.zoomIn);
  element.querySelector(".ol-zoom-out")?.setAttribute("aria-label", STRINGS.map.zoomOut);
  const extent = plan.extent;
  if (!extent) return map;
  // Zoomed to the layer's extent, and again when the map changes size (a turned phone), until the reader moves it.
  const fit = () => map.getView().fit(toMercator(extent), { padding: [16, 16, 16, 16], size: map.getSize(), maxZoom: 16 });
  fit();
  const refit = map.on("change:size", fit);
  const moved = () => unByKey(refit);
  for (const type of ["pointerdown", "wheel", "keydown"]) element.addEventListener(type, moved, { once: true, passive: true });
  return map;
}

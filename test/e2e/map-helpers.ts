// "Voir sur la carte" checks, called once from each publication page of the tutorial specs: the map opens under
// the offering's answer, its canvas shows the published layer (a pixel inside a known feature has the style's
// colour, a pixel outside has the plain background), and a click shows attributes.
import { decode } from "fast-png";
import { expect, type Locator, type Page, type Request, type Response } from "@playwright/test";
import { block } from "./helpers.ts";

/** An RGB colour. */
export type Rgb = [number, number, number];

/** The plain background of the map in simulated mode (light scheme), as src/runtime/styles/map.css paints it. */
export const MAP_BACKGROUND: Rgb = [0xee, 0xf1, 0xf4];

/** Colours of the tables the map styles itself (src/runtime/map/style.ts), and their fill opacity. */
export const TABLE_COLOURS: Rgb[] = [[0, 114, 178], [230, 159, 0], [0, 158, 115]];
export const FILL_OPACITY = 0.6;

/** `over` painted with `opacity` on `under`. */
export const blend = (under: Rgb, over: Rgb, opacity: number): Rgb => under.map((value, index) => Math.round(value * (1 - opacity) + over[index]! * opacity)) as Rgb;

/** "#rrggbb" as RGB. */
export const hex = (value: string): Rgb => [1, 3, 5].map((start) => parseInt(value.slice(start, start + 2), 16)) as Rgb;

/**
 * With MAP_SCREENSHOTS=<folder>, screenshots of the panel at 1400 px and 390 px wide, light and dark
 * (<folder>/<name>-<width>-<scheme>.png), each once the map has drawn again; the page is left as it was.
 */
export async function screenshots(page: Page, panel: Locator, name: string): Promise<void> {
  const folder = process.env["MAP_SCREENSHOTS"];
  if (!folder) return;
  const viewport = page.viewportSize();
  const renders = async () => Number(await panel.getAttribute("data-map-renders"));
  for (const width of [1400, 390]) {
    const map = panel.locator(".map-panel__map");
    const hasMap = (await map.count()) > 0;
    const before = await renders();
    const size = hasMap ? JSON.stringify(await map.boundingBox().then((box) => [box?.width, box?.height])) : "";
    await page.setViewportSize({ width, height: 900 });
    // A map of a new size draws again (the download list has no map).
    const resized = hasMap && JSON.stringify(await map.boundingBox().then((box) => [box?.width, box?.height])) !== size;
    if (resized) await expect.poll(renders).toBeGreaterThan(before);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: `${folder}/${name}-${width}-${scheme}.png` });
    }
  }
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: null });
}

/** Presses "Voir sur la carte" under the answer of a block and waits until the layer is drawn; returns the panel. */
export async function openMap(offering: Locator, name: string): Promise<Locator> {
  const page = offering.page();
  const offer = offering.locator("[data-map-offer]");
  await expect(offer).toBeVisible();
  // What leaves the page: requests of the page that no service worker answered, and the worker's own requests.
  const left: string[] = [];
  const record = (request: Request) => {
    if (!request.url().startsWith("http://127.0.0.1") && !request.url().startsWith("data:") && !request.url().startsWith("blob:")) left.push(request.url());
  };
  const onResponse = (response: Response) => {
    if (!response.fromServiceWorker()) record(response.request());
  };
  const onWorker = (request: Request) => {
    if (request.serviceWorker()) record(request);
    else if (request.url().includes("GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2")) baseMap.push(request.url());
  };
  const baseMap: string[] = [];
  page.on("response", onResponse);
  page.context().on("request", onWorker);
  await offer.getByRole("button").click();
  const panel = offer.locator(".map-panel");
  await expect(panel).toHaveAttribute("data-map-state", /rendered|error/, { timeout: 30_000 });
  const state = await panel.getAttribute("data-map-state");
  expect(state, (await panel.locator(".map-panel__status").textContent()) ?? "").toBe("rendered");
  page.off("response", onResponse);
  page.context().off("request", onWorker);
  const simulated = (await panel.locator(".map-panel__summary").textContent())?.includes("aucun en mode simulé");
  if (simulated) {
    expect(left, "mode simulé : aucune requête ne sort de la page").toEqual([]);
    expect(baseMap, "mode simulé : aucun fond de carte demandé").toEqual([]);
    expect(await panel.locator(".map-panel__summary").textContent()).not.toContain("Plan IGN");
  }
  await screenshots(page, panel, name);
  return panel;
}

/** The map's pixels, from a screenshot of its element. */
export async function mapImage(panel: Locator): Promise<{ width: number; height: number; at(x: number, y: number): Rgb }> {
  const image = decode(await panel.locator(".map-panel__map").screenshot());
  const channels = image.channels;
  return {
    width: image.width,
    height: image.height,
    at: (x, y) => {
      const offset = (Math.round(y) * image.width + Math.round(x)) * channels;
      return [0, 1, 2].map((index) => Number(image.data[offset + index])) as Rgb;
    },
  };
}

/** Where a WGS 84 position is drawn in the map element (from the view extent the map reports, no rotation). */
export async function pixelOf(panel: Locator, lon: number, lat: number): Promise<[number, number]> {
  const map = panel.locator(".map-panel__map");
  const extent = ((await map.getAttribute("data-map-extent")) ?? "").split(",").map(Number);
  const box = (await map.boundingBox())!;
  // The map's canvas fills the element inside its 1 px border.
  const width = box.width - 2;
  const height = box.height - 2;
  const x = (lon * Math.PI / 180) * 6378137;
  const y = Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI / 180) / 2)) * 6378137;
  return [1 + ((x - extent[0]!) / (extent[2]! - extent[0]!)) * width, 1 + ((extent[3]! - y) / (extent[3]! - extent[1]!)) * height];
}

/** Asserts the colour at a WGS 84 position, within a tolerance per channel. */
export async function expectColourAt(panel: Locator, lon: number, lat: number, expected: Rgb, label: string, tolerance = 12): Promise<void> {
  const image = await mapImage(panel);
  const [x, y] = await pixelOf(panel, lon, lat);
  const actual = image.at(x, y);
  const close = actual.every((value, index) => Math.abs(value - expected[index]!) <= tolerance);
  expect(close, `${label} : pixel (${Math.round(x)}, ${Math.round(y)}) = rgb(${actual.join(", ")}), attendu rgb(${expected.join(", ")})`).toBe(true);
}

/** Clicks the map at a WGS 84 position and returns the attributes panel. */
export async function clickAt(panel: Locator, lon: number, lat: number): Promise<Locator> {
  const [x, y] = await pixelOf(panel, lon, lat);
  await panel.locator(".map-panel__map").click({ position: { x, y } });
  const attributes = panel.locator(".map-panel__attributes");
  await expect(attributes).toBeVisible();
  const folder = process.env["MAP_SCREENSHOTS"];
  if (folder) await panel.screenshot({ path: `${folder}/attributs-${(await panel.locator(".map-panel__title").textContent())?.replace(/\W+/g, "-")}.png` });
  return attributes;
}

/** The summary (text alternative) as term → its values joined by " ; " (a term is said once for consecutive values). */
export async function summaryOf(panel: Locator): Promise<Record<string, string>> {
  const items = await panel.locator(".map-panel__summary dl > *").evaluateAll((nodes) => nodes.map((node) => [node.tagName, node.textContent ?? ""] as const));
  const summary: Record<string, string> = {};
  let term = "";
  for (const [tag, text] of items) {
    if (tag === "DT") term = text;
    else summary[term] = summary[term] ? `${summary[term]} ; ${text}` : text;
  }
  return summary;
}

/** Whether a colour is within `tolerance` of one of the candidates. */
const near = (actual: Rgb, candidates: Rgb[], tolerance = 12): boolean =>
  candidates.some((candidate) => actual.every((value, index) => Math.abs(value - candidate[index]!) <= tolerance));

/** WFS (vector tutorial): pays, écorégions and villes drawn from GetFeature GeoJSON; counts from numberMatched. */
export async function checkWfsMap(page: Page): Promise<void> {
  const panel = await openMap(block(page, "GET", "/offerings/{offering wfs}"), "wfs");
  const summary = await summaryOf(panel);
  expect(summary["Service"]).toContain("WFS");
  expect(summary["Objets"]).toBe("pays : 8 objets ; ecoregions : 8 objets ; villes : 11 objets");
  // Central Brazil: pays (blue) under écorégions (orange), both at the map's fill opacity.
  const brazil = blend(blend(MAP_BACKGROUND, TABLE_COLOURS[0]!, FILL_OPACITY), TABLE_COLOURS[1]!, FILL_OPACITY);
  await expectColourAt(panel, -52, -12, brazil, "Brésil (pays + écorégion)");
  await expectColourAt(panel, -30, 10, MAP_BACKGROUND, "Atlantique (aucun objet)");
  const attributes = await clickAt(panel, -52, -12);
  await expect(attributes).toContainText(/Brésil|amazonienne|Savanes/);
}

/** WMS-Vecteur: the GetMap image drawn with the SLD; GetFeatureInfo on a click. */
export async function checkWmsVectorMap(page: Page): Promise<void> {
  const panel = await openMap(block(page, "GET", "/offerings/{offering wms}"), "wms-vecteur");
  expect((await summaryOf(panel))["Service"]).toContain("WMS");
  await expectColourAt(panel, -30, 10, MAP_BACKGROUND, "Atlantique (aucun objet)");
  // pays.sld fills the countries with #f2efe9 (opaque), drawn over the écorégions.
  await expectColourAt(panel, -52, -12, hex("#f2efe9"), "Brésil (remplissage de pays.sld)");
  await expectColourAt(panel, 2.5, 46.5, hex("#f2efe9"), "France (remplissage de pays.sld)");
  const attributes = await clickAt(panel, -52, -12);
  await expect(attributes).toContainText(/Brésil|amazonienne|Savanes|tropicales/);
}

/** TMS vector tiles (MVT): pays and écorégions from the pyramid, styled by the map; the feature's properties on a click. */
export async function checkTmsVectorMap(page: Page): Promise<void> {
  const panel = await openMap(block(page, "GET", "/offerings/{offering tms}"), "tms-vecteur");
  expect((await summaryOf(panel))["Service"]).toContain("vectorielles");
  await expectColourAt(panel, -30, 10, MAP_BACKGROUND, "Atlantique (aucun objet)");
  // Central Brazil: pays and écorégions, the first two table colours at the fill opacity, in either order.
  const [first, second] = [TABLE_COLOURS[0]!, TABLE_COLOURS[1]!];
  const candidates = [
    blend(MAP_BACKGROUND, first, FILL_OPACITY), blend(MAP_BACKGROUND, second, FILL_OPACITY),
    blend(blend(MAP_BACKGROUND, first, FILL_OPACITY), second, FILL_OPACITY), blend(blend(MAP_BACKGROUND, second, FILL_OPACITY), first, FILL_OPACITY),
  ];
  const image = await mapImage(panel);
  const [x, y] = await pixelOf(panel, -52, -12);
  expect(near(image.at(x, y), candidates), `Brésil depuis les tuiles vectorielles : rgb(${image.at(x, y).join(", ")})`).toBe(true);
  const attributes = await clickAt(panel, -52, -12);
  await expect(attributes).toContainText(/Brésil|amazonienne|Savanes|tropicales/);
}

/**
 * Raster tiles (TMS) or WMS-Raster of the Corsica GeoTIFF: the island drawn in the source's land colours (little
 * blue), the sea around it in the source's blue; WMS-Raster's GetFeatureInfo gives the source pixel's bands, which
 * the map shows at that place.
 */
export async function checkRasterMap(page: Page, offering: "{offering wmts}" | "{offering wms raster}"): Promise<void> {
  const wms = offering === "{offering wms raster}";
  const panel = await openMap(block(page, "GET", `/offerings/${offering}`), wms ? "wms-raster" : "tms-raster");
  expect((await summaryOf(panel))["Service"]).toContain(wms ? "WMS" : "TMS");
  const image = await mapImage(panel);
  const land = image.at(...(await pixelOf(panel, 9.1, 42.15)));
  const sea = image.at(...(await pixelOf(panel, 8.3, 42.6)));
  expect(land[2], `Corse : rgb(${land.join(", ")})`).toBeLessThan(130);
  expect(sea[2], `mer : rgb(${sea.join(", ")})`).toBeGreaterThan(160);
  const attributes = await clickAt(panel, 9.1, 42.15);
  if (!wms) {
    await expect(attributes).toContainText("Couleur du pixel");
    return;
  }
  const values = await attributes.locator("dl > *").allTextContents();
  const band = (name: string) => Number(values[values.indexOf(name) + 1]);
  const source: Rgb = [band("band_1"), band("band_2"), band("band_3")];
  expect(near(land, [source], 24), `couleur dessinée rgb(${land.join(", ")}), source rgb(${source.join(", ")})`).toBe(true);
}

/** Archive: no map, the files of the download service's resource as download links. */
export async function checkArchiveDownload(page: Page): Promise<void> {
  const offering = block(page, "GET", "/offerings/{offering}");
  const offer = offering.locator("[data-map-offer]");
  await offer.getByRole("button", { name: "Voir les fichiers à télécharger" }).click();
  const panel = offer.locator(".map-panel");
  await expect(panel).toHaveAttribute("data-map-state", "rendered");
  await expect(panel.locator(".map-panel__status")).toHaveText("3 fichiers à télécharger :");
  await screenshots(page, panel, "telechargement");
  const names = await panel.getByRole("link").allTextContents();
  expect(names.sort()).toEqual(["LISEZMOI.txt", "departements.csv", "departements.geojson"].sort());
  const download = page.waitForEvent("download");
  await panel.getByRole("link", { name: "departements.csv" }).click();
  expect((await download).suggestedFilename()).toBe("departements.csv");
}

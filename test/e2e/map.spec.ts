// "Voir sur la carte" in real mode: the map reads the layer from the services the offering names, over the Plan IGN
// base map, and asks nothing of any other origin (page.route answers the real URLs with fixtures and records every
// request); keyboard use and axe checks of the panel.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { API, CORS, MVT_OFFERING, PLAN_IGN, TMS_OFFERING, VTMS_OFFERING, WFS_OFFERING, WFS_PAGE, WMS_OFFERING, WMS_PAGE, WMS_RED, cspViolations, json, offeringBlock, realMode } from "./map-fixtures.ts";
import { block } from "./helpers.ts";
import { FILL_OPACITY, TABLE_COLOURS, blend, clickAt, expectColourAt, openMap, summaryOf } from "./map-helpers.ts";

test("real mode, WFS: the features from GetFeature over Plan IGN, nothing asked of another origin", async ({ page }) => {
  const requests = await realMode(page, WFS_OFFERING, "offering wfs");
  const panel = await openMap(await offeringBlock(page, WFS_PAGE, "offering wfs"), "reel-wfs");
  const summary = await summaryOf(panel);
  expect(summary["Fond de carte"]).toContain("Plan IGN");
  expect(summary["Objets"]).toBe("pays : 1 objet");
  expect(summary["Emprise"]).toBe("ouest −10,00, sud 35,00, est 20,00, nord 55,00 (degrés WGS 84)");
  await expectColourAt(panel, 5, 45, blend(PLAN_IGN, TABLE_COLOURS[0]!, FILL_OPACITY), "dans le carré (sur le Plan IGN)");
  await expectColourAt(panel, -5, 37, PLAN_IGN, "hors du carré : le Plan IGN");
  await expect(await clickAt(panel, 5, 45)).toContainText("Carré d'essai");
  const origins = new Set(requests.map((url) => new URL(url).origin));
  expect([...origins]).toEqual(["https://data.geopf.fr"]);
  for (const url of requests) {
    const allowed = url.startsWith(`${API}/datastores/entrepot-essai/offerings/`) || url.startsWith("https://data.geopf.fr/wfs?") ||
      (url.startsWith("https://data.geopf.fr/wmts?") && url.includes("LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2") && url.includes("TILEMATRIXSET=PM"));
    expect(allowed, url).toBe(true);
  }
  expect(requests.some((url) => url.includes("REQUEST=GetFeature"))).toBe(true);
  expect(await cspViolations(page)).toBe("");
});

test("real mode, WMS: GetMap images over Plan IGN, GetFeatureInfo on a click, only the configured services asked", async ({ page }) => {
  const requests = await realMode(page, WMS_OFFERING, "offering wms");
  const panel = await openMap(await offeringBlock(page, WMS_PAGE, "offering wms"), "reel-wms");
  await expectColourAt(panel, 5, 45, WMS_RED, "dans le carré dessiné par GetMap");
  await expectColourAt(panel, -5, 37, PLAN_IGN, "hors du carré : le Plan IGN");
  await expect(await clickAt(panel, 5, 45)).toContainText("Carré d'essai");
  for (const url of requests) {
    const allowed = url.startsWith(`${API}/datastores/entrepot-essai/offerings/`) || url.startsWith("https://data.geopf.fr/wms-v/ows?") ||
      (url.startsWith("https://data.geopf.fr/wmts?") && url.includes("LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2"));
    expect(allowed, url).toBe(true);
  }
  expect(requests.some((url) => url.includes("REQUEST=GetFeatureInfo"))).toBe(true);
  expect(await cspViolations(page)).toBe("");
});

test("real mode, TMS raster: the TileMap's box and levels, tiles counted from the top (404 = no data), over Plan IGN", async ({ page }) => {
  const requests = await realMode(page, TMS_OFFERING, "offering wmts");
  const panel = await openMap(await offeringBlock(page, "/tutoriels/alimentation-diffusion-raster/publication-wmts-tms/", "offering wmts"), "reel-tms");
  expect((await summaryOf(panel))["Niveaux de zoom"]).toBe("0 à 8");
  await expectColourAt(panel, 5, 45, WMS_RED, "dans le carré : les tuiles TMS");
  // The view is fitted to the TileMap's box (the square): its sides show what is outside.
  await expectColourAt(panel, -3, 45, PLAN_IGN, "à l'ouest du carré : le Plan IGN");
  const tiles = requests.filter((url) => url.startsWith("https://data.geopf.fr/tms/1.0.0/corse_raster/"));
  expect(tiles.length).toBeGreaterThan(0);
  for (const url of tiles) expect(url, "tuile {z}/{x}/{y}.png").toMatch(/\/corse_raster\/[0-8]\/\d+\/\d+\.png$/);
  for (const url of requests) {
    const allowed = url.startsWith(`${API}/datastores/entrepot-essai/offerings/`) || url.startsWith("https://data.geopf.fr/tms/1.0.0/corse_raster") ||
      (url.startsWith("https://data.geopf.fr/wmts?") && url.includes("LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2"));
    expect(allowed, url).toBe(true);
  }
  expect(await cspViolations(page)).toBe("");
});

test("real mode, TMS vector tiles: MVT from {z}/{x}/{y}.pbf drawn in the table's colour over Plan IGN, a click gives the feature's properties", async ({ page }) => {
  const requests = await realMode(page, MVT_OFFERING, "offering tms");
  const panel = await openMap(await offeringBlock(page, "/tutoriels/alimentation-diffusion-vecteur/publication-tms/", "offering tms"), "reel-mvt");
  expect((await summaryOf(panel))["Couches vectorielles des tuiles"]).toBe("pays");
  await expectColourAt(panel, 5, 45, blend(PLAN_IGN, TABLE_COLOURS[0]!, FILL_OPACITY), "dans le carré : la tuile vectorielle");
  await expectColourAt(panel, -3, 45, PLAN_IGN, "à l'ouest du carré : le Plan IGN");
  await expect(await clickAt(panel, 5, 45)).toContainText("Carré d'essai");
  expect(requests.some((url) => /\/monde_tuiles\/\d+\/\d+\/\d+\.pbf$/.test(url))).toBe(true);
  for (const url of requests) {
    const allowed = url.startsWith(`${API}/datastores/entrepot-essai/offerings/`) || url.startsWith("https://data.geopf.fr/tms/1.0.0/monde_tuiles") ||
      (url.startsWith("https://data.geopf.fr/wmts?") && url.includes("LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2"));
    expect(allowed, url).toBe(true);
  }
  expect(await cspViolations(page)).toBe("");
});

test("real mode, VECTOR-TMS: the layer's JSON gives the tile URL, MVT computed on the fly drawn over Plan IGN, a click gives the properties", async ({ page }) => {
  const requests = await realMode(page, VTMS_OFFERING, "offering tms");
  const panel = await openMap(await offeringBlock(page, "/tutoriels/alimentation-diffusion-vecteur/publication-tms/", "offering tms"), "reel-vtms");
  expect((await summaryOf(panel))["Couches vectorielles des tuiles"]).toBe("pays");
  await expectColourAt(panel, 5, 45, blend(PLAN_IGN, TABLE_COLOURS[0]!, FILL_OPACITY), "dans le carré : la tuile vectorielle calculée");
  await expectColourAt(panel, -3, 45, PLAN_IGN, "à l'ouest du carré : le Plan IGN");
  await expect(await clickAt(panel, 5, 45)).toContainText("Carré d'essai");
  expect(requests).toContain("https://data.geopf.fr/vector-tms/1.0.0/monde.pays.json");
  expect(requests.some((url) => /\/vector-tms\/1\.0\.0\/monde\.pays\/\d+\/\d+\/\d+\.pbf$/.test(url))).toBe(true);
  for (const url of requests) {
    const allowed = url.startsWith(`${API}/datastores/entrepot-essai/offerings/`) || url.startsWith("https://data.geopf.fr/vector-tms/1.0.0/monde.pays") ||
      (url.startsWith("https://data.geopf.fr/wmts?") && url.includes("LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2"));
    expect(allowed, url).toBe(true);
  }
  expect(await cspViolations(page)).toBe("");
});

test("the map panel by keyboard: opened with Enter, attributes of the centre with Enter, Escape closes and gives the focus back", async ({ page }) => {
  await realMode(page, WFS_OFFERING, "offering wfs");
  const offering = await offeringBlock(page, WFS_PAGE, "offering wfs");
  const button = offering.getByRole("button", { name: "Voir sur la carte la couche monde_wfs" });
  await button.focus();
  await page.keyboard.press("Enter");
  const panel = offering.locator(".map-panel");
  await expect(panel).toHaveAttribute("data-map-state", "rendered");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(panel.getByRole("heading", { name: "Carte : monde_wfs" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(panel.getByRole("button", { name: "Fermer la carte" })).toBeFocused();
  await page.keyboard.press("Tab");
  const map = panel.getByRole("region", { name: /Carte interactive de la couche monde_wfs/ });
  await expect(map).toBeFocused();
  // Arrows move the map (the view's extent changes once the pan has ended); Enter pressed at once, while the pan back
  // is still running, reads the feature at the centre where that pan ends.
  const extent = await map.getAttribute("data-map-extent");
  await page.keyboard.press("ArrowLeft");
  await expect(map).not.toHaveAttribute("data-map-extent", extent!);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(panel.locator(".map-panel__attributes")).toContainText("Carré d'essai");
  await expect(panel.locator(".map-panel__info")).toHaveAttribute("aria-live", "polite");
  await panel.getByRole("button", { name: "Fermer les attributs" }).click();
  await expect(map).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");
});

for (const scheme of ["light", "dark"] as const) {
  test(`the map panel has no serious or critical axe violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await realMode(page, WFS_OFFERING, "offering wfs");
    const panel = await openMap(await offeringBlock(page, WFS_PAGE, "offering wfs"), `axe-${scheme}`);
    await clickAt(panel, 5, 45);
    const results = await new AxeBuilder({ page }).include(".map-offer").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const blocking = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test("no map for an offering that is not PUBLISHED yet; a service error is said in French, without a map", async ({ page }) => {
  await realMode(page, { ...WFS_OFFERING, status: "PUBLISHING" }, "offering wfs");
  const offering = await offeringBlock(page, WFS_PAGE, "offering wfs", false);
  await expect(offering.locator(".api-block__response")).toContainText('"status": "PUBLISHING"');
  await expect(offering.locator("[data-map-offer]")).toHaveCount(0);

  // Published, but its WFS answers 503 to GetCapabilities.
  await page.unrouteAll({ behavior: "wait" });
  await page.route((url) => url.hostname !== "127.0.0.1", (route) => {
    if (route.request().url().includes("/offerings/")) return json(route, WFS_OFFERING);
    return route.fulfill({ status: 503, headers: CORS, contentType: "text/plain", body: "indisponible" });
  });
  await offering.getByRole("button", { name: /^Exécuter/ }).click();
  const offer = offering.locator("[data-map-offer]");
  await offer.getByRole("button", { name: "Voir sur la carte la couche monde_wfs" }).click();
  const panel = offer.locator(".map-panel");
  await expect(panel).toHaveAttribute("data-map-state", "error");
  await expect(panel.getByRole("status")).toHaveText(/^La carte n'a pas pu être affichée : HTTP 503 pour https:\/\/data\.geopf\.fr\/wfs\?/);
  await expect(panel.locator(".map-panel__map canvas")).toHaveCount(0);
});

test("a restored answer (page reloaded) offers the map again", async ({ page }) => {
  await realMode(page, WFS_OFFERING, "offering wfs");
  await offeringBlock(page, WFS_PAGE, "offering wfs");
  await page.reload();
  const offering = block(page, "GET", "/offerings/{offering wfs}");
  await expect(offering.locator(".api-block__restored")).toBeVisible();
  await openMap(offering, "restauree");
});

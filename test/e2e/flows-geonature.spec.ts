// The GeoNature tutorial in simulated mode, block by block: the export read page by page (JSON and CSV), converted in
// the page into observations.geojson, delivered, checked, loaded into a VECTOR-DB and published as WFS; the WFS returns
// the GeoNature observations and the map shows them.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { block, blocks, openTutorialPage, responseJson, responseOf, runAllBlocks, runBlock } from "./helpers.ts";
import { openMap, summaryOf } from "./map-helpers.ts";

const PAGES = ["export", "integration", "publication"].map((name) => `/tutoriels/flux-geonature/${name}/`);

interface FeatureCollection {
  numberMatched?: number;
  features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: number[] } }[];
}

// Runs the blocks [from, to) of the page, each expected to answer 2xx.
async function runRange(page: Page, from: number, to: number): Promise<Locator[]> {
  const ran: Locator[] = [];
  for (let index = from; index < to; index++) {
    const current = blocks(page).nth(index);
    const status = await runBlock(current);
    expect(Number(status), `${await current.getAttribute("data-url")}\n${await responseOf(current).textContent()}`).toBeLessThan(300);
    ran.push(current);
  }
  return ran;
}

test("the GeoNature export becomes a WFS layer of the Géoplateforme", async ({ page }) => {
  test.setTimeout(300_000);
  await openTutorialPage(page, PAGES[0]!);
  await expect(page.locator(".variables")).toContainText("{jeton geonature}");
  await expect(blocks(page)).toHaveCount(7);
  const [first, last, csv] = await runRange(page, 0, 3);
  const firstPage = (await responseJson(first!)) as { total: number; page: number; items: FeatureCollection; license: { name: string } };
  expect(firstPage.total).toBe(320);
  expect(firstPage.items.features).toHaveLength(100);
  expect(firstPage.license.name).toBe("Licence fermée SINP");
  expect(((await responseJson(last!)) as { items: FeatureCollection }).items.features).toHaveLength(20);
  await expect(responseOf(csv!)).toContainText("id_synthese;uuid_perm_sinp;cd_nom");

  // The conversion in the page: files shown, downloadable, then sent by the upload blocks.
  const upload = block(page, "POST", "/data?path=data/{fichier}");
  await expect(upload.locator("li[data-page-file]")).toContainText("pas encore produit");
  const flow = page.locator('[data-flow="geonature"]');
  await flow.getByRole("button", { name: /Lire tout l'export/ }).click();
  await expect(flow.locator("[data-flow-status]")).toHaveText("observations.geojson est prêt : les blocs ci-dessous l'envoient.");
  await expect(flow).toContainText("320 observations lues en 4 pages (licence : Licence fermée SINP)");
  await expect(flow.locator("table tbody tr")).toHaveCount(5);
  const download = page.waitForEvent("download");
  await flow.locator('a[data-flow-file="observations.geojson"]').click();
  const saved = JSON.parse(await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"))) as FeatureCollection;
  expect(saved.features).toHaveLength(320);
  expect(saved.features[0]!.properties["licence"]).toBe("Licence fermée SINP");
  await expect(upload.locator("li[data-page-file]")).not.toContainText("pas encore produit");
  await runRange(page, 3, 7);

  await openTutorialPage(page, PAGES[1]!);
  await runAllBlocks(page, PAGES[1]!);
  const checks = (await responseJson(block(page, "GET", "/uploads/{upload}/checks"))) as { passed: unknown[]; failed: unknown[] };
  expect(checks.failed).toEqual([]);
  expect(checks.passed).toHaveLength(2);
  const storedData = (await responseJson(block(page, "GET", "/stored_data/{stored data}"))) as { status: string; type_infos: { relations: { name: string; attributes: Record<string, string> }[] } };
  expect(storedData.status).toBe("GENERATED");
  const relation = storedData.type_infos.relations.find((item) => item.name === "observations");
  expect(Object.keys(relation?.attributes ?? {})).toEqual(expect.arrayContaining(["cd_nom", "nom_vernaculaire", "date_debut", "observateurs", "licence", "geom"]));

  await openTutorialPage(page, PAGES[2]!);
  await runAllBlocks(page, PAGES[2]!);
  const features = (await responseJson(block(page, "GET", "OUTPUTFORMAT=application/json&SRSNAME=EPSG:4326"))) as FeatureCollection;
  expect(features.numberMatched).toBe(320);
  expect(features.features).toHaveLength(5);
  for (const feature of features.features) {
    expect(feature.geometry.type).toBe("Point");
    expect(typeof feature.properties["nom_vernaculaire"]).toBe("string");
    expect(feature.properties["licence"]).toBe("Licence fermée SINP");
  }
  const panel = await openMap(block(page, "GET", "/offerings/{offering wfs}"), "wfs");
  expect((await summaryOf(panel))["Objets"]).toBe("observations : 320 objets");
});

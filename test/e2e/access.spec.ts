// The access control tutorial (diffusion services), every block in order, in simulated mode: a layer published on
// the private WFS, refused without a key (401), invisible to a key without access, listed and read once the access
// exists, invisible again after its revocation, refused again once the key is deleted.
import { expect, test } from "@playwright/test";
import type { Locator, Page } from "@playwright/test";
import { ACCESS_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks } from "./helpers.ts";
import { openMap, summaryOf } from "./map-helpers.ts";

const PRIVATE_WFS = "https://data.geopf.fr/private/wfs";
const CAPABILITIES = "REQUEST=GetCapabilities&apikey={apikey}";

// What the page's simulated services answer (status and text).
const fetchFrom = (page: Page, url: string): Promise<{ status: number; text: string }> =>
  page.evaluate(async (target) => {
    const response = await fetch(target);
    return { status: response.status, text: await response.text() };
  }, url);

test("the access control tutorial runs end to end in the simulated datastore", async ({ page }) => {
  test.setTimeout(600_000);
  const statuses: string[] = [];
  await openTutorialPage(page, ACCESS_PAGES[0]!);
  await runAllBlocks(page, ACCESS_PAGES[0]!, statuses);
  await expect(responseOf(block(page, "GET", "/offerings/{offering wfs privee}"))).toContainText('"status": "PUBLISHED"');
  const refused = await fetchFrom(page, `${PRIVATE_WFS}?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetCapabilities`);
  expect(refused.status).toBe(401);
  expect(refused.text).toContain("401 Authorization Required");
  // The map of the private layer, no key yet: the service's refusal in French, and a field for the key.
  const noKey = await privateMap(block(page, "GET", "/offerings/{offering wfs privee}"));
  await expect(noKey).toHaveAttribute("data-map-state", "error");
  await expect(noKey.locator(".map-panel__status")).toContainText("le service privé a refusé la requête (HTTP 401) : clé absente ou inconnue");
  await expect(noKey.getByLabel("Clé d'accès au service privé (apikey)")).toHaveValue("");

  await openTutorialPage(page, ACCESS_PAGES[1]!);
  // Block by block up to the revocation, to check the service at each stage; once the key reads the layer, its map
  // (in another tab, on the publication page) draws the features with the key and refuses a wrong one.
  await runAllBlocks(page, ACCESS_PAGES[1]!, statuses, async (current) => {
    if (!(await current.getAttribute("data-url"))?.endsWith("COUNT=2&apikey={apikey}")) return;
    const created = (await responseJson(block(page, "POST", "/users/me/keys"))) as { type_infos: { hash: string } };
    await mapWithKey(page, created.type_infos.hash);
  });
  const key = (await responseJson(block(page, "POST", "/users/me/keys"))) as { type: string; type_infos: { hash: string } };
  expect(key.type).toBe("HASH");
  expect(key.type_infos.hash).toMatch(/^[0-9a-f]{32}$/);
  const capabilities = block(page, "GET", CAPABILITIES);
  await expect(capabilities).toHaveCount(3);
  await expect(responseOf(capabilities.nth(0))).not.toContainText("acces_pays:pays");
  await expect(responseOf(capabilities.nth(1))).toContainText("<wfs:Name>acces_pays:pays</wfs:Name>");
  await expect(responseOf(capabilities.nth(2))).not.toContainText("acces_pays:pays");
  const features = (await responseJson(block(page, "GET", "COUNT=2&apikey={apikey}"))) as { features: unknown[] };
  expect(features.features).toHaveLength(2);
  const permission = (await responseJson(block(page, "POST", "/datastores/{datastore}/permissions"))) as { beneficiary: { last_name: string }; offerings: { layer_name: string }[] }[];
  expect(permission[0]!.beneficiary.last_name).toBe("Lopper");
  expect(permission[0]!.offerings[0]!.layer_name).toBe("acces_pays");
  // After the cleanup: the deleted key is refused like no key.
  const stale = await fetchFrom(page, `${PRIVATE_WFS}?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetCapabilities&apikey=${key.type_infos.hash}`);
  expect(stale.status).toBe(401);
  await expectChained(page, ACCESS_PAGES, "/tutoriels/controle-acces-diffusion/");
});

// Opens the map under an offering block's answer and waits until it is drawn or refused.
async function privateMap(offering: Locator): Promise<Locator> {
  await offering.getByRole("button", { name: /^Voir sur la carte/ }).click();
  const panel = offering.locator(".map-panel");
  await expect(panel).toHaveAttribute("data-map-state", /rendered|error/);
  return panel;
}

// The publication page in another tab: the map takes {apikey}, draws the countries, and refuses a wrong key.
async function mapWithKey(page: Page, key: string): Promise<void> {
  const other = await page.context().newPage();
  await other.goto(ACCESS_PAGES[0]!);
  const offering = block(other, "GET", "/offerings/{offering wfs privee}");
  const panel = await openMap(offering, "prive-wfs");
  await expect(panel.getByLabel("Clé d'accès au service privé (apikey)")).toHaveValue(key);
  expect((await summaryOf(panel))["Objets"]).toMatch(/^pays : \d+ objets?$/);
  await panel.getByLabel("Clé d'accès au service privé (apikey)").fill("pas-la-bonne-cle");
  await panel.getByRole("button", { name: "Dessiner avec cette clé" }).click();
  await expect(panel).toHaveAttribute("data-map-state", "error");
  await expect(panel.locator(".map-panel__status")).toContainText("HTTP 401");
  await other.close();
}

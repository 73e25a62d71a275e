// The access control tutorial (diffusion services), every block in order, in simulated mode: a layer published on
// the private WFS, refused without a key (401), invisible to a key without access, listed and read once the access
// exists, invisible again after its revocation, refused again once the key is deleted.
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { ACCESS_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks } from "./helpers.ts";

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

  await openTutorialPage(page, ACCESS_PAGES[1]!);
  // Block by block up to the revocation, to check the service at each stage.
  await runAllBlocks(page, ACCESS_PAGES[1]!, statuses);
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

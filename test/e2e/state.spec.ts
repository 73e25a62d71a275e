// State: two tabs on the same tutorial; storage full or disabled.
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES, openTutorialPage, responseOf, runBlock } from "./helpers.ts";

const LIVRAISON = ARCHIVE_PAGES[0]!;
const createUpload = '[data-api-block][data-method="POST"][data-url$="/uploads"]';

test("two tabs share the simulated datastore and the variables without overwriting each other", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openTutorialPage(first, LIVRAISON);
  await openTutorialPage(second, LIVRAISON);

  expect(await runBlock(first.locator('[data-api-block][data-url$="/users/me"]'))).toBe("200");
  expect(await runBlock(first.locator(createUpload))).toBe("200");
  const uploadA = JSON.parse((await responseOf(first.locator(createUpload)).textContent())!)._id as string;
  // The second tab was opened before: its copy of the datastore is stale, yet its upload must not erase the first.
  expect(await runBlock(second.locator(createUpload))).toBe("200");
  const uploadB = JSON.parse((await responseOf(second.locator(createUpload)).textContent())!)._id as string;

  const datastore = await first.locator(".variables").getByLabel("{datastore}", { exact: true }).inputValue();
  const listed = await first.evaluate(async (url) => (await (await fetch(url)).json()) as { _id: string }[], `https://data.geopf.fr/api/datastores/${datastore}/uploads?limit=50`);
  expect(listed.map((upload) => upload._id)).toEqual(expect.arrayContaining([uploadA, uploadB]));

  // Variables follow the latest run in either tab, and what only the first tab set ({user}) is kept.
  await expect(first.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue(uploadB);
  await expect(second.locator(".variables").getByLabel("{user}", { exact: true })).toHaveCount(1);
});

test("with storage full the site keeps working in memory and says so", async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException("Quota exceeded", "QuotaExceededError");
    };
  });
  await openTutorialPage(page, LIVRAISON);
  expect(await runBlock(page.locator(createUpload))).toBe("200");
  await expect(page.locator(".variables__warning")).toHaveText("Le stockage du navigateur est indisponible : la progression ne sera pas conservée au rechargement.");
  await expect(page.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveCount(1);
  expect(await runBlock(page.locator('[data-api-block][data-method="GET"][data-url$="/uploads/{upload}"]'))).toBe("200");
});

test("with storage disabled the site keeps working in memory and says so", async ({ page }) => {
  await page.addInitScript(() => {
    // As Chromium does when site data is blocked: the (configurable) accessor throws.
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("Storage disabled", "SecurityError");
      },
    });
  });
  await openTutorialPage(page, LIVRAISON);
  await expect(page.locator(".variables__warning")).toBeVisible();
  expect(await runBlock(page.locator(createUpload))).toBe("200");
  expect(await runBlock(page.locator('[data-api-block][data-method="GET"][data-url$="/uploads/{upload}"]'))).toBe("200");
});

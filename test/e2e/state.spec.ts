// State: two tabs on the same tutorial; storage full or disabled.
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES, openTutorialPage, responseOf, runBlock } from "./helpers.ts";

const LIVRAISON = ARCHIVE_PAGES[0]!;
const createUpload = '[data-api-block][data-method="POST"][data-url$="/uploads"]';
const readUpload = '[data-api-block][data-method="GET"][data-url$="/uploads/{upload}"]';

test("two tabs share the simulated datastore; a tab keeps its {upload} when another tab creates one, and says so", async ({ context }) => {
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

  // The first tab is told, near the top, and keeps its own {upload}: its next block works on its own upload.
  const notice = first.getByRole("status").filter({ hasText: "Un autre onglet a modifié {upload}" });
  await expect(notice).toBeVisible();
  await expect(notice).toBeInViewport();
  await expect(second.getByRole("status").filter({ hasText: "Un autre onglet" })).toHaveCount(0);
  await expect(first.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue(uploadA);
  expect(await runBlock(first.locator(readUpload))).toBe("200");
  expect(JSON.parse((await responseOf(first.locator(readUpload)).textContent())!)._id).toBe(uploadA);
  await expect(second.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue(uploadB);
  // What only the first tab set ({user}) reached the second.
  await expect(second.locator(".variables").getByLabel("{user}", { exact: true })).not.toHaveValue("");

  // Still its own after a reload; the panel says so too, and the reader can take the other tab's value.
  await first.reload();
  await expect(first.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue(uploadA);
  await first.getByRole("button", { name: /^Variables \(/ }).click();
  const panel = first.getByRole("dialog", { name: "Variables" });
  await expect(panel).toContainText("Un autre onglet a modifié {upload}");
  await expect(panel).toContainText(`propre à cet onglet (autre onglet : ${uploadB})`);
  await panel.getByRole("button", { name: "Prendre les valeurs de l'autre onglet" }).click();
  await expect(panel.getByLabel("{upload}", { exact: true })).toHaveValue(uploadB);
  await expect(panel).not.toContainText("Un autre onglet");
  await expect(notice).toBeHidden();
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
  expect(await runBlock(page.locator(readUpload))).toBe("200");
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
  await page.getByRole("button", { name: /^Variables \(/ }).click();
  await expect(page.locator(".variables__warning")).toBeVisible();
  await page.keyboard.press("Escape");
  expect(await runBlock(page.locator(createUpload))).toBe("200");
  expect(await runBlock(page.locator(readUpload))).toBe("200");
});

// Site-wide features: Mermaid diagrams and search.
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES } from "./helpers.ts";

test("Mermaid renders the diagram of the intégration page as SVG", async ({ page }) => {
  await page.goto(ARCHIVE_PAGES[1]!);
  await expect(page.locator(".mermaid svg").first()).toBeVisible();
});

test("Mermaid is not downloaded before the reader scrolls near a diagram", async ({ page }) => {
  const loaded: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/vendor/mermaid/")) loaded.push(request.url());
  });
  await page.setViewportSize({ width: 1280, height: 400 });
  await page.goto("/tutoriels/alimentation-diffusion-vecteur/");
  await page.waitForLoadState("networkidle");
  expect(loaded).toEqual([]);
  await page.locator("pre.mermaid").first().scrollIntoViewIfNeeded();
  await expect(page.locator(".mermaid svg").first()).toBeVisible();
  expect(loaded.length).toBeGreaterThan(0);
});

test("pages without a diagram never load Mermaid", async ({ page }) => {
  const loaded: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/vendor/mermaid/")) loaded.push(request.url());
  });
  await page.goto(ARCHIVE_PAGES[3]!);
  await page.waitForLoadState("networkidle");
  expect(loaded).toEqual([]);
});

test("searching « Recopie d'une archive livrée » finds the intégration page", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("searchbox", { name: /Rechercher/ }).or(page.getByRole("combobox", { name: /Rechercher/ }));
  await box.fill("Recopie d'une archive livrée");
  const result = page.locator(`a[href*="${ARCHIVE_PAGES[1]}"]`).filter({ hasText: /Intégration/ });
  await expect(result.first()).toBeVisible();
});

test("every Mermaid diagram of the site renders (none falls back to its source)", async ({ page }) => {
  await page.goto("/");
  const links = await page.locator(".site-nav a, nav a").evaluateAll((anchors) => [...new Set(anchors.map((anchor) => (anchor as unknown as { pathname: string }).pathname))]);
  let diagrams = 0;
  for (const path of links.filter((link) => link.startsWith("/tutoriels/"))) {
    await page.goto(path);
    const count = await page.locator("pre.mermaid").count();
    if (count === 0) continue;
    diagrams += count;
    // Mermaid loads when a diagram comes near the viewport.
    for (let index = 0; index < count; index += 1) await page.locator("pre.mermaid").nth(index).scrollIntoViewIfNeeded();
    await expect(page.locator(".mermaid svg"), path).toHaveCount(count);
    await expect(page.getByText("n’a pas pu être affiché"), path).toHaveCount(0);
  }
  expect(diagrams).toBeGreaterThanOrEqual(8);
});

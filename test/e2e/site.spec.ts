// Site-wide features: Mermaid diagrams and search.
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES } from "./helpers.ts";

test("Mermaid renders the diagram of the intégration page as SVG", async ({ page }) => {
  await page.goto(ARCHIVE_PAGES[1]!);
  await expect(page.locator(".mermaid svg").first()).toBeVisible();
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

// The whole archive tutorial, every block in order on every page, in simulated mode.
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES, blocks, openTutorialPage, responseOf, runBlock } from "./helpers.ts";

test("the archive tutorial runs end to end in the simulated datastore", async ({ page }) => {
  const statuses: string[] = [];
  for (const path of ARCHIVE_PAGES) {
    await openTutorialPage(page, path);
    const count = await blocks(page).count();
    expect(count, `blocks on ${path}`).toBeGreaterThan(0);
    for (let index = 0; index < count; index += 1) {
      const block = blocks(page).nth(index);
      const label = `${path} bloc ${index + 1} ${await block.getAttribute("data-method")} ${await block.getAttribute("data-url")}`;
      const status = await runBlock(block);
      statuses.push(`${label} → ${status}`);
      expect(Number(status), `${label}\n${await responseOf(block).textContent()}`).toBeGreaterThanOrEqual(200);
      expect(Number(status), `${label}\n${await responseOf(block).textContent()}`).toBeLessThan(300);
    }

    if (path.endsWith("/livraison/")) {
      const checks = blocks(page).filter({ has: page.locator('[data-url$="/checks"]') }).or(page.locator('[data-api-block][data-url$="/checks"]'));
      await expect(responseOf(checks.first())).toContainText('"passed"');
      await expect(responseOf(checks.first())).toContainText("Vérification standard");
      const upload = page.locator('[data-api-block][data-method="GET"][data-url$="/uploads/{upload}"]');
      await expect(responseOf(upload)).toContainText('"status": "CLOSED"');
    }
    if (path.endsWith("/integration/")) {
      const execution = page.locator('[data-api-block][data-method="GET"][data-url$="/processings/executions/{execution}"]');
      await expect(responseOf(execution)).toContainText('"status": "SUCCESS"');
      const patch = page.locator('[data-api-block][data-method="PATCH"]');
      await expect(responseOf(patch)).toContainText('"status": "GENERATED"');
      await expect(responseOf(patch)).toContainText('"files_number"');
      await expect(responseOf(patch)).toContainText('"from": "2021-09-01"');
    }
    if (path.endsWith("/publication/")) {
      const offering = page.locator('[data-api-block][data-method="GET"][data-url$="/offerings/{offering}"]');
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      await expect(responseOf(offering)).toContainText("/telechargement/resource/limites_administratives");
    }
  }
  console.log(statuses.join("\n"));
});

test("tutorial pages are chained with rel=prev/next and visible links", async ({ page }) => {
  for (const [index, path] of ARCHIVE_PAGES.entries()) {
    await page.goto(path);
    const next = ARCHIVE_PAGES[index + 1];
    if (next) {
      await expect(page.locator('head link[rel="next"]')).toHaveAttribute("href", next);
      await expect(page.getByRole("link", { name: /Suivant/ })).toHaveAttribute("href", next);
    }
    const previous = ARCHIVE_PAGES[index - 1];
    if (previous) {
      await expect(page.locator('head link[rel="prev"]')).toHaveAttribute("href", previous);
      await expect(page.getByRole("link", { name: /Précédent/ })).toHaveAttribute("href", previous);
    }
  }
});

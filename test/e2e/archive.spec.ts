// The whole archive tutorial, every block in order on every page, in simulated mode.
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES, block, expectChained, openTutorialPage, responseOf, runAllBlocks } from "./helpers.ts";

test("the archive tutorial runs end to end in the simulated datastore", async ({ page }) => {
  const statuses: string[] = [];
  for (const path of ARCHIVE_PAGES) {
    await openTutorialPage(page, path);
    await runAllBlocks(page, path, statuses);

    if (path.endsWith("/livraison/")) {
      const checks = block(page, "GET", "/checks");
      await expect(responseOf(checks.first())).toContainText('"passed"');
      await expect(responseOf(checks.first())).toContainText("Vérification standard");
      const upload = block(page, "GET", "/uploads/{upload}");
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
  await expectChained(page, ARCHIVE_PAGES, "/tutoriels/alimentation-diffusion-archive/");
});

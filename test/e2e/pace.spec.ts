// « Durées simulées » in Réglages: realistic by default, short on request (kept across pages), and an execution of
// the simulated datastore then takes a tenth of its realistic time, as its own dates say.
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES, openTutorialPage, REALISTIC_PACE, responseJson, runAllBlocks, block } from "./helpers.ts";

test.use({ storageState: REALISTIC_PACE });

/** Runs the archive tutorial's delivery and integration pages; returns the execution's start-to-finish time, read
 * from the dates its GET answer shows. */
async function archiveExecutionMs(page: import("@playwright/test").Page): Promise<number> {
  const [livraison, integration] = ARCHIVE_PAGES as [string, string];
  await openTutorialPage(page, livraison);
  await runAllBlocks(page, livraison, []);
  await openTutorialPage(page, integration);
  await runAllBlocks(page, integration, []);
  const execution = (await responseJson(block(page, "GET", "/processings/executions/{execution}"))) as { status: string; start: string; finish: string };
  expect(execution.status).toBe("SUCCESS");
  return Date.parse(execution.finish) - Date.parse(execution.start);
}

test("realistic durations by default; « Courtes » is kept and makes an execution ten times shorter", async ({ page }) => {
  const livraison = ARCHIVE_PAGES[0]!;
  await openTutorialPage(page, livraison);
  await page.getByRole("button", { name: /^Réglages/ }).click();
  const dialog = page.getByRole("dialog", { name: "Réglages" });
  const pace = dialog.getByLabel("Durée des vérifications, traitements et publications");
  await expect(pace).toHaveValue("realistic");
  await page.keyboard.press("Escape");
  expect(await archiveExecutionMs(page)).toBeGreaterThanOrEqual(2000);

  await page.getByRole("button", { name: /^Réglages/ }).click();
  await pace.selectOption({ label: "Courtes : dix fois plus rapides" });
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await openTutorialPage(page, livraison);
  await page.getByRole("button", { name: /^Réglages/ }).click();
  await expect(pace).toHaveValue("short");
  await page.keyboard.press("Escape");
  expect(await archiveExecutionMs(page)).toBeLessThanOrEqual(500);
});

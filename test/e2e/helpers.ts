// Shared steps of the browser tests: running request blocks the way a reader does.
import { expect, type Locator, type Page } from "@playwright/test";

/** The pages of the archive tutorial, in reading order. */
export const ARCHIVE_PAGES = [
  "/tutoriels/alimentation-diffusion-archive/livraison/",
  "/tutoriels/alimentation-diffusion-archive/integration/",
  "/tutoriels/alimentation-diffusion-archive/publication/",
  "/tutoriels/alimentation-diffusion-archive/nettoyage/",
];

/** All request blocks of the page, in document order. */
export function blocks(page: Page): Locator {
  return page.locator("[data-api-block]");
}

/** Clicks "Exécuter" on a block and waits until it reports a status; returns data-response-status. */
export async function runBlock(block: Locator): Promise<string> {
  await block.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(block).toHaveAttribute("data-response-status", /.+/, { timeout: 60_000 });
  return (await block.getAttribute("data-response-status"))!;
}

/** The response text a block shows after a run. */
export function responseOf(block: Locator): Locator {
  return block.locator(".api-block__response");
}

/** Opens a page and waits until the simulated datastore is ready (the {datastore} variable is set). */
export async function openTutorialPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator(".variables")).toContainText("{datastore}");
}

/** The pages of the vector tutorial, in reading order. */
export const VECTOR_PAGES = [
  "/tutoriels/alimentation-diffusion-vecteur/livraison/",
  "/tutoriels/alimentation-diffusion-vecteur/verifications/",
  "/tutoriels/alimentation-diffusion-vecteur/integration/",
  "/tutoriels/alimentation-diffusion-vecteur/fichiers-statiques/",
  "/tutoriels/alimentation-diffusion-vecteur/publication-wfs/",
  "/tutoriels/alimentation-diffusion-vecteur/publication-wms/",
  "/tutoriels/alimentation-diffusion-vecteur/pyramide/",
  "/tutoriels/alimentation-diffusion-vecteur/publication-tms/",
  "/tutoriels/alimentation-diffusion-vecteur/nettoyage/",
];

/** The pages of the raster tutorial, in reading order. */
export const RASTER_PAGES = [
  "/tutoriels/alimentation-diffusion-raster/livraison/",
  "/tutoriels/alimentation-diffusion-raster/verifications/",
  "/tutoriels/alimentation-diffusion-raster/calcul-pyramide/",
  "/tutoriels/alimentation-diffusion-raster/publication-wmts-tms/",
  "/tutoriels/alimentation-diffusion-raster/publication-wms/",
  "/tutoriels/alimentation-diffusion-raster/nettoyage/",
];

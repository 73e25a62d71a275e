// Shared steps of the browser tests: running request blocks the way a reader does.
import { expect, type Locator, type Page } from "@playwright/test";

/** A browser state without settings: the realistic durations of the simulated datastore (see playwright.config.ts). */
export const REALISTIC_PACE = { cookies: [], origins: [] };

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
  "/tutoriels/alimentation-diffusion-vecteur/tuiles-a-la-volee/",
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

/** The pages of the elevation (MNT) tutorial, in reading order. */
export const MNT_PAGES = [
  "/tutoriels/donnees-mnt/livraison/",
  "/tutoriels/donnees-mnt/calcul/",
  "/tutoriels/donnees-mnt/publication-wms/",
  "/tutoriels/donnees-mnt/publication-altimetrie/",
];

/** The pages of the vector update tutorial, in reading order. */
export const VECTOR_UPDATE_PAGES = [
  "/tutoriels/mise-a-jour-vecteur/initialisation/",
  "/tutoriels/mise-a-jour-vecteur/premiere-injection/",
  "/tutoriels/mise-a-jour-vecteur/deuxieme-injection/",
  "/tutoriels/mise-a-jour-vecteur/suppressions-modifications/",
];

/** The pages of the vector derivation tutorial, in reading order. */
export const DERIVATION_PAGES = [
  "/tutoriels/derivation-vecteur/preparation/",
  "/tutoriels/derivation-vecteur/derivation/",
];

/** The JSON a block received (the response panel shows it pretty-printed). */
export async function responseJson(block: Locator): Promise<unknown> {
  const text = (await responseOf(block).textContent()) ?? "";
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`réponse non JSON :\n${text.slice(0, 2000)}`);
  }
}

/** A request block of the page, by method and URL suffix (as written in the page, placeholders included). */
export function block(page: Page, method: string, urlSuffix: string): Locator {
  return page.locator(`[data-api-block][data-method="${method}"][data-url$="${urlSuffix}"]`);
}

/** Runs every block of the current page in order, asserts a 2xx answer for each, and calls `after` with each block once it has answered. */
export async function runAllBlocks(page: Page, path: string, statuses: string[] = [], after?: (block: Locator, index: number) => Promise<void>): Promise<void> {
  const count = await blocks(page).count();
  expect(count, `blocks on ${path}`).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    const current = blocks(page).nth(index);
    const label = `${path} bloc ${index + 1} ${await current.getAttribute("data-method")} ${await current.getAttribute("data-url")}`;
    const missing = current.locator(".api-block__missing");
    await current.getByRole("button", { name: /^Exécuter/ }).click();
    // A block that refuses to send (unfilled variable) never gets a status: report its message at once.
    await expect
      .poll(async () => (await current.getAttribute("data-response-status")) !== null || (await missing.isVisible()), { timeout: 120_000, message: label })
      .toBe(true);
    if (await missing.isVisible()) throw new Error(`${label}\n${await missing.textContent()}`);
    const status = (await current.getAttribute("data-response-status"))!;
    statuses.push(`${label} → ${status}`);
    const detail = `${label}\n${await responseOf(current).textContent()}`;
    expect(Number(status), detail).toBeGreaterThanOrEqual(200);
    expect(Number(status), detail).toBeLessThan(300);
    await after?.(current, index);
  }
}


/** Asserts that tutorial pages are chained (rel=prev/next in <head>, visible links), the first step back to the overview. */
export async function expectChained(page: Page, pages: readonly string[], overview: string): Promise<void> {
  for (const [index, path] of pages.entries()) {
    await page.goto(path);
    const next = pages[index + 1];
    if (next) {
      await expect(page.locator('head link[rel="next"]')).toHaveAttribute("href", next);
      await expect(page.getByRole("link", { name: /Suivant/ })).toHaveAttribute("href", next);
    }
    const previous = pages[index - 1] ?? overview;
    await expect(page.locator('head link[rel="prev"]')).toHaveAttribute("href", previous);
    await expect(page.getByRole("link", { name: /Précédent/ })).toHaveAttribute("href", previous);
  }
}

/** What a diffusion service answers to a block's URL, fetched by the page itself (so by the simulated services, bytes intact). */
export async function serviceAnswer(page: Page, requestBlock: Locator): Promise<{ status: number; type: string; bytes: Uint8Array }> {
  const url = (await requestBlock.getAttribute("data-url"))!;
  const answer = await page.evaluate(async (target) => {
    const response = await fetch(target);
    return { status: response.status, type: response.headers.get("content-type") ?? "", bytes: [...new Uint8Array(await response.arrayBuffer())] };
  }, url);
  return { ...answer, bytes: Uint8Array.from(answer.bytes) };
}

/** The pages of the raster update tutorial (each one stands alone), in reading order. */
export const RASTER_UPDATE_PAGES = [
  "/tutoriels/mise-a-jour-raster/par-injection/",
  "/tutoriels/mise-a-jour-raster/fur-et-a-mesure/",
  "/tutoriels/mise-a-jour-raster/composition/",
];

/** The pages of the WMS harvesting tutorial, in reading order. */
export const HARVEST_PAGES = ["/tutoriels/moissonnage-wms/source/", "/tutoriels/moissonnage-wms/moissonnage/"];

/** The pages of the workspaces tutorial, in reading order. */
export const WORKSPACE_PAGES = ["/tutoriels/espaces-de-travail/communaute/", "/tutoriels/espaces-de-travail/membres/", "/tutoriels/espaces-de-travail/organisme/"];

/** The pages of the complementary data tutorial, in reading order. */
export const COMPLEMENTARY_PAGES = ["annexes", "publication-annexes", "metadonnees", "publication-metadonnees", "documents", "partage"].map((name) => `/tutoriels/donnees-complementaires/${name}/`);

/** The pages of the search index tutorial, in reading order. */
export const SEARCH_INDEX_PAGES = ["/tutoriels/index-de-recherche/index-standard/", "/tutoriels/index-de-recherche/index-personnalise/"];

/** Pages of the access control tutorial (diffusion services), in order. */
export const ACCESS_PAGES = ["/tutoriels/controle-acces-diffusion/preparation/", "/tutoriels/controle-acces-diffusion/cles/"];

/** Pages of the access control tutorial (API Entrepôt connexion), in order. */
export const CONNEXION_PAGES = ["/tutoriels/controle-acces-api/jeton/", "/tutoriels/controle-acces-api/renouvellement/"];

/** Runs every block of the page in order like runAllBlocks, but the blocks at the given indexes must answer the given status (a refusal the page shows). */
export async function runBlocksExpecting(page: Page, path: string, refusals: Record<number, string>, after?: (block: Locator, index: number) => Promise<void>): Promise<void> {
  const count = await blocks(page).count();
  for (let index = 0; index < count; index += 1) {
    const current = blocks(page).nth(index);
    const label = `${path} bloc ${index + 1} ${await current.getAttribute("data-method")} ${await current.getAttribute("data-url")}`;
    const status = await runBlock(current);
    const detail = `${label}\n${await responseOf(current).textContent()}`;
    if (refusals[index] !== undefined) expect(status, detail).toBe(refusals[index]);
    else expect(Number(status), detail).toBeLessThan(300);
    await after?.(current, index);
  }
}

// Browser measurement for scripts/bench.ts: click → response with resources already in the simulated datastore,
// against an empty one. They are created through the simulated API in a first visit (so that they are in IndexedDB,
// as a reader's would be), then the page is reloaded: the clicks run on a datastore loaded from IndexedDB at start.
// Clicks alternate between the two pages, so that both see the same load of the machine.
import type { Browser, Page } from "@playwright/test";
import { SIMULATED_DATASTORE_ID } from "../src/mock/seed.ts";
import type { ClickRun } from "./bench-browser.ts";
import { openClickPage } from "./bench-browser.ts";

/** How many resources the loaded datastore holds. */
export const SEEDED_RESOURCES = 1000;

const API = "https://data.geopf.fr/api";

/** Runs a block of the page and waits for its answer (starts the simulated datastore if it has not started). */
async function runFirstBlock(page: Page): Promise<void> {
  const block = page.locator("[data-api-block]").first();
  await block.getByRole("button", { name: /^Exécuter/ }).click();
  await block.and(page.locator("[data-response-status]")).waitFor({ timeout: 30_000 });
}

/** How many uploads the simulated datastore lists (Content-Range total). */
function countUploads(page: Page): Promise<number> {
  return page.evaluate(async (url) => {
    const range = (await fetch(url)).headers.get("content-range") ?? "";
    return Number(range.split("/")[1] ?? Number.NaN);
  }, `${API}/datastores/${SIMULATED_DATASTORE_ID}/uploads?limit=1`);
}

/**
 * A `prepare` step for measureClicks: creates `count` uploads (8 requests in flight, serialised by the datastore),
 * reloads the page, and checks that the reloaded datastore lists them (that first run also starts the simulator).
 */
export function seedUploads(count = SEEDED_RESOURCES): (page: Page) => Promise<void> {
  return async (page) => {
    await runFirstBlock(page);
    await page.evaluate(
      // No named function inside: tsx would wrap it in a helper the page does not have.
      async ({ url, count: total }) => {
        let next = 0;
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            for (let index = next++; index < total; index = next++) {
              const body = JSON.stringify({ name: `Livraison ${index}`, description: "Banc d'essai : entrepôt chargé", type: "ARCHIVE", srs: "EPSG:2154" });
              const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
              if (!response.ok) throw new Error(`création ${index} : ${response.status} ${await response.text()}`);
            }
          }),
        );
      },
      { url: `${API}/datastores/${SIMULATED_DATASTORE_ID}/uploads`, count },
    );
    await page.reload({ waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    await runFirstBlock(page);
    const listed = await countUploads(page);
    if (listed < count) throw new Error(`Entrepôt rechargé : ${listed} livraisons au lieu de ${count}.`);
  };
}

/** Click → response on the same block, empty datastore and `count` uploads, clicks alternated (`runs` each). */
export async function measureLoadedClicks(
  browser: Browser,
  baseURL: string,
  pagePath: string,
  urlSuffix: string,
  runs: number,
  count = SEEDED_RESOURCES,
): Promise<{ block: string; empty: ClickRun[]; loaded: ClickRun[] }> {
  // The empty page's simulator is started too: neither series counts the start-up.
  const empty = await openClickPage(browser, baseURL, pagePath, urlSuffix, runFirstBlock);
  const loaded = await openClickPage(browser, baseURL, pagePath, urlSuffix, seedUploads(count));
  const series = { empty: [] as ClickRun[], loaded: [] as ClickRun[] };
  try {
    for (let run = 0; run < runs; run += 1) {
      // Which page goes first alternates too.
      const order = run % 2 === 0 ? (["empty", "loaded"] as const) : (["loaded", "empty"] as const);
      for (const name of order) series[name].push(await (name === "empty" ? empty : loaded).click());
    }
  } finally {
    await empty.close();
    await loaded.close();
  }
  return { block: empty.block, ...series };
}

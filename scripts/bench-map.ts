// "Voir sur la carte" measurements for scripts/bench.ts (simulated mode, Debian's Chromium): the vector and raster
// tutorials are run block by block up to their publications, then on each publication page the map is opened
// repeatedly; time from the press (the click's timeStamp) to the first drawn layer (the map's first rendercomplete),
// both read inside the page (data-map-ms, src/runtime/map/panel.ts). The first opening also gives what the map
// chunk adds to the page (the JavaScript files it fetches, gzip).
import type { Browser, Locator, Page } from "@playwright/test";
import { gzipSize } from "./bench-browser.ts";

/** Opening times of one publication's map. */
export interface MapRun {
  /** Name of the layer's service, as the report shows it. */
  name: string;
  /** First opening of the page (the map chunk may already be cached from a previous page). */
  firstMs: number;
  /** Further openings (close, open again). */
  runs: number[];
}

/** What the map measurements found. */
export interface MapResults {
  maps: MapRun[];
  /** The JavaScript files the first press fetched (map chunk and its own dependencies) and their gzip size. */
  chunkFiles: { url: string; gzip: number }[];
}

const VECTOR = "/tutoriels/alimentation-diffusion-vecteur/";
const RASTER = "/tutoriels/alimentation-diffusion-raster/";
/** Pages run in order; the ones with a `map` have their offering's map measured. */
const TUTORIALS: { page: string; map?: { name: string; variable: string } }[][] = [
  [
    { page: `${VECTOR}livraison/` }, { page: `${VECTOR}verifications/` }, { page: `${VECTOR}integration/` }, { page: `${VECTOR}fichiers-statiques/` },
    { page: `${VECTOR}publication-wfs/`, map: { name: "WFS", variable: "offering wfs" } },
    { page: `${VECTOR}publication-wms/`, map: { name: "WMS-Vecteur", variable: "offering wms" } },
    { page: `${VECTOR}pyramide/` },
    { page: `${VECTOR}publication-tms/`, map: { name: "TMS vecteur (MVT)", variable: "offering tms" } },
  ],
  [
    { page: `${RASTER}livraison/` }, { page: `${RASTER}verifications/` }, { page: `${RASTER}calcul-pyramide/` },
    { page: `${RASTER}publication-wmts-tms/`, map: { name: "TMS raster", variable: "offering wmts" } },
    { page: `${RASTER}publication-wms/`, map: { name: "WMS-Raster", variable: "offering wms raster" } },
  ],
];

/** Waits until the element has the attribute, with a value matching `pattern`; returns the value. */
async function attribute(page: Page, locator: Locator, name: string, pattern: string, timeout: number): Promise<string> {
  const handle = await locator.elementHandle({ timeout });
  await page.waitForFunction(([element, attr, source]) => {
    const value = (element as unknown as { getAttribute(n: string): string | null }).getAttribute(attr as string);
    return value !== null && new RegExp(source as string).test(value);
  }, [handle, name, pattern] as const, { timeout });
  return (await locator.getAttribute(name)) ?? "";
}

/** Runs every block of the page in order, as a reader would; throws on a block without a 2xx answer. */
async function runBlocks(page: Page, path: string): Promise<void> {
  const blocks = page.locator("[data-api-block]");
  const count = await blocks.count();
  for (let index = 0; index < count; index += 1) {
    const block = blocks.nth(index);
    await block.getByRole("button", { name: /^Exécuter/ }).click();
    const status = Number(await attribute(page, block, "data-response-status", ".", 120_000));
    if (!(status >= 200 && status < 300)) throw new Error(`${path} bloc ${index + 1} : HTTP ${status}`);
  }
}

/** In-page: the URLs of the scripts loaded so far. */
const scripts = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as unknown as { performance: { getEntriesByType(type: string): { name: string }[] } }).performance
    .getEntriesByType("resource").map((entry) => entry.name).filter((name) => name.endsWith(".js")));

/** Presses the button and returns the press → first drawn layer time (throws if the map failed). */
async function openOnce(page: Page, variable: string): Promise<number> {
  const offer = page.locator(`[data-api-block][data-method="GET"][data-url$="/offerings/{${variable}}"] [data-map-offer]`);
  const panel = offer.locator(".map-panel");
  await offer.getByRole("button").click();
  if ((await attribute(page, panel, "data-map-state", "^(rendered|error)$", 30_000)) !== "rendered") throw new Error(`carte ${variable} : ${await panel.textContent()}`);
  const ms = Number(await panel.getAttribute("data-map-ms"));
  await offer.getByRole("button", { name: /Voir sur la carte/ }).click(); // closes it
  await panel.waitFor({ state: "detached" });
  return ms;
}

/** Runs the tutorials and measures each publication's map `runs` times after its first opening. */
export async function measureMaps(browser: Browser, baseURL: string, runs: number, log: (line: string) => void): Promise<MapResults> {
  const maps: MapRun[] = [];
  let chunkFiles: MapResults["chunkFiles"] = [];
  for (const tutorial of TUTORIALS) {
    const context = await browser.newContext({ baseURL, serviceWorkers: "allow", viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      for (const step of tutorial) {
        await page.goto(step.page, { waitUntil: "load" });
        await page.locator(".variables", { hasText: "{datastore}" }).waitFor({ timeout: 30_000 });
        await runBlocks(page, step.page);
        if (!step.map) continue;
        const before = new Set(await scripts(page));
        const firstMs = await openOnce(page, step.map.variable);
        if (chunkFiles.length === 0) {
          const added = (await scripts(page)).filter((url) => !before.has(url));
          chunkFiles = await Promise.all(added.map(async (url) => ({ url: new URL(url).pathname, gzip: gzipSize(Buffer.from(await (await fetch(url)).arrayBuffer())) })));
        }
        const times: number[] = [];
        for (let run = 0; run < runs; run += 1) times.push(await openOnce(page, step.map.variable));
        maps.push({ name: step.map.name, firstMs, runs: times });
        log(`  ${step.map.name} : première ouverture ${Math.round(firstMs)} ms, puis ${runs} ouvertures`);
      }
    } finally {
      await context.close();
    }
  }
  return { maps, chunkFiles };
}

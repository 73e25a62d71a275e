// The WMS harvesting tutorial in simulated mode, block by block: the source layer published from the two images,
// the harvest's execution and logs, the harvested pyramid (levels, extent), its publications, and its tile
// decoded: the south image's green land where the source shows it, the same pixels as the source's GetMap at
// harvest time, and the very same bytes once the source is unpublished.
import { expect, test } from "@playwright/test";
import { COLOURS } from "../../src/mock/samples/corse-maj.ts";
import { HARVEST_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks, serviceAnswer } from "./helpers.ts";
import { expectColour, imageAt, imageOf } from "./raster-tiles-helpers.ts";

const TILE = "/corse_moisson/10/537/380.jpeg";
// The PM tile 10/537/380 in EPSG:3857, and a land pixel of it near Ajaccio (8.85° E, 41.95° N).
const SIDE = 40075016.68557849 / 1024;
const [MIN_X, MAX_Y] = [-20037508.342789244 + 537 * SIDE, 20037508.342789244 - 380 * SIDE];
const LAND = [44, 81] as const;

test("moissonnage WMS : la pyramide moissonnée reproduit la couche source et ne dépend plus d'elle", async ({ page }) => {
  test.setTimeout(300_000);
  const [sourcePage, harvestPage] = HARVEST_PAGES as [string, string];
  await openTutorialPage(page, sourcePage);
  let map: ((i: number, j: number) => number[]) | undefined;
  await runAllBlocks(page, sourcePage, [], async (current) => {
    if ((await current.getAttribute("data-url"))!.includes("REQUEST=GetMap")) map = await imageOf(page, current);
  });
  // GetMap of 8.7–9.05° E, 41.85–42.1° N in 350 × 250 pixels: 8.85° E, 41.95° N is pixel (150, 150).
  expectColour(map!(150, 150).slice(0, 3), COLOURS.sud.land, "source, Ajaccio", 0);
  const source = (await responseJson(block(page, "GET", "/offerings/{offering source}"))) as { status: string; layer_name: string };
  expect([source.status, source.layer_name]).toEqual(["PUBLISHED", "corse_source"]);

  await openTutorialPage(page, harvestPage);
  const tiles: { pixels: (i: number, j: number) => number[]; bytes: Uint8Array }[] = [];
  let wms: ((i: number, j: number) => number[]) | undefined;
  await runAllBlocks(page, harvestPage, [], async (current) => {
    if (!(await current.getAttribute("data-url"))!.endsWith(TILE)) return;
    tiles.push({ pixels: await imageOf(page, current), bytes: (await serviceAnswer(page, current)).bytes });
    if (tiles.length === 1) {
      // What the source WMS draws on this tile now, asked by the page like any client.
      const url = `https://data.geopf.fr/wms-r?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=corse_source&STYLES=&CRS=EPSG:3857&BBOX=${MIN_X},${MAX_Y - SIDE},${MIN_X + SIDE},${MAX_Y}&WIDTH=256&HEIGHT=256&FORMAT=image/png`;
      wms = await imageAt(page, url);
    }
  });
  expect(tiles).toHaveLength(2);
  expectColour(tiles[0]!.pixels(...LAND).slice(0, 3), COLOURS.sud.land, "tuile moissonnée, Ajaccio");
  for (const [i, j] of [LAND, [10, 10], [128, 128], [200, 230]] as const) {
    expectColour(tiles[0]!.pixels(i, j).slice(0, 3), wms!(i, j).slice(0, 3), `pixel ${i},${j} : tuile moissonnée et GetMap de la source`);
  }
  expect(tiles[1]!.bytes, "la même tuile après la dépublication de la source").toEqual(tiles[0]!.bytes);

  const execution = (await responseJson(block(page, "GET", "/processings/executions/{execution moissonnage}"))) as { status: string; parameters: Record<string, unknown>; output: { stored_data: { _id: string } } };
  expect(execution.status).toBe("SUCCESS");
  expect(execution.parameters.harvest_levels).toEqual(["10", "8"]);
  await expect(responseOf(block(page, "GET", "/processings/executions/{execution moissonnage}/logs"))).toContainText("Moissonnage de corse_source");
  const harvested = (await responseJson(block(page, "GET", "/stored_data/{stored data moissonnage}"))) as { _id: string; srs: string; status: string; extent: { coordinates: number[][][] }; type_infos: { levels: string[]; compression: string } };
  expect(harvested._id).toBe(execution.output.stored_data._id);
  expect([harvested.status, harvested.srs, harvested.type_infos.compression]).toEqual(["GENERATED", "EPSG:3857", "JPG"]);
  expect(harvested.type_infos.levels).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  const ring = harvested.extent.coordinates[0]!;
  expect([Math.min(...ring.map((p) => p[0]!)), Math.min(...ring.map((p) => p[1]!)), Math.max(...ring.map((p) => p[0]!)), Math.max(...ring.map((p) => p[1]!))]).toEqual([8.7, 41.85, 9.05, 42.1]);
  const capabilities = (await responseOf(block(page, "GET", "REQUEST=GetCapabilities&SERVICE=WMS&VERSION=1.3.0")).textContent()) ?? "";
  expect(capabilities).toContain("corse_moisson");
  expect(capabilities).toContain("corse_source");
  await expect(page.locator(".variables__live")).toContainText("{stored data moissonnage}");
});

test("les pages du moissonnage s'enchaînent depuis la présentation", async ({ page }) => {
  await expectChained(page, HARVEST_PAGES, "/tutoriels/moissonnage-wms/");
});

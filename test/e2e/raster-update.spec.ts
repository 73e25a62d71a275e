// The raster update tutorial in simulated mode, each page (they stand alone) block by block: statuses, final
// states, captured ids, the pyramids' extents and levels, and the level-7 tile that holds the whole island
// decoded after each step: the north image (ochre land), the south image (green land) once added, and which one
// is on top on the band where they overlap.
import { expect, test, type Page } from "@playwright/test";
import { COLOURS } from "../../src/mock/samples/corse-maj.ts";
import { RASTER_UPDATE_PAGES, block, expectChained, openTutorialPage, responseJson, runAllBlocks } from "./helpers.ts";
import { expectColour, imageOf } from "./raster-tiles-helpers.ts";

type Pixels = (i: number, j: number) => number[];
interface StoredData { _id: string; status: string; type: string; srs: string; type_infos: { levels: string[]; tms: string; compression: string }; extent: { coordinates: number[][][] } }

// Pixels of the level-7 tile 67/47 (PM) on land: only in the north image, only in the south one, in both.
const NORTH = [69, 58] as const;
const SOUTH = [37, 138] as const;
const OVERLAP = [56, 91] as const;
const WHITE = [255, 255, 255];
const TILE = "/7/67/47.jpeg";
const LEVELS = ["0", "1", "2", "3", "4", "5", "6", "7"];

const pageOf = (name: string) => RASTER_UPDATE_PAGES.find((path) => path.endsWith(`/${name}/`))!;
const latitudes = (storedData: StoredData): [number, number] => {
  const lats = storedData.extent.coordinates[0]!.map((point) => point[1]!);
  return [Math.min(...lats), Math.max(...lats)];
};

// Runs the page, keeping the island tile as decoded right after each block that asks for it.
async function runPage(page: Page, path: string): Promise<Pixels[]> {
  await openTutorialPage(page, path);
  const tiles: Pixels[] = [];
  await runAllBlocks(page, path, [], async (current) => {
    if ((await current.getAttribute("data-url"))!.endsWith(TILE)) tiles.push(await imageOf(page, current));
  });
  return tiles;
}

const colour = (tile: Pixels, [i, j]: readonly [number, number]): number[] => tile(i, j).slice(0, 3);

test("par injection : la pyramide du nord complétée sur place par le sud, la tuile change sans autre requête", async ({ page }) => {
  test.setTimeout(240_000);
  const tiles = await runPage(page, pageOf("par-injection"));
  expect(tiles).toHaveLength(2);
  expectColour(colour(tiles[0]!, NORTH), COLOURS.nord.land, "nord avant injection");
  expectColour(colour(tiles[0]!, SOUTH), WHITE, "sud avant injection (pas de donnée)");
  expectColour(colour(tiles[1]!, NORTH), COLOURS.nord.land, "nord après injection");
  expectColour(colour(tiles[1]!, SOUTH), COLOURS.sud.land, "sud après injection");
  expectColour(colour(tiles[1]!, OVERLAP), COLOURS.sud.land, "bande commune : l'image injectée au-dessus");

  const reads = block(page, "GET", "/stored_data/{stored data Corse}");
  await expect(reads).toHaveCount(2);
  const [before, after] = [(await responseJson(reads.nth(0))) as StoredData, (await responseJson(reads.nth(1))) as StoredData];
  expect(after._id).toBe(before._id);
  expect([before.status, after.status]).toEqual(["GENERATED", "GENERATED"]);
  expect(before.type_infos.levels).toEqual(LEVELS);
  expect(after.type_infos.levels).toEqual(LEVELS);
  expect(after.type_infos.compression).toBe("JPG");
  expect(latitudes(after)[0]).toBeLessThan(latitudes(before)[0] - 0.5);
  expect(latitudes(after)[1]).toBeCloseTo(latitudes(before)[1], 5);
  const injection = (await responseJson(block(page, "GET", "/processings/executions/{execution injection}"))) as { status: string; output: { stored_data: { _id: string } } };
  expect(injection.status).toBe("SUCCESS");
  expect(injection.output.stored_data._id).toBe(before._id);
  await expect(page.locator(".variables__live")).toContainText("{stored data Corse}");
});

test("au fur et à mesure : une pyramide complète qui référence le nord, servie après PUT configuration puis PUT offre", async ({ page }) => {
  test.setTimeout(240_000);
  const tiles = await runPage(page, pageOf("fur-et-a-mesure"));
  expect(tiles).toHaveLength(3);
  expectColour(colour(tiles[0]!, NORTH), COLOURS.nord.land, "nord publié");
  expectColour(colour(tiles[0]!, SOUTH), WHITE, "sud pas encore là");
  expectColour(colour(tiles[1]!, SOUTH), WHITE, "configuration modifiée, offre pas encore synchronisée");
  expectColour(colour(tiles[2]!, NORTH), COLOURS.nord.land, "nord après synchronisation");
  expectColour(colour(tiles[2]!, SOUTH), COLOURS.sud.land, "sud après synchronisation");
  expectColour(colour(tiles[2]!, OVERLAP), COLOURS.sud.land, "bande commune : la nouvelle image au-dessus");

  const nord = ((await responseJson(block(page, "GET", "/processings/executions/{execution Corse Nord}"))) as { output: { stored_data: { _id: string } } }).output.stored_data._id;
  const complete = (await responseJson(block(page, "GET", "/stored_data/{stored data Corse}"))) as StoredData;
  expect(complete._id).not.toBe(nord);
  expect(complete.type_infos.levels).toEqual(LEVELS);
  expect(latitudes(complete)[0]).toBeLessThan(41.6);
  const uses = (await responseJson(block(page, "GET", "/stored_data/{stored data Corse}/dependencies"))) as { use: { _id: string }[]; used_by: unknown[] };
  expect(uses.use.map((item) => item._id)).toEqual([nord]);
  expect(uses.used_by).toEqual([]);
  const usedBy = (await responseJson(block(page, "GET", "/stored_data/{stored data Corse Nord}/dependencies"))) as { used_by: { _id: string }[] };
  expect(usedBy.used_by.map((item) => item._id)).toEqual([complete._id]);
  const configuration = (await responseJson(block(page, "PUT", "/configurations/{configuration}"))) as { layer_name: string; type_infos: { used_data: { stored_data: string }[] } };
  expect(configuration.layer_name).toBe("scan_corse");
  expect(configuration.type_infos.used_data[0]!.stored_data).toBe(complete._id);
  const offering = (await responseJson(block(page, "GET", "/offerings/{offering}").last())) as { status: string };
  expect(offering.status).toBe("PUBLISHED");
});

test("par composition : deux pyramides fusionnées, l'union des emprises, la seconde au-dessus", async ({ page }) => {
  test.setTimeout(240_000);
  const tiles = await runPage(page, pageOf("composition"));
  expect(tiles).toHaveLength(1);
  expectColour(colour(tiles[0]!, NORTH), COLOURS.nord.land, "nord");
  expectColour(colour(tiles[0]!, SOUTH), COLOURS.sud.land, "sud");
  expectColour(colour(tiles[0]!, OVERLAP), COLOURS.sud.land, "bande commune : le sud, second en entrée");

  const output = async (variable: string) => ((await responseJson(block(page, "GET", `/processings/executions/{${variable}}`))) as { status: string; output: { stored_data: { _id: string } } });
  const [nord, sud, fusion] = [await output("execution Corse Nord"), await output("execution Corse Sud"), await output("execution Corse")];
  expect([nord.status, sud.status, fusion.status]).toEqual(["SUCCESS", "SUCCESS", "SUCCESS"]);
  const merged = (await responseJson(block(page, "GET", "/stored_data/{stored data Corse}"))) as StoredData;
  expect(merged._id).toBe(fusion.output.stored_data._id);
  expect(merged.type).toBe("ROK4-PYRAMID-RASTER");
  expect(merged.type_infos.levels).toEqual(LEVELS);
  const [south, north] = latitudes(merged);
  expect(south).toBeLessThan(41.6);
  expect(north).toBeGreaterThan(42.9);
  const dependencies = (await responseJson(block(page, "GET", "/stored_data/{stored data Corse}/dependencies"))) as { use: { _id: string }[] };
  expect(dependencies.use.map((item) => item._id)).toEqual([nord.output.stored_data._id, sud.output.stored_data._id]);
});

test("les pages de la mise à jour raster s'enchaînent depuis la présentation", async ({ page }) => {
  await expectChained(page, RASTER_UPDATE_PAGES, "/tutoriels/mise-a-jour-raster/");
});

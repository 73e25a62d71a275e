// The whole raster tutorial, every block in order on every page, in simulated mode; then the key results of each
// step: checks, the pyramid's levels and channels (the published levels must exist in it), published offerings and
// the public GetCapabilities answers (the last block of each publication page follows the offering's link).
import { expect, test, type Locator, type Page } from "@playwright/test";
import jpeg from "jpeg-js";
import { RASTER_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks, serviceAnswer } from "./helpers.ts";
import { checkRasterMap } from "./map-helpers.ts";

const pageOf = (name: string) => RASTER_PAGES.find((path) => path.endsWith(`/${name}/`))!;

/** The blue channel of every pixel of a decoded JPEG (RGBA). */
const blues = (image: { data: Uint8Array }): number[] => Array.from({ length: image.data.length / 4 }, (_, index) => image.data[index * 4 + 2]!);



/** The levels a configuration body of the page publishes. */
async function publishedLevels(page: Page): Promise<{ bottom_level: string; top_level: string }> {
  const body = await block(page, "POST", "/configurations").locator("textarea").inputValue();
  const parsed = JSON.parse(body) as { type_infos: { used_data: { bottom_level: string; top_level: string }[] } };
  return parsed.type_infos.used_data[0]!;
}

test("the raster tutorial runs end to end in the simulated datastore", async ({ page }) => {
  test.setTimeout(600_000);
  const statuses: string[] = [];
  let levels: string[] = [];
  for (const path of RASTER_PAGES) {
    await openTutorialPage(page, path);

    // The published levels must exist in the pyramid computed on the previous page.
    if (path === pageOf("publication-wmts-tms") || path === pageOf("publication-wms")) {
      const published = await publishedLevels(page);
      expect(levels, `niveaux de la pyramide (${path})`).toContain(published.bottom_level);
      expect(levels, `niveaux de la pyramide (${path})`).toContain(published.top_level);
    }

    await runAllBlocks(page, path, statuses);

    if (path === pageOf("livraison")) {
      const tree = JSON.stringify(await responseJson(block(page, "GET", "/tree")));
      for (const name of ["corse.tif", "corse.md5"]) expect(tree).toContain(name);
    }
    if (path === pageOf("verifications")) {
      const checks = (await responseJson(block(page, "GET", "/uploads/{upload}/checks"))) as Record<string, { check: { name: string } }[]>;
      expect(checks.failed).toEqual([]);
      expect(checks.passed?.map((item) => item.check.name).sort()).toEqual(["Vérification raster", "Vérification standard"]);
      await expect(responseOf(block(page, "GET", "/uploads/{upload}"))).toContainText('"status": "CLOSED"');
    }
    if (path === pageOf("calcul-pyramide")) {
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution}"))).toContainText('"status": "SUCCESS"');
      const pyramid = (await responseJson(block(page, "GET", "/stored_data/{stored data}"))) as {
        type: string; status: string; srs: string;
        type_infos: { tms: string; levels: string[]; channels_number: number; channels_format: string; compression: string };
      };
      expect(pyramid.type).toBe("ROK4-PYRAMID-RASTER");
      expect(pyramid.status).toBe("GENERATED");
      expect(pyramid.srs).toBe("EPSG:3857");
      expect(pyramid.type_infos.tms).toBe("PM");
      expect(pyramid.type_infos.channels_number).toBe(3);
      expect(pyramid.type_infos.channels_format).toBe("UINT8");
      expect(pyramid.type_infos.compression).toBe("JPG");
      expect(pyramid.type_infos.levels.length).toBeGreaterThan(0);
      levels = pyramid.type_infos.levels;
    }
    if (path === pageOf("publication-wmts-tms")) {
      const offering = block(page, "GET", "/offerings/{offering wmts}");
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      await expect(responseOf(offering)).toContainText("corse_raster");
      const capabilities = page.locator('[data-api-block][data-method="GET"][data-url*="REQUEST=GetCapabilities"]');
      await expect(responseOf(capabilities)).toContainText("corse_raster");
      await checkRasterMap(page, "{offering wmts}");

      // GetTile and the TMS tile: the same 256 × 256 JPEG tile of the pyramid, land and sea.
      const wmtsTile = await serviceAnswer(page, block(page, "GET", "&TILEMATRIX=7&TILEROW=47&TILECOL=67&FORMAT=image/jpeg"));
      const tmsTile = await serviceAnswer(page, block(page, "GET", "/1.0.0/corse_raster/7/67/47.jpeg"));
      for (const tile of [wmtsTile, tmsTile]) {
        expect(tile.status).toBe(200);
        expect(tile.type).toContain("image/jpeg");
      }
      expect(Buffer.from(tmsTile.bytes).equals(Buffer.from(wmtsTile.bytes)), "mêmes octets en WMTS et en TMS").toBe(true);
      const tile = jpeg.decode(wmtsTile.bytes, { useTArray: true });
      expect([tile.width, tile.height]).toEqual([256, 256]);
      expect(blues(tile).some((blue) => blue < 120), "des pixels de terre").toBe(true);
      expect(blues(tile).some((blue) => blue > 160), "des pixels de mer").toBe(true);
    }
    if (path === pageOf("publication-wms")) {
      const offering = block(page, "GET", "/offerings/{offering wms raster}");
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      await expect(responseOf(offering)).toContainText("corse_raster");
      const capabilities = page.locator('[data-api-block][data-method="GET"][data-url*="REQUEST=GetCapabilities"]');
      await expect(responseOf(capabilities)).toContainText("<Name>corse_raster</Name>");
      await checkRasterMap(page, "{offering wms raster}");

      // GetMap over the delivered image's extent, in Lambert-93: the island in the middle, sea in the corner.
      const map = await serviceAnswer(page, block(page, "GET", "&CRS=EPSG:2154&BBOX=1110000,6025000,1302000,6265000&WIDTH=384&HEIGHT=480&FORMAT=image/jpeg"));
      expect(map.status).toBe(200);
      expect(map.type).toContain("image/jpeg");
      const image = jpeg.decode(map.bytes, { useTArray: true });
      expect([image.width, image.height]).toEqual([384, 480]);
      const blue = (x: number, y: number) => image.data[(y * image.width + x) * 4 + 2]!;
      expect(blue(192, 240), "terre au centre").toBeLessThan(130);
      expect(blue(5, 5), "mer dans le coin").toBeGreaterThan(160);
    }
    if (path === pageOf("nettoyage")) {
      // Deleted stored data are listed only with status=DELETED; nothing of the tutorial may be left alive.
      const list = (await responseJson(block(page, "GET", "/stored_data?status=DELETED"))) as { name: string; status: string }[];
      const ours = list.filter((item) => ["Corse en tuiles"].includes(item.name));
      expect(ours.length).toBeGreaterThan(0);
      for (const item of ours) expect(item.status, item.name).toBe("DELETED");
    }
  }
  console.log(statuses.join("\n"));
});

test("raster tutorial pages are chained with rel=prev/next and visible links", async ({ page }) => {
  await expectChained(page, RASTER_PAGES, "/tutoriels/alimentation-diffusion-raster/");
});

test("the raster overview renders its diagram and is listed on the tutorials page", async ({ page }) => {
  await page.goto("/tutoriels/alimentation-diffusion-raster/");
  await expect(page.locator("figure.diagram svg").first()).toBeVisible();
  await expect(page.locator('head link[rel="next"]')).toHaveAttribute("href", RASTER_PAGES[0]!);
  await page.goto("/tutoriels/");
  await expect(page.locator('main a[href$="alimentation-diffusion-raster/"]').first()).toBeVisible();
});

// The elevation (MNT) tutorial, every block in order on every page, in simulated mode; then what each step
// produced: both uploads checked, LAMB93_50cm FLOAT32 pyramids, the styles and the WMS-Raster layer (its
// capabilities list both styles; GetMap colours a pixel of known altitude with the palette's colour), and the
// altimetry service answering the altitudes of the delivered tiles.
import { expect, test, type Page } from "@playwright/test";
import { decode } from "fast-png";
import { fromArrayBuffer } from "geotiff";
import { wgs84ToLambert93 } from "../../src/mock/formats/crs.ts";
import { paletteColour } from "../../src/mock/formats/rok4-style.ts";
import { HYPSO_PALETTE, mnsAltitude, MNT_TILE, mntAltitude, storedValue } from "../../src/mock/samples/mnt.ts";
import { MNT_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks, serviceAnswer } from "./helpers.ts";
import { clickAt, mapImage, openMap, pixelOf } from "./map-helpers.ts";

const pageOf = (name: string) => MNT_PAGES.find((path) => path.endsWith(`/${name}/`))!;
/** The value input of a run-time variable in the page's panel. */
const variable = (page: Page, name: string) => page.locator(`.variables input[data-name="${name}"]`);

/** The altitude of a model at a WGS 84 point, interpolated between the four pixel centres around it (as the service). */
function expectedAltitude(model: (x: number, y: number) => number, lon: number, lat: number): number {
  const [x, y] = wgs84ToLambert93(lon, lat);
  const fx = (x - MNT_TILE.origin[0]) / MNT_TILE.pixelSize - 0.5;
  const fy = (MNT_TILE.origin[1] - y) / MNT_TILE.pixelSize - 0.5;
  const [c, r] = [Math.floor(fx), Math.floor(fy)];
  const [u, v] = [fx - c, fy - r];
  const at = (col: number, row: number) => storedValue(model, col, row);
  const z = (at(c, r) * (1 - u) + at(c + 1, r) * u) * (1 - v) + (at(c, r + 1) * (1 - u) + at(c + 1, r + 1) * u) * v;
  return Math.round(z * 100) / 100;
}

interface Elevation { lon: number; lat: number; z: number; acc: string; measures?: { z: number; title: string; source_name: string }[] }

test("the MNT tutorial runs end to end in the simulated datastore", async ({ page }) => {
  test.setTimeout(600_000);
  const statuses: string[] = [];
  for (const path of MNT_PAGES) {
    await openTutorialPage(page, path);
    await runAllBlocks(page, path, statuses);

    if (path === pageOf("livraison")) {
      for (const kind of ["mnt", "mns"]) {
        const checks = (await responseJson(block(page, "GET", `/uploads/{upload ${kind}}/checks`))) as Record<string, { check: { name: string } }[]>;
        expect(checks.failed, kind).toEqual([]);
        expect(checks.passed?.map((item) => item.check.name).sort(), kind).toEqual(["Vérification raster", "Vérification standard"]);
        await expect(responseOf(block(page, "GET", `/uploads/{upload ${kind}}`))).toContainText('"status": "CLOSED"');
      }
      for (const kind of ["mnt", "mns"]) {
        const created = (await responseJson(block(page, "POST", "/uploads").nth(kind === "mnt" ? 0 : 1))) as { _id: string; status: string };
        expect(created.status).toBe("OPEN");
        await expect(variable(page, `upload ${kind}`)).toHaveValue(created._id);
      }
    }
    if (path === pageOf("calcul")) {
      for (const kind of ["mnt", "mns"]) {
        await expect(responseOf(block(page, "GET", `/processings/executions/{execution ${kind}}`))).toContainText('"status": "SUCCESS"');
        const pyramid = (await responseJson(block(page, "GET", `/stored_data/{stored data ${kind}}`))) as { _id: string; type: string; status: string; srs: string; type_infos: Record<string, unknown> };
        await expect(variable(page, `stored data ${kind}`)).toHaveValue(pyramid._id);
        expect(pyramid.type).toBe("ROK4-PYRAMID-RASTER");
        expect(pyramid.status).toBe("GENERATED");
        expect(pyramid.srs).toBe("IGNF:LAMB93");
        expect(pyramid.type_infos).toEqual({
          tms: "LAMB93_50cm", levels: Array.from({ length: 16 }, (_, z) => String(z)), channels_format: "FLOAT32", channels_number: 1, compression: "ZIP", nodata_value: "-99999",
        });
      }
    }
    if (path === pageOf("publication-wms")) {
      const hypso = (await responseJson(block(page, "POST", "/statics").first())) as { _id: string; type_infos: Record<string, string> };
      const normal = (await responseJson(block(page, "POST", "/statics").nth(1))) as { _id: string; type_infos: Record<string, string> };
      expect(normal.type_infos.identifier).toBe("normal");
      // The configuration names both styles (raw values first, the default) and the MNT pyramid.
      const configuration = (await responseJson(block(page, "POST", "/configurations"))) as { _id: string; type_infos: { styles: string[]; used_data: { stored_data: string }[] } };
      expect(configuration.type_infos.styles).toEqual([normal._id, hypso._id]);
      expect(configuration.type_infos.used_data[0]!.stored_data).toBe(await variable(page, "stored data mnt").inputValue());
      await expect(variable(page, "configuration wms lidarhd")).toHaveValue(configuration._id);
      expect(hypso.type_infos).toEqual({ identifier: "hypsometrique", legend_url: "https://data.geopf.fr/annexes/tutoriels/legendes/teintes_hypsometriques.png" });
      const legend = await serviceAnswer(page, block(page, "GET", "/tutoriels/legendes/teintes_hypsometriques.png"));
      expect(legend.status).toBe(200);
      expect([decode(legend.bytes).width, decode(legend.bytes).height]).toEqual([87, 118]);
      await expect(responseOf(block(page, "GET", "/offerings/{offering wms lidarhd}"))).toContainText('"status": "PUBLISHED"');
      const capabilities = responseOf(page.locator('[data-api-block][data-method="GET"][data-url*="REQUEST=GetCapabilities"]'));
      await expect(capabilities).toContainText("<Name>lidarhd</Name>");
      await expect(capabilities).toContainText("<Name>hypsometrique</Name>");
      await expect(capabilities).toContainText("teintes_hypsometriques.png");

      // The map at the tile's own resolution: pixel (125, 125) has the palette's colour of its altitude.
      const map = await serviceAnswer(page, block(page, "GET", "STYLES=hypsometrique&CRS=EPSG:2154&BBOX=932000,6452000,933000,6453000&WIDTH=250&HEIGHT=250&FORMAT=image/png&TRANSPARENT=TRUE"));
      expect(map.status).toBe(200);
      expect(map.type).toContain("image/png");
      const image = decode(map.bytes);
      const pixel = (col: number, row: number) => Array.from(image.data.slice((row * 250 + col) * 4, (row * 250 + col) * 4 + 4));
      const altitude = storedValue(mntAltitude, 125, 125);
      expect(pixel(125, 125)).toEqual(paletteColour(HYPSO_PALETTE, altitude));
      expect(pixel(37, 200)[3], "la mare sans donnée est transparente").toBe(0);
      // The raw values in a GeoTIFF: exactly the tile's altitudes at its resolution.
      const raw = await serviceAnswer(page, block(page, "GET", "STYLES=normal&CRS=EPSG:2154&BBOX=932000,6452000,933000,6453000&WIDTH=250&HEIGHT=250&FORMAT=image/tiff"));
      expect(raw.type).toContain("image/tiff");
      const tiff = await (await fromArrayBuffer(raw.bytes.buffer.slice(raw.bytes.byteOffset, raw.bytes.byteOffset + raw.bytes.byteLength) as ArrayBuffer)).getImage();
      const values = (await tiff.readRasters({ interleave: true })) as unknown as Float32Array;
      expect(values[125 * 250 + 125]).toBe(altitude);
      expect(values[200 * 250 + 37]).toBe(-99999);
      const info = (await responseJson(block(page, "GET", "&I=125&J=125&INFO_FORMAT=application/json"))) as { features: { properties: { band_1: number } }[] };
      expect(info.features[0]!.properties.band_1).toBe(altitude);

      // « Voir sur la carte »: the layer in its default style (raw values, grey), its altitude on a click.
      const panel = await openMap(block(page, "GET", "/offerings/{offering wms lidarhd}"), "wms-mnt");
      const drawn = (await mapImage(panel)).at(...(await pixelOf(panel, 5.9582, 45.1326)));
      expect(Math.max(...drawn) - Math.min(...drawn), `gris : rgb(${drawn.join(", ")})`).toBeLessThanOrEqual(2);
      const attributes = await (await clickAt(panel, 5.9582, 45.1326)).locator("dl > *").allTextContents();
      const clicked = Number(attributes[attributes.indexOf("band_1") + 1]);
      expect(clicked, attributes.join(" ")).toBeGreaterThan(1950);
      expect(clicked, attributes.join(" ")).toBeLessThan(2170);
    }
    if (path === pageOf("publication-altimetrie")) {
      const configuration = (await responseJson(block(page, "POST", "/configurations"))) as { _id: string; type_infos: { used_data: { stored_data: string }[] } };
      expect(configuration.type_infos.used_data.map((item) => item.stored_data)).toEqual([await variable(page, "stored data mnt").inputValue(), await variable(page, "stored data mns").inputValue()]);
      await expect(variable(page, "configuration altimetrie")).toHaveValue(configuration._id);
      await expect(responseOf(block(page, "GET", "/offerings/{offering altimetrie}"))).toContainText('"status": "PUBLISHED"');
      const resources = (await responseJson(block(page, "GET", "/resources?keywords=LidarHD"))) as { resources: { _id: string }[] };
      expect(resources.resources.map((resource) => resource._id)).toEqual(["lidarhd_test"]);
      const answer = (await responseJson(block(page, "GET", "&lon=5.96|5.955&lat=45.13|45.134&measures=true"))) as { elevations: Elevation[] };
      const [open, wood] = answer.elevations;
      expect(open!.z).toBe(expectedAltitude(mntAltitude, 5.96, 45.13));
      expect(wood!.z).toBe(expectedAltitude(mntAltitude, 5.955, 45.134));
      expect(wood!.measures!.map((measure) => measure.z)).toEqual([expectedAltitude(mntAltitude, 5.955, 45.134), expectedAltitude(mnsAltitude, 5.955, 45.134)]);
      expect(wood!.measures![1]!.title).toBe("MNS à 4 m, d'après le Lidar HD");
      const zonly = (await responseJson(block(page, "GET", "&delimiter=;&zonly=true"))) as { elevations: number[] };
      expect(zonly.elevations).toEqual([open!.z, wood!.z, -99999]);
      const profile = (await responseJson(block(page, "GET", "&sampling=6"))) as { elevations: Elevation[]; height_differences: { positive: number; negative: number } };
      expect(profile.elevations).toHaveLength(6);
      expect(profile.elevations[0]!.z).toBe(expectedAltitude(mntAltitude, 5.955, 45.1295));
      expect(profile.height_differences.positive).toBeGreaterThan(profile.height_differences.negative);
    }
  }
  console.log(statuses.join("\n"));
});

test("MNT tutorial pages are chained with rel=prev/next and visible links", async ({ page }) => {
  await expectChained(page, MNT_PAGES, "/tutoriels/donnees-mnt/");
});

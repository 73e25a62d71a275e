// The whole vector tutorial, every block in order on every page, in simulated mode; then the key results of each
// step: normalised relations of the VECTOR-DB, statics' used attributes, published offerings and the public
// GetCapabilities / TMS answers (the last block of each publication page follows the offering's link).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { VECTOR_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks } from "./helpers.ts";

const pageOf = (name: string) => VECTOR_PAGES.find((path) => path.endsWith(`/${name}/`))!;


/** Column names of a relation, whether the API lists them or maps them to their types. */
function columns(attributes: unknown): string[] {
  if (Array.isArray(attributes)) return attributes.map(String);
  if (attributes !== null && typeof attributes === "object") return Object.keys(attributes);
  return [];
}


test("the vector tutorial runs end to end in the simulated datastore", async ({ page }) => {
  test.setTimeout(600_000);
  const statuses: string[] = [];
  for (const path of VECTOR_PAGES) {
    await openTutorialPage(page, path);
    await runAllBlocks(page, path, statuses);

    if (path === pageOf("livraison")) {
      const tree = JSON.stringify(await responseJson(block(page, "GET", "/tree")));
      for (const name of ["monde.gpkg", "villes.csv", "monde.md5"]) expect(tree).toContain(name);
    }
    if (path === pageOf("verifications")) {
      const checks = (await responseJson(block(page, "GET", "/uploads/{upload}/checks"))) as Record<string, { check: { name: string } }[]>;
      expect(checks.failed).toEqual([]);
      expect(checks.passed?.map((item) => item.check.name).sort()).toEqual(["Vérification standard", "Vérification vecteur"]);
      await expect(responseOf(block(page, "GET", "/uploads/{upload}"))).toContainText('"status": "CLOSED"');
    }
    if (path === pageOf("integration")) {
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution}"))).toContainText('"status": "SUCCESS"');
      const storedData = (await responseJson(block(page, "GET", "/stored_data/{stored data}"))) as {
        type: string; status: string; srs: string; type_infos: { relations: { name: string; attributes: unknown }[] };
      };
      expect(storedData.type).toBe("VECTOR-DB");
      expect(storedData.status).toBe("GENERATED");
      expect(storedData.srs).toBe("EPSG:3857");
      const relations = Object.fromEntries(storedData.type_infos.relations.map((relation) => [relation.name, columns(relation.attributes)]));
      expect(Object.keys(relations).sort()).toEqual(["ecoregions", "pays", "villes"]);
      const expected: Record<string, string[]> = {
        pays: ["nom", "code_iso", "population"],
        ecoregions: ["nom_ecoregion", "biome", "royaume"],
        villes: ["nom", "pays", "longitude", "latitude", "population"],
      };
      for (const [name, wanted] of Object.entries(expected)) {
        expect(relations[name]?.slice().sort(), `colonnes de ${name}`).toEqual([...wanted, "ogc_fid", "geom"].sort());
      }
    }
    if (path === pageOf("fichiers-statiques")) {
      const statics = block(page, "POST", "/statics");
      await expect(statics).toHaveCount(4);
      const expected = [
        { type: "GEOSERVER-STYLE", used: ["nom"] },
        { type: "GEOSERVER-STYLE", used: ["biome"] },
        { type: "GEOSERVER-FTL", used: ["code_iso", "nom", "population"] },
        { type: "GEOSERVER-FTL", used: ["biome", "nom_ecoregion", "royaume"] },
      ];
      for (const [index, wanted] of expected.entries()) {
        const answer = (await responseJson(statics.nth(index))) as { _id: string; type: string; type_infos: { used_attributes?: string[] } };
        expect(answer.type, `statique ${index + 1}`).toBe(wanted.type);
        expect((answer.type_infos.used_attributes ?? []).slice().sort(), `used_attributes du statique ${index + 1}`).toEqual(wanted.used);
      }
      for (const name of ["{sld pays}", "{sld ecoregions}", "{ftl pays}", "{ftl ecoregions}"]) {
        await expect(page.locator(".variables")).toContainText(name);
      }
    }
    if (path === pageOf("publication-wfs")) {
      const offering = block(page, "GET", "/offerings/{offering wfs}");
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      for (const typeName of ["monde_wfs:pays", "monde_wfs:ecoregions", "monde_wfs:villes"]) {
        await expect(responseOf(offering)).toContainText(typeName);
      }
      const capabilities = page.locator('[data-api-block][data-method="GET"][data-url*="REQUEST=GetCapabilities"]');
      for (const typeName of ["monde_wfs:pays", "monde_wfs:ecoregions", "monde_wfs:villes"]) {
        await expect(responseOf(capabilities)).toContainText(typeName);
      }
    }
    if (path === pageOf("publication-wms")) {
      const offering = block(page, "GET", "/offerings/{offering wms}");
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      await expect(responseOf(offering)).toContainText("monde_wms");
      const capabilities = page.locator('[data-api-block][data-method="GET"][data-url*="REQUEST=GetCapabilities"]');
      await expect(responseOf(capabilities)).toContainText("<Name>monde_wms</Name>");
    }
    if (path === pageOf("pyramide")) {
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution pyramide}"))).toContainText('"status": "SUCCESS"');
      const pyramid = (await responseJson(block(page, "GET", "/stored_data/{stored data pyramide}"))) as {
        type: string; status: string; type_infos: { tms: string; levels: string[] };
      };
      expect(pyramid.type).toBe("ROK4-PYRAMID-VECTOR");
      expect(pyramid.status).toBe("GENERATED");
      expect(pyramid.type_infos.tms).toBe("PM");
      expect(pyramid.type_infos.levels).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
    }
    if (path === pageOf("publication-tms")) {
      const offering = block(page, "GET", "/offerings/{offering tms}");
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      await expect(responseOf(offering)).toContainText("/1.0.0/monde_tuiles");
      await expect(responseOf(block(page, "GET", "/1.0.0/monde_tuiles"))).toContainText("monde_tuiles");
    }
    if (path === pageOf("nettoyage")) {
      // Deleted stored data are listed only with status=DELETED; nothing of the tutorial may be left alive.
      const list = (await responseJson(block(page, "GET", "/stored_data?status=DELETED"))) as { name: string; status: string }[];
      const ours = list.filter((item) => ["Pays, écorégions et villes", "Pays, écorégions et villes en tuiles"].includes(item.name));
      expect(ours.length).toBeGreaterThan(0);
      for (const item of ours) expect(item.status, item.name).toBe("DELETED");
    }
  }
  console.log(statuses.join("\n"));
});

test("vector tutorial pages are chained with rel=prev/next and visible links", async ({ page }) => {
  await expectChained(page, VECTOR_PAGES, "/tutoriels/alimentation-diffusion-vecteur/");
});

test("the vector overview renders its diagram and is listed on the tutorials page", async ({ page }) => {
  await page.goto("/tutoriels/alimentation-diffusion-vecteur/");
  await expect(page.locator("figure.diagram svg").first()).toBeVisible();
  await expect(page.locator('head link[rel="next"]')).toHaveAttribute("href", VECTOR_PAGES[0]!);
  await page.goto("/tutoriels/");
  await expect(page.locator('main a[href$="alimentation-diffusion-vecteur/"]').first()).toBeVisible();
});

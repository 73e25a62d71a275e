// The vector update tutorial, every block in order on every page, in simulated mode; then what each step
// changed: relations (table and view) of the empty VECTOR-DB, row counts read from the WFS after each
// injection, the extent growing, the deletions and modifications seen in WFS and WMS GetFeatureInfo.
import { expect, test } from "@playwright/test";
import { VECTOR_UPDATE_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks, serviceAnswer } from "./helpers.ts";

const pageOf = (name: string) => VECTOR_UPDATE_PAGES.find((path) => path.endsWith(`/${name}/`))!;

interface Collection {
  numberMatched?: number;
  features: { properties: Record<string, unknown> }[];
}

const hits = async (page: import("@playwright/test").Page): Promise<number | undefined> =>
  ((await responseJson(block(page, "GET", "installations_wfs:installation&OUTPUTFORMAT=application/json&RESULTTYPE=hits"))) as Collection).numberMatched;
const extentOf = async (page: import("@playwright/test").Page): Promise<number[][]> =>
  ((await responseJson(block(page, "GET", "/stored_data/{stored data installations}"))) as { extent: { coordinates: number[][][] } }).extent.coordinates[0]!;
const commune2001 = async (page: import("@playwright/test").Page): Promise<unknown> =>
  ((await responseJson(block(page, "GET", "installations_wfs:installation&OUTPUTFORMAT=application/json&CQL_FILTER=id=2001"))) as Collection).features[0]?.properties.commune;

test("the vector update tutorial runs end to end in the simulated datastore", async ({ page }) => {
  test.setTimeout(600_000);
  const statuses: string[] = [];
  let extent1: number[][] = [];
  for (const path of VECTOR_UPDATE_PAGES) {
    await openTutorialPage(page, path);
    await runAllBlocks(page, path, statuses);
    if (path === pageOf("initialisation")) {
      const checks = (await responseJson(block(page, "GET", "/uploads/{upload initialisation}/checks"))) as { passed: unknown[]; failed: unknown[] };
      expect(checks.failed).toEqual([]);
      expect(checks.passed).toHaveLength(2);
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution initialisation}"))).toContainText('"status": "SUCCESS"');
      const storedData = (await responseJson(block(page, "GET", "/stored_data/{stored data installations}"))) as { size: number; extent?: unknown; type_infos: { relations: { name: string; type: string; primary_key: string[]; attributes: Record<string, string> }[] } };
      expect(storedData.type_infos.relations.map((r) => [r.name, r.type, r.primary_key])).toEqual([["installation", "TABLE", ["id"]], ["installation_autorisation", "VIEW", []]]);
      expect(storedData.type_infos.relations[0]!.attributes.geom).toBe("geometry(Point,4326)");
      expect(storedData.extent).toBeUndefined();
      expect(storedData.size).toBe(16384);
      const empty = (await responseJson(block(page, "GET", "installations_wfs:installation&OUTPUTFORMAT=application/json&COUNT=5"))) as Collection;
      expect(empty.features).toEqual([]);
    }
    if (path === pageOf("premiere-injection")) {
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution injection 1}"))).toContainText('"status": "SUCCESS"');
      await expect(responseOf(block(page, "GET", "/stored_data/{stored data installations}"))).toContainText('"title": "Modification"');
      expect(await hits(page)).toBe(36);
      const view = (await responseJson(block(page, "GET", "installations_wfs:installation_autorisation&OUTPUTFORMAT=application/json&COUNT=2"))) as Collection;
      expect(view.features.length).toBeGreaterThan(0);
      for (const feature of view.features) expect(feature.properties.lib_regime).toBe("Autorisation");
      extent1 = await extentOf(page);
      const map = await serviceAnswer(page, block(page, "GET", "FORMAT=image/png"));
      expect(map.status).toBe(200);
      expect(map.type).toBe("image/png");
    }
    if (path === pageOf("deuxieme-injection")) {
      expect(await hits(page)).toBe(84);
      const extent2 = await extentOf(page);
      expect(Math.max(...extent2.map((p) => p[0]!))).toBeGreaterThan(Math.max(...extent1.map((p) => p[0]!)));
      expect(Math.min(...extent2.map((p) => p[1]!))).toBeLessThan(Math.min(...extent1.map((p) => p[1]!)));
      expect(await commune2001(page)).toBe("SAINT-ETIENNE-DU-VAL");
    }
    if (path === pageOf("suppressions-modifications")) {
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution suppression modification}"))).toContainText('"status": "SUCCESS"');
      await expect(responseOf(block(page, "GET", "/executions/{execution suppression modification}/logs"))).toContainText("modification(s) demandée(s) sur la table installation");
      expect(await hits(page)).toBeLessThan(84);
      expect(await hits(page)).toBeGreaterThan(48);
      expect(await commune2001(page)).toBe("SAINT-ÉTIENNE-DU-VAL");
      const info = (await responseJson(block(page, "GET", "INFO_FORMAT=application/json&FEATURE_COUNT=5&FORMAT=image/png"))) as Collection;
      expect(info.features.map((f) => [f.properties.id, f.properties.commune])).toEqual([[2001, "SAINT-ÉTIENNE-DU-VAL"]]);
    }
  }
  expect(statuses.length).toBeGreaterThan(40);
  await expectChained(page, VECTOR_UPDATE_PAGES, "/tutoriels/mise-a-jour-vecteur/");
});

// The derivation tutorial, every block in order, in simulated mode: the self-contained preparation (vector
// data integrated and published in WFS), the DERIVATION-SQL static and its used_variables, the execution in
// place, the new column in the relations, and its values in WFS GetFeature after the offering's re-synchronisation.
import { expect, test } from "@playwright/test";
import { DERIVATION_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks } from "./helpers.ts";

const pageOf = (name: string) => DERIVATION_PAGES.find((path) => path.endsWith(`/${name}/`))!;
const WFS = "derivation_pays:pays&OUTPUTFORMAT=application/json&COUNT=2";

interface Collection {
  features: { properties: Record<string, unknown> }[];
}

test("the derivation tutorial runs end to end in the simulated datastore", async ({ page }) => {
  test.setTimeout(600_000);
  const statuses: string[] = [];
  for (const path of DERIVATION_PAGES) {
    await openTutorialPage(page, path);
    await runAllBlocks(page, path, statuses);
    if (path === pageOf("preparation")) {
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution monde}"))).toContainText('"status": "SUCCESS"');
      await expect(responseOf(block(page, "GET", "/offerings/{offering wfs monde}"))).toContainText('"status": "PUBLISHED"');
      const before = (await responseJson(block(page, "GET", WFS))) as Collection;
      expect(before.features).toHaveLength(2);
      expect(before.features[0]!.properties).not.toHaveProperty("population_multipliee");
    }
    if (path === pageOf("derivation")) {
      const sql = (await responseJson(block(page, "POST", "/statics"))) as { type: string; type_infos: { used_variables: string[] } };
      expect(sql.type).toBe("DERIVATION-SQL");
      expect(sql.type_infos.used_variables).toEqual(["params.multiply"]);
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution derivation}"))).toContainText('"status": "SUCCESS"');
      const storedData = (await responseJson(block(page, "GET", "/stored_data/{stored data monde}"))) as { type_infos: { relations: { name: string; attributes: Record<string, string> }[] }; last_event: { title: string } };
      expect(storedData.type_infos.relations.find((r) => r.name === "pays")!.attributes.population_multipliee).toBe("bigint");
      expect(storedData.last_event.title).toBe("Modification");
      const waiting = (await responseJson(block(page, "GET", "derivation_pays:pays&OUTPUTFORMAT=application/json&COUNT=1"))) as Collection;
      expect(waiting.features[0]!.properties).not.toHaveProperty("population_multipliee");
      await expect(responseOf(block(page, "GET", "/offerings/{offering wfs monde}"))).toContainText('"status": "PUBLISHED"');
      const after = (await responseJson(block(page, "GET", WFS))) as Collection;
      expect(after.features).toHaveLength(2);
      for (const feature of after.features) expect(feature.properties.population_multipliee).toBe((feature.properties.population as number) * 3);
    }
  }
  await expectChained(page, DERIVATION_PAGES, "/tutoriels/derivation-vecteur/");
});

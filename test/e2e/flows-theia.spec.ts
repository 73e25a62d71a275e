// The Theia/OZCAR tutorial in simulated mode: the deposit archive built in the page (pivot JSON and two dataset zips),
// refused with a wrong password, then PUT into new/ and listed in previous/ with its size.
import { expect, test } from "@playwright/test";
import { block, blocks, openTutorialPage, responseOf, runAllBlocks, runBlock } from "./helpers.ts";

const PAGE = "/tutoriels/depot-theia/depot/";

test("the deposit archive is built in the page, deposited in new/ and listed in previous/ with its size", async ({ page }) => {
  await openTutorialPage(page, PAGE);
  const flow = page.locator('[data-flow="theia"]');
  await expect(flow.getByLabel("Identifiant du producteur")).toHaveValue("TUTO");
  const build = flow.getByRole("button", { name: /Construire l'archive/ });

  // A wrong password: the archive is built, the server refuses it.
  await flow.getByLabel("Mot de passe").fill("faux");
  await build.click();
  await expect(flow.locator("[data-flow-status]")).toHaveText("depot_theia.zip est prêt : les blocs ci-dessous l'envoient.");
  const put = block(page, "PUT", "/new/{fichier}");
  expect(await runBlock(put)).toBe("401");
  await expect(responseOf(put)).toContainText("mot de passe incorrect");

  await flow.getByLabel("Mot de passe").fill("depot-simule-2024");
  await build.click();
  await expect(flow.locator("table tbody tr")).toHaveCount(3);
  await expect(flow.locator("table")).toContainText("TUTO_en.json");
  await expect(flow.locator("table")).toContainText("TUTO_DAT_2.zip");
  const size = await flow.locator("[data-flow-size]").getAttribute("data-flow-size");
  expect(Number(size)).toBeGreaterThan(1000);
  await expect(blocks(page)).toHaveCount(2);
  await runAllBlocks(page, PAGE);
  await expect(responseOf(put)).toContainText("TUTO_en.json, 2 jeux de données (TUTO_DAT_1.zip, TUTO_DAT_2.zip)");
  const listing = block(page, "GET", "/previous/");
  await expect(responseOf(listing)).toContainText("depot_theia.zip");
  await expect(responseOf(listing)).toContainText(new RegExp(`depot_theia\\.zip.*${size}`, "s"));
});

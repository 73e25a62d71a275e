// The reader's own file instead of the sample: a wrong .md5 makes the standard check fail, as on the real platform.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES, openTutorialPage, responseOf, runBlock } from "./helpers.ts";

test("sending my own wrong .md5 file fails the standard check and leaves the upload UNSTABLE with logs", async ({ page }) => {
  await openTutorialPage(page, ARCHIVE_PAGES[0]!);
  const byUrl = (method: string, suffix: string) => page.locator(`[data-api-block][data-method="${method}"][data-url$="${suffix}"]`);

  expect(await runBlock(byUrl("POST", "/uploads"))).toBe("200");
  expect(await runBlock(byUrl("POST", "/data?path=data/{fichier}"))).toBe("204");

  const md5 = byUrl("POST", "/md5");
  await md5.locator('input[type="file"]').setInputFiles(path.resolve("public/samples/archive-errone/departements.md5"));
  await expect(md5).toContainText("1 fichier(s) choisi(s)");
  expect(await runBlock(md5)).toBe("204");
  await expect(md5.locator(".api-block__sent")).toContainText("/md5");

  expect(await runBlock(byUrl("POST", "/close"))).toBe("204");
  const checks = byUrl("GET", "/uploads/{upload}/checks");
  expect(await runBlock(checks)).toBe("200");
  const body = JSON.parse((await responseOf(checks).textContent())!);
  expect(body.asked).toEqual([]);
  expect(body.in_progress).toEqual([]);
  expect(body.failed.map((item: { check: { name: string } }) => item.check.name)).toEqual(["Vérification standard"]);

  expect(await runBlock(byUrl("GET", "/uploads/{upload}"))).toBe("200");
  await expect(responseOf(byUrl("GET", "/uploads/{upload}"))).toContainText('"status": "UNSTABLE"');

  // The logs block reads the check execution captured from `passed[0]`: point it at the failed one instead.
  await page.getByRole("button", { name: /^Variables \(/ }).click();
  await page.locator(".variables").getByLabel("{check execution}", { exact: true }).fill(body.failed[0]._id);
  await page.locator(".variables").getByLabel("{check execution}", { exact: true }).press("Enter");
  await page.locator(".variables").getByLabel("{check execution}", { exact: true }).blur();
  await page.keyboard.press("Escape");
  const logs = byUrl("GET", "/logs");
  expect(await runBlock(logs)).toBe("200");
  await expect(responseOf(logs)).toContainText("ERROR");
  await expect(responseOf(logs)).toContainText("departements.csv");
});

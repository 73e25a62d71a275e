// The whole archive tutorial, every block in order on every page, in simulated mode.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks } from "./helpers.ts";
import { checkArchiveDownload } from "./map-helpers.ts";

test("the archive tutorial runs end to end in the simulated datastore", async ({ page }) => {
  const statuses: string[] = [];
  for (const path of ARCHIVE_PAGES) {
    await openTutorialPage(page, path);
    await runAllBlocks(page, path, statuses);

    if (path.endsWith("/livraison/")) {
      const checks = block(page, "GET", "/checks");
      await expect(responseOf(checks.first())).toContainText('"passed"');
      await expect(responseOf(checks.first())).toContainText("Vérification standard");
      const upload = block(page, "GET", "/uploads/{upload}");
      await expect(responseOf(upload)).toContainText('"status": "CLOSED"');
    }
    if (path.endsWith("/integration/")) {
      const execution = page.locator('[data-api-block][data-method="GET"][data-url$="/processings/executions/{execution}"]');
      await expect(responseOf(execution)).toContainText('"status": "SUCCESS"');
      const patch = page.locator('[data-api-block][data-method="PATCH"]');
      await expect(responseOf(patch)).toContainText('"status": "GENERATED"');
      await expect(responseOf(patch)).toContainText('"files_number"');
      await expect(responseOf(patch)).toContainText('"from": "2021-09-01"');
    }
    if (path.endsWith("/publication/")) {
      const offering = page.locator('[data-api-block][data-method="GET"][data-url$="/offerings/{offering}"]');
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      await expect(responseOf(offering)).toContainText("/telechargement/resource/limites_administratives");

      // The download service: capabilities → resource → sub-resource (files, sizes, MD5) → the file's bytes.
      const capabilities = (await responseJson(block(page, "GET", "/capabilities?zone=FXX&format=GEOJSON"))) as { entry: { id: string }[] };
      expect(capabilities.entry.map((entry) => entry.id)).toContain("https://data.geopf.fr/telechargement/resource/limites_administratives");
      const resource = (await responseJson(block(page, "GET", "/resource/limites_administratives"))) as { entry: { id: string; zone: { term: string } }[] };
      expect(resource.entry.map((entry) => [entry.id.split("/").pop(), entry.zone.term])).toEqual([["departements", "FXX"]]);
      const files = (await responseJson(block(page, "GET", "/resource/limites_administratives/departements"))) as {
        entry: { title: string; content: string; link: { href: string; length: number }[] }[];
      };
      const samples = ["departements.csv", "departements.geojson", "LISEZMOI.txt"];
      expect(files.entry.map((entry) => entry.title).sort()).toEqual([...samples].sort());
      for (const name of samples) {
        const bytes = readFileSync(`public/samples/archive/${name}`);
        const entry = files.entry.find((item) => item.title === name)!;
        expect(entry.content, name).toBe(createHash("md5").update(bytes).digest("hex"));
        expect(entry.link[0]!.length, name).toBe(bytes.length);
        expect(entry.link[0]!.href).toBe(`https://data.geopf.fr/telechargement/download/limites_administratives/departements/${name}`);
      }
      const csv = readFileSync("public/samples/archive/departements.csv", "utf8");
      const download = block(page, "GET", "/download/limites_administratives/departements/departements.csv");
      expect(((await responseOf(download).textContent()) ?? "").trim()).toBe(csv.trim());
      await checkArchiveDownload(page);
    }
  }
  console.log(statuses.join("\n"));
});

test("tutorial pages are chained with rel=prev/next and visible links", async ({ page }) => {
  await expectChained(page, ARCHIVE_PAGES, "/tutoriels/alimentation-diffusion-archive/");
});

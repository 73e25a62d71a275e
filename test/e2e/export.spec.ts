// « Exporter ce parcours »: after running the first blocks of the archive tutorial, each export (Bruno, Arazzo,
// bash) downloads as a zip holding the reader's current values, and the template form holds none of them.
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { ARCHIVE_PAGES, blocks, openTutorialPage, responseJson, runBlock } from "./helpers.ts";

// Clicks an export button and returns the downloaded zip's files as text (samples as bytes are left out).
async function download(page: Page, name: RegExp): Promise<{ file: string; texts: Record<string, string>; names: string[] }> {
  const [saved] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
  const entries = unzipSync(new Uint8Array(fs.readFileSync((await saved.path())!)));
  const texts = Object.fromEntries(Object.entries(entries).filter(([path]) => !path.startsWith("samples/")).map(([path, bytes]) => [path, strFromU8(bytes)]));
  return { file: saved.suggestedFilename(), texts, names: Object.keys(entries) };
}

test("exporter le parcours archive : valeurs courantes, puis modèle", async ({ page }) => {
  await openTutorialPage(page, ARCHIVE_PAGES[0]!);
  for (let index = 0; index < 3; index += 1) expect(await runBlock(blocks(page).nth(index))).toBe("200");
  const upload = ((await responseJson(blocks(page).nth(2))) as { _id: string })._id;
  const datastore = ((await responseJson(blocks(page).nth(1))) as { _id: string })._id;
  expect(upload).toMatch(/^[0-9a-f-]{36}$/);

  const section = page.getByRole("region", { name: "Exporter ce parcours" });
  await expect(section).toBeVisible();
  await expect(section.getByRole("radio", { name: /avec mes valeurs actuelles/ })).toBeChecked();

  const bruno = await download(page, /Collection Bruno/);
  expect(bruno.file).toBe("alimentation-diffusion-archive-bruno.zip");
  expect(bruno.texts["environments/Tutoriel.bru"]).toContain(`upload: ${upload}`);
  expect(bruno.texts["environments/Tutoriel.bru"]).toContain(`datastore: ${datastore}`);
  expect(bruno.names).toContain("samples/archive/departements.csv");
  expect(Object.keys(bruno.texts).filter((path) => path.endsWith(".bru")).length).toBeGreaterThan(30);
  await expect(section.getByRole("status")).toContainText("alimentation-diffusion-archive-bruno.zip");

  const arazzo = await download(page, /Workflow Arazzo/);
  const workflow = JSON.parse(arazzo.texts["tutoriel.arazzo.json"]!);
  expect(workflow.arazzo).toBe("1.0.1");
  expect(workflow.workflows[0].inputs.properties.datastore.default).toBe(datastore);
  expect(arazzo.texts["entrepot.openapi.json"]).toContain('"openapi": "3.1.0"');

  const shell = await download(page, /Script bash/);
  expect(shell.texts["tutoriel.sh"]).toContain(`upload=\${upload:-"${upload}"}`);
  expect(shell.texts["tutoriel.sh"]).toContain("set -euo pipefail");

  // The template: the same files, none of the reader's values.
  await section.getByRole("radio", { name: /en modèle/ }).check();
  for (const [name, file] of [[/Collection Bruno/, "alimentation-diffusion-archive-bruno-modele.zip"], [/Workflow Arazzo/, "alimentation-diffusion-archive-arazzo-modele.zip"], [/Script bash/, "alimentation-diffusion-archive-shell-modele.zip"]] as const) {
    const template = await download(page, name);
    expect(template.file).toBe(file);
    const all = Object.values(template.texts).join("\n");
    expect(all).not.toContain(upload);
    expect(all).not.toContain(datastore);
  }
});

// The block as a reader meets it (issue 14): a refused send hides the previous answer, captures by identifying keys,
// a poll that cannot finish says why, the answer folds the example and shows its headers and final status, the copied
// curl of a waiting block loops, the file picker speaks French, and a misshapen spec is refused in French.
import { expect, test } from "@playwright/test";
import { openBlockPage } from "./block-fixture.ts";
import { blocks, runBlock } from "./helpers.ts";

const API = "https://data.geopf.fr/api";
const F = "```";
const CREATE_UPLOAD = `??? POST "${API}/datastores/{datastore}/uploads"\n${F}json\n{\n  "name": "essai",\n  "description": "essai",\n  "type": "VECTOR",\n  "srs": "EPSG:2154"\n}\n${F}\n${F}json\n{"_id": "{upload}"}\n${F}\n???`;

test("item 2: a send refused for invalid JSON hides the previous answer and says where the error is, in French", async ({ page }) => {
  await openBlockPage(page, "/essai/json/", [CREATE_UPLOAD]);
  const block = blocks(page).first();
  expect(await runBlock(block)).toMatch(/^20/);
  await expect(block.locator(".api-block__result")).toBeVisible();
  await block.getByRole("textbox", { name: /Corps de la requête/ }).fill('{\n  "name": "essai"\n  "type": "VECTOR"\n}');
  await block.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(block.getByRole("alert").filter({ hasText: "Corps JSON invalide" })).toHaveText("Corps JSON invalide, rien n'a été envoyé — ligne 3, colonne 3 : virgule manquante.");
  await expect(block.locator(".api-block__result")).toBeHidden();
  await expect(block.locator(".api-block__status")).toHaveText("Rien n'a été envoyé.");
});

test("item 1: a capture whose example item matches no live item says so and fills nothing", async ({ page }) => {
  await openBlockPage(page, "/essai/capture/", [
    `??? GET "${API}/users/me"\n${F}json\n{"communities_member": [{"community": {"name": "Communauté absente", "_id": "{communauté}"}}, {"community": {"name": "Autre"}}]}\n${F}\n???`,
  ]);
  const block = blocks(page).first();
  expect(await runBlock(block)).toBe("200");
  await expect(block.locator(".api-block__unmatched")).toHaveText(/^\{communauté\} : aucun élément de la réponse ne correspond à l'exemple/);
  await expect(block.locator(".api-block__captured")).toBeHidden();
});

test("items 3 and 10: reading checks of an open upload stops at once and says which step is missing; the answer folds the example, shows its headers and its final status", async ({ page }) => {
  await openBlockPage(page, "/essai/attente/", [
    CREATE_UPLOAD,
    `??? GET "${API}/datastores/{datastore}/uploads/{upload}/checks"\n${F}json\n{"asked": [], "in_progress": [], "passed": [], "failed": []}\n${F}\n???`,
    `??? GET "${API}/datastores/{datastore}/uploads/{upload}"\n${F}json\n{"_id": "{upload}", "status": "OPEN"}\n${F}\n???`,
  ]);
  const [create, checks, upload] = [blocks(page).nth(0), blocks(page).nth(1), blocks(page).nth(2)];
  await runBlock(create);
  expect(await runBlock(checks)).toBe("200");
  await expect(checks.locator(".api-block__status")).toHaveText(/^Attente arrêtée : aucune vérification n'a été lancée .*fermez d'abord la livraison/);
  // The example is folded under the real answer, and can be opened again.
  const example = checks.locator("details.api-block__example");
  await expect(example).not.toHaveAttribute("open");
  await example.locator("summary").click();
  await expect(example).toHaveAttribute("open");
  // The real answer is highlighted like the example.
  await expect(checks.locator(".api-block__response code span[class^='hl-']").first()).toBeVisible();
  const headers = checks.locator("details.api-block__headers");
  await headers.getByText("En-têtes de la réponse").click();
  await expect(headers).toContainText("content-type: application/json");
  expect(await runBlock(upload)).toBe("200");
  await expect(upload.locator(".api-block__status")).toHaveText(/^Attente arrêtée : la livraison est ouverte \(OPEN\)/);
});

test("item 10: a final status shows next to the HTTP status", async ({ page }) => {
  await openBlockPage(page, "/essai/final/", [
    CREATE_UPLOAD,
    `??? POST "${API}/datastores/{datastore}/uploads/{upload}/close"\n???`,
    `??? GET "${API}/datastores/{datastore}/uploads/{upload}"\n${F}json\n{"_id": "{upload}", "status": "CLOSED"}\n${F}\n???`,
  ]);
  for (const index of [0, 1]) await runBlock(blocks(page).nth(index));
  const upload = blocks(page).nth(2);
  await runBlock(upload);
  await expect(upload.locator(".api-block__final")).toHaveText(/^statut (CLOSED|UNSTABLE)$/);
});

test("item 12: the copied curl of a block that waits for a final status reads again until it is final", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openBlockPage(page, "/essai/copie/", [`??? GET "${API}/datastores/{datastore}/uploads/u-1"\n???`]);
  const block = blocks(page).first();
  await block.getByRole("button", { name: "Copier en curl" }).click();
  await expect(block.getByRole("status").filter({ hasText: "Requête copiée" })).toBeVisible();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain("while :; do");
  expect(curl).toContain("Relit la ressource");
});

test("item 9c: the file picker reads in French and works from the keyboard", async ({ page }) => {
  await openBlockPage(page, "/essai/fichiers/", [`??? POST "${API}/datastores/{datastore}/uploads/{upload}/data?path={fichier}"\n${F}files\n/samples/archive/departements.csv\n${F}\n???`]);
  const block = blocks(page).first();
  await expect(block.locator(".api-block__file-pick")).toHaveText("Envoyer mes propres fichiers à la place : Choisir des fichiers… Aucun fichier choisi");
  const picker = block.getByLabel("Choisir des fichiers…");
  // Waiting for the chooser turns on Playwright's interception of it: started before the keyboard reaches the picker.
  const chooser = page.waitForEvent("filechooser");
  await picker.focus();
  await expect(picker).toBeFocused();
  await page.keyboard.press("Space");
  await (await chooser).setFiles([{ name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("a") }, { name: "b.csv", mimeType: "text/csv", buffer: Buffer.from("b") }]);
  await expect(block.locator(".api-block__file-chosen")).toHaveText("2 fichiers choisis");
});

test("item 15: a block whose spec is misshapen refuses to run, in French", async ({ page }) => {
  await openBlockPage(page, "/essai/spec/", [`??? GET "${API}/users/me"\n???`], (html) => html.replace('"method":"GET"', '"method":"FETCH"'));
  const block = blocks(page).first();
  await expect(block.locator(".api-block__missing")).toContainText("Ce bloc ne peut pas s'exécuter : sa description est illisible (method");
});

test("item 11: editing a body opens the JSON editor in place of the textarea, and what is typed there is what is sent", async ({ page }) => {
  await openBlockPage(page, "/essai/editeur/", [CREATE_UPLOAD]);
  const block = blocks(page).first();
  await block.getByRole("textbox", { name: /Corps de la requête/ }).click();
  const editor = block.locator(".cm-editor");
  await expect(editor).toBeVisible();
  await expect(block.locator(".api-block__body textarea")).toBeHidden();
  await expect(editor.locator(".cm-content")).toBeFocused();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(",");
  await block.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(block.getByRole("alert").filter({ hasText: "Corps JSON invalide" })).toContainText("ligne 6, colonne 2 : texte en trop après la fin du JSON");
});

// Runtime behaviour of the blocks: unfilled variables, persistence across reloads, starting over.
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES, blocks, openTutorialPage, responseOf, runBlock } from "./helpers.ts";

const [LIVRAISON, INTEGRATION] = ARCHIVE_PAGES as [string, string];

test("a block whose URL holds an unfilled variable names it and sends nothing", async ({ page }) => {
  await openTutorialPage(page, INTEGRATION);
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/processings/executions")) sent.push(request.url());
  });
  const create = page.locator('[data-api-block][data-method="POST"][data-url$="/processings/executions"]');
  await create.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(create.locator(".api-block__missing")).toBeVisible();
  await expect(create.locator(".api-block__missing")).toContainText("{upload}");
  const provider = create.locator(".api-block__missing").getByRole("link", { name: /\{upload\} est fourni par un bloc de « Livraison des données archives »/ });
  await expect(provider).toHaveAttribute("href", new RegExp(`^${LIVRAISON}#bloc-\\d+$`));
  await expect(create).not.toHaveAttribute("data-response-status", /.*/);
  expect(sent).toEqual([]);
});

test("variables and results survive a reload and carry over to the next page; reset starts over", async ({ page }) => {
  await openTutorialPage(page, LIVRAISON);
  const create = page.locator('[data-api-block][data-method="POST"][data-url$="/uploads"]');
  expect(await runBlock(create)).toMatch(/^20/);
  const uploadId = JSON.parse((await responseOf(create).textContent())!)._id as string;
  expect(uploadId).toMatch(/^[0-9a-f-]{36}$/);

  await page.reload();
  await expect(page.locator(".variables")).toContainText("{upload}");
  await expect(page.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue(uploadId);
  await expect(create).toHaveAttribute("data-response-status", /^20/);
  await expect(responseOf(create)).toContainText(uploadId);

  // The simulated datastore kept the upload too: reading it after the reload answers 200.
  const read = page.locator('[data-api-block][data-method="GET"][data-url$="/uploads/{upload}"]');
  expect(await runBlock(read)).toBe("200");
  await expect(responseOf(read)).toContainText(uploadId);

  await page.goto(INTEGRATION);
  await expect(page.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue(uploadId);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: /^Variables \(/ }).click();
  await page.getByRole("button", { name: "Tout recommencer" }).click();
  await page.waitForLoadState("load");
  await expect(page.locator(".variables")).toContainText("{datastore}");
  await expect(page.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue("");
});

test("an edited body that is not JSON shows an inline error, keeps the text and sends nothing", async ({ page }) => {
  await openTutorialPage(page, LIVRAISON);
  const create = page.locator('[data-api-block][data-method="POST"][data-url$="/uploads"]');
  const editor = create.locator("textarea");
  await editor.fill('{"name": "oups",');
  await create.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(create.locator(".api-block__error")).toContainText("Corps JSON invalide");
  // The alert says why; the polite status line only says the outcome, so screen readers hear the reason once.
  await expect(create.locator(".api-block__status")).toHaveText("Rien n'a été envoyé.");
  await expect(editor).toHaveValue('{"name": "oups",');
  await expect(create).not.toHaveAttribute("data-response-status", /.*/);
});

test("an API error is shown with its status and the API's error body", async ({ page }) => {
  await openTutorialPage(page, LIVRAISON);
  const create = page.locator('[data-api-block][data-method="POST"][data-url$="/uploads"]');
  await create.locator("textarea").fill('{"name": "x", "type": "PAS-UN-TYPE", "srs": "EPSG:2154", "description": "d"}');
  expect(await runBlock(create)).toBe("400");
  await expect(responseOf(create)).toContainText("error_description");
  await expect(create.locator(".api-block__http")).toHaveText("HTTP 400");
  expect(await blocks(page).count()).toBeGreaterThan(3);
});

test("« Copier en curl » gives the request with the variables filled in and the token masked", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openTutorialPage(page, LIVRAISON);
  const datastore = await page.locator(".variables").getByLabel("{datastore}", { exact: true }).inputValue();
  const create = page.locator('[data-api-block][data-method="POST"][data-url$="/uploads"]');
  await create.getByRole("button", { name: "Copier en curl" }).click();
  await expect(create.locator(".api-block__copied")).toHaveText("Requête copiée (curl).");
  // Runs in the page; typed by hand because the tests are type-checked without the DOM library.
  const curl = await page.evaluate(() => (navigator as unknown as { clipboard: { readText(): Promise<string> } }).clipboard.readText());
  expect(curl).toContain(`curl -X POST "https://data.geopf.fr/api/datastores/${datastore}/uploads"`);
  expect(curl).toContain('-H "Authorization: Bearer $TOKEN"');
  expect(curl).toContain('"type": "ARCHIVE"');

  const files = page.locator('[data-api-block][data-url$="/data?path=data/{fichier}"]');
  await page.getByRole("button", { name: /^Variables \(/ }).click();
  await page.locator(".variables").getByLabel("{datastore}", { exact: true }).fill("d-1");
  await page.locator(".variables").getByLabel("{datastore}", { exact: true }).blur();
  await page.keyboard.press("Escape");
  await files.getByRole("button", { name: "Copier en Python" }).click();
  await expect(files.locator(".api-block__missing")).toContainText("{upload}");
});

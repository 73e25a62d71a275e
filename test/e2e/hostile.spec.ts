// Hostile input: markup in responses, a 10 MB response, simulated faults.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ARCHIVE_PAGES, openTutorialPage, responseOf, runBlock } from "./helpers.ts";

const LIVRAISON = ARCHIVE_PAGES[0]!;
const byUrl = (page: Page, method: string, suffix: string) => page.locator(`[data-api-block][data-method="${method}"][data-url$="${suffix}"]`);

/** Chooses a simulated fault in the Réglages dialog. */
async function chooseFault(page: Page, label: RegExp): Promise<void> {
  await page.getByRole("button", { name: /^Réglages/ }).click();
  const dialog = page.getByRole("dialog", { name: "Réglages" });
  await dialog.getByLabel("Comportement de l'entrepôt simulé").selectOption({ label: (await dialog.getByRole("option", { name: label }).textContent())! });
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
}

test("HTML and script in response strings are shown as text, never run", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openTutorialPage(page, LIVRAISON);
  const create = byUrl(page, "POST", "/uploads");
  const hostile = `<img src=x onerror="alert('img')"><script>alert('script')</script>`;
  await create.locator("textarea").fill(JSON.stringify({ name: hostile, description: hostile, type: "ARCHIVE", srs: "EPSG:2154" }));
  expect(await runBlock(create)).toBe("200");
  await expect(responseOf(create)).toContainText("<script>alert('script')</script>");
  await expect(responseOf(create).locator("img, script")).toHaveCount(0);
  expect(await runBlock(byUrl(page, "GET", "/uploads/{upload}"))).toBe("200");
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test("a 10 MB response keeps the page responsive, is shown truncated and can be downloaded whole", async ({ page }) => {
  const base = "http://127.0.0.1:9/api";
  const items = Array.from({ length: 90_000 }, (_, index) => ({ _id: `id-${index}`, name: `Livraison numéro ${index}`, status: "CLOSED", size: index }));
  const big = JSON.stringify(items);
  expect(big.length).toBeGreaterThan(6_000_000);
  await page.route(`${base}/**`, (route) => route.fulfill({ status: 200, contentType: "application/json", body: big }));
  await page.goto(LIVRAISON);
  await page.getByRole("button", { name: /^Réglages/ }).click();
  const dialog = page.getByRole("dialog", { name: "Réglages" });
  await dialog.getByLabel(/Réel/).check();
  await dialog.getByLabel("Environnement").selectOption("custom");
  await dialog.getByLabel("URL de base de l'API").fill(base);
  await dialog.getByLabel(/^Jeton/).fill("jeton");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator(".mode-banner")).toContainText(base);

  const me = byUrl(page, "GET", "/users/me");
  expect(await runBlock(me)).toBe("200");
  await expect(me.locator(".api-block__truncated")).toContainText("Réponse tronquée à l'affichage");
  const shown = (await responseOf(me).textContent())!;
  expect(shown.length).toBeLessThan(250_000);
  // Still responsive: the page answers and the next block can be used at once.
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  await expect(byUrl(page, "GET", "/datastores/{datastore}").getByRole("button", { name: /^Exécuter/ })).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent("download"), me.getByRole("button", { name: "Télécharger la réponse complète" }).click()]);
  const saved = await download.path();
  expect(fs.statSync(saved!).size).toBeGreaterThan(big.length);
  expect(JSON.parse(fs.readFileSync(saved!, "utf8"))).toHaveLength(items.length);
});

test("simulated faults: 500 and network failure give French messages with a retry; latency just waits", async ({ page }) => {
  await openTutorialPage(page, LIVRAISON);
  const me = byUrl(page, "GET", "/users/me");

  await chooseFault(page, /Erreur serveur/);
  await expect(page.locator(".mode-banner")).toContainText("Panne simulée active");
  expect(await runBlock(me)).toBe("500");
  await expect(me.locator(".api-block__diagnosis")).toContainText("500 : erreur du serveur.");
  await expect(me.locator(".api-block__diagnosis")).toContainText("Panne simulée (réglages)");

  await chooseFault(page, /Panne réseau/);
  await me.getByRole("button", { name: "Réessayer" }).click();
  await expect(me).toHaveAttribute("data-response-status", "error");
  await expect(me.locator(".api-block__diagnosis")).toContainText("Aucune réponse : échec réseau ou blocage CORS.");
  await expect(me.locator(".api-block__diagnosis")).toContainText("panne réseau est peut-être simulée");

  await chooseFault(page, /Lenteur/);
  await me.getByRole("button", { name: "Réessayer" }).click();
  await expect(me.locator(".api-block__status")).toHaveText("Envoi en cours…");
  await expect(me).toHaveAttribute("data-response-status", "200", { timeout: 10_000 });
  expect(Number((await me.locator(".api-block__duration").textContent())!.replace(/\D/g, ""))).toBeGreaterThanOrEqual(2500);

  await chooseFault(page, /Normal/);
  await expect(page.locator(".mode-banner")).not.toContainText("Panne simulée active");
  expect(await runBlock(me)).toBe("200");
  await expect(me.locator(".api-block__diagnosis")).toBeHidden();
});

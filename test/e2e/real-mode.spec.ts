// Real mode against the local Entrepôt-compatible server (`npm run datastore`), started by the test.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ARCHIVE_PAGES, blocks, responseOf, runBlock } from "./helpers.ts";

const PORT = 3917;
const TOKEN = "jeton-e2e-9f4c2b7d1a";
const BASE = `http://127.0.0.1:${PORT}/api`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "datastore-e2e-"));
let server: ChildProcess | undefined;

/** Starts `npm run datastore` on PORT with DIR and TOKEN, and waits until it answers. */
async function startServer(): Promise<void> {
  server = spawn("npm", ["run", "--silent", "datastore"], {
    env: { ...process.env, PORT: String(PORT), DATASTORE_TOKEN: TOKEN, DATASTORE_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const response = await fetch(`${BASE}/users/me`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("npm run datastore did not start");
}

/** Stops the server and waits for the port to close. */
async function stopServer(): Promise<void> {
  if (!server?.pid) return;
  const exited = new Promise((resolve) => server!.once("exit", resolve));
  process.kill(-server.pid, "SIGTERM");
  await exited;
  server = undefined;
}

/** Opens the Réglages dialog and switches to real mode on the local server with a token. */
async function useRealMode(page: Page, token: string): Promise<void> {
  const dialog = await realModeDialog(page);
  await dialog.getByLabel(/^Jeton/).fill(token);
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator(".mode-banner")).toContainText(BASE);
}

test.describe.configure({ mode: "serial" });
test.beforeAll(startServer);
test.afterAll(async () => {
  await stopServer();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the archive tutorial runs end to end in real mode; the token never reaches localStorage", async ({ page }) => {
  await useRealMode(page, TOKEN);
  const confirmations: string[] = [];
  page.on("dialog", (dialog) => {
    confirmations.push(dialog.message());
    void dialog.accept();
  });
  for (const path of ARCHIVE_PAGES) {
    await page.goto(path);
    const count = await blocks(page).count();
    for (let index = 0; index < count; index += 1) {
      const block = blocks(page).nth(index);
      const status = await runBlock(block);
      expect(Number(status), `${path} #${index + 1}\n${await responseOf(block).textContent()}`).toBeLessThan(300);
      // API calls go to the configured base; the diffusion services to the same local server (which serves them).
      expect(await block.locator(".api-block__sent code").textContent()).toMatch((await block.getAttribute("data-url"))!.includes("/api/") ? BASE : `http://127.0.0.1:${PORT}/`);
    }
    if (path.endsWith("/publication/")) {
      const offering = page.locator('[data-api-block][data-method="GET"][data-url$="/offerings/{offering}"]');
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      // The local server's offering names its own download service, which the file list then reads.
      await expect(responseOf(offering)).toContainText(`"url": "http://127.0.0.1:${PORT}/telechargement/`);
      await offering.getByRole("button", { name: "Voir les fichiers à télécharger" }).click();
      const panel = offering.locator(".map-panel");
      await expect(panel).toHaveAttribute("data-map-state", "rendered");
      await expect(panel.locator(`a[href^="http://127.0.0.1:${PORT}/telechargement/"]`).first()).toBeVisible();
    }
  }
  // close, launch and the DELETEs asked first.
  expect(confirmations.some((message) => message.includes("/close"))).toBe(true);
  expect(confirmations.some((message) => message.startsWith("Cette requête modifie votre entrepôt réel") && message.includes("DELETE"))).toBe(true);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain(TOKEN);
  expect(stored).toContain("reel:");
});

test("a wrong token gets 401, a French diagnosis and an offer to renew it", async ({ page }) => {
  await useRealMode(page, "pas-le-bon-jeton");
  const me = page.locator('[data-api-block][data-url$="/users/me"]');
  expect(await runBlock(me)).toBe("401");
  await expect(me.locator(".api-block__diagnosis")).toContainText("jeton absent, invalide ou expiré");
  await me.getByRole("button", { name: "Renouveler le jeton" }).click();
  await expect(page.getByRole("dialog", { name: "Réglages" }).getByLabel(/^Jeton/)).toBeFocused();
});

test("a refused confirmation sends nothing", async ({ page }) => {
  await useRealMode(page, TOKEN);
  await runBlock(page.locator('[data-api-block][data-url$="/users/me"]'));
  expect(await runBlock(page.locator('[data-api-block][data-method="POST"][data-url$="/uploads"]'))).toBe("200");
  page.once("dialog", (dialog) => void dialog.dismiss());
  const close = page.locator('[data-api-block][data-url$="/close"]');
  await close.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(close.locator(".api-block__status")).toHaveText("Requête annulée : rien n'a été envoyé.");
  await expect(close).not.toHaveAttribute("data-response-status", /.*/);
  const read = page.locator('[data-api-block][data-method="GET"][data-url$="/uploads/{upload}"]');
  expect(await runBlock(read)).toBe("200");
  await expect(responseOf(read)).toContainText('"status": "OPEN"');
});

test("the CORS preflight of the site's origin is answered; another origin gets no CORS headers", async () => {
  const preflight = await fetch(`${BASE}/users/me`, {
    method: "OPTIONS",
    headers: { Origin: "http://127.0.0.1:8181", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:8181");
  expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  const other = await fetch(`${BASE}/users/me`, { method: "OPTIONS", headers: { Origin: "https://ailleurs.example", "Access-Control-Request-Method": "GET" } });
  expect(other.headers.get("access-control-allow-origin")).toBeNull();
});

test("server stopped: the block says the network failed; restarted: the data is still there", async ({ page }) => {
  await useRealMode(page, TOKEN);
  await runBlock(page.locator('[data-api-block][data-url$="/users/me"]'));
  const create = page.locator('[data-api-block][data-method="POST"][data-url$="/uploads"]');
  expect(await runBlock(create)).toBe("200");
  const uploadId = JSON.parse((await responseOf(create).textContent())!)._id as string;

  await stopServer();
  const read = page.locator('[data-api-block][data-method="GET"][data-url$="/uploads/{upload}"]');
  expect(await runBlock(read)).toBe("error");
  await expect(read.locator(".api-block__diagnosis")).toContainText("échec réseau ou blocage CORS");
  await expect(read.locator(".api-block__diagnosis")).toContainText("le serveur est arrêté");

  await startServer();
  expect(await runBlock(read)).toBe("200");
  await expect(responseOf(read)).toContainText(uploadId);
});

/** Opens the Réglages dialog on a page and switches it to real mode on the local server (nothing saved yet). */
async function realModeDialog(page: Page) {
  await page.goto(ARCHIVE_PAGES[0]!);
  await page.getByRole("button", { name: /^Réglages/ }).click();
  const dialog = page.getByRole("dialog", { name: "Réglages" });
  await dialog.getByLabel(/Réel/).check();
  await dialog.getByLabel("Environnement").selectOption("custom");
  await dialog.getByLabel("URL de base de l'API").fill(BASE);
  return dialog;
}

test("real mode without a token is said before it is saved, and the banner does not promise a token", async ({ page }) => {
  const dialog = await realModeDialog(page);
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  // Not saved: the dialog stays open, says requests would leave without a token, and offers the token field.
  await expect(dialog.getByRole("alert")).toContainText("les requêtes partiront sans en-tête Authorization");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(/^Jeton \(en-tête/)).toBeFocused();
  await expect(page.locator(".mode-banner")).toContainText("Mode simulé");
  // Saved on the second press, knowingly: the banner says there is no token.
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator(".mode-banner")).toContainText(BASE);
  await expect(page.locator(".mode-banner")).toContainText("sans jeton");
  await expect(page.locator(".mode-banner")).not.toContainText("avec votre jeton");
  // With a token, it says so.
  await page.getByRole("button", { name: /^Réglages/ }).click();
  await dialog.getByLabel(/^Jeton \(en-tête/).fill(TOKEN);
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator(".mode-banner")).toContainText("avec votre jeton");
});

test("the dialog says where to get a token: the account pages and the connexion tutorial", async ({ page, request }) => {
  const dialog = await realModeDialog(page);
  await expect(dialog.getByRole("link", { name: "compte Géoplateforme" })).toHaveAttribute("href", "https://sso.geopf.fr/realms/geoplateforme/account/");
  await expect(dialog.getByRole("link", { name: "Mon compte sur cartes.gouv.fr" })).toHaveAttribute("href", "https://cartes.gouv.fr/mon-compte");
  const tutorial = dialog.getByRole("link", { name: "Connexion à l'API Entrepôt" });
  const href = (await tutorial.getAttribute("href"))!;
  expect((await request.get(href)).status()).toBe(200);
});

test("Anne's token: its own field, focusable by event, kept in the tab like the reader's and never in localStorage", async ({ page }) => {
  const anneToken = "jeton-anne-e2e-51c7";
  await useRealMode(page, TOKEN);
  await page.evaluate(() => document.dispatchEvent(new CustomEvent("settings:open", { detail: { focus: "user-token", user: "anne" } })));
  const dialog = page.getByRole("dialog", { name: "Réglages" });
  const field = dialog.getByLabel(/^Anne Halise : son jeton/);
  await expect(field).toBeFocused();
  await field.fill(anneToken);
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await page.reload();
  await page.getByRole("button", { name: /^Réglages/ }).click();
  await expect(field).toHaveValue(anneToken);
  const stored = await page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) }));
  expect(stored.local).not.toContain(anneToken);
  expect(stored.session).toContain(anneToken);
  // Memory only: gone from sessionStorage once saved so.
  await dialog.getByRole("checkbox", { name: /Garder les jetons/ }).uncheck();
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(anneToken);
});

// Variable values in URL paths: percent-encoded as one segment; "." and ".." (which browsers resolve even as %2E%2E)
// are shown encoded and never sent. The URL shown, confirmed, copied and sent is one string.
import { expect, test, type Page, type Request } from "@playwright/test";
import { ARCHIVE_PAGES, block, runBlock } from "./helpers.ts";

const LIVRAISON = ARCHIVE_PAGES[0]!;
const NETTOYAGE = ARCHIVE_PAGES[3]!;
const VARIABLES = "entrepot-tutoriels:v1:variables:";
const FAKE_BASE = "http://127.0.0.1:9/api";

/** Opens `path` with these variables stored for `profile` (as earlier steps would have left them). */
async function openWithVariables(page: Page, path: string, values: Record<string, string>, profile = "simule"): Promise<void> {
  await page.goto(path);
  await page.evaluate(([key, items]) => {
    const variables = Object.fromEntries(Object.entries(items).map(([name, value]) => [name, { value, source: "essai" }]));
    localStorage.setItem(key, JSON.stringify(variables));
  }, [`${VARIABLES}${profile}`, values] as const);
  await page.reload();
  await expect(page.getByRole("button", { name: /^Réglages · / })).toBeVisible();
}

/** Switches to real mode on a base answered by page.route (nothing leaves the machine). */
async function useFakeRealMode(page: Page, requests: Request[]): Promise<void> {
  await page.route(`${FAKE_BASE}/**`, (route) => {
    requests.push(route.request());
    return route.fulfill({ status: 204, headers: { "Access-Control-Allow-Origin": "*" } });
  });
  await page.goto(LIVRAISON);
  await page.getByRole("button", { name: /^Réglages/ }).click();
  const dialog = page.getByRole("dialog", { name: "Réglages" });
  await dialog.getByLabel(/Réel/).check();
  await dialog.getByLabel("Environnement").selectOption("custom");
  await dialog.getByLabel("URL de base de l'API").fill(FAKE_BASE);
  await dialog.getByLabel(/^Jeton/).fill("jeton");
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator(".mode-banner")).toContainText(FAKE_BASE);
}

for (const value of ["..", "."]) {
  test(`{stored data} = "${value}": the URL is shown with %2E, and nothing is sent or copied`, async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith("https://data.geopf.fr/api/")) sent.push(`${request.method()} ${request.url()}`);
    });
    await openWithVariables(page, NETTOYAGE, { datastore: "d-1", "stored data": value });
    const remove = block(page, "DELETE", "/stored_data/{stored data}");
    const encoded = value === ".." ? "%2E%2E" : "%2E";
    await remove.getByRole("button", { name: /^Exécuter/ }).click();
    const alert = remove.locator(".api-block__missing");
    await expect(alert).toContainText(`{stored data} vaut « ${value} »`);
    await expect(alert).toContainText(`https://data.geopf.fr/api/datastores/d-1/stored_data/${encoded},`);
    expect(await alert.textContent()).not.toMatch(/stored_data\/\.\.?[,\s]/);
    await expect(remove.locator(".api-block__status")).toHaveText("Rien n'a été envoyé.");
    await remove.getByRole("button", { name: "Copier en curl" }).click();
    await expect(alert).toBeVisible();
    await expect(remove.locator(".api-block__copied")).toBeHidden();
    // The list block next to it still works: the page and the simulated datastore are fine, and no DELETE left.
    expect(await runBlock(block(page, "GET", "/datastores/{datastore}/stored_data"))).not.toBe("error");
    expect(sent.filter((line) => line.startsWith("DELETE"))).toEqual([]);
    await expect(remove).not.toHaveAttribute("data-response-status", /.*/);
  });
}

test("a path value with / ? # % and spaces stays one segment: shown, copied and sent as the same string", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openWithVariables(page, LIVRAISON, { datastore: "d-1", upload: "a/b?c#d%e f" });
  const expected = "https://data.geopf.fr/api/datastores/d-1/uploads/a%2Fb%3Fc%23d%25e%20f";
  const get = block(page, "GET", "/uploads/{upload}");
  const [request] = await Promise.all([
    page.waitForRequest((candidate) => candidate.url().startsWith("https://data.geopf.fr/api/datastores/d-1/uploads/")),
    get.getByRole("button", { name: /^Exécuter/ }).click(),
  ]);
  expect(request.url()).toBe(expected);
  await expect(get.locator(".api-block__sent code")).toHaveText(expected);
  await get.getByRole("button", { name: "Copier en curl" }).click();
  await expect(get.locator(".api-block__copied")).toBeVisible();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain(`"${expected}"`);
});

test("real mode: the confirmation, the URL shown and the request sent are the same encoded URL", async ({ page }) => {
  const requests: Request[] = [];
  await useFakeRealMode(page, requests);
  await openWithVariables(page, NETTOYAGE, { datastore: "d-1", "stored data": "x y/.." }, `reel:${FAKE_BASE}`);
  const expected = `${FAKE_BASE}/datastores/d-1/stored_data/x%20y%2F..`;
  const confirmations: string[] = [];
  page.on("dialog", (dialog) => {
    confirmations.push(dialog.message());
    void dialog.accept();
  });
  const remove = block(page, "DELETE", "/stored_data/{stored data}");
  expect(await runBlock(remove)).toBe("204");
  expect(confirmations).toHaveLength(1);
  expect(confirmations[0]).toContain(`DELETE ${expected}\n`);
  await expect(remove.locator(".api-block__sent code")).toHaveText(expected);
  expect(requests.map((request) => `${request.method()} ${request.url()}`)).toEqual([`DELETE ${expected}`]);
});

test('real mode: {stored data} = ".." asks nothing and sends nothing', async ({ page }) => {
  const requests: Request[] = [];
  await useFakeRealMode(page, requests);
  await openWithVariables(page, NETTOYAGE, { datastore: "d-1", "stored data": ".." }, `reel:${FAKE_BASE}`);
  const confirmations: string[] = [];
  page.on("dialog", (dialog) => {
    confirmations.push(dialog.message());
    void dialog.dismiss();
  });
  const remove = block(page, "DELETE", "/stored_data/{stored data}");
  await remove.getByRole("button", { name: /^Exécuter/ }).click();
  await expect(remove.locator(".api-block__missing")).toContainText(`${FAKE_BASE}/datastores/d-1/stored_data/%2E%2E,`);
  await expect(remove.locator(".api-block__status")).toHaveText("Rien n'a été envoyé.");
  expect(confirmations).toEqual([]);
  expect(requests).toEqual([]);
});

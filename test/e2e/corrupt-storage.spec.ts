// Corrupt localStorage / sessionStorage entries: the page starts anyway, says what it ignored, blocks and
// "Tout recommencer" keep working.
import { expect, test, type Page } from "@playwright/test";
import { ARCHIVE_PAGES, block, runBlock } from "./helpers.ts";

const LIVRAISON = ARCHIVE_PAGES[0]!;
const PREFIX = "entrepot-tutoriels:v1:";
const SETTINGS = `${PREFIX}settings`;
const VARIABLES = `${PREFIX}variables:simule`;
const NOTICE_START = "Données illisibles ignorées dans le stockage du navigateur : ";

/** Opens the page once, writes the entries as another program would, and reloads. */
async function openWith(page: Page, entries: Record<string, string>, area: "localStorage" | "sessionStorage" = "localStorage"): Promise<void> {
  await page.goto(LIVRAISON);
  await page.evaluate(([items, where]) => {
    for (const [key, value] of Object.entries(items)) window[where].setItem(key, value);
  }, [entries, area] as const);
  await page.reload();
}

/** The page started (Alpine ran), shows the notice and can still run a block. */
async function expectWorkingPage(page: Page, ignored: string): Promise<void> {
  await expect(page.getByRole("button", { name: "Réglages · mode simulé" })).toBeVisible();
  await expect(page.locator(".mode-banner").getByRole("status")).toHaveText(
    `${NOTICE_START}${ignored}. La page continue avec les valeurs par défaut ; « Tout recommencer » efface ces données.`,
  );
  await expect(page.locator(".variables")).toContainText("{datastore}");
  expect(await runBlock(block(page, "GET", "/users/me"))).toBe("200");
}

/** "Tout recommencer" (in the Variables panel, confirmed) reloads without the notice and without the corrupt entry. */
async function expectResetClears(page: Page, key: string, corrupt: string): Promise<void> {
  await page.getByRole("button", { name: /^Variables \(/ }).click();
  page.once("dialog", (dialog) => void dialog.accept());
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Tout recommencer" }).click()]);
  await expect(page.getByRole("button", { name: "Réglages · mode simulé" })).toBeVisible();
  await expect(page.locator(".mode-banner__notice")).toBeHidden();
  // The variables are written again at once (the simulated {datastore}); the settings only when saved.
  expect(await page.evaluate((name) => localStorage.getItem(name), key)).not.toBe(corrupt);
}

const settingsCases: [string, string, string][] = [
  ["null", "null", "les réglages"],
  ["a string (not an object)", '"reel"', "les réglages"],
  ["an array", '["reel"]', "les réglages"],
  ["not JSON", "{mode: reel", "les réglages"],
  ["real mode with a non-string apiBase", '{"mode": "reel", "apiBase": 12}', "les réglages"],
  ["a non-boolean keepToken and an unknown fault", '{"keepToken": "oui", "fault": "tout"}', "les réglages"],
  ["an unknown version", '{"version": 7, "mode": "reel", "apiBase": "https://ailleurs.example/api"}', "les réglages (enregistrés par une autre version du site)"],
];

for (const [what, value, ignored] of settingsCases) {
  test(`settings stored as ${what}: simulated mode, a notice, blocks and "Tout recommencer" work`, async ({ page }) => {
    await openWith(page, { [SETTINGS]: value });
    await expectWorkingPage(page, ignored);
    await expect(page.locator(".mode-banner")).toContainText("Mode simulé");
    await expectResetClears(page, SETTINGS, value);
    expect(await page.evaluate((name) => localStorage.getItem(name), SETTINGS)).toBeNull();
  });
}

const variablesCases: [string, string, string][] = [
  ["null", "null", "les variables"],
  ["an array", '[{"value": "u-1", "source": "x"}]', "les variables"],
  ["{upload: null}", '{"upload": null}', "la variable {upload}"],
  ["a non-string value", '{"upload": {"value": 12, "source": "x"}}', "la variable {upload}"],
  ["a bare string", '{"upload": "u-1"}', "la variable {upload}"],
];

for (const [what, value, ignored] of variablesCases) {
  test(`variables stored as ${what}: left out with a notice, blocks and "Tout recommencer" work`, async ({ page }) => {
    await openWith(page, { [VARIABLES]: value });
    await expectWorkingPage(page, ignored);
    // {upload} is not known: its blocks say so instead of failing.
    const tree = block(page, "GET", "/uploads/{upload}/tree");
    await tree.getByRole("button", { name: /^Exécuter/ }).click();
    await expect(tree.locator(".api-block__missing")).toContainText("Variable non renseignée : {upload}");
    await expectResetClears(page, VARIABLES, value);
  });
}

test("a good variable next to a corrupt one is kept", async ({ page }) => {
  await openWith(page, { [VARIABLES]: JSON.stringify({ upload: { value: "u-1", source: "essai" }, execution: null }) });
  await expectWorkingPage(page, "la variable {execution}");
  await expect(page.locator(".variables").getByLabel("{upload}", { exact: true })).toHaveValue("u-1");
});

test("a corrupt block result: the block shows nothing, says why, and runs", async ({ page }) => {
  await page.goto(LIVRAISON);
  const id = await page.evaluate(() => {
    const spec = document.querySelector('[data-api-block][data-url$="/users/me"] script[data-api-spec]')?.textContent;
    return (JSON.parse(spec ?? "{}") as { id?: string }).id;
  });
  expect(id).toBeTruthy();
  await openWith(page, { [`${PREFIX}result:simule:${id}`]: '{"status": null, "text": 3}' });
  await expectWorkingPage(page, "le dernier résultat d'un bloc");
});

test("a corrupt token in the tab's sessionStorage is ignored and said", async ({ page }) => {
  await openWith(page, { [`${PREFIX}token`]: '{"value": 12}' }, "sessionStorage");
  await expectWorkingPage(page, "le jeton de cet onglet");
  expect(await page.evaluate((key) => sessionStorage.getItem(key), `${PREFIX}token`)).toBeNull();
});

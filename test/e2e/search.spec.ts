// The header search (Pagefind): results that lead to a section with the words highlighted there, no button text in
// the index, English API words found in French, every page that sends GetCapabilities, more than 8 results, and the
// keyboard shortcuts; and each tutorial found by a French query (moved from site.spec.ts).
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ARCHIVE_PAGES } from "./helpers.ts";

const box = (page: Page) => page.getByRole("searchbox", { name: /Rechercher/ });
const results = (page: Page) => page.locator("#site-search-results");
/** The pages (one per result) listed, in order. */
const pageLinks = (page: Page) => results(page).locator(".search-result-link");

async function search(page: Page, query: string): Promise<void> {
  await box(page).fill(query);
  await expect(page.locator("#site-search-status")).toHaveText(/résultat/);
  await expect(pageLinks(page).first()).toBeVisible();
}

/** Presses « Voir plus de résultats » until every result is listed, each time waiting for the new ones to show. */
async function showAll(page: Page): Promise<void> {
  const more = page.getByRole("button", { name: "Voir plus de résultats" });
  while (await more.isVisible()) {
    const shown = await pageLinks(page).count();
    await more.click();
    await expect(pageLinks(page)).not.toHaveCount(shown);
  }
}

/** A result link's page path, without the highlight query and the anchor. */
const pathOf = (href: string) => href.replace(/[?#].*$/, "");

/** The pages whose request blocks send a GetCapabilities request, read from the tutorials' sources. */
function pagesSendingGetCapabilities(): string[] {
  const root = path.resolve("src/content");
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".md") && /^\?\?\? GET "[^"]*REQUEST=GetCapabilities/im.test(fs.readFileSync(file, "utf8"))) {
        const url = `/${path.relative(root, file).replace(/\.md$/, "/").replace(/(^|\/)index\/$/, "$1")}`;
        found.push(url);
      }
    }
  };
  walk(root);
  return found.sort();
}

test("« jeton » leads to the sections that explain the token, without the blocks' button text", async ({ page }) => {
  await page.goto("/");
  await search(page, "jeton");
  const excerpts = results(page).locator(".search-result-excerpt");
  await expect(excerpts.first()).toBeVisible();
  // The buttons and status lines of the blocks are not indexed: no excerpt quotes them.
  const quoted = (await excerpts.allTextContents()).join(" ");
  for (const uiText of [/Exécuter/, /Arrêter/, /Copier en (curl|Python)/, /Renouveler le jeton\.?\s*Réessayer/, /Résultat de votre dernière exécution/]) {
    expect(quoted, String(uiText)).not.toMatch(uiText);
  }
  const first = await pageLinks(page).evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
  expect(first.length).toBe(8);
  // The archive tutorial says where the token comes from (Prérequis) and what the API answers without it (livraison);
  // the cleanup pages, which only had it in the "Renouveler le jeton" button, are not found at all.
  expect(first.map(pathOf)).toContain("/tutoriels/alimentation-diffusion-archive/");
  await showAll(page);
  await expect(results(page).locator('.search-result-link[href^="/tutoriels/alimentation-diffusion-archive/livraison/"]')).toHaveCount(1);
  await expect(results(page).locator('a[href*="/nettoyage/"]')).toHaveCount(0);
  // Each result leads to a section (its heading's anchor), with the words to highlight.
  const prerequis = results(page).locator('a[href^="/tutoriels/alimentation-diffusion-archive/?"][href$="#prerequis"]').first();
  await expect(prerequis).toHaveAttribute("href", /pagefind-highlight=jeton/);
});

test("a section result opens the page at that section, its matched words highlighted", async ({ page }) => {
  await page.goto("/");
  await search(page, "jeton");
  await results(page).locator('a.search-result__section[href^="/tutoriels/alimentation-diffusion-archive/?"][href$="#prerequis"]').first().click();
  await expect(page).toHaveURL(/\/tutoriels\/alimentation-diffusion-archive\/\?pagefind-highlight=jeton.*#prerequis$/);
  const heading = page.locator("h2#prerequis");
  await expect(heading).toBeInViewport();
  const mark = page.locator("mark.search-highlight").filter({ hasText: /^jeton$/i }).first();
  await expect(mark).toBeVisible();
  await expect(mark).toBeInViewport();
  // The marked word is the one of the section: it follows its heading.
  expect(await heading.evaluate((h, m) => !!(h.compareDocumentPosition(m!) & Node.DOCUMENT_POSITION_FOLLOWING), await mark.elementHandle())).toBe(true);
  // Nothing is marked inside the blocks' controls or editable bodies.
  await expect(page.locator("button mark, textarea mark, .api-block__actions mark")).toHaveCount(0);
});

test("English words of the API find the French sections: token, upload, stored data, offering, key", async ({ page }) => {
  await page.goto("/");
  // token → jeton: the archive overview's Prérequis is among the first results, marked « jeton ».
  await search(page, "token");
  await expect(results(page).locator('a[href^="/tutoriels/alimentation-diffusion-archive/?"][href$="#prerequis"]').first()).toBeVisible();
  await expect(results(page).locator("mark").filter({ hasText: /^jeton/i }).first()).toBeVisible();
  const expectations: [string, RegExp][] = [
    ["upload", /^livraison/i],
    ["stored data", /^donnée|^stockée/i],
    ["offering", /offre/i],
    ["key", /^clé/i],
  ];
  for (const [query, french] of expectations) {
    await search(page, query);
    await expect(results(page).locator("mark").filter({ hasText: french }).first(), query).toBeVisible();
  }
  await search(page, "upload");
  await expect(pageLinks(page).first()).toHaveText(/Livraison/);
});

test("« GetCapabilities » finds every page whose blocks send it, with « Voir plus de résultats »", async ({ page }) => {
  const expected = pagesSendingGetCapabilities();
  expect(expected.length).toBeGreaterThanOrEqual(5);
  await page.goto("/");
  await search(page, "GetCapabilities");
  await showAll(page);
  const found = await pageLinks(page).evaluateAll((links) => links.map((link) => link.getAttribute("href")!.replace(/[?#].*$/, "")));
  for (const url of expected) expect(found, url).toContain(url);
});

test("more than 8 results: « Voir plus de résultats » adds the next 8 and moves the focus to the first of them", async ({ page }) => {
  await page.goto("/");
  await search(page, "livraison");
  await expect(pageLinks(page)).toHaveCount(8);
  await expect(page.locator(".site-search__status")).toHaveText(/^\d+ résultats \(8 affichés\)$/);
  const total = Number((await page.locator(".site-search__status").textContent())!.match(/^\d+/)![0]);
  expect(total).toBeGreaterThan(8);
  await page.getByRole("button", { name: "Voir plus de résultats" }).click();
  await expect(pageLinks(page)).toHaveCount(Math.min(16, total));
  await expect(pageLinks(page).nth(8)).toBeFocused();
  await expect(page.locator("#site-search-status")).toHaveText(total > 16 ? `${total} résultats (16 affichés)` : `${total} résultats`);
});

test("/, Ctrl+K and ⌘K focus the search from anywhere, but not while typing in a field", async ({ page }) => {
  await page.goto("/tutoriels/alimentation-diffusion-archive/integration/");
  await page.locator("main").focus();
  await page.keyboard.press("/");
  await expect(box(page)).toBeFocused();
  await expect(box(page)).toHaveValue("");
  await page.keyboard.type("recopie");
  await page.locator("main").focus();
  await page.keyboard.press("Control+k");
  await expect(box(page)).toBeFocused();
  // The query is selected: typing replaces it.
  await page.keyboard.type("archive");
  await expect(box(page)).toHaveValue("archive");
  await page.locator("main").focus();
  await page.keyboard.press("Meta+k");
  await expect(box(page)).toBeFocused();
  // In a block's body (the JSON editor a click mounts), "/" is a character of the JSON.
  const block = page.locator(".api-block").filter({ has: page.locator(".api-block__body textarea") }).first();
  await block.locator(".api-block__body textarea").click();
  const editor = block.locator(".cm-content");
  await expect(editor).toBeFocused();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("/");
  await expect(editor).toBeFocused();
  await expect(box(page)).not.toBeFocused();
  // The hidden textarea keeps the editor's text: it is what is sent.
  await expect(block.locator(".api-block__body textarea")).toHaveValue(/\/$/);
  await expect(box(page)).toHaveAttribute("aria-keyshortcuts", "/ Control+K Meta+K");
});

test("searching « Recopie d'une archive livrée » finds the intégration page", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("searchbox", { name: /Rechercher/ }).or(page.getByRole("combobox", { name: /Rechercher/ }));
  await box.fill("Recopie d'une archive livrée");
  const result = page.locator(`a[href*="${ARCHIVE_PAGES[1]}"]`).filter({ hasText: /Intégration/ });
  await expect(result.first()).toBeVisible();
});

// A French query a reader would type, and the tutorial folder whose pages must come among the results.
const CURRICULUM_QUERIES: [string, string][] = [
  ["injection de données vecteur", "/tutoriels/mise-a-jour-vecteur/"],
  ["dérivation SQL", "/tutoriels/derivation-vecteur/"],
  ["composition de pyramides raster", "/tutoriels/mise-a-jour-raster/"],
  ["moissonnage WMS", "/tutoriels/moissonnage-wms/"],
  ["altitude MNT", "/tutoriels/donnees-mnt/"],
  ["jeton de rafraîchissement", "/tutoriels/controle-acces-api/"],
  ["clé d'accès service privé", "/tutoriels/controle-acces-diffusion/"],
  ["publier une annexe", "/tutoriels/donnees-complementaires/"],
  ["membres d'une communauté", "/tutoriels/espaces-de-travail/"],
  ["index de recherche", "/tutoriels/index-de-recherche/"],
  ["export GeoNature", "/tutoriels/flux-geonature/"],
  ["dépôt Theia OZCAR", "/tutoriels/depot-theia/"],
];

for (const [query, folder] of CURRICULUM_QUERIES) {
  test(`searching « ${query} » finds a page of ${folder}`, async ({ page }) => {
    await page.goto("/");
    await page.getByRole("searchbox", { name: /Rechercher/ }).fill(query);
    await expect(page.locator(`.site-search a[href^="${folder}"]`).first()).toBeVisible();
  });
}

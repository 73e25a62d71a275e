// Finding one's way through the pages (issue 14, items 8 and 9): "Sur cette page", the next tutorial, the 404 page,
// the theme choice, a compact top on phones, wide diagrams, URLs that break between path segments; and (item 4) the
// archive cleanup text against what its blocks return.
import { expect, test, type Page } from "@playwright/test";
import { ARCHIVE_PAGES, block, openTutorialPage, responseJson, runAllBlocks } from "./helpers.ts";

const ARCHIVE_OVERVIEW = "/tutoriels/alimentation-diffusion-archive/";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1400, height: 900 };

/** The tutorials as the home page lists them (themes, then tutorials), as [title, path]. */
async function homeTutorials(page: Page): Promise<[string, string][]> {
  await page.goto("/");
  return page.locator(".home-tutorials a").evaluateAll((links) =>
    links.map((link) => [link.textContent!.trim(), (link as unknown as { pathname: string }).pathname] as [string, string]),
  );
}

test("a tutorial page lists its sections under « Sur cette page »: open on desktop, folded on a phone, links to anchors", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto(ARCHIVE_PAGES[3]!);
  const toc = page.getByRole("navigation", { name: "Sur cette page" });
  const headings = await page.locator("article h2, article h3").allTextContents();
  await expect(toc.getByRole("link")).toHaveText(headings.map((text) => text.trim()));
  await expect(toc.getByRole("link", { name: "Supprimer la donnée stockée" })).toBeVisible();
  await toc.getByRole("link", { name: "Supprimer la donnée stockée" }).click();
  await expect(page).toHaveURL(/#supprimer-la-donnee-stockee$/);
  await expect(page.getByRole("heading", { name: "Supprimer la donnée stockée" })).toBeInViewport();

  await page.setViewportSize(PHONE);
  await page.goto(ARCHIVE_PAGES[3]!);
  await expect(toc.getByRole("link").first()).toBeHidden();
  await page.locator(".page-toc__toggle").click();
  await expect(toc.getByRole("link", { name: "Vérifier" })).toBeVisible();
});

test("a tutorial's last page leads to the next tutorial in the home page's order", async ({ page }) => {
  const tutorials = await homeTutorials(page);
  expect(tutorials.length).toBeGreaterThan(2);
  await page.goto(ARCHIVE_PAGES[3]!);
  const [title, path] = tutorials[tutorials.findIndex(([, url]) => url === ARCHIVE_OVERVIEW) + 1]!;
  const next = page.getByRole("link", { name: new RegExp(`Tutoriel suivant : ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
  await expect(next).toHaveAttribute("href", path);
  // Only on a last page: the first step goes on within its tutorial.
  await page.goto(ARCHIVE_PAGES[0]!);
  await expect(page.getByRole("link", { name: /Tutoriel suivant/ })).toHaveCount(0);
});

test("an unknown address gets a French 404 page with the search, every tutorial and a link home", async ({ page }) => {
  const tutorials = await homeTutorials(page);
  const response = await page.goto("/tutoriels/cette-page-n-existe-pas/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  await expect(page.getByRole("searchbox", { name: "Rechercher dans la documentation" })).toBeVisible();
  const content = page.locator("#contenu");
  for (const [title, path] of tutorials) await expect(content.getByRole("link", { name: title, exact: true })).toHaveAttribute("href", path);
  await expect(content.getByRole("link", { name: "Retour à l’accueil" })).toHaveAttribute("href", "/");
  // Its stylesheet and scripts load from any depth (absolute URLs): the header is styled, the theme choice is wired.
  expect(await page.locator(".site-header").evaluate((header) => getComputedStyle(header).display)).toBe("flex");
  await expect(page.getByRole("combobox", { name: "Thème" })).toHaveValue("system");
});

test("the theme choice (light, dark, system) sets data-theme, reaches code and diagrams, and is applied before the app loads", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(ARCHIVE_OVERVIEW);
  const theme = page.getByRole("combobox", { name: "Thème" });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect(theme).toHaveValue("system");
  await theme.selectOption({ label: "Sombre" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).toBe("rgb(20, 23, 28)");
  await expect(page.locator("figure.diagram .diagram-dark svg").first()).toBeVisible();
  await expect(page.locator("figure.diagram .diagram-light svg").first()).toBeHidden();
  // Kept across pages; set by the blocking head script even when the app bundle never loads.
  await page.route("**/assets/app.js", (route) => route.abort());
  await page.goto(ARCHIVE_PAGES[0]!);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).toBe("rgb(20, 23, 28)");
  await expect(page.getByRole("combobox", { name: "Thème" })).toHaveValue("dark");
  const codeColour = () => page.locator("pre.shiki").first().evaluate((pre) => getComputedStyle(pre).backgroundColor);
  const darkCode = await codeColour();
  await page.unroute("**/assets/app.js");
  await page.goto(ARCHIVE_PAGES[0]!);
  await page.getByRole("combobox", { name: "Thème" }).selectOption({ label: "Clair" });
  expect(await background()).toBe("rgb(255, 255, 255)");
  expect(await codeColour()).not.toBe(darkCode);
  await page.getByRole("combobox", { name: "Thème" }).selectOption({ label: "Système" });
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.*/);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background()).toBe("rgb(20, 23, 28)");
});

test("on a phone the header, the banner and « Sommaire » take under a fifth of the first screen", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto(ARCHIVE_PAGES[0]!);
  const sommaire = page.locator(".site-nav");
  await expect(sommaire).not.toHaveAttribute("open", /.*/);
  const bottom = await sommaire.evaluate((element) => element.getBoundingClientRect().bottom);
  expect(bottom).toBeLessThan(PHONE.height * 0.2);
  const banner = page.locator(".mode-banner > p").first();
  const lines = await banner.evaluate((element) => element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight));
  expect(lines).toBeLessThan(1.5);
  await expect(page.getByRole("searchbox")).toBeInViewport();
  await expect(page.getByRole("button", { name: /Réglages/ })).toBeInViewport();
});

test("a diagram wider than the page at 1400 px says it scrolls, and scrolling shows its last stage", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto(ARCHIVE_OVERVIEW);
  const figure = page.locator("figure.diagram").first();
  await expect(figure.getByText(/faites-le défiler horizontalement/)).toBeVisible();
  const stage = figure.locator(".diagram-light .cluster-label", { hasText: "Publication" });
  const inside = async () => {
    const [box, frame] = [await stage.boundingBox(), await figure.boundingBox()];
    return box !== null && frame !== null && box.x >= frame.x && box.x + box.width <= frame.x + frame.width;
  };
  expect(await inside()).toBe(false);
  await figure.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
  await expect.poll(inside).toBe(true);
  // Drawn left to right on a wide screen; a diagram that fits has no hint.
  await page.goto("/tutoriels/mise-a-jour-raster/");
  await expect(page.locator("figure.diagram").first().locator(".diagram-hint")).toBeHidden();
});

test("on a phone a left-to-right diagram is drawn top to bottom and fits the screen", async ({ page }) => {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize(PHONE);
    await page.goto(ARCHIVE_OVERVIEW);
    const figure = page.locator("figure.diagram").first();
    const drawing = figure.locator(`.diagram-narrow-${scheme} svg`);
    await expect(drawing).toBeVisible();
    await expect(figure.locator(".diagram-light svg")).toBeHidden();
    expect(await figure.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    const frame = (await figure.boundingBox())!;
    for (const name of ["Livraison", "Intégration", "Publication"]) {
      const box = (await drawing.locator(".cluster-label", { hasText: name }).boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(frame.x);
      expect(box.x + box.width, name).toBeLessThanOrEqual(frame.x + frame.width);
    }
  }
});

test("a block's URL never breaks inside a placeholder such as {execution}", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto(ARCHIVE_PAGES[1]!);
  const placeholders = page.locator(".api-block__url .ph");
  expect(await placeholders.count()).toBeGreaterThan(5);
  const broken = await placeholders.evaluateAll((spans) => spans.filter((span) => span.getClientRects().length > 1).map((span) => span.textContent));
  expect(broken).toEqual([]);
});

test("the archive cleanup shows what its text says: an empty list, then the stored data kept as DELETED", async ({ page }) => {
  for (const path of ARCHIVE_PAGES) {
    await openTutorialPage(page, path);
    await runAllBlocks(page, path);
  }
  const listed = (await responseJson(block(page, "GET", "/stored_data"))) as unknown[];
  expect(listed).toEqual([]);
  const deleted = (await responseJson(block(page, "GET", "/stored_data?status=DELETED"))) as { name: string; status: string }[];
  expect(deleted.map((item) => [item.name, item.status])).toEqual([["Données départementales", "DELETED"]]);
});

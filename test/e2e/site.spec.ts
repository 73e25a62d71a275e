// Site-wide features: Mermaid diagrams (drawn at build time), the tutorial lists (search: search.spec.ts).
import { expect, test } from "@playwright/test";
import { ARCHIVE_PAGES } from "./helpers.ts";

test("diagrams are drawn at build time: the intégration page shows its SVG and downloads no Mermaid", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.goto(ARCHIVE_PAGES[1]!);
  const figure = page.locator("figure.diagram").first();
  await expect(figure.locator(".diagram-light svg")).toBeVisible();
  await expect(figure.getByText("Exécution du traitement").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(requested.filter((url) => /mermaid/i.test(url))).toEqual([]);
});

test("a diagram follows the colour scheme, also when it changes while the page is open", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/tutoriels/alimentation-diffusion-vecteur/");
  const figure = page.locator("figure.diagram").first();
  await expect(figure.locator(".diagram-dark svg")).toBeVisible();
  await expect(figure.locator(".diagram-light svg")).toBeHidden();
  await page.emulateMedia({ colorScheme: "light" });
  await expect(figure.locator(".diagram-light svg")).toBeVisible();
  await expect(figure.locator(".diagram-dark svg")).toBeHidden();
});

test("data-theme on <html> forces the palette and the diagrams over the system preference", async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/tutoriels/alimentation-diffusion-vecteur/");
  const figure = page.locator("figure.diagram").first();
  expect(await background()).toBe("rgb(255, 255, 255)");
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  expect(await background()).toBe("rgb(20, 23, 28)");
  await expect(figure.locator(".diagram-dark svg")).toBeVisible();
  await expect(figure.locator(".diagram-light svg")).toBeHidden();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "light"));
  expect(await background()).toBe("rgb(255, 255, 255)");
  await expect(figure.locator(".diagram-light svg")).toBeVisible();
  await expect(figure.locator(".diagram-dark svg")).toBeHidden();
});

test("a diagram wider than the page keeps readable labels, scrolls horizontally, also from the keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/tutoriels/alimentation-diffusion-vecteur/");
  const figure = page.locator("figure.diagram").first();
  const svg = figure.locator(".diagram-light svg");
  const natural = Number(/max-width:\s*([\d.]+)px/.exec((await svg.getAttribute("style")) ?? "")?.[1]);
  expect(natural).toBeGreaterThan(1000);
  expect((await svg.boundingBox())!.width).toBeGreaterThanOrEqual(natural * 0.75 - 1);
  await expect(figure).toHaveAttribute("role", "region");
  await expect(figure).toHaveAccessibleName(/faire défiler horizontalement/);
  await figure.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => figure.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  // A diagram that fits stays a plain figure, out of the tab order.
  await page.goto("/tutoriels/alimentation-diffusion-vecteur/pyramide/");
  await expect(page.locator("figure.diagram .diagram-light svg").first()).toBeVisible();
  await expect(page.locator("figure.diagram").first()).not.toHaveAttribute("tabindex", /.*/);
});

test("every diagram of the site is drawn in both themes, with ids unique in its page", async ({ page }) => {
  await page.goto("/");
  const links = await page.locator(".site-nav a, nav a").evaluateAll((anchors) => [...new Set(anchors.map((anchor) => (anchor as unknown as { pathname: string }).pathname))]);
  let diagrams = 0;
  for (const path of links.filter((link) => link.startsWith("/tutoriels/"))) {
    await page.goto(path);
    const figures = page.locator("figure.diagram");
    const count = await figures.count();
    diagrams += count;
    for (let index = 0; index < count; index += 1) {
      await expect(figures.nth(index).locator(".diagram-light > svg"), path).toHaveCount(1);
      await expect(figures.nth(index).locator(".diagram-dark > svg"), path).toHaveCount(1);
      // Flowcharts draw nodes, sequence diagrams actors: either way, shapes with their labels.
      await expect(figures.nth(index).locator(".diagram-light > svg").locator("g.node, .actor").first(), path).toBeAttached();
    }
    const ids = await page.locator("[id]").evaluateAll((elements) => elements.map((element) => element.id));
    expect(ids.filter((id, index) => ids.indexOf(id) !== index), `${path}: duplicated ids`).toEqual([]);
  }
  expect(diagrams).toBeGreaterThanOrEqual(8);
});

test("the home page and the tutorial index list every tutorial of the sidebar once, under its theme", async ({ page }) => {
  await page.goto("/tutoriels/");
  // The overviews of the sidebar: the links one level under "Tutoriels".
  const overviews = await page.locator(".site-nav .nav-list--level-2 > .nav-item > .nav-link").evaluateAll((links) =>
    links.map((link) => (link as HTMLAnchorElement).getAttribute("href")).filter((href): href is string => href !== null && href.startsWith("/tutoriels/")));
  expect(overviews.length).toBeGreaterThanOrEqual(3);
  for (const path of ["/", "/tutoriels/"]) {
    await page.goto(path);
    const main = page.locator("main");
    const listed = await main.locator("h3 ~ ul a, h3 + p + ul a").evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).getAttribute("href")));
    expect([...new Set(listed)].sort(), `tutoriels listés par ${path}`).toEqual([...overviews].sort());
    expect(listed.length, `chaque tutoriel une seule fois sur ${path}`).toBe(overviews.length);
    for (const theme of ["Archives", "Gestion des données vecteur", "Gestion des données raster"]) {
      await expect(main.getByRole("heading", { level: 3, name: theme })).toBeVisible();
    }
    // The vector tutorial sits under the vector theme.
    const vector = main.getByRole("heading", { level: 3, name: "Gestion des données vecteur" }).locator("xpath=following::ul[1]");
    await expect(vector.getByRole("link", { name: "Alimentation et diffusion simple de données vecteur" })).toBeVisible();
  }
});

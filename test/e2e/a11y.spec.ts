// Accessibility. axe-core (WCAG 2.0/2.1 A and AA rules) finds no serious or critical violation on the site — home,
// /tutoriels/ and every page the navigation links to in the light colour scheme; in the dark one, the fewest pages that
// show every element and class of the site (a11y-pages.ts) — at rest, after running blocks (result, captured
// variables, diagnosis, missing variable, invalid body, restored result), with search results, with the Réglages
// dialog open, in real mode, and on a narrow screen, in both schemes. What axe leaves "incomplete" — highlighted code
// tokens, Mermaid labels — is checked for AA contrast by hand on every page in both schemes. The live regions (block
// status, errors, search count, captured variables) are checked for what they say.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { pagesCoveringEveryFeature } from "./a11y-pages.ts";
import { ARCHIVE_PAGES, blocks, openTutorialPage, REALISTIC_PACE, runBlock } from "./helpers.ts";

// The audits are independent: the two workers share them.
test.describe.configure({ mode: "parallel" });

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const SCHEMES = ["light", "dark"] as const;
/** How many tests share the every-page audit of a scheme. */
const PARTS = 3;
type Scheme = (typeof SCHEMES)[number];

const [LIVRAISON, INTEGRATION] = ARCHIVE_PAGES as [string, string];

/** The few DOM members the page functions use (the tests are type-checked without the DOM library). */
interface PageElement {
  textContent: string | null;
  closest(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  children: { length: number };
}
interface PageWindow {
  document: { body: PageElement; querySelectorAll(selector: string): Iterable<PageElement> };
  getComputedStyle(element: PageElement): { color: string; backgroundColor: string; fill: string; display: string };
  MutationObserver: new (callback: () => void) => { observe(target: PageElement, options: Record<string, boolean>): void };
}

type AxeViolations = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"];

/** One entry per failing node: rule, impact, help, where, the markup and axe's explanation. */
function describeViolations(violations: AxeViolations): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => {
      const summary = (node.failureSummary ?? "").replace(/\s+/g, " ").trim();
      return `[${violation.impact}] ${violation.id} — ${violation.help}\n    at ${node.target.join(" ")}\n    ${node.html.slice(0, 200)}\n    ${summary}`;
    }),
  );
}

/** Runs axe on the page as it is now; serious or critical violations fail the test (softly, so every page is audited). */
async function audit(page: Page, label: string): Promise<void> {
  // Only the violations are read: axe skips collecting the details of what passed.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ["violations"] }).analyze();
  const blocking = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect.soft(describeViolations(blocking), `axe: serious or critical violations on ${label}`).toEqual([]);
}

/**
 * Text that axe cannot judge (it reports it as "incomplete") checked by hand against AA (4.5:1, normal-size text):
 * every highlighted token against its code block's background, and every Mermaid label against the fill of its
 * shape (nodes, subgraphs) or its own background (edge labels). Returns "what: colour on background (ratio) « text »"
 * for each failing pair.
 */
function unjudgedContrastFailures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const win = globalThis as unknown as PageWindow;
    const rgb = (css: string) => (/^rgba?\(/.test(css) ? (css.match(/[\d.]+/g) ?? []).map(Number) : undefined);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const [R, G, B] = [r, g, b].map((value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
    };
    const failures = new Map<string, string>();
    const check = (what: string, element: PageElement, color: string, background: string | undefined) => {
      const [fg, bg] = [rgb(color), background === undefined ? undefined : rgb(background)];
      if (!fg || !bg || bg[3] === 0) return;
      const [l1, l2] = [luminance(fg), luminance(bg)];
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      if (ratio < 4.5) failures.set(`${what}|${color}|${background}`, `${what}: ${color} on ${background} (${ratio.toFixed(2)}:1) « ${element.textContent?.trim().slice(0, 40)} »`);
    };
    for (const token of win.document.querySelectorAll("pre.shiki span")) {
      if (token.children.length > 0 || !token.textContent?.trim()) continue;
      const pre = token.closest("pre")!;
      if (win.getComputedStyle(pre).display === "none") continue;
      check("code", token, win.getComputedStyle(token).color, win.getComputedStyle(pre).backgroundColor);
    }
    for (const label of win.document.querySelectorAll("figure.diagram .nodeLabel, figure.diagram .edgeLabel p")) {
      if (!label.textContent?.trim()) continue;
      // Each diagram is drawn in both themes (and, when wide, top to bottom for phones); the page hides the others.
      if (win.getComputedStyle(label.closest(".diagram-light, .diagram-dark, .diagram-narrow")!).display === "none") continue;
      const edge = label.closest(".edgeLabel");
      const group = label.closest("g.node, g.cluster");
      const shape = group && [...group.querySelectorAll(":scope > rect, :scope > path, :scope > polygon, :scope > circle")][0];
      const background = edge ? win.getComputedStyle(edge).backgroundColor : shape ? win.getComputedStyle(shape).fill : undefined;
      check("diagram", label, win.getComputedStyle(label).color, background);
    }
    return [...failures.values()];
  });
}

/** Checks that the emulated colour scheme is the one the page shows (a dark test on a light page proves nothing). */
async function expectScheme(page: Page, scheme: Scheme): Promise<void> {
  const background = await page.evaluate(() => {
    const win = globalThis as unknown as PageWindow;
    return win.getComputedStyle(win.document.body).backgroundColor;
  });
  const [r = 0, g = 0, b = 0] = (background.match(/\d+/g) ?? []).map(Number);
  const light = (r + g + b) / 3 > 128;
  expect(light ? "light" : "dark", `page background ${background}`).toBe(scheme);
}

/** Waits until the page is fully drawn: Alpine started, simulated datastore ready (diagrams are drawn at build time). */
async function settle(page: Page): Promise<void> {
  await expect(page.locator(".settings-button")).toHaveText(/Réglages · mode/);
  const simulated = /simulé/.test((await page.locator(".settings-button").textContent()) ?? "");
  if (simulated && (await blocks(page).count()) > 0) await expect(page.locator(".variables")).toContainText("{datastore}");
}

/** Home, the tutorials index and every page linked from the navigation, without duplicates. */
async function discoverPages(page: Page): Promise<string[]> {
  await page.goto("/");
  const hrefs = await page.locator(".site-nav a[href]").evaluateAll((links) => links.map((link) => (link as unknown as { href: string }).href));
  const origin = new URL(page.url()).origin;
  const paths = new Set<string>(["/", "/tutoriels/"]);
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin === origin) paths.add(url.pathname);
  }
  return [...paths];
}

/** Starts recording every text a live region shows (a MutationObserver set up before the change). */
async function recordTexts(region: Locator): Promise<() => Promise<string[]>> {
  await region.evaluate((element) => {
    const texts: string[] = [];
    (element as unknown as { recorded: string[] }).recorded = texts;
    const record = () => {
      const text = (element as unknown as PageElement).textContent?.trim() ?? "";
      if (text && texts[texts.length - 1] !== text) texts.push(text);
    };
    const { MutationObserver } = globalThis as unknown as PageWindow;
    new MutationObserver(record).observe(element as unknown as PageElement, { childList: true, characterData: true, subtree: true });
  });
  return () => region.evaluate((element) => (element as unknown as { recorded: string[] }).recorded);
}

for (const scheme of SCHEMES) {
  test.describe(`${scheme} colour scheme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    // The pages are shared among PARTS tests, which the two workers run side by side.
    for (let part = 0; part < PARTS; part += 1) {
      test(`every page (${part + 1}/${PARTS}): ${scheme === "light" ? "axe" : "axe on the pages covering every component"}, code and diagrams at AA (${scheme})`, async ({ page }) => {
        const pages = await discoverPages(page);
        expect(pages.length, "pages found from the navigation").toBeGreaterThan(20);
        // In dark, axe audits the fewest pages that show every element and class of the site (a11y-pages.ts); the
        // hand contrast check of code and diagrams, which the theme changes page by page, still runs on all of them.
        const audited = new Set(scheme === "light" ? pages : pagesCoveringEveryFeature(pages));
        const mine = pages.filter((_, index) => index % PARTS === part);
        // The audit grows with the site: room for each page on a loaded machine (not a speed target).
        test.setTimeout(Math.max(180_000, mine.length * 12_000));
        for (const path of mine) {
          await page.goto(path);
          await settle(page);
          await expectScheme(page, scheme);
          if (audited.has(path)) await audit(page, `${path} (${scheme})`);
          expect.soft(await unjudgedContrastFailures(page), `code or diagram text below 4.5:1 on ${path} (${scheme})`).toEqual([]);
        }
      });
    }

    test(`blocks after a run — result, variables, diagnosis, errors, restored — pass axe (${scheme})`, async ({ page }) => {
      await openTutorialPage(page, LIVRAISON);
      // A block whose variable is not filled yet: the message and the link to the providing block.
      const files = page.locator('[data-api-block][data-url*="/data?path=data/{fichier}"]');
      await files.getByRole("button", { name: /^Exécuter/ }).click();
      await expect(files.locator(".api-block__missing li a").first()).toBeVisible();
      // Successful runs: result, captured variables, copy message.
      expect(await runBlock(blocks(page).nth(1))).toBe("200");
      const create = page.locator('[data-api-block][data-method="POST"][data-url$="/uploads"]');
      expect(await runBlock(create)).toMatch(/^2\d\d$/);
      await expect(create.locator(".api-block__captured")).toBeVisible();
      await create.getByRole("button", { name: "Copier en curl" }).click();
      await expect(create.locator(".api-block__copied")).toBeVisible();
      // A 404 and its diagnosis: an unknown {upload}.
      const uploadInput = page.locator(".variables").getByLabel("{upload}", { exact: true });
      await page.getByRole("button", { name: /^Variables \(/ }).click();
      await uploadInput.fill("00000000-0000-0000-0000-000000000000");
      await uploadInput.blur();
      await page.keyboard.press("Escape");
      const read = page.locator('[data-api-block][data-method="GET"][data-url$="/uploads/{upload}"]');
      expect(await runBlock(read)).toBe("404");
      await expect(read.locator(".api-block__diagnosis")).toBeVisible();
      // An invalid body: the inline error and the "restore" link.
      await create.locator("textarea").fill('{"name": ');
      await create.getByRole("button", { name: /^Exécuter/ }).click();
      await expect(create.locator(".api-block__error")).toBeVisible();
      await expectScheme(page, scheme);
      await audit(page, `${LIVRAISON} after runs (${scheme})`);

      // After a reload, the results come back marked as restored.
      await page.reload();
      await settle(page);
      await expect(blocks(page).nth(1).locator(".api-block__restored")).toBeVisible();
      await audit(page, `${LIVRAISON} with restored results (${scheme})`);
    });

    test(`search results, the Réglages dialog and real mode pass axe (${scheme})`, async ({ page }) => {
      await openTutorialPage(page, INTEGRATION);
      await settle(page);
      await page.getByRole("searchbox", { name: /Rechercher/ }).fill("livraison");
      await expect(page.locator("#site-search-results a").first()).toBeVisible();
      await audit(page, `${INTEGRATION} with search results (${scheme})`);
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: /^Réglages/ }).click();
      const dialog = page.getByRole("dialog", { name: "Réglages" });
      await expect(dialog).toBeVisible();
      await audit(page, `${INTEGRATION} with Réglages open (${scheme})`);
      await dialog.getByLabel(/Réel/).check();
      await expect(dialog.getByLabel("URL de base de l'API")).toBeVisible();
      await audit(page, `${INTEGRATION} with Réglages open, real-mode fields (${scheme})`);

      // Real mode (no request sent): the banner changes colour and names the API.
      await dialog.getByRole("button", { name: "Enregistrer" }).click();
      await expect(page.locator(".mode-banner")).toContainText("Mode réel");
      await settle(page);
      await audit(page, `${INTEGRATION} in real mode (${scheme})`);
    });

    test(`narrow screen: folded navigation and stacked panels pass axe (${scheme})`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of ["/", LIVRAISON]) {
        await page.goto(path);
        await settle(page);
        await audit(page, `${path} at 390 px (${scheme})`);
      }
      await page.getByText("Sommaire", { exact: true }).click();
      await expect(page.locator(".site-nav a[aria-current='page']")).toBeVisible();
      await audit(page, `${LIVRAISON} at 390 px, navigation unfolded (${scheme})`);
    });
  });
}

test.describe("live regions", () => {
  // The status line is heard while an execution is WAITING or PROGRESS: realistic durations leave time to read it.
  test.use({ storageState: REALISTIC_PACE });
  test("a block's status line announces the progression and the final result", async ({ page }) => {
    await openTutorialPage(page, LIVRAISON);
    for (let index = 0; index < (await blocks(page).count()); index += 1) {
      const block = blocks(page).nth(index);
      const status = block.locator(".api-block__status");
      // The live region is in the page, empty, before anything happens (a region added with its text is not read).
      await expect(status).toHaveAttribute("role", "status");
      await expect(status).toHaveAttribute("aria-live", "polite");
      await expect(status).toHaveText("");
      const texts = await recordTexts(status);
      const result = await runBlock(block);
      expect(result).toMatch(/^2\d\d$/);
      const said = await texts();
      const isUpload = (await block.locator(".api-block__files").count()) > 0;
      expect(said[0], `first announcement of bloc ${index + 1}: ${said.join(" | ")}`).toMatch(isUpload ? /^Envoi du fichier 1\/\d+ : .+…$/ : /^Envoi en cours…$/);
      expect(said.at(-1), `last announcement of bloc ${index + 1}: ${said.join(" | ")}`).toMatch(new RegExp(`^Terminé : HTTP ${result} en \\d+ ms\\.$`));
    }

    // Waiting for a final status: the launched execution is read again while it is WAITING or PROGRESS.
    await page.goto(INTEGRATION);
    for (let index = 0; index < 4; index += 1) expect(await runBlock(blocks(page).nth(index))).toMatch(/^2\d\d$/);
    const execution = page.locator('[data-api-block][data-method="GET"][data-url$="/processings/executions/{execution}"]');
    const texts = await recordTexts(execution.locator(".api-block__status"));
    expect(await runBlock(execution)).toBe("200");
    const said = await texts();
    expect(said, said.join(" | ")).toContain("Envoi en cours…");
    expect(said.some((text) => /^Statut non final \((WAITING|PROGRESS)\) — nouvelle lecture n° 1…$/.test(text)), said.join(" | ")).toBe(true);
    expect(said.at(-1)).toMatch(/^Terminé : HTTP 200 en \d+ ms\.$/);
  });

  test("errors are alerts: invalid body, missing variable, failed request", async ({ page }) => {
    await openTutorialPage(page, LIVRAISON);
    const create = page.locator('[data-api-block][data-method="POST"][data-url$="/uploads"]');
    const files = page.locator('[data-api-block][data-url*="/data?path=data/{fichier}"]');

    await files.getByRole("button", { name: /^Exécuter/ }).click();
    await expect(files.getByRole("alert")).toContainText("Variable non renseignée : {upload}");
    await expect(files.getByRole("alert").getByRole("link", { name: /\{upload\} est fourni par un bloc de cette page/ })).toBeVisible();

    await create.locator("textarea").fill('{"name": ');
    await create.getByRole("button", { name: /^Exécuter/ }).click();
    await expect(create.getByRole("alert")).toContainText("Corps JSON invalide, rien n'a été envoyé");

    await create.locator("textarea").fill('{"name": "x", "type": "PAS-UN-TYPE", "srs": "EPSG:2154", "description": "d"}');
    expect(await runBlock(create)).toBe("400");
    const alert = create.getByRole("alert");
    await expect(alert).toHaveCount(1);
    await expect(alert).toContainText("400");
    await expect(create.locator(".api-block__status")).not.toHaveText("");
  });

  test("the search announces its result count in a live region that is always in the accessibility tree", async ({ page }) => {
    await page.goto("/");
    const status = page.getByRole("status").and(page.locator("#site-search-status"));
    await expect(status).toBeAttached();
    await expect(status).toHaveAttribute("aria-live", "polite");
    await expect(page.getByRole("searchbox", { name: /Rechercher/ })).toHaveAttribute("aria-describedby", "site-search-status");
    await page.getByRole("searchbox", { name: /Rechercher/ }).fill("livraison");
    await expect(status).toHaveText(/^\d+ résultats?( \(\d+ affichés\))?$/);
    await expect(page.locator(".site-search__status")).toHaveText((await status.textContent())!);
    await page.getByRole("searchbox", { name: /Rechercher/ }).fill("kwyjibo");
    await expect(status).toHaveText("Aucun résultat");
  });

  test("the variables panel announces each variable a response fills", async ({ page }) => {
    await openTutorialPage(page, LIVRAISON);
    const live = page.locator(".variables [aria-live='polite']");
    await expect(live).toHaveAttribute("aria-relevant", "additions text");
    await expect(live).not.toHaveAttribute("role", /.*/);
    await expect(live).not.toContainText("{upload}");
    const create = page.locator('[data-api-block][data-method="POST"][data-url$="/uploads"]');
    expect(await runBlock(create)).toMatch(/^2\d\d$/);
    const upload = await page.locator(".variables").getByLabel("{upload}", { exact: true }).inputValue();
    await expect(live.locator("p").filter({ hasText: "{upload}" })).toHaveText(`Variable {upload} renseignée : ${upload}`);
    await expect(live.locator("p").filter({ hasText: "{upload}" })).toHaveAttribute("aria-atomic", "true");
    // Running it again gives a new {upload}: the same line changes, and is read again whole.
    expect(await runBlock(create)).toMatch(/^2\d\d$/);
    const second = await page.locator(".variables").getByLabel("{upload}", { exact: true }).inputValue();
    expect(second).not.toBe(upload);
    await expect(live.locator("p").filter({ hasText: "{upload}" })).toHaveText(`Variable {upload} renseignée : ${second}`);
  });
});

// Keyboard only: the whole archive tutorial (livraison, intégration, publication, nettoyage, simulated mode) is run
// with Tab, Shift+Tab, Enter and Space — no mouse, no click(), no key sent to an element that does not have the
// focus. Every "Exécuter" button and every "Suivant" link is reached by tabbing, which proves the tab order gets there.
// Also: the skip link, and a visible focus indicator on links and buttons.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ARCHIVE_PAGES, blocks, responseOf } from "./helpers.ts";

/** The few DOM members the page functions use (the tests are type-checked without the DOM library). */
interface PageElement {
  id: string;
  tagName: string;
  className: unknown;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
}
interface PageWindow {
  document: { activeElement: PageElement | null; body: PageElement };
  getComputedStyle(element: unknown): { outlineStyle: string; outlineWidth: string; outlineColor: string; boxShadow: string };
}

/** Enough Tab presses to cross the longest page (sidebar, then every block's controls); more means a trap or a miss. */
const TAB_CAP = 300;

/** A short description of the focused element, for failure messages. */
async function focusedDescription(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageWindow;
    const element = document.activeElement;
    if (!element || element === document.body) return "<body>";
    const name = element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 40) ?? "";
    const id = element.id ? `#${element.id}` : "";
    const className = typeof element.className === "string" && element.className ? `.${element.className.split(/\s+/).join(".")}` : "";
    return `<${element.tagName.toLowerCase()}${id}${className}> ${name}`;
  });
}

/** True when `target` is document.activeElement. */
function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === element.ownerDocument.activeElement);
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until `target` is the focused element, and returns how many presses it
 * took. Fails after TAB_CAP presses, listing the last elements the focus went through.
 */
async function tabTo(page: Page, target: Locator, { backwards = false } = {}): Promise<number> {
  await expect(target, "the element to reach by tabbing").toBeVisible();
  const trail: string[] = [];
  for (let presses = 1; presses <= TAB_CAP; presses += 1) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    if (await hasFocus(target)) return presses;
    trail.push(await focusedDescription(page));
  }
  throw new Error(`Focus never reached the element after ${TAB_CAP} × ${backwards ? "Shift+Tab" : "Tab"}; last focused:\n  ${trail.slice(-12).join("\n  ")}`);
}

/** Presses `key` on the focused element, after checking that `target` is the one that has the focus. */
async function pressOnFocused(page: Page, target: Locator, key: "Enter" | "Space"): Promise<void> {
  expect(await hasFocus(target), `${key} must go to the focused element, found ${await focusedDescription(page)}`).toBe(true);
  await page.keyboard.press(key);
}

/** The focused element's focus indicator: its outline (style, width) and box-shadow. */
function focusIndicator(target: Locator): Promise<{ focusVisible: boolean; outline: string; boxShadow: string }> {
  return target.evaluate((element) => {
    const style = (globalThis as unknown as PageWindow).getComputedStyle(element);
    const outline = style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0 ? "none" : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    return { focusVisible: element.matches(":focus-visible"), outline, boxShadow: style.boxShadow };
  });
}

/** Asserts that the focused `target` shows a focus indicator (a :focus-visible outline or box-shadow). */
async function expectVisibleFocus(target: Locator, what: string): Promise<void> {
  const indicator = await focusIndicator(target);
  expect(indicator.focusVisible, `${what} matches :focus-visible`).toBe(true);
  expect(indicator.outline !== "none" || indicator.boxShadow !== "none", `${what} shows an outline or a box-shadow (${JSON.stringify(indicator)})`).toBe(true);
}

/** Waits until the simulated datastore is ready on the current page ({datastore} is set). */
async function waitUntilReady(page: Page): Promise<void> {
  await expect(page.locator(".variables")).toContainText("{datastore}");
}

/** Tab from the top of the page to the skip link, follow it: the focus lands on <main>. */
async function useSkipLink(page: Page): Promise<void> {
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  expect(await tabTo(page, skip), "the skip link is the first tab stop").toBe(1);
  await pressOnFocused(page, skip, "Enter");
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.id)).toBe("contenu");
}

test("the whole archive tutorial runs with the keyboard only", async ({ page }) => {
  const statuses: string[] = [];
  await page.goto(ARCHIVE_PAGES[0]!);
  for (const [pageIndex, path] of ARCHIVE_PAGES.entries()) {
    await expect(page).toHaveURL(path);
    await waitUntilReady(page);
    await useSkipLink(page);
    const count = await blocks(page).count();
    expect(count, `blocks on ${path}`).toBeGreaterThan(0);
    for (let index = 0; index < count; index += 1) {
      const block = blocks(page).nth(index);
      const label = `${path} bloc ${index + 1} ${await block.getAttribute("data-method")} ${await block.getAttribute("data-url")}`;
      const run = block.getByRole("button", { name: /^Exécuter/ });
      await tabTo(page, run);
      // Shift+Tab goes back the same way: one step on, one step back lands on the button again.
      await page.keyboard.press("Tab");
      expect(await tabTo(page, run, { backwards: true }), `${label}: Shift+Tab comes back to « Exécuter »`).toBe(1);
      await expectVisibleFocus(run, `${label} « Exécuter »`);
      await pressOnFocused(page, run, index % 2 === 0 ? "Enter" : "Space");
      await expect(block, label).toHaveAttribute("data-response-status", /.+/, { timeout: 60_000 });
      const status = (await block.getAttribute("data-response-status"))!;
      statuses.push(`${label} → ${status}`);
      expect(status, `${label}\n${await responseOf(block).textContent()}`).toMatch(/^2\d\d$/);
      // The focus stayed on the button during the run (it is aria-disabled, not disabled): the reader is not sent back to <body>.
      expect(await hasFocus(run), `${label}: focus after the run is on ${await focusedDescription(page)}`).toBe(true);
    }
    const next = ARCHIVE_PAGES[pageIndex + 1];
    if (next) {
      const link = page.getByRole("link", { name: /Suivant/ });
      await tabTo(page, link);
      await expectVisibleFocus(link, `${path} « Suivant »`);
      await pressOnFocused(page, link, "Enter");
      await page.waitForURL(next);
    }
  }
  console.log(statuses.join("\n"));
});

test("the skip link is the first tab stop, shows up when focused and moves the focus to the content", async ({ page }) => {
  await page.goto(ARCHIVE_PAGES[0]!);
  await waitUntilReady(page);
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  await expect(skip).not.toBeInViewport();
  expect(await tabTo(page, skip)).toBe(1);
  await expect(skip).toBeInViewport();
  await expectVisibleFocus(skip, "the skip link");
  await pressOnFocused(page, skip, "Enter");
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.id)).toBe("contenu");
  // The next Tab goes into the content (past the header, the banner and the sidebar).
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean((globalThis as unknown as PageWindow).document.activeElement?.closest("main")))).toBe(true);
});

test("links and buttons show a visible focus indicator", async ({ page }) => {
  await page.goto(ARCHIVE_PAGES[1]!);
  await waitUntilReady(page);
  const targets: [string, Locator][] = [
    ["the home link of the header", page.locator(".site-header__title")],
    ["the search box", page.getByRole("searchbox", { name: /Rechercher/ })],
    ["the Réglages button", page.getByRole("button", { name: /^Réglages/ })],
    ["a navigation link", page.locator(".site-nav a[aria-current='page']")],
    ["the Variables button", page.getByRole("button", { name: /^Variables \(/ })],
    ["a breadcrumb link", page.getByRole("navigation", { name: "Fil d’Ariane" }).getByRole("link").first()],
    ["a block's summary", blocks(page).first().locator("summary").first()],
    ["a block's « Exécuter »", blocks(page).first().getByRole("button", { name: /^Exécuter/ })],
    ["« Copier en curl »", blocks(page).first().getByRole("button", { name: "Copier en curl" })],
    ["« Suivant »", page.getByRole("link", { name: /Suivant/ })],
    ["a footer link", page.locator(".site-footer a").first()],
  ];
  for (const [what, target] of targets) {
    await tabTo(page, target);
    await expectVisibleFocus(target, what);
  }
});

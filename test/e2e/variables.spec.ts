// The Variables panel: reachable from anywhere (a floating button, a dialog) on desktop and mobile, listing the
// page's variables with a field even when unset, each with its source; a value read again keeps its first source.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ARCHIVE_PAGES, openTutorialPage, runBlock } from "./helpers.ts";

const LIVRAISON = ARCHIVE_PAGES[0]!;
const createUpload = '[data-api-block][data-method="POST"][data-url$="/uploads"]';
const readUpload = '[data-api-block][data-method="GET"][data-url$="/uploads/{upload}"]';

const openButton = (page: Page) => page.getByRole("button", { name: /^Variables \(\d+\/\d+\)$/ });
const dialog = (page: Page) => page.getByRole("dialog", { name: "Variables" });
const field = (page: Page, name: string) => dialog(page).getByLabel(`{${name}}`, { exact: true });
const row = (page: Page, name: string) => dialog(page).locator(".variables__row").filter({ has: page.getByLabel(`{${name}}`, { exact: true }) });

/** The focused element matches :focus-visible and draws an outline. */
async function expectFocusRing(target: Locator): Promise<void> {
  const ring = await target.evaluate((element) => ({ visible: element.matches(":focus-visible"), outline: getComputedStyle(element).outlineStyle }));
  expect(ring).toEqual({ visible: true, outline: "solid" });
}

for (const [device, viewport] of [["desktop", { width: 1400, height: 900 }], ["mobile", { width: 390, height: 844 }]] as const) {
  test.describe(device, () => {
    test.use({ viewport });

    test("the panel opens from any block, lists the page's variables (set or not) and gives the focus back", async ({ page }) => {
      await openTutorialPage(page, LIVRAISON);
      // Next to the last block of the page, the button is on screen.
      const last = page.locator("[data-api-block]").last();
      await last.scrollIntoViewIfNeeded();
      await expect(openButton(page)).toBeInViewport();
      await expect(openButton(page)).toHaveText("Variables (1/5)");
      await last.getByRole("button", { name: /^Exécuter/ }).focus();
      await openButton(page).click();
      await expect(dialog(page)).toBeVisible();
      await expect(dialog(page).getByRole("button", { name: "Fermer" })).toBeFocused();
      // Every variable the blocks use, in their order; an unset one has an empty field and a link to its step.
      await expect(dialog(page).locator(".variables__row dt")).toHaveText(["{user}", "{community}", "{datastore}", "{upload}", "{check execution}"]);
      await expect(field(page, "upload")).toHaveValue("");
      await expect(field(page, "upload")).toBeInViewport();
      await expect(row(page, "upload")).toContainText("non renseignée");
      await expect(row(page, "upload").getByRole("link", { name: "fournie par un bloc de cette page" })).toHaveAttribute("href", /#bloc-\d+$/);
      // The keyboard stays in the dialog and shows where it is: the first field, then « Tout recommencer ».
      await page.keyboard.press("Tab");
      await expect(field(page, "user")).toBeFocused();
      await expectFocusRing(field(page, "user"));
      const reset = dialog(page).getByRole("button", { name: "Tout recommencer" });
      for (let presses = 0; presses < 20 && !(await reset.evaluate((element) => element === document.activeElement)); presses += 1) await page.keyboard.press("Tab");
      await expectFocusRing(reset);
      await page.keyboard.press("Escape");
      await expect(dialog(page)).toBeHidden();
      await expect(openButton(page)).toBeFocused();

      // The event the blocks' "missing variable" message sends opens the panel on the field.
      await page.evaluate(() => document.dispatchEvent(new CustomEvent("variables:open", { detail: { name: "check execution" } })));
      await expect(field(page, "check execution")).toBeFocused();
      await page.keyboard.type("c-1");
      await page.keyboard.press("Tab");
      await expect(openButton(page)).toHaveText("Variables (2/5)");
      await expect(row(page, "check execution")).toContainText("source : saisie manuelle");
      // Emptying a value keeps its row, empty.
      await field(page, "check execution").fill("");
      await field(page, "check execution").blur();
      await expect(field(page, "check execution")).toHaveValue("");
      await expect(row(page, "check execution")).toContainText("non renseignée");
      await dialog(page).getByRole("button", { name: "Fermer" }).click();
      await expect(dialog(page)).toBeHidden();
    });
  });
}

test("a variable's source stays the step that gave its value; a new value moves it", async ({ page }) => {
  await openTutorialPage(page, LIVRAISON);
  expect(await runBlock(page.locator('[data-api-block][data-url$="/users/me"]'))).toBe("200");
  // « Consulter l'entrepôt » reads {datastore} again (its `_id`): same value, the source does not move.
  expect(await runBlock(page.locator('[data-api-block][data-method="GET"][data-url$="/datastores/{datastore}"]'))).toBe("200");
  await openButton(page).click();
  await expect(row(page, "datastore")).not.toContainText("Consulter l'entrepôt");
  const datastoreSource = await row(page, "datastore").locator("small").first().textContent();

  // Typed by hand, then created by a block: the new value moves the source, with a link to that block.
  await field(page, "upload").fill("00000000-0000-0000-0000-000000000000");
  await field(page, "upload").blur();
  await expect(row(page, "upload")).toContainText("source : saisie manuelle");
  await dialog(page).getByRole("button", { name: "Fermer" }).click();
  expect(await runBlock(page.locator(createUpload))).toBe("200");
  const createId = await page.locator(createUpload).getAttribute("id");
  // Reading the upload again (its `_id`) keeps the creating step as the source.
  expect(await runBlock(page.locator(readUpload))).toBe("200");
  await openButton(page).click();
  const link = row(page, "upload").getByRole("link", { name: "Créer une livraison de type ARCHIVE" });
  await expect(link).toHaveAttribute("href", `${LIVRAISON}#${createId}`);
  await expect(row(page, "datastore").locator("small").first()).toHaveText(datastoreSource!);
  // The source link leads to the block, panel closed.
  await link.click();
  await expect(dialog(page)).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#${createId}$`));
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the open panel, with set, unset and typed variables, passes axe (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await openTutorialPage(page, LIVRAISON);
    expect(await runBlock(page.locator('[data-api-block][data-url$="/users/me"]'))).toBe("200");
    await page.evaluate(() => document.dispatchEvent(new CustomEvent("variables:open", { detail: { name: "upload" } })));
    await expect(field(page, "upload")).toBeFocused();
    await page.keyboard.type("u-1");
    await page.keyboard.press("Tab");
    await expect(dialog(page)).toBeVisible();
    await expect(field(page, "upload")).toHaveValue("u-1");
    const results = await new AxeBuilder({ page }).include(".variables__dialog").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.passes.length, "axe checked the dialog").toBeGreaterThan(0);
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
    await context.close();
  });
}

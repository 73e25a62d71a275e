// A strict Content-Security-Policy on every page, and no violation while running a tutorial.
import { expect, test, type Page } from "@playwright/test";
import { ARCHIVE_PAGES, blocks, openTutorialPage, runBlock } from "./helpers.ts";

/** Records CSP violations (and console reports of them) from the start of every page. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("every page declares a policy without inline scripts or eval", async ({ page }) => {
  for (const path of ["/", "/tutoriels/", ...ARCHIVE_PAGES]) {
    await page.goto(path);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    const scriptSrc = policy!.split(";").map((part) => part.trim()).find((part) => part.startsWith("script-src"))!;
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toMatch(/(^|\s)'unsafe-eval'/);
    expect(policy).toContain("object-src 'none'");
    expect(await page.locator("script:not([src]):not([type='application/json'])").count(), path).toBe(0);
  }
});

test("running the archive tutorial, a diagram, the search and the settings cause no CSP violation", async ({ page }) => {
  const violations = await watchViolations(page);
  page.on("dialog", (dialog) => void dialog.accept());
  for (const path of ARCHIVE_PAGES) {
    await openTutorialPage(page, path);
    const count = await blocks(page).count();
    for (let index = 0; index < count; index += 1) expect(Number(await runBlock(blocks(page).nth(index)))).toBeLessThan(300);
  }
  await page.goto(ARCHIVE_PAGES[1]!);
  await expect(page.locator("figure.diagram svg").first()).toBeVisible();
  await page.getByRole("button", { name: /^Réglages/ }).click();
  await page.getByRole("dialog", { name: "Réglages" }).getByRole("button", { name: "Annuler" }).click();
  await page.getByRole("searchbox", { name: /Rechercher/ }).or(page.getByRole("combobox", { name: /Rechercher/ })).fill("livraison");
  await expect(page.locator(".site-search a").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("the policy is enforced: an injected inline script is blocked and reported", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/");
  const ran = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "document.body.dataset.injected = 'oui'";
    document.body.append(script);
    return document.body.dataset["injected"] ?? "non";
  });
  expect(ran).toBe("non");
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations[0]).toContain("script-src");
});

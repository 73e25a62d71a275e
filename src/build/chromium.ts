// Debian's Chromium, driven by Playwright: for the diagrams drawn at build time (src/build/diagrams/), the browser
// tests (playwright.config.ts) and the benchmark (scripts/bench-browser.ts). scripts/ensure-chromium.ts installs it.

/** Path of the Chromium binary (CHROMIUM_PATH overrides Debian's). */
export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Flags for a quiet headless Chromium that reaches no Google service. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

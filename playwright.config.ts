// Browser tests: Debian's Chromium (scripts/ensure-chromium.ts installs it) on the built site served by scripts/serve.ts.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./src/build/chromium.ts";

const PORT = Number(process.env["E2E_PORT"] ?? 8181);
// E2E_SITE: a site built elsewhere (`eleventy --output=…`), so that several builds can be tested side by side.
const SITE = process.env["E2E_SITE"] ?? "_site";
const ORIGIN = `http://127.0.0.1:${PORT}`;
/**
 * Every test starts with the « Durées simulées : courtes » setting a reader can choose in Réglages (checks, executions
 * and publications ten times shorter, blocks polling every 100 ms); a test that needs the realistic durations uses
 * REALISTIC_PACE (test/e2e/helpers.ts).
 */
const SHORT_PACE = {
  cookies: [],
  origins: [{ origin: ORIGIN, localStorage: [{ name: "entrepot-tutoriels:v1:settings", value: JSON.stringify({ version: 1, pace: "short" }) }] }],
};

export default defineConfig({
  testDir: "test/e2e",
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // Two browsers on two cores: much of a test waits on simulated delays and polling, not on the CPU.
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: ORIGIN,
    storageState: SHORT_PACE,
    browserName: "chromium",
    serviceWorkers: "allow",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    trace: "off",
  },
  webServer: {
    command: `tsx scripts/serve.ts --port ${PORT} --dir ${SITE}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env["CI"],
    timeout: 30_000,
  },
});

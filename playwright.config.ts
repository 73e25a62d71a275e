// Browser tests: Debian's Chromium (scripts/ensure-chromium.ts installs it) on the built site served by scripts/serve.ts.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./src/build/chromium.ts";

const PORT = Number(process.env["E2E_PORT"] ?? 8181);

export default defineConfig({
  testDir: "test/e2e",
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    serviceWorkers: "allow",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    trace: "off",
  },
  webServer: {
    command: `tsx scripts/serve.ts --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env["CI"],
    timeout: 30_000,
  },
});

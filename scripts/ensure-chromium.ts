// Makes sure Debian's Chromium is installed for the browser tests (Playwright's own download is unreachable here).
import { execSync } from "node:child_process";
import fs from "node:fs";

/** Path of the browser the tests drive. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

if (!fs.existsSync(CHROMIUM)) {
  console.log(`Chromium absent (${CHROMIUM}) : installation du paquet Debian « chromium »…`);
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: "inherit" });
}
console.log(`Chromium : ${execSync(`${CHROMIUM} --version`).toString().trim()}`);

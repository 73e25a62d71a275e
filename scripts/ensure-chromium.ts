// Makes sure Debian's Chromium is installed: the build draws the diagrams with it, the browser tests drive it
// (Playwright's own download is unreachable here).
import { execSync } from "node:child_process";
import fs from "node:fs";
import { CHROMIUM_PATH as CHROMIUM } from "../src/build/chromium.ts";

if (!fs.existsSync(CHROMIUM)) {
  console.log(`Chromium absent (${CHROMIUM}) : installation du paquet Debian « chromium »…`);
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: "inherit" });
}
console.log(`Chromium : ${execSync(`${CHROMIUM} --version`).toString().trim()}`);

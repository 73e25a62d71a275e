// Makes sure jq is installed: the bash export of « Exporter ce parcours » uses it, and its test runs that script
// (test/unit/clients/exports.test.ts). Same approach as scripts/ensure-chromium.ts: Debian's package.
import { execSync } from "node:child_process";

const has = (): boolean => {
  try {
    execSync("jq --version", { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

if (!has()) {
  console.log("jq absent : installation du paquet Debian « jq »…");
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq`, { stdio: "inherit" });
}
console.log(`jq : ${execSync("jq --version").toString().trim()}`);

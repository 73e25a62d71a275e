// Makes sure the command-line tools of the export tests are installed (test/unit/clients/exports.test.ts): jq, which
// the bash export of « Exporter ce parcours » uses, and openssl, which makes the certificate of the test's https
// proxy. Same approach as scripts/ensure-chromium.ts: Debian's packages.
import { execSync } from "node:child_process";

/** Debian package → the command that proves it is there. */
const TOOLS: Record<string, string> = { jq: "jq --version", openssl: "openssl version" };

const works = (command: string): boolean => {
  try {
    execSync(command, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

const missing = Object.keys(TOOLS).filter((name) => !works(TOOLS[name]!));
if (missing.length > 0) {
  console.log(`Absents : ${missing.join(", ")} : installation des paquets Debian…`);
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`, { stdio: "inherit" });
}
for (const [name, command] of Object.entries(TOOLS)) console.log(`${name} : ${execSync(command).toString().trim()}`);

// Runs every test/unit/**/*.test.ts file with Node's test runner (Node 20 has no glob for --test).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const files = (fs.readdirSync("test/unit", { recursive: true }) as string[])
  .filter((file) => file.endsWith(".test.ts"))
  .map((file) => path.join("test/unit", file))
  .sort();
if (files.length === 0) {
  console.error("Aucun test unitaire trouvé dans test/unit.");
  process.exit(1);
}
// Two files at a time (Node's default on 2 cores is one): many tests wait on child processes (builds, bru, respect).
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);

// The tutorials' parcours (/assets/parcours/*.json) without a full site build: a built site's files when given,
// else a light Eleventy run (src/build/parcours-config.ts, ~6 s) cached in node_modules/.cache/entrepot-parcours/
// until a page, a data file, a sample or the build code changes.
import fs from "node:fs";
import path from "node:path";
import type { Parcours } from "../shared/export/parcours.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CACHE = path.join(ROOT, "node_modules/.cache/entrepot-parcours");
const WATCHED = ["src/content", "_data", "_includes", "public/samples", "src/build", "src/shared"];

// The latest modification time of the files the parcours depend on.
function sourcesStamp(): number {
  let latest = 0;
  for (const dir of WATCHED) {
    const absolute = path.join(ROOT, dir);
    if (!fs.existsSync(absolute)) continue;
    for (const file of fs.readdirSync(absolute, { recursive: true }) as string[]) {
      latest = Math.max(latest, fs.statSync(path.join(absolute, file)).mtimeMs);
    }
  }
  return latest;
}

/** Reads every parcours of a folder of parcours files (e.g. _site/assets/parcours). */
export function readParcoursDir(dir: string): Parcours[] {
  return fs.readdirSync(dir).filter((file) => file.endsWith(".json")).sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Parcours);
}

/** Every tutorial's parcours: from `site` (a built site) if given, else from the cache, rebuilt when stale. */
export async function loadParcours(site?: string): Promise<Parcours[]> {
  if (site) return readParcoursDir(path.join(site, "assets", "parcours"));
  const stampFile = path.join(CACHE, "stamp");
  const stamp = String(sourcesStamp());
  const dir = path.join(CACHE, "site", "assets", "parcours");
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp && fs.existsSync(dir)) return readParcoursDir(dir);
  fs.rmSync(CACHE, { recursive: true, force: true });
  // Eleventy ships no types: only its constructor and write() are used.
  const module: string = "@11ty/eleventy";
  const { default: Eleventy } = (await import(module)) as { default: new (input: string, output: string, options: object) => { write(): Promise<unknown> } };
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const eleventy = new Eleventy("src/content", path.join(CACHE, "site"), { quietMode: true, configPath: "src/build/parcours-config.ts" });
    const log = console.log;
    console.log = () => undefined; // Eleventy's summary line, even in quiet mode (stdout may carry a report)
    try {
      await eleventy.write();
    } finally {
      console.log = log;
    }
  } finally {
    process.chdir(cwd);
  }
  fs.writeFileSync(stampFile, stamp);
  return readParcoursDir(dir);
}

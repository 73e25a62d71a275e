// Which pages the dark colour scheme's axe audit visits: the fewest built pages that, together, use every element
// and every class the site's pages use (a greedy set cover over the built HTML), so each component is audited in
// dark at least once; the hand contrast check still runs on every page in both schemes.
import fs from "node:fs";
import path from "node:path";

/** The folder of the site under test (E2E_SITE, as playwright.config.ts reads it). */
export const SITE_DIR = path.resolve(process.env["E2E_SITE"] ?? "_site");

/** The element names and class names of a built page's body (its inline scripts left out). */
export function featuresOf(html: string): Set<string> {
  const body = html.replace(/^[^]*?<body/, "<body").replace(/<script\b[^>]*>[^]*?<\/script>/g, "");
  const features = new Set<string>();
  for (const [, tag] of body.matchAll(/<([a-z][a-z0-9-]*)[\s>/]/g)) features.add(`<${tag}>`);
  for (const [, classes] of body.matchAll(/\sclass="([^"]*)"/g)) for (const name of classes!.split(/\s+/)) if (name) features.add(`.${name}`);
  return features;
}

/** The built HTML of a site path ("/tutoriels/x/" → <site>/tutoriels/x/index.html). */
const htmlOf = (sitePath: string) => fs.readFileSync(path.join(SITE_DIR, sitePath, "index.html"), "utf8");

/** Greedy set cover: of `paths`, the pages that together show every feature any of them shows (in `paths` order). */
export function pagesCoveringEveryFeature(paths: readonly string[], read: (sitePath: string) => string = htmlOf): string[] {
  const features = new Map(paths.map((sitePath) => [sitePath, featuresOf(read(sitePath))]));
  const missing = new Set([...features.values()].flatMap((set) => [...set]));
  const chosen: string[] = [];
  while (missing.size > 0) {
    let best = paths[0]!;
    let gain = -1;
    for (const sitePath of paths) {
      const count = [...features.get(sitePath)!].filter((feature) => missing.has(feature)).length;
      if (count > gain) [best, gain] = [sitePath, count];
    }
    chosen.push(best);
    for (const feature of features.get(best)!) missing.delete(feature);
  }
  return paths.filter((sitePath) => chosen.includes(sitePath));
}

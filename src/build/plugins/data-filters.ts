// Build-time data access for pages: strict `{{ }}` lookups and the readJSON filter of the official pages.
import fs from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "../eleventy-config.ts";
import { STRINGS } from "../../shared/strings.ts";

/** Reads a JSON file (path relative to the project root) and returns it pretty-printed; fails the build if absent or invalid. */
export function readJSON(file: string): string {
  const absolute = path.resolve(process.cwd(), file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, "utf8");
  } catch {
    throw new Error(`readJSON : fichier introuvable « ${file} »`);
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 4);
  } catch (error) {
    throw new Error(`readJSON : JSON invalide dans « ${file} » (${(error as Error).message})`);
  }
}

/** Makes `{{ ids.unknown }}` fail the build (Nunjucks reports file and line); adds readJSON and the UI strings. */
export default function dataFilters(eleventyConfig: EleventyConfig): void {
  eleventyConfig.setNunjucksEnvironmentOptions({ throwOnUndefined: true });
  eleventyConfig.addFilter("readJSON", readJSON);
  eleventyConfig.addGlobalData("strings", STRINGS);
}

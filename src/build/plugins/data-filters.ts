// Build-time data access for pages: strict `{{ }}` lookups and the readJSON filter of the official pages.
import fs from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "../eleventy-config.ts";
import { STRINGS } from "../../shared/strings.ts";
import { checkDataReferences } from "../data-references.ts";

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
  // Reads the author's file itself: Nunjucks' own line numbers start after the front matter.
  eleventyConfig.addPreprocessor("data-references", "md,njk", (data: { page: { inputPath: string } } & Record<string, unknown>) => {
    const file = path.normalize(data.page.inputPath);
    checkDataReferences(fs.readFileSync(file, "utf8"), file, data);
  });
}

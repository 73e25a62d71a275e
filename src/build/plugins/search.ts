// Full-text search: Pagefind indexes the built site after each build, in French, into <output>/pagefind/.
// Only the element marked data-pagefind-body (the <article> of _includes/layouts/base.njk) is indexed, without the
// interface text of the request blocks (buttons, status lines, labels: SEARCH_EXCLUDED below).
import path from "node:path";
import * as pagefind from "pagefind";
import type { EleventyConfig, EleventyEvent } from "../eleventy-config.ts";

/**
 * What the index leaves out: controls and the text the interface writes (the same on every block, so it would match
 * every query about "jeton" or "Python"), and the site's chrome should it ever sit inside the indexed article. The
 * URL of a block, its body, its example response and its sample file names stay indexed.
 */
export const SEARCH_EXCLUDED = [
  "button",
  "[role=status]",
  "[role=alert]",
  "template",
  "dialog",
  "nav",
  "label",
  "legend",
  ".api-block__result",
  ".api-block__files > p",
  ".api-block__example > summary",
  ".variables",
];

/** Throws with every Pagefind error message, prefixed by the step that failed. */
function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind (${step}) : ${errors.join(" ; ")}`);
}

/**
 * Builds the Pagefind index into `<outputDir>/pagefind`, of the HTML files `files` (paths relative to `outputDir`) if
 * given, else of every HTML file under `outputDir`. Returns the number of pages indexed.
 */
export async function buildSearchIndex(outputDir: string, files?: readonly string[]): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: "fr", excludeSelectors: SEARCH_EXCLUDED });
    check("createIndex", errors);
    if (!index) throw new Error("Pagefind (createIndex) : aucun index créé");
    // One glob naming each file: Pagefind still reads the folder itself, on all cores (sending the pages one by one
    // with addHTMLFile took twice as long).
    const glob = files ? `{${files.map((file) => file.split(path.sep).join("/").replace(/[\\{}[\]*?,!]/g, "\\$&")).join(",")}}` : undefined;
    const added = await index.addDirectory(glob ? { path: outputDir, glob } : { path: outputDir });
    check("addDirectory", added.errors);
    const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
    check("writeFiles", written.errors);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

/**
 * The HTML files of a full build, relative to the output folder: pages left there by earlier builds (renamed or
 * deleted since) must not be found by the search. Watch mode re-renders only what changed: the folder is indexed.
 */
function filesOf(event: EleventyEvent): string[] | undefined {
  if (event.runMode !== "build" || !event.results) return undefined;
  const output = path.resolve(event.directories.output);
  return event.results
    .flatMap((result) => (typeof result.outputPath === "string" && result.outputPath.endsWith(".html") ? [path.relative(output, path.resolve(result.outputPath))] : []))
    .sort();
}

/** Runs Pagefind after every build (and rebuild in watch mode); a Pagefind error fails the build. */
export default function search(eleventyConfig: EleventyConfig): void {
  eleventyConfig.on("eleventy.after", async (event) => {
    if (event.outputMode !== "fs") return; // --to=json / ndjson: nothing written to index
    // `directories` is normalised and honours --output.
    const output = event.directories.output;
    const started = Date.now();
    const pages = await buildSearchIndex(output, filesOf(event));
    console.log(`[search] Pagefind : ${pages} page(s) indexée(s) en ${Date.now() - started} ms`);
    if (pages === 0) throw new Error("Pagefind : aucune page indexée (attribut data-pagefind-body absent ?)");
  });
}

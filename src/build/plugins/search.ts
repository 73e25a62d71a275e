// Full-text search: Pagefind indexes the built site after each build, in French, into <output>/pagefind/.
// Only the element marked data-pagefind-body (the <article> of _includes/layouts/base.njk) is indexed.
import path from "node:path";
import * as pagefind from "pagefind";
import type { EleventyConfig, EleventyEvent } from "../eleventy-config.ts";

/** Throws with every Pagefind error message, prefixed by the step that failed. */
function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind (${step}) : ${errors.join(" ; ")}`);
}

/** A page to index: its URL and its final HTML. */
export interface IndexedPage {
  url: string;
  content: string;
}

/**
 * Builds the Pagefind index into `<outputDir>/pagefind`, of `pages` if given (in URL order, so that the index does not
 * depend on rendering order), else of every HTML file under `outputDir`. Returns the number of pages indexed.
 */
export async function buildSearchIndex(outputDir: string, pages?: readonly IndexedPage[]): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: "fr" });
    check("createIndex", errors);
    if (!index) throw new Error("Pagefind (createIndex) : aucun index créé");
    let count = 0;
    if (pages) {
      for (const page of [...pages].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))) {
        const added = await index.addHTMLFile({ url: page.url, content: page.content });
        check(`addHTMLFile ${page.url}`, added.errors);
        if (added.file.url) count += 1;
      }
    } else {
      const added = await index.addDirectory({ path: outputDir });
      check("addDirectory", added.errors);
      count = added.page_count;
    }
    const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
    check("writeFiles", written.errors);
    return count;
  } finally {
    await pagefind.close();
  }
}

/**
 * The pages of a full build, to index instead of the output folder: pages left there by earlier builds (renamed or
 * deleted since) must not be found by the search. Watch mode re-renders only what changed: the folder is indexed.
 */
function pagesOf(event: EleventyEvent): IndexedPage[] | undefined {
  if (event.runMode !== "build" || !event.results) return undefined;
  return event.results.flatMap((result) =>
    typeof result.url === "string" && typeof result.outputPath === "string" && result.outputPath.endsWith(".html") ? [{ url: result.url, content: result.content }] : [],
  );
}

/** Runs Pagefind after every build (and rebuild in watch mode); a Pagefind error fails the build. */
export default function search(eleventyConfig: EleventyConfig): void {
  eleventyConfig.on("eleventy.after", async (event) => {
    if (event.outputMode !== "fs") return; // --to=json / ndjson: nothing written to index
    // `directories` is normalised and honours --output.
    const output = event.directories.output;
    const started = Date.now();
    const pages = await buildSearchIndex(output, pagesOf(event));
    console.log(`[search] Pagefind : ${pages} page(s) indexée(s) en ${Date.now() - started} ms`);
    if (pages === 0) throw new Error("Pagefind : aucune page indexée (attribut data-pagefind-body absent ?)");
  });
}

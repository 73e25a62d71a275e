// The Markdown library: markdown-it with Shiki for code fences and request blocks (`??? GET "…"`); Mermaid fences
// are added by src/build/plugins/diagrams.ts.
import fs from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import type { EleventyConfig } from "../eleventy-config.ts";
import { createHighlight } from "../markdown/highlight.ts";
import apiBlocks from "../markdown/api-block.ts";
import { ParcoursIndex } from "../parcours.ts";

/** Installs the Markdown library (async: the Shiki highlighter is created once, here) and writes the variable sources. */
export default async function markdown(eleventyConfig: EleventyConfig): Promise<void> {
  const highlight = await createHighlight();
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false, highlight: (code, lang, attrs) => highlight(code, lang, attrs) });
  const sources = new ParcoursIndex(); // variable sources, plus each tutorial's blocks in order (/assets/parcours/)
  md.use(apiBlocks, { highlight, sources });
  eleventyConfig.setLibrary("md", md);
  // Read by src/runtime/providers.ts to tell readers which step provides a missing variable.
  eleventyConfig.on("eleventy.before", () => sources.reset());
  eleventyConfig.on("eleventy.after", ({ directories, results }) => {
    const file = path.join(directories.output, "assets", "variable-sources.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(sources));
    sources.write(directories.output, (results ?? []).flatMap((page) => (typeof page.url === "string" ? [{ url: page.url, inputPath: (page as { inputPath?: string }).inputPath ?? "" }] : [])));
  });
}

// The Markdown library: markdown-it with Shiki for code fences, Mermaid fences and request blocks (`??? GET "…"`).
import MarkdownIt from "markdown-it";
import type { EleventyConfig } from "../eleventy-config.ts";
import { createHighlight } from "../markdown/highlight.ts";
import mermaidFence from "../markdown/mermaid-fence.ts";
import apiBlocks from "../markdown/api-block.ts";

/** Installs the Markdown library; async because the Shiki highlighter is created once, here. */
export default async function markdown(eleventyConfig: EleventyConfig): Promise<void> {
  const highlight = await createHighlight();
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false, highlight: (code, lang, attrs) => highlight(code, lang, attrs) });
  md.use(mermaidFence);
  md.use(apiBlocks, { highlight });
  eleventyConfig.setLibrary("md", md);
}

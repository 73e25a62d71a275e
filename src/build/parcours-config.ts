// A light Eleventy configuration that renders the pages' Markdown only to collect the tutorials' blocks
// (/assets/parcours/*.json): no diagrams, runtime bundle, search index or security headers. Used by
// src/build/parcours-build.ts (npm run tutorial, the export tests) when no built site is at hand.
import type { EleventyConfig } from "./eleventy-config.ts";
import navigation from "./plugins/navigation.ts";
import themes from "./plugins/themes.ts";
import dataFilters from "./plugins/data-filters.ts";
import markdown from "./plugins/markdown.ts";

export default async function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(dataFilters);
  eleventyConfig.addPlugin(navigation);
  eleventyConfig.addPlugin(themes);
  await eleventyConfig.addPlugin(markdown);
  return {
    // Layouts of their own (the body only): the site's header, search and panels play no part in the blocks.
    dir: { input: "src/content", includes: "../build/parcours-layouts", data: "../../_data" },
    markdownTemplateEngine: "njk",
    htmlTemplateEngine: "njk",
    templateFormats: ["md", "njk"],
  };
}

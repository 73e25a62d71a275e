// Eleventy configuration: a table of contents, one plugin per concern (each in src/build/plugins/).
import type { EleventyConfig } from "./src/build/eleventy-config.ts";
import navigation from "./src/build/plugins/navigation.ts";
import themes from "./src/build/plugins/themes.ts";
import dataFilters from "./src/build/plugins/data-filters.ts";
import markdown from "./src/build/plugins/markdown.ts";
import diagrams from "./src/build/plugins/diagrams.ts";
import assets from "./src/build/plugins/assets.ts";
import search from "./src/build/plugins/search.ts";
import searchAnchors from "./src/build/plugins/search-anchors.ts";
import security from "./src/build/plugins/security.ts";

export default async function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(dataFilters); // strict {{ }} lookups, readJSON
  eleventyConfig.addPlugin(navigation); // eleventyNavigation, breadcrumbs, previous/next
  eleventyConfig.addPlugin(themes); // tutorials grouped by theme (_data/themes.json)
  await eleventyConfig.addPlugin(markdown); // markdown-it + Shiki + request blocks
  eleventyConfig.addPlugin(diagrams); // Mermaid fences drawn to SVG at build time (Chromium, cached)
  eleventyConfig.addPlugin(assets); // runtime bundle (esbuild), public/
  eleventyConfig.addPlugin(security); // Content-Security-Policy in every page
  eleventyConfig.addPlugin(searchAnchors); // heading ids and URL words for the search
  eleventyConfig.addPlugin(search); // Pagefind index after each build

  return {
    dir: { input: "src/content", includes: "../../_includes", data: "../../_data", output: "_site" },
    markdownTemplateEngine: "njk",
    htmlTemplateEngine: "njk",
    templateFormats: ["md", "njk"],
  };
}

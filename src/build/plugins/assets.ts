// Static assets: the browser runtime bundled by esbuild, public/ copied to the site root, Mermaid's ESM files.
import path from "node:path";
import { build } from "esbuild";
import type { EleventyConfig } from "../eleventy-config.ts";

/** Bundles src/runtime/main.ts and src/runtime/styles/main.css into /assets before each build. */
export default function assets(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addPassthroughCopy({ public: "/" });
  // Mermaid is loaded lazily by src/runtime/mermaid.ts from this folder, only on pages with a diagram.
  eleventyConfig.addPassthroughCopy({ "node_modules/mermaid/dist/mermaid.esm.min.mjs": "/assets/vendor/mermaid/mermaid.esm.min.mjs" });
  eleventyConfig.addPassthroughCopy({ "node_modules/mermaid/dist/chunks/mermaid.esm.min": "/assets/vendor/mermaid/chunks/mermaid.esm.min" });
  eleventyConfig.addWatchTarget("src/runtime/");
  eleventyConfig.addWatchTarget("src/shared/");
  eleventyConfig.addWatchTarget("src/mock/");
  eleventyConfig.on("eleventy.before", async ({ directories }) => {
    await build({
      entryPoints: { app: "src/runtime/main.ts", style: "src/runtime/styles/main.css" },
      outdir: path.join(directories.output, "assets"),
      bundle: true,
      splitting: true,
      format: "esm",
      target: "es2022",
      minify: true,
      sourcemap: "linked",
      chunkNames: "chunks/[name]-[hash]",
      tsconfig: "src/runtime/tsconfig.json",
      logLevel: "warning",
    });
  });
}

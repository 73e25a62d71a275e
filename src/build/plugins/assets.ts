// Static assets: the browser runtime bundled by esbuild, public/ copied to the site root.
import fs from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import type { EleventyConfig } from "../eleventy-config.ts";

/**
 * MSW keeps a cookie jar (tough-cookie, with tldts' public suffix list: ~57 KB gzip of the simulator chunk) to give
 * handlers the cookies of mocked requests and to store the Set-Cookie of mocked responses. The simulated datastore
 * uses neither (the API authenticates with a bearer token), so the browser bundle gets an empty jar instead:
 * handlers still see the request's own Cookie header and document.cookie, which MSW parses without tough-cookie.
 * Only what msw/lib/core/utils/cookieStore.mjs calls is provided.
 */
const EMPTY_COOKIE_JAR = `
export class MemoryCookieStore { constructor() { this.idx = {}; } }
export class CookieJar {
  constructor(store) { this.store = store; }
  getCookiesSync() { return []; }
  async setCookie() {}
}
export class Cookie { static fromJSON() { return null; } }
`;

const emptyCookieJar: Plugin = {
  name: "empty-cookie-jar",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^tough-cookie$/ }, () => ({ path: "tough-cookie", namespace: "empty-cookie-jar" }));
    esbuild.onLoad({ filter: /.*/, namespace: "empty-cookie-jar" }, () => ({ contents: EMPTY_COOKIE_JAR, loader: "js" }));
  },
};

/**
 * jpeg-js's encoder (the simulated services' JPEG tiles and images) returns a Node Buffer whenever `module` exists,
 * which it does in a bundle: in the browser, where Buffer does not, it returns the same bytes as a Uint8Array.
 */
const jpegWithoutBuffer: Plugin = {
  name: "jpeg-without-buffer",
  setup(esbuild) {
    esbuild.onLoad({ filter: /jpeg-js[\\/]lib[\\/]encoder\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, "utf8");
      const patched = source.replace("return Buffer.from(byteout);", "return new Uint8Array(byteout);");
      if (patched === source) throw new Error("jpeg-js : le retour Buffer.from(byteout) de l'encodeur a changé, revoir src/build/plugins/assets.ts");
      return { contents: patched, loader: "js" };
    });
  },
};

/** Bundles src/runtime/main.ts and src/runtime/styles/main.css into /assets while the pages render. */
export default function assets(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addPassthroughCopy({ public: "/" });
  eleventyConfig.addWatchTarget("src/runtime/");
  eleventyConfig.addWatchTarget("src/shared/");
  eleventyConfig.addWatchTarget("src/mock/");

  // esbuild runs in its own process: started before the pages render, awaited once they are written.
  let bundling: Promise<unknown> = Promise.resolve();
  eleventyConfig.on("eleventy.before", ({ directories }) => {
    const outdir = path.join(directories.output, "assets");
    // Chunk names carry a content hash: without this, every build would leave the previous ones behind.
    fs.rmSync(path.join(outdir, "chunks"), { recursive: true, force: true });
    const started = build({
      entryPoints: { app: "src/runtime/main.ts", theme: "src/runtime/theme.ts", style: "src/runtime/styles/main.css" },
      outdir,
      bundle: true,
      splitting: true, // src/runtime/simulator.ts imports MSW and the model dynamically: a chunk of their own
      format: "esm",
      target: "es2022",
      minify: true,
      sourcemap: "linked",
      chunkNames: "chunks/[name]-[hash]",
      tsconfig: "src/runtime/tsconfig.json",
      loader: { ".woff": "binary" }, // the simulated WMS-Vecteur's label font, a chunk imported when a label is drawn
      plugins: [emptyCookieJar, jpegWithoutBuffer],
      logLevel: "warning",
    });
    started.catch(() => undefined); // reported by eleventy.after, not as an unhandled rejection meanwhile
    bundling = started;
  });
  eleventyConfig.on("eleventy.after", async () => {
    await bundling;
  });
}

// A test page of request blocks written in the tutorials' syntax: each block is parsed and rendered by the build's own
// code (block-parse.ts, api-block-html.ts) and put in a real tutorial page in place of its article, so that the
// site's runtime runs it as a reader would.
import type { Page } from "@playwright/test";
import { parseBlock } from "../../src/build/markdown/block-parse.ts";
import { renderApiBlock } from "../../src/build/markdown/api-block-html.ts";
import fs from "node:fs";
import path from "node:path";

/** The page whose layout (scripts, variables panel, settings) the test page borrows. */
const HOST_PAGE = "/tutoriels/alimentation-diffusion-archive/livraison/";
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Opens a page at `url` holding the given blocks (each: the opening line, the inner lines, the closing `???`). */
export async function openBlockPage(page: Page, url: string, sources: readonly string[]): Promise<void> {
  const html = sources.map((source, index) => {
    const lines = source.trim().split("\n");
    const { spec, exampleLang } = parseBlock(lines[0]!, lines.slice(1, -1), `${url}#${index + 1}`, (site) => fs.statSync(path.join("public", site)).size);
    return `<h2>Étape ${index + 1}</h2>\n${renderApiBlock(spec, exampleLang, (code) => `<pre><code>${escape(code)}</code></pre>`)}`;
  }).join("\n");
  await page.route(`**${url}`, async (route) => {
    const host = await route.fetch({ url: new URL(HOST_PAGE, route.request().url()).href });
    const text = (await host.text()).replace(/(<article[^>]*>)[\s\S]*?(<\/article>)/, `$1\n<h1>Blocs d'essai</h1>\n${html}\n$2`);
    await route.fulfill({ response: host, body: text });
  });
  await page.goto(url);
}

// A test page of request blocks written in the tutorials' syntax: the blocks are rendered by the build's own
// markdown-it plugin (src/build/markdown/api-block.ts) and put in a real tutorial page in place of its article, so that
// the site's runtime runs them as a reader would.
import type { Page } from "@playwright/test";
import MarkdownIt from "markdown-it";
import apiBlocks from "../../src/build/markdown/api-block.ts";

/** The page whose layout (scripts, variables panel, settings) the test page borrows. */
const HOST_PAGE = "/tutoriels/alimentation-diffusion-archive/livraison/";
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Opens a page at `url` holding the given blocks (each: the opening line, the inner lines, the closing `???`); `alter`
 * changes the page's HTML before the browser gets it (e.g. to spoil a block's spec). */
export async function openBlockPage(page: Page, url: string, sources: readonly string[], alter: (html: string) => string = (html) => html): Promise<void> {
  const md = new MarkdownIt();
  md.use(apiBlocks, { highlight: (code: string) => `<pre><code>${escape(code)}</code></pre>` });
  const html = md.render(sources.map((source, index) => `## Étape ${index + 1}\n\n${source.trim()}\n`).join("\n"), { page: { url } });
  await page.route(`**${url}`, async (route) => {
    const host = await route.fetch({ url: new URL(HOST_PAGE, route.request().url()).href });
    const text = (await host.text()).replace(/(<article[^>]*>)[\s\S]*?(<\/article>)/, `$1\n<h1>Blocs d'essai</h1>\n${html}\n$2`);
    await route.fulfill({ response: host, body: alter(text) });
  });
  await page.goto(url);
}

// Draws Mermaid diagrams to SVG at build time, in Debian's Chromium driven by Playwright: Mermaid needs a real layout
// engine to measure its labels, and readers then get a finished SVG instead of ~230 KB gz of Mermaid.
// One browser and one page per build, opened at the first diagram that is not in the cache (src/build/diagrams/cache.ts).
import { createRequire } from "node:module";
import type { Browser, Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../chromium.ts";

const require = createRequire(import.meta.url);

/** The two colour schemes every diagram is drawn in (the page shows the one of the reader's theme). */
export const DIAGRAM_THEMES = { light: "default", dark: "dark" } as const;

/** A colour scheme of the site. */
export type DiagramTheme = keyof typeof DIAGRAM_THEMES;

/**
 * Labels are measured with this font at build time, so readers must get metrically the same one: Arial, or Liberation
 * Sans (Arial's metrics, installed with Debian's Chromium) where Arial is missing.
 */
export const DIAGRAM_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif";

/** Placeholder for the diagram's element id in a rendered SVG, replaced per occurrence (src/build/diagrams/markup.ts). */
export const ID_TOKEN = "zzdiagramzz";

/** Mermaid's configuration for a theme; part of the cache key. */
export function mermaidConfig(theme: DiagramTheme): Record<string, unknown> {
  return { startOnLoad: false, securityLevel: "strict", theme: DIAGRAM_THEMES[theme], fontFamily: DIAGRAM_FONT, deterministicIds: true };
}

/** Mermaid's version, from its package.json; part of the cache key. */
export const MERMAID_VERSION: string = (require("mermaid/package.json") as { version: string }).version;

/** A diagram Mermaid cannot parse or draw: the author's error. */
export class DiagramSyntaxError extends Error {}

type RenderOutcome = { svg: string } | { error: string };

/**
 * A headless Chromium page with Mermaid loaded; diagrams are drawn one at a time. The browser closes itself once idle
 * for `idleMs`: a build that fails elsewhere (Eleventy then skips eleventy.after) must not be kept alive by it.
 */
export class MermaidRenderer {
  private browser: Promise<Browser> | undefined;
  private page: Promise<Page> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs = 1000) {}

  /** Draws `source` in `theme`; the SVG's ids all start with ID_TOKEN. Throws DiagramSyntaxError for a bad diagram. */
  render(source: string, theme: DiagramTheme): Promise<string> {
    clearTimeout(this.idle);
    this.pending += 1;
    const result = this.queue.then(() => this.renderNow(source, theme));
    this.queue = result
      .catch(() => undefined)
      .finally(() => {
        if (--this.pending === 0) this.idle = setTimeout(() => void this.close(), this.idleMs);
      });
    return result;
  }

  /** Closes the browser, if it was opened. */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const browser = this.browser;
    this.browser = undefined;
    this.page = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  private async renderNow(source: string, theme: DiagramTheme): Promise<string> {
    const page = await this.openPage();
    const outcome = await page.evaluate(
      async ({ source, config, id }): Promise<RenderOutcome> => {
        type Mermaid = { initialize(config: unknown): void; render(id: string, text: string): Promise<{ svg: string }> };
        type Dom = { getElementById(id: string): { remove(): void } | null };
        const { mermaid, document } = globalThis as unknown as { mermaid: Mermaid; document: Dom };
        try {
          mermaid.initialize(config);
          return { svg: (await mermaid.render(id, source)).svg };
        } catch (error) {
          document.getElementById(id)?.remove();
          document.getElementById(`d${id}`)?.remove(); // the container Mermaid leaves behind on a parse error
          return { error: error instanceof Error ? error.message : String(error) };
        }
      },
      { source, config: mermaidConfig(theme), id: ID_TOKEN },
    );
    if ("error" in outcome) throw new DiagramSyntaxError(outcome.error);
    return outcome.svg;
  }

  private openPage(): Promise<Page> {
    this.page ??= (async () => {
      // Imported here: builds whose diagrams are all cached never load Playwright (~0.3 s).
      this.browser = import("@playwright/test").then(({ chromium }) => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }));
      const browser = await this.browser.catch((error: unknown) => {
        throw new Error(
          `Chromium (${CHROMIUM_PATH}) est nécessaire pour dessiner les diagrammes Mermaid à la construction ; ` +
            `« npx tsx scripts/ensure-chromium.ts » l'installe. Détail : ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      const page = await browser.newPage();
      await page.setContent("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"></head><body></body></html>");
      await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
      return page;
    })();
    return this.page;
  }
}

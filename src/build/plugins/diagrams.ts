// Mermaid diagrams drawn at build time: the fence rule (src/build/markdown/mermaid-fence.ts) leaves a placeholder,
// this transform replaces it with the SVG in both themes (src/build/diagrams/markup.ts), from the cache or drawn in
// Chromium (src/build/diagrams/mermaid-renderer.ts). Pages ship no Mermaid code.
import type { EleventyConfig } from "../eleventy-config.ts";
import { DiagramCache, diagramKey } from "../diagrams/cache.ts";
import { compactSvg, diagramFigure, narrowerEnough, narrowSource, tooWideForPhone } from "../diagrams/markup.ts";
import { DIAGRAM_THEMES, DiagramSyntaxError, MermaidRenderer, type DiagramTheme } from "../diagrams/mermaid-renderer.ts";
import mermaidFence, { PLACEHOLDER_ATTR, type DiagramEntry, type DiagramRegistry } from "../markdown/mermaid-fence.ts";

const PLACEHOLDER = new RegExp(`<div ${PLACEHOLDER_ATTR}="([^"]*)"></div>`, "g");
const THEMES = Object.keys(DIAGRAM_THEMES) as DiagramTheme[];

/** Registers the Mermaid fence rule and the transform that draws the diagrams. */
export default function diagrams(eleventyConfig: EleventyConfig): void {
  const registry: DiagramRegistry = new Map();
  const cache = new DiagramCache();
  const renderer = new MermaidRenderer();
  eleventyConfig.amendLibrary("md", (md) => md.use(mermaidFence, { registry }));
  eleventyConfig.on("eleventy.before", () => registry.clear());
  eleventyConfig.on("eleventy.after", () => renderer.close());

  /** The SVG of a diagram in a theme, from the cache or drawn now; a syntax error names the author's file and line. */
  async function svgOf(entry: DiagramEntry, theme: DiagramTheme): Promise<string> {
    const key = diagramKey(entry.source, theme);
    const cached = cache.get(key);
    // Compacted again: a cache written by an earlier version gets today's compaction (it is idempotent).
    if (cached !== undefined) return compactSvg(cached);
    try {
      const svg = compactSvg(await renderer.render(entry.source, theme));
      cache.set(key, svg);
      return svg;
    } catch (error) {
      if (error instanceof DiagramSyntaxError) throw new Error(`${entry.where()} : diagramme Mermaid invalide : ${error.message}`);
      throw error;
    }
  }

  eleventyConfig.addTransform("diagrams", async function (content: string): Promise<string> {
    if (!content.includes(PLACEHOLDER_ATTR)) return content; // most pages: no regular-expression scan
    const keys = [...content.matchAll(PLACEHOLDER)].map((match) => match[1]!);
    if (keys.length === 0) return content;
    const figures = new Map<string, string>();
    let count = 0;
    for (const key of keys) {
      const entry = registry.get(key);
      if (!entry) throw new Error(`Diagramme ${key} inconnu : la page a été rendue hors de cette construction`);
      const svgs = {} as Record<DiagramTheme, string>;
      for (const theme of THEMES) svgs[theme] = await svgOf(entry, theme);
      // A left-to-right chart too wide for a phone is also drawn top to bottom, for narrow screens.
      const narrowText = tooWideForPhone(svgs[THEMES[0]!]) ? narrowSource(entry.source) : undefined;
      let narrow: Record<DiagramTheme, string> | undefined;
      if (narrowText !== undefined) {
        narrow = {} as Record<DiagramTheme, string>;
        for (const theme of THEMES) narrow[theme] = await svgOf({ ...entry, source: narrowText }, theme);
        if (!narrowerEnough(svgs[THEMES[0]!], narrow[THEMES[0]!])) narrow = undefined; // branches side by side: no gain
      }
      figures.set(key, diagramFigure(`diagramme-${++count}`, svgs, narrow));
    }
    return content.replace(PLACEHOLDER, (_, key: string) => figures.get(key)!);
  });
}

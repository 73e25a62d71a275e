// Mermaid fences: a ```mermaid block becomes a placeholder that the diagrams plugin (src/build/plugins/diagrams.ts)
// replaces, once the page is rendered, with the diagram drawn at build time in both themes.
import fs from "node:fs";
import type { MarkdownIt } from "markdown-it";
import { escapeHtml } from "../html.ts";

/** A diagram seen in a page: its source and where the author wrote it. */
export interface DiagramEntry {
  source: string;
  /** `file:line` of the fence in the author's file. */
  where: string;
}

/** Attribute of the placeholder element; its value is a key of the DiagramRegistry. */
export const PLACEHOLDER_ATTR = "data-diagram-placeholder";

/** Diagrams by placeholder key, filled while pages render and read by the transform that draws them. */
export type DiagramRegistry = Map<string, DiagramEntry>;

interface PageEnv {
  page?: { inputPath?: string };
}

const MERMAID_OPEN = /^\s{0,3}(`{3,}|~{3,})\s*mermaid\b/;

/** `file:line` of the n-th (1-based) Mermaid fence of the author's file, or the file and the rendered line. */
function location(inputPath: string | undefined, nth: number, renderedLine: number): string {
  if (inputPath) {
    try {
      const lines = fs.readFileSync(inputPath, "utf8").split("\n");
      let seen = 0;
      for (let index = 0; index < lines.length; index += 1) {
        if (MERMAID_OPEN.test(lines[index]!) && ++seen === nth) return `${inputPath}:${index + 1}`;
      }
    } catch {
      // fall through
    }
  }
  return `${inputPath ?? "?"} (ligne ${renderedLine} après Nunjucks)`;
}

/** Wraps markdown-it's `fence` rule: mermaid fences become placeholders registered in `registry`. */
export default function mermaidFence(md: MarkdownIt, options: { registry: DiagramRegistry }): void {
  const previous = md.renderer.rules.fence;
  const counts = new WeakMap<object, number>();
  md.renderer.rules.fence = (tokens, idx, opts, env, self) => {
    const token = tokens[idx]!;
    const lang = token.info.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "";
    if (lang !== "mermaid") return previous ? previous(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts);
    const pageEnv = (env ?? {}) as PageEnv;
    const nth = (counts.get(pageEnv) ?? 0) + 1;
    counts.set(pageEnv, nth);
    const where = location(pageEnv.page?.inputPath, nth, (token.map?.[0] ?? 0) + 1);
    const key = `${options.registry.size + 1}`;
    options.registry.set(key, { source: token.content, where });
    return `<div ${PLACEHOLDER_ATTR}="${escapeHtml(key)}"></div>\n`;
  };
}

// Mermaid fences: a ```mermaid block becomes a placeholder that the diagrams plugin (src/build/plugins/diagrams.ts)
// replaces, once the page is rendered, with the diagram drawn at build time in both themes.
import type { MarkdownIt } from "markdown-it";
import { escapeHtml } from "../html.ts";
import { authorLocation, nthMatchingLine } from "../source-line.ts";

/** A diagram seen in a page: its source and where the author wrote it. */
export interface DiagramEntry {
  source: string;
  /** `file:line` of the fence in the author's file (reads the file: for error messages only). */
  where(): string;
}

/** Attribute of the placeholder element; its value is a key of the DiagramRegistry. */
export const PLACEHOLDER_ATTR = "data-diagram-placeholder";

/** Diagrams by placeholder key, filled while pages render and read by the transform that draws them. */
export type DiagramRegistry = Map<string, DiagramEntry>;

interface PageEnv {
  page?: { inputPath?: string };
}

const MERMAID_OPEN = /^\s{0,3}(`{3,}|~{3,})\s*mermaid\b/;

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
    const inputPath = pageEnv.page?.inputPath;
    const renderedLine = (token.map?.[0] ?? 0) + 1;
    const where = () => authorLocation(inputPath, nthMatchingLine(inputPath, MERMAID_OPEN, nth - 1), renderedLine);
    const key = `${options.registry.size + 1}`;
    options.registry.set(key, { source: token.content, where });
    return `<div ${PLACEHOLDER_ATTR}="${escapeHtml(key)}"></div>\n`;
  };
}

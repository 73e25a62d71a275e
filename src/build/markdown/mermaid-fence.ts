// Mermaid fences: ```mermaid blocks are left as escaped source in <pre class="mermaid" data-diagram>,
// drawn in the browser by src/runtime/mermaid.ts (loaded only on pages that have one); not indexed by Pagefind.
import type { MarkdownIt } from "markdown-it";
import { escapeHtml } from "./highlight.ts";

/** Wraps markdown-it's `fence` rule: mermaid fences become diagram placeholders, the others are unchanged. */
export default function mermaidFence(md: MarkdownIt): void {
  const previous = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const lang = token.info.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "";
    if (lang === "mermaid") {
      return `<pre class="mermaid" data-diagram data-pagefind-ignore>${escapeHtml(token.content)}</pre>\n`;
    }
    return previous ? previous(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
}

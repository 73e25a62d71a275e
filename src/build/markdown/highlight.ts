// Build-time syntax highlighting: one Shiki highlighter (JavaScript regex engine), light and dark themes at once.
// The colours are emitted as CSS variables (--shiki-light / --shiki-dark); src/runtime/styles/code.css picks one.
import { createHighlighter } from "shiki";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import type { Element, ElementContent } from "hast";

/** Highlights a code fence; `lang` may be a whole info string (`json title="Contenu"`), `attrs` the rest of it. */
export type Highlight = (code: string, lang: string, attrs?: string) => string;

/** Languages loaded once at startup (their aliases — sh, bash, shell, ts, js, yml, py… — come with them). */
const LANGUAGES = ["json", "jsonc", "shellscript", "shellsession", "http", "python", "xml", "html", "yaml", "typescript", "javascript", "sql", "ini", "diff"] as const;

/** Fence languages that mean "no highlighting". */
const PLAIN = new Set(["", "text", "txt", "plain", "plaintext", "none"]);

const THEMES = { light: "github-light", dark: "github-dark" } as const;

/** What a fence's info string says: the language (first word, unless it is an attribute) and an optional caption. */
export interface FenceInfo {
  lang: string;
  title?: string;
}

/** Parses `json title="Contenu"`, `title="Contenu"` or `bash` into a language and a caption. */
export function parseFenceInfo(lang: string, attrs = ""): FenceInfo {
  const info = `${lang} ${attrs}`.trim();
  const first = info.split(/\s+/, 1)[0] ?? "";
  const language = first.includes("=") ? "" : first.toLowerCase();
  const match = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(info);
  const title = match ? (match[1] ?? match[2] ?? match[3] ?? "").replace(/^["']|["']$/g, "").trim() : "";
  return title ? { lang: language, title } : { lang: language };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The caption shown above a fence with `title="…"`, as a hast node. */
function captionNode(title: string): ElementContent {
  return { type: "element", tagName: "span", properties: { className: ["code-caption"] }, children: [{ type: "text", value: title }] };
}

/** Plain fallback used if Shiki ever fails: same structure, no colours. */
function plainBlock(code: string, info: FenceInfo): string {
  const caption = info.title ? `<span class="code-caption">${escapeHtml(info.title)}</span>` : "";
  const cls = info.title ? "shiki has-caption" : "shiki";
  return `<pre class="${cls}" data-lang="text">${caption}<code tabindex="0">${escapeHtml(code)}</code></pre>`;
}

/** Creates the highlighter once; the returned function never throws and always returns a `<pre class="shiki">`. */
export async function createHighlight(): Promise<Highlight> {
  const highlighter = await createHighlighter({
    themes: [THEMES.light, THEMES.dark],
    langs: [...LANGUAGES],
    engine: createJavaScriptRegexEngine(),
  });
  const loaded = new Set<string>(highlighter.getLoadedLanguages());

  return (code, lang, attrs) => {
    const info = parseFenceInfo(lang ?? "", attrs ?? "");
    const language = !PLAIN.has(info.lang) && loaded.has(info.lang) ? info.lang : "text";
    const source = code.endsWith("\n") ? code.slice(0, -1) : code;
    try {
      return highlighter.codeToHtml(source, {
        lang: language,
        themes: THEMES,
        defaultColor: false,
        tabindex: false,
        transformers: [
          {
            pre(node: Element) {
              node.properties["data-lang"] = language;
              if (info.title) {
                this.addClassToHast(node, "has-caption");
                node.children.unshift(captionNode(info.title));
              }
            },
            // The <code> element scrolls (the caption stays put), so it is the one reachable with the keyboard.
            code(node: Element) {
              node.properties["tabindex"] = "0";
            },
          },
        ],
      });
    } catch {
      return plainBlock(source, info);
    }
  };
}

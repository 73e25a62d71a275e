// Build-time syntax highlighting: one Shiki highlighter (JavaScript regex engine), light and dark themes at once.
// Each block is tokenized once with a stand-in theme (./highlight-theme.ts) and written straight to HTML: every token
// carries its colours as CSS variables (--shiki-light / --shiki-dark); src/runtime/styles/code.css picks one.
import { bundledThemes, createHighlighter, type BundledLanguage, type BundledTheme, type ThemedToken } from "shiki";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import { pairTheme } from "./highlight-theme.ts";

/** Highlights a code fence; `lang` may be a whole info string (`json title="Contenu"`), `attrs` the rest of it. */
export type Highlight = (code: string, lang: string, attrs?: string) => string;

/** Languages loaded once at startup (their aliases — sh, bash, shell, ts, js, yml, py… — come with them). */
const LANGUAGES = ["json", "jsonc", "shellscript", "shellsession", "http", "python", "xml", "html", "yaml", "typescript", "javascript", "sql", "ini", "diff"] as const;

/** Fence languages that mean "no highlighting". */
const PLAIN = new Set(["", "text", "txt", "plain", "plaintext", "none"]);

const THEMES = { light: "github-light", dark: "github-dark" } as const;

/**
 * Token colours of the GitHub themes that fall short of WCAG AA (4.5:1) on their own background, and what is shown
 * instead: github-light's orange (#E36209, 3.5:1 on #fff → 5.5:1) and github-dark's comments (#6A737D, 3.0:1 on
 * #24292e → 5.3:1).
 */
const CONTRAST = { light: { "#e36209": "#b04a00" }, dark: { "#6a737d": "#959da5" } };

const WHITESPACE = /^\s+$/;

/** Shiki's font style bits (FontStyle in @shikijs/types). */
const ITALIC = 1;
const BOLD = 2;
const UNDERLINE = 4;
const STRIKETHROUGH = 8;

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

/** Escapes the text of a token as Shiki's HTML serializer (hast-util-to-html) does. */
function escapeToken(text: string): string {
  return text.includes("&") || text.includes("<") ? text.replace(/&/g, "&#x26;").replace(/</g, "&#x3C;") : text;
}

/** Plain fallback used if Shiki ever fails: same structure, no colours. */
function plainBlock(code: string, info: FenceInfo): string {
  const caption = info.title ? `<span class="code-caption">${escapeHtml(info.title)}</span>` : "";
  const cls = info.title ? "shiki has-caption" : "shiki";
  return `<pre class="${cls}" data-lang="text">${caption}<code tabindex="0">${escapeHtml(code)}</code></pre>`;
}

/** The CSS variables of one theme for a colour and Shiki's font style bits. */
function themeStyle(theme: "light" | "dark", colour: string, fontStyle: number): string {
  let style = `--shiki-${theme}:${colour}`;
  if (fontStyle & ITALIC) style += `;--shiki-${theme}-font-style:italic`;
  if (fontStyle & BOLD) style += `;--shiki-${theme}-font-weight:bold`;
  const decorations = [fontStyle & UNDERLINE ? "underline" : "", fontStyle & STRIKETHROUGH ? "line-through" : ""].filter(Boolean);
  if (decorations.length > 0) style += `;--shiki-${theme}-text-decoration:${decorations.join(" ")}`;
  return style;
}

/** Creates the highlighter once; the returned function never throws and always returns a `<pre class="shiki">`. */
export async function createHighlight(): Promise<Highlight> {
  const [light, dark] = await Promise.all([bundledThemes[THEMES.light](), bundledThemes[THEMES.dark]()]);
  const highlighter = await createHighlighter({ themes: [light.default, dark.default], langs: [...LANGUAGES], engine: createJavaScriptRegexEngine() });
  const lightTheme = highlighter.getTheme(THEMES.light);
  const darkTheme = highlighter.getTheme(THEMES.dark);
  const pair = pairTheme(lightTheme, darkTheme, CONTRAST);
  highlighter.loadThemeSync(pair.theme);
  const theme = pair.theme.name!;
  const loaded = new Set<string>(highlighter.getLoadedLanguages());
  const preStyle = `--shiki-light:${lightTheme.fg};--shiki-dark:${darkTheme.fg};--shiki-light-bg:${lightTheme.bg};--shiki-dark-bg:${darkTheme.bg}`;
  const preClass = `shiki shiki-themes ${lightTheme.name} ${darkTheme.name}`;

  // One style attribute per stand-in colour and font style, built on first use.
  const styles = new Map<string, string>();
  const styleOf = (token: ThemedToken): string => {
    if (!token.color) return "";
    const key = `${token.color}${token.fontStyle ?? 0}`;
    let style = styles.get(key);
    if (style === undefined) {
      const colours = pair.colours(token.color) ?? { light: token.color, dark: token.color };
      const fontStyle = token.fontStyle ?? 0;
      style = ` style="${themeStyle("light", colours.light, fontStyle)};${themeStyle("dark", colours.dark, fontStyle)}"`;
      styles.set(key, style);
    }
    return style;
  };

  return (code, lang, attrs) => {
    const info = parseFenceInfo(lang ?? "", attrs ?? "");
    const language = !PLAIN.has(info.lang) && loaded.has(info.lang) ? info.lang : "text";
    const source = code.endsWith("\n") ? code.slice(0, -1) : code;
    try {
      // Both names are loaded (the language is one of getLoadedLanguages(), the theme was just added). No time limit:
      // Shiki's default (500 ms a line) leaves the rest of a line unhighlighted when a loaded machine is slow, so the
      // output would depend on the load (seen on a first line while the regular expressions were being compiled).
      const lines = highlighter.codeToTokensBase(source, { lang: language as BundledLanguage, theme: theme as BundledTheme, tokenizeTimeLimit: 0 });
      let html = `<pre class="${preClass}${info.title ? " has-caption" : ""}" style="${preStyle}" data-lang="${language}">`;
      if (info.title) html += `<span class="code-caption">${escapeToken(info.title)}</span>`;
      // The <code> element scrolls (the caption stays put), so it is the one reachable with the keyboard.
      html += `<code tabindex="0">`;
      for (let index = 0; index < lines.length; index += 1) {
        if (index > 0) html += "\n";
        html += `<span class="line">`;
        // As Shiki does, a whitespace-only token joins the token after it (a trailing one keeps its own span).
        const line = lines[index]!;
        let carry = "";
        for (let position = 0; position < line.length; position += 1) {
          const token = line[position]!;
          if (position + 1 < line.length && WHITESPACE.test(token.content)) carry += token.content;
          else {
            html += `<span${styleOf(token)}>${escapeToken(carry + token.content)}</span>`;
            carry = "";
          }
        }
        html += `</span>`;
      }
      return `${html}</code></pre>`;
    } catch {
      return plainBlock(source, info);
    }
  };
}

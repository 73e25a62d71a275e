// Code highlighting: one tokenization with the stand-in theme must write exactly what Shiki's own dual-theme
// rendering (one tokenization per theme, through hast) writes, contrast replacements included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHighlighter, type ShikiTransformer } from "shiki";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import { createHighlight, parseFenceInfo } from "../../../src/build/markdown/highlight.ts";

const THEMES = { light: "github-light", dark: "github-dark" } as const;
const CONTRAST = { "github-light": { "#e36209": "#b04a00" }, "github-dark": { "#6a737d": "#959da5" } };

const SAMPLES: [code: string, lang: string][] = [
  ['{\n  "_id": "{upload}",\n  "size": 12.5, "ok": true, "none": null,\n  "list": ["a & b", "<c>"]\n}\n', "json"],
  ["// comment\n{ \"a\": /* c */ 1, }", "jsonc"],
  ['curl -X POST "$URL/uploads" \\\n  -H "Authorization: Bearer $TOKEN" # comment\nfor f in *.gpkg; do echo "$f"; done', "bash"],
  ["$ ls -la\ntotal 0\n$ echo $HOME", "console"],
  ["GET /api/datastores HTTP/1.1\nHost: example.org\n\n{\"a\": 1}", "http"],
  ["def f(x: int) -> int:\n    '''doc'''\n    return x ** 2  # comment\n\n@decorator\nclass A: pass", "python"],
  ['<?xml version="1.0"?>\n<sld:Rule><!-- c --><ogc:Literal>&amp; x</ogc:Literal></sld:Rule>', "xml"],
  ['<a href="x">&amp;</a>\n<script>const re = /a+/g;</script>\n<style>p { color: red }</style>', "html"],
  ["key: value\nlist:\n  - a # c\n  - 'b'\nanchor: &a\n  x: *a\n", "yaml"],
  ["const x: Map<string, number> = new Map(); // c\n/** doc */\nexport function f<T>(a: T): T { return `${a}`; }", "ts"],
  ["SELECT * FROM t WHERE a = 'x' -- c\n  AND b <> 2;", "sql"],
  ["[section]\nkey = value ; c\n# c", "ini"],
  ["--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n context", "diff"],
  ["plain <text> & more\n\n  indented\t", "text"],
  ["unknown language", "klingon"],
  ["   \n\t\n", "json"],
  ["", "json"],
];

/** Shiki's own rendering, as src/build/markdown/highlight.ts did it before it tokenized once. */
async function reference(): Promise<(code: string, lang: string, attrs?: string) => string> {
  const highlighter = await createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: ["json", "jsonc", "shellscript", "shellsession", "http", "python", "xml", "html", "yaml", "typescript", "javascript", "sql", "ini", "diff"], engine: createJavaScriptRegexEngine() });
  const loaded = new Set<string>(highlighter.getLoadedLanguages());
  return (code, lang, attrs) => {
    const info = parseFenceInfo(lang, attrs);
    const language = !["", "text", "txt", "plain", "plaintext", "none"].includes(info.lang) && loaded.has(info.lang) ? info.lang : "text";
    const transformer: ShikiTransformer = {
      pre(node) {
        node.properties["data-lang"] = language;
        if (info.title) {
          this.addClassToHast(node, "has-caption");
          node.children.unshift({ type: "element", tagName: "span", properties: { className: ["code-caption"] }, children: [{ type: "text", value: info.title }] });
        }
      },
      code(node) {
        node.properties["tabindex"] = "0";
      },
    };
    const source = code.endsWith("\n") ? code.slice(0, -1) : code;
    return highlighter.codeToHtml(source, { lang: language, themes: THEMES, defaultColor: false, tabindex: false, colorReplacements: CONTRAST, tokenizeTimeLimit: 0, transformers: [transformer] });
  };
}

test("one tokenization writes what Shiki writes with one tokenization per theme", async () => {
  const [ours, shiki] = await Promise.all([createHighlight(), reference()]);
  for (const [code, lang] of SAMPLES) assert.equal(ours(code, lang), shiki(code, lang), `${lang}: ${code.slice(0, 40)}`);
  assert.equal(ours("x", "json", 'title="A & <B>"'), shiki("x", "json", 'title="A & <B>"'));
});

test("tokens carry both themes' colours, with the contrast replacements", async () => {
  const highlight = await createHighlight();
  const html = highlight('# comment\nexport X="$HOME"', "bash");
  assert.match(html, /^<pre class="shiki shiki-themes github-light github-dark" style="--shiki-light:#24292e;--shiki-dark:#e1e4e8;--shiki-light-bg:#fff;--shiki-dark-bg:#24292e" data-lang="bash"><code tabindex="0">/);
  assert.match(html, /<span style="--shiki-light:#6A737D;--shiki-dark:#959da5"># comment<\/span>/);
  // github-light's orange (function parameters) is darkened.
  assert.match(highlight("function f(a) { return a; }", "js"), /<span style="--shiki-light:#b04a00;--shiki-dark:#FFAB70">a<\/span>/);
  assert.doesNotMatch(html + highlight("function f(a) {}", "js"), /#E36209|--shiki-dark:#6A737D/i);
});

// Markup for the search, added to each built page: an id on every h2-h4 that has none (Pagefind links a result to
// the section under the nearest heading with an id), and the words of each URL shown as code, so that a query for a
// part of it ("GetCapabilities", "uploads") finds the page: Pagefind keeps `…?SERVICE=WMS&REQUEST=GetCapabilities`
// as one compound word, which a page where the word stands alone outranks to the point of hiding it.
import type { EleventyConfig } from "../eleventy-config.ts";

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The text of an HTML fragment: tags dropped, entities decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== "#") return NAMED[name.toLowerCase()] ?? whole;
      const code = name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}

/** A heading's anchor: "Créer la livraison (ARCHIVE)" → "creer-la-livraison-archive". */
export function slugOf(text: string): string {
  const slug = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’']/g, "-")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "section" : slug;
}

/** The distinct words of a URL or other code, without scheme, host and bare numbers: "…/wms-r?SERVICE=WMS" → "wms r SERVICE". */
export function codeWords(text: string): string {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const word of text.replace(/^[a-z]+:\/\/[^/]*/i, "").split(/[^\p{L}\p{N}]+/u)) {
    const key = word.toLowerCase();
    if (word === "" || /^\d+$/.test(word) || seen.has(key)) continue;
    seen.add(key);
    words.push(word);
  }
  return words.join(" ");
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** Code that reads as a URL or a path: worth splitting into words. */
const URL_LIKE = /[/?=&]/;

/** The page with ids on its headings and the words of its URLs indexed (see the file comment). */
export function addSearchMarkup(html: string): string {
  const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1]!));
  const withIds = html.replace(/<h([2-4])((?:\s[^>]*)?)>([^]*?)<\/h\1>/g, (whole, level: string, attributes: string, inner: string) => {
    if (/\sid=/.test(attributes)) return whole;
    const base = slugOf(textOf(inner));
    let id = base;
    for (let n = 2; ids.has(id); n += 1) id = `${base}-${n}`;
    ids.add(id);
    return `<h${level} id="${id}"${attributes}>${inner}</h${level}>`;
  });
  // A block's URL (<code class="api-block__url">, with placeholder spans and <wbr> break points) and inline code
  // without markup inside.
  return withIds.replace(/<code((?:\s[^>]*)?)>((?:[^<]|<wbr>|<span[^>]*>[^<]*<\/span>)*)<\/code>/g, (whole, attributes: string, inner: string) => {
    if (/data-pagefind-index-attrs|x-text/.test(attributes)) return whole;
    const text = textOf(inner);
    if (!URL_LIKE.test(text) || (inner.includes("<span") && !attributes.includes("api-block__url"))) return whole;
    const words = codeWords(text);
    if (words === "") return whole;
    return `<code${attributes} data-search-words="${escapeAttribute(words)}" data-pagefind-index-attrs="data-search-words">${inner}</code>`;
  });
}

/** Adds the search markup to every HTML page written by the build. */
export default function searchAnchors(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addTransform("search-anchors", function (this: { page: { outputPath: string | false } }, content: string) {
    const output = this.page.outputPath;
    return typeof output === "string" && output.endsWith(".html") ? addSearchMarkup(content) : content;
  });
}

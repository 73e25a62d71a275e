// "Sur cette page": the h2/h3 of a page's content get ids (kept when they have one), and a folded table of contents
// listing them goes after the page's h1 (_includes/layouts/base.njk, filter `withToc` registered by
// src/build/plugins/navigation.ts). Styles: src/runtime/styles/layout.css (.page-toc).
import slugify from "slugify";
import { STRINGS } from "../shared/strings.ts";
import { escapeHtml } from "./html.ts";

/** A heading of the page, as the table of contents lists it. */
export interface TocEntry {
  level: 2 | 3;
  id: string;
  text: string;
}

const HEADING = /<h([23])((?:\s[^>]*)?)>([\s\S]*?)<\/h\1>/g;
const ID_ATTR = /\sid="([^"]*)"/;

/** The text of a heading's inner HTML: tags dropped, the few entities markdown-it writes decoded. */
export function headingText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** A French-friendly anchor for a heading ("Supprimer la donnée stockée" → "supprimer-la-donnee-stockee"). */
export function anchorOf(text: string): string {
  return slugify(text, { lower: true, strict: true, locale: "fr" }) || "section";
}

/** The content with an id on each h2/h3 (unique in the page, `taken` holds ids already used) and its entries. */
export function withHeadingIds(html: string, taken: Set<string> = new Set()): { html: string; entries: TocEntry[] } {
  const entries: TocEntry[] = [];
  const out = html.replace(HEADING, (whole, level: string, attrs: string, inner: string) => {
    const text = headingText(inner);
    const existing = ID_ATTR.exec(attrs)?.[1];
    let id = existing ?? anchorOf(text);
    if (!existing) {
      const base = id;
      for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    }
    taken.add(id);
    entries.push({ level: Number(level) as 2 | 3, id, text });
    return existing ? whole : `<h${level} id="${id}"${attrs}>${inner}</h${level}>`;
  });
  return { html: out, entries };
}

/** The table of contents of `entries` (h3 nested under the h2 before them), or "" for fewer than two entries. */
export function tocHtml(entries: readonly TocEntry[]): string {
  if (entries.length < 2) return "";
  const link = (entry: TocEntry) => `<a href="#${escapeHtml(entry.id)}">${escapeHtml(entry.text)}</a>`;
  let html = "";
  let open = false; // an h3 list is open under the current h2
  let item = false; // an h2 item is open
  for (const entry of entries) {
    if (entry.level === 3 && item) {
      html += `${open ? "" : "<ol>"}<li>${link(entry)}</li>`;
      open = true;
      continue;
    }
    if (open) html += "</ol>";
    if (item) html += "</li>";
    open = false;
    item = entry.level === 2;
    html += entry.level === 2 ? `<li>${link(entry)}` : `<li>${link(entry)}</li>`;
  }
  if (open) html += "</ol>";
  if (item) html += "</li>";
  return (
    `<details class="page-toc" data-pagefind-ignore><summary class="page-toc__toggle">${escapeHtml(STRINGS.toc)}</summary>` +
    `<nav class="page-toc__nav" aria-label="${escapeHtml(STRINGS.toc)}"><ol>${html}</ol></nav></details>`
  );
}

/** The page's content with heading ids and its table of contents after its h1 (at the start when it has none). */
export function withToc(content: unknown): string {
  const html = String(content ?? "");
  const { html: withIds, entries } = withHeadingIds(html);
  const toc = tocHtml(entries);
  if (!toc) return withIds;
  const h1End = withIds.indexOf("</h1>");
  return h1End === -1 ? toc + withIds : withIds.slice(0, h1End + 5) + toc + withIds.slice(h1End + 5);
}

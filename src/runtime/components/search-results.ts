// The header search's result list, built as DOM nodes from Pagefind's data (never from raw HTML): a page's title,
// then the sections that match, each linking to its anchor with the words to highlight there.
import { SEARCH_STRINGS } from "../../shared/strings.ts";
import { highlightUrl, markedWords } from "./search-terms.ts";

/** Sections listed under a page's title. */
const MAX_SECTIONS = 3;

/** One hit of a search; its data (excerpt, sections) is fetched on demand. */
export interface PagefindHit {
  id: string;
  score: number;
  data(): Promise<PagefindResult>;
}
/** A search's hits, best first. */
export interface PagefindSearch {
  results: PagefindHit[];
}
/** A section of a page: the text under one heading with an id. */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
}
/** A page found, with its sections. */
export interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: PagefindSubResult[];
}

/** Decodes the few entities Pagefind leaves in excerpts (&amp; &lt; &gt; &quot; &#39; and numeric ones). */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}

/** Turns an excerpt whose only markup is <mark>…</mark> into text nodes and <mark> elements. */
export function excerptNodes(excerpt: string): Node[] {
  const nodes: Node[] = [];
  const parts = excerpt.split(/<\/?mark>/i);
  parts.forEach((part, i) => {
    if (part === "") return;
    const text = document.createTextNode(decodeEntities(part.replace(/<[^>]*>/g, "")));
    if (i % 2 === 1) {
      const mark = document.createElement("mark");
      mark.append(text);
      nodes.push(mark);
    } else {
      nodes.push(text);
    }
  });
  return nodes;
}

/** "Aucun résultat", "1 résultat", "12 résultats (8 affichés)". */
export function statusText(total: number, shown: number): string {
  return total === 0 ? SEARCH_STRINGS.none : SEARCH_STRINGS.count(total, shown);
}

/** The sections worth listing: those with an anchor, most matches first (the page itself when it has none). */
function sectionsOf(result: PagefindResult): PagefindSubResult[] {
  const subs = result.sub_results ?? [];
  const anchored = subs.filter((sub) => sub.url.includes("#"));
  const chosen = anchored.length > 0 ? anchored : subs.slice(0, 1);
  return [...chosen].sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0)).slice(0, MAX_SECTIONS);
}

/** An excerpt paragraph. */
function excerptOf(excerpt: string): HTMLParagraphElement {
  const paragraph = document.createElement("p");
  paragraph.className = "search-result-excerpt";
  paragraph.append(...excerptNodes(excerpt));
  return paragraph;
}

/** One result: the page title (linking to its best section), then its matching sections with their excerpts. */
export function resultItem(result: PagefindResult, fallbackWords: readonly string[]): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "search-result";
  const sections = sectionsOf(result);
  const linkTo = (url: string, excerpt: string) => {
    const words = markedWords(excerpt);
    return highlightUrl(url, words.length > 0 ? words : fallbackWords);
  };
  const best = sections[0];
  const link = document.createElement("a");
  link.href = best ? linkTo(best.url, best.excerpt) : linkTo(result.url, result.excerpt);
  link.className = "search-result-link";
  link.textContent = result.meta.title?.trim() || result.url;
  item.append(link);
  const anchored = sections.filter((section) => section.url.includes("#") && section.title.trim() !== link.textContent);
  if (anchored.length === 0) {
    item.append(excerptOf(best?.excerpt ?? result.excerpt));
    return item;
  }
  const list = document.createElement("ul");
  list.className = "search-result__sections";
  for (const section of anchored) {
    const entry = document.createElement("li");
    const sectionLink = document.createElement("a");
    sectionLink.className = "search-result__section";
    sectionLink.href = linkTo(section.url, section.excerpt);
    sectionLink.textContent = section.title.trim();
    entry.append(sectionLink, excerptOf(section.excerpt));
    list.append(entry);
  }
  item.append(list);
  return item;
}


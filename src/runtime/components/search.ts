// The header search box (Alpine component `siteSearch`, markup in _includes/partials/search.njk).
// Pagefind's browser bundle is imported on first use; results are built as DOM nodes, never from raw HTML.
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";

// A variable specifier keeps esbuild from bundling Pagefind: the file is written by the build (src/build/plugins/search.ts).
const PAGEFIND_URL = "/pagefind/pagefind.js";
const MAX_RESULTS = 8;
const DEBOUNCE_MS = 100;

/** The part of Pagefind's browser API used here. */
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(term: string, options?: Record<string, unknown>, timeout?: number): Promise<PagefindSearch | null>;
}
interface PagefindSearch {
  results: { id: string; data(): Promise<PagefindResult> }[];
}
interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string };
}

/** The component's own state and methods. */
interface SiteSearch {
  query: string;
  status: string;
  expanded: boolean;
  pagefind: Promise<PagefindApi> | null;
  load(): Promise<PagefindApi>;
  onInput(event: Event): Promise<void>;
  clear(): void;
  close(): void;
  focusFirst(): void;
  onListKeydown(event: KeyboardEvent): void;
  render(results: PagefindResult[]): void;
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
  if (total === 0) return "Aucun résultat";
  const count = total === 1 ? "1 résultat" : `${total} résultats`;
  return shown < total ? `${count} (${shown} affichés)` : count;
}

/** One result: a link (title) followed by its excerpt. */
function resultItem(result: PagefindResult): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "search-result";
  const link = document.createElement("a");
  link.href = result.url;
  link.className = "search-result-link";
  link.textContent = result.meta.title?.trim() || result.url;
  const excerpt = document.createElement("p");
  excerpt.className = "search-result-excerpt";
  excerpt.append(...excerptNodes(result.excerpt));
  item.append(link, excerpt);
  return item;
}

/** The `siteSearch` component's data object. */
function siteSearch(): SiteSearch & ThisType<SiteSearch & AlpineMagics> {
  return {
    query: "",
    status: "",
    expanded: false,
    pagefind: null,

    load() {
      this.pagefind ??= (async () => {
        const url = PAGEFIND_URL;
        const api = (await import(/* webpackIgnore: true */ url)) as PagefindApi;
        await api.options({ excerptLength: 24 });
        await api.init();
        return api;
      })();
      return this.pagefind;
    },

    async onInput(event) {
      this.query = (event.target as HTMLInputElement).value;
      const term = this.query.trim();
      if (term === "") {
        this.close();
        return;
      }
      try {
        this.status = "Recherche…";
        this.expanded = true;
        const api = await this.load();
        const search = await api.debouncedSearch(term, {}, DEBOUNCE_MS);
        if (search === null || term !== this.query.trim()) return; // superseded by a newer input
        const data = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
        if (term !== this.query.trim()) return;
        this.render(data);
        this.status = statusText(search.results.length, data.length);
      } catch (error) {
        console.error("Recherche indisponible", error);
        this.pagefind = null;
        this.render([]);
        this.status = "La recherche est indisponible pour le moment.";
      }
    },

    render(results) {
      this.$refs["list"]?.replaceChildren(...results.map(resultItem));
    },

    clear() {
      const input = this.$refs["input"] as HTMLInputElement | undefined;
      if (input) {
        input.value = "";
        input.focus();
      }
      this.query = "";
      this.close();
    },

    close() {
      this.expanded = false;
      this.status = "";
      this.render([]);
    },

    focusFirst() {
      this.$refs["list"]?.querySelector<HTMLAnchorElement>("a")?.focus();
    },

    // Up/Down move between result links; Up from the first one goes back to the input.
    onListKeydown(event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const links = Array.from(this.$refs["list"]?.querySelectorAll<HTMLAnchorElement>("a") ?? []);
      const position = links.indexOf(document.activeElement as HTMLAnchorElement);
      if (position === -1) return;
      event.preventDefault();
      const target = event.key === "ArrowDown" ? links[position + 1] : (links[position - 1] ?? this.$refs["input"]);
      target?.focus();
    },
  };
}

/** Registers the `siteSearch` Alpine component. */
export function registerSearch(Alpine: AlpineGlobal): void {
  Alpine.data("siteSearch", siteSearch);
}

// The header search box (Alpine component `siteSearch`, markup in _includes/partials/search.njk).
// Pagefind's browser bundle is imported on first use; results are built as DOM nodes, never from raw HTML. Each result
// links to the sections that match (Pagefind's sub-results, at their heading's anchor) with the matched words to
// highlight there; English API words are searched in French too (src/runtime/components/search-terms.ts).
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";
import { SEARCH_STRINGS } from "../../shared/strings.ts";
import { highlightOnArrival } from "./search-highlight.ts";
import { resultItem, statusText, type PagefindHit, type PagefindResult, type PagefindSearch } from "./search-results.ts";
import { expandQuery, mergeHits, type Hit } from "./search-terms.ts";

// A variable specifier keeps esbuild from bundling Pagefind: the file is written by the build (src/build/plugins/search.ts).
const PAGEFIND_URL = "/pagefind/pagefind.js";
/** Results shown at first, and added by each "Voir plus de résultats". */
const PAGE_SIZE = 8;
const DEBOUNCE_MS = 100;

/** The part of Pagefind's browser API used here. */
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: Record<string, unknown>): Promise<PagefindSearch>;
  debouncedSearch(term: string, options?: Record<string, unknown>, timeout?: number): Promise<PagefindSearch | null>;
}
/** The component's own state and methods. */
interface SiteSearch {
  query: string;
  status: string;
  expanded: boolean;
  hasMore: boolean;
  shown: number;
  pagefind: Promise<PagefindApi> | null;
  load(): Promise<PagefindApi>;
  onInput(event: Event): Promise<void>;
  showMore(): Promise<void>;
  clear(): void;
  close(): void;
  focusFirst(): void;
  onListKeydown(event: KeyboardEvent): void;
  render(results: PagefindResult[], append?: boolean): void;
}

/** The `siteSearch` component's data object. */
function siteSearch(): SiteSearch & ThisType<SiteSearch & AlpineMagics> {
  // Kept out of Alpine's reactive state: Pagefind's result objects need no proxy.
  let hits: Hit<PagefindHit>[] = [];
  let words: string[] = [];
  return {
    query: "",
    status: "",
    expanded: false,
    hasMore: false,
    shown: 0,
    pagefind: null,

    load() {
      this.pagefind ??= (async () => {
        const url = PAGEFIND_URL;
        const api = (await import(/* webpackIgnore: true */ url)) as PagefindApi;
        await api.options({ excerptLength: 26 });
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
        this.status = SEARCH_STRINGS.searching;
        this.expanded = true;
        const api = await this.load();
        const first = await api.debouncedSearch(term, {}, DEBOUNCE_MS);
        if (first === null || term !== this.query.trim()) return; // superseded by a newer input
        const [, ...variants] = expandQuery(term);
        const others = await Promise.all(variants.map((variant) => api.search(variant)));
        if (term !== this.query.trim()) return;
        hits = mergeHits([first, ...others].map((search) => search.results.map((item) => ({ id: item.id, score: item.score, item }))));
        words = term.split(/\s+/).filter((word) => word.length > 1);
        const data = await Promise.all(hits.slice(0, PAGE_SIZE).map((hit) => hit.item.data()));
        if (term !== this.query.trim()) return;
        this.shown = data.length;
        this.render(data);
      } catch (error) {
        console.error("Recherche indisponible", error);
        this.pagefind = null;
        hits = [];
        this.shown = 0;
        this.render([]);
        this.status = SEARCH_STRINGS.unavailable;
      }
    },

    // The next results, appended; the focus moves to the first of them so that the keyboard carries on from there.
    async showMore() {
      const term = this.query.trim();
      const from = this.shown;
      const data = await Promise.all(hits.slice(from, from + PAGE_SIZE).map((hit) => hit.item.data()));
      if (term !== this.query.trim()) return;
      this.shown = from + data.length;
      this.render(data, true);
      this.$refs["list"]?.querySelectorAll<HTMLElement>(":scope > li")[from]?.querySelector("a")?.focus();
    },

    render(results, append = false) {
      const items = results.map((result) => resultItem(result, words));
      if (append) this.$refs["list"]?.append(...items);
      else this.$refs["list"]?.replaceChildren(...items);
      this.hasMore = this.shown < hits.length;
      this.status = this.query.trim() === "" ? "" : statusText(hits.length, this.shown);
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
      hits = [];
      this.shown = 0;
      this.expanded = false;
      this.render([]);
      this.status = "";
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

/** Where a keystroke is typing: `/` and Ctrl+K are left to the field there. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest("input, textarea, select, [contenteditable], .cm-editor") !== null);
}

/** `/`, Ctrl+K and ⌘K focus the search box from anywhere on the page, except while typing in a field. */
export function onShortcut(event: KeyboardEvent): void {
  const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey;
  const commandK = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
  if ((!slash && !commandK) || isTyping(event.target)) return;
  const input = document.querySelector<HTMLInputElement>("#site-search-input");
  if (!input) return;
  event.preventDefault();
  input.focus();
  input.select();
}

/** Registers the `siteSearch` Alpine component, the keyboard shortcuts and the highlighting on arrival from a result. */
export function registerSearch(Alpine: AlpineGlobal): void {
  Alpine.data("siteSearch", siteSearch);
  document.addEventListener("keydown", onShortcut);
  highlightOnArrival().catch((error: unknown) => console.error("Surlignage de la recherche impossible", error));
}

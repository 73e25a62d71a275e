// Arrival from a search result: the words of `?pagefind-highlight=…` are marked in the article by Pagefind's highlight
// script (imported only then), and the section of the link's #anchor is scrolled into view with its first mark.
import { HIGHLIGHT_PARAM } from "./search-terms.ts";

// A variable specifier keeps esbuild from bundling it: the file is written by Pagefind (src/build/plugins/search.ts).
const HIGHLIGHT_URL = "/pagefind/pagefind-highlight.js";

/** Never marked: controls and what the page writes itself (a <mark> inside a textarea would change its value). */
const NOT_MARKED = ["[data-pagefind-ignore]", "button", "textarea", "input", "select", "script", "svg", "[x-text]", "template", ".api-block__result"]
  .flatMap((selector) => [selector, `${selector} *`]);

type HighlightConstructor = new (options: Record<string, unknown>) => unknown;

/** The first element of `marks` that follows `start` in the document (or is inside it). */
function firstAfter(start: Element, marks: Iterable<Element>): Element | undefined {
  for (const mark of marks) {
    if (start === mark || start.contains(mark) || start.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING) return mark;
  }
  return undefined;
}

/** Marks the words the search link carries and brings its section into view; does nothing without them. */
export async function highlightOnArrival(location: Location = window.location): Promise<void> {
  if (!new URLSearchParams(location.search).has(HIGHLIGHT_PARAM)) return;
  const url = HIGHLIGHT_URL;
  const module = (await import(/* webpackIgnore: true */ url)) as { default: HighlightConstructor };
  new module.default({
    highlightParam: HIGHLIGHT_PARAM,
    addStyles: false,
    markOptions: { className: "search-highlight", exclude: NOT_MARKED },
  });
  const id = decodeURIComponent(location.hash.slice(1));
  const target = (id && document.getElementById(id)) || document.querySelector("[data-pagefind-body]");
  if (!target) return;
  target.scrollIntoView({ block: "start" });
  const mark = firstAfter(target, document.querySelectorAll(".search-highlight"));
  if (!mark) return;
  const box = mark.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) mark.scrollIntoView({ block: "center" });
}

// Diagrams wider than the page scroll horizontally (src/runtime/styles/diagrams.css): such a figure becomes a named,
// focusable region so that keyboard users can scroll it too; it goes back to a plain figure when it fits again.
import { STRINGS } from "../shared/strings.ts";

/** Updates one figure: focusable region while its content overflows, plain figure otherwise. */
function update(figure: HTMLElement): void {
  const scrollable = figure.scrollWidth > figure.clientWidth + 1;
  if (scrollable === figure.hasAttribute("data-scrollable")) return;
  if (scrollable) {
    figure.setAttribute("data-scrollable", "");
    figure.setAttribute("tabindex", "0");
    figure.setAttribute("role", "region");
    figure.setAttribute("aria-label", STRINGS.wideDiagram);
  } else {
    for (const name of ["data-scrollable", "tabindex", "role", "aria-label"]) figure.removeAttribute(name);
  }
}

/** Watches every diagram of the page (figure.diagram, written at build time by src/build/diagrams/markup.ts). */
export function watchWideDiagrams(root: Document): void {
  const figures = Array.from(root.querySelectorAll<HTMLElement>("figure.diagram"));
  if (figures.length === 0) return;
  figures.forEach(update);
  if (typeof ResizeObserver === "undefined") return;
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => update(entry.target as HTMLElement)));
  figures.forEach((figure) => observer.observe(figure));
}

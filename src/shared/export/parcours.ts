// A tutorial as data: its pages in reading order, each with its request blocks (the same BlockSpec the pages are
// built from). Written by the build to /assets/parcours/<tutorial>.json (src/build/parcours.ts); read by the
// exporters (Bruno, Arazzo, shell), the headless replay (scripts/tutorial.ts) and the "Exporter ce parcours" button.
import type { BlockSpec } from "../block-contract.ts";

/** One page of a tutorial and its blocks, in document order. */
export interface ParcoursPage {
  /** Site URL, e.g. /tutoriels/alimentation-diffusion-archive/livraison/. */
  url: string;
  title: string;
  blocks: BlockSpec[];
}

/** A tutorial: its slug (folder under /tutoriels/), title and pages in reading order. */
export interface Parcours {
  tutorial: string;
  title: string;
  pages: ParcoursPage[];
}

/** Site path of a tutorial's parcours file. */
export const parcoursHref = (tutorial: string): string => `/assets/parcours/${tutorial}.json`;

/** The tutorial slug of a site URL (/tutoriels/<slug>/…), or undefined outside the tutorials. */
export function tutorialOf(url: string): string | undefined {
  return /^\/tutoriels\/([^/]+)\//.exec(url)?.[1];
}

/** Whether a page is a cleanup step (its blocks delete what the tutorial created): run even after a failure. */
export const isCleanupPage = (page: ParcoursPage): boolean => /\/nettoyage\/$/.test(page.url);

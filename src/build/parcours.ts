// Build step: every tutorial's blocks in reading order, written to /assets/parcours/<tutorial>.json (format:
// src/shared/export/parcours.ts). The specs are collected through the request-block plugin's `sources` option
// (a VariableSourceIndex that also keeps each spec); page order comes from each page's eleventyNavigation `order`.
import fs from "node:fs";
import path from "node:path";
import type { BlockSpec } from "../shared/block-contract.ts";
import { tutorialOf, type Parcours } from "../shared/export/parcours.ts";
import { VariableSourceIndex } from "./markdown/variable-sources.ts";

/** A page written by the build (Eleventy's eleventy.after results). */
export interface BuiltPage {
  url: string;
  inputPath: string;
}

/** The variable-source index, plus every block's spec by page. */
export class ParcoursIndex extends VariableSourceIndex {
  private pages = new Map<string, { title: string; blocks: BlockSpec[] }>();

  override reset(): void {
    super.reset();
    this.pages = new Map();
  }

  override record(spec: BlockSpec, anchor: string, pageTitle: string): void {
    super.record(spec, anchor, pageTitle);
    const url = spec.id.slice(0, spec.id.lastIndexOf("#"));
    const page = this.pages.get(url) ?? { title: pageTitle, blocks: [] };
    page.blocks.push(spec);
    this.pages.set(url, page);
  }

  /** Each tutorial's parcours: pages with blocks, ordered by their navigation order (then URL). */
  parcours(built: readonly BuiltPage[]): Parcours[] {
    const front = new Map(built.map((page) => [page.url, frontMatter(page.inputPath)]));
    const byTutorial = new Map<string, Parcours>();
    for (const [url, page] of this.pages) {
      const tutorial = tutorialOf(url);
      if (!tutorial) continue;
      const overview = front.get(`/tutoriels/${tutorial}/`);
      const entry = byTutorial.get(tutorial) ?? { tutorial, title: overview?.title ?? tutorial, pages: [] };
      entry.pages.push({ url, title: page.title, blocks: [...page.blocks].sort((a, b) => blockIndex(a) - blockIndex(b)) });
      byTutorial.set(tutorial, entry);
    }
    const order = (url: string) => front.get(url)?.order ?? Number.POSITIVE_INFINITY;
    for (const entry of byTutorial.values()) entry.pages.sort((a, b) => order(a.url) - order(b.url) || a.url.localeCompare(b.url));
    return [...byTutorial.values()].sort((a, b) => a.tutorial.localeCompare(b.tutorial));
  }

  /** Writes <output>/assets/parcours/<tutorial>.json for each tutorial. */
  write(output: string, built: readonly BuiltPage[]): void {
    const dir = path.join(output, "assets", "parcours");
    fs.mkdirSync(dir, { recursive: true });
    for (const entry of this.parcours(built)) fs.writeFileSync(path.join(dir, `${entry.tutorial}.json`), JSON.stringify(entry));
  }
}

const blockIndex = (spec: BlockSpec): number => Number(spec.id.slice(spec.id.lastIndexOf("#") + 1));

// The `title:` and eleventyNavigation `order:` of a Markdown page's front matter (undefined when absent).
function frontMatter(inputPath: string): { title?: string; order?: number } {
  let text: string;
  try {
    text = fs.readFileSync(inputPath, "utf8");
  } catch {
    return {};
  }
  const head = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
  const title = /^title:\s*(.+)$/m.exec(head)?.[1]?.trim().replace(/^(["'])(.*)\1$/, "$2");
  const order = /^\s+order:\s*(\d+)\s*$/m.exec(head)?.[1];
  return { title, order: order === undefined ? undefined : Number(order) };
}

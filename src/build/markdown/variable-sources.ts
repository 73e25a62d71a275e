// Which block provides each runtime variable, collected while pages render and written to
// /assets/variable-sources.json for the browser (src/runtime/providers.ts), which points readers to the step
// to run first when a variable is missing.
import type { BlockSpec, VariableSources } from "../../shared/block-contract.ts";

// One collator for all comparisons (creating one per comparison was measurable at build time).
const byHref = new Intl.Collator("fr", { numeric: true });

/** Collects sources during one build. */
export class VariableSourceIndex {
  private sources: VariableSources = {};

  /** Forgets everything (start of a build). */
  reset(): void {
    this.sources = {};
  }

  /** Records the variables a block captures, except those its own request needs. */
  record(spec: BlockSpec, anchor: string, pageTitle: string): void {
    const page = spec.id.slice(0, spec.id.lastIndexOf("#"));
    for (const capture of spec.captures) {
      if (spec.placeholders.includes(capture.variable)) continue;
      const own = capture.path.length === 1 && capture.path[0] === "_id";
      const list = (this.sources[capture.variable] ??= []);
      if (!list.some((source) => source.href === `${page}#${anchor}`)) list.push({ href: `${page}#${anchor}`, pageTitle, own });
    }
  }

  /** The index, each list sorted by URL so the output is stable. */
  toJSON(): VariableSources {
    return Object.fromEntries(
      Object.entries(this.sources)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, list]) => [name, [...list].sort((a, b) => byHref.compare(a.href, b.href))]),
    );
  }
}

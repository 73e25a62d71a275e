// Points a reader to the step that provides a missing variable, from /assets/variable-sources.json
// (written at build time by src/build/markdown/variable-sources.ts).
import type { VariableSource, VariableSources } from "../shared/block-contract.ts";
import { STRINGS } from "../shared/strings.ts";

/** A link to the block that fills a variable. */
export interface Provider {
  label: string;
  href: string;
}

let index: Promise<VariableSources> | undefined;

function load(): Promise<VariableSources> {
  index ??= fetch("/assets/variable-sources.json").then(
    (response) => (response.ok ? (response.json() as Promise<VariableSources>) : {}),
    () => ({}),
  );
  return index;
}

/** The best source of a variable for a reader on `path`: same tutorial first, then a block that owns the id. */
export function bestSource(sources: readonly VariableSource[], path: string): VariableSource | undefined {
  const tutorial = path.replace(/[^/]*\/?$/, "");
  const rank = (source: VariableSource) => (source.href.startsWith(tutorial) ? 0 : 2) + (source.own ? 0 : 1);
  return [...sources].sort((a, b) => rank(a) - rank(b))[0];
}

/** Where a variable can be filled: the best block's link, its page's title, and whether it is on `path`. */
export interface SourceLink {
  href: string;
  pageTitle: string;
  samePage: boolean;
}

/** The best block to fill each of `names` for a reader on `path` (names without a known source are left out). */
export async function sourceLinks(names: readonly string[], path: string): Promise<Record<string, SourceLink>> {
  const sources = await load();
  return Object.fromEntries(
    names.flatMap((name) => {
      const source = bestSource(sources[name] ?? [], path);
      return source ? [[name, { href: source.href, pageTitle: source.pageTitle, samePage: source.href.startsWith(`${path}#`) }]] : [];
    }),
  );
}

/** Links to the steps that provide the given variables (those without a known source are left out). */
export async function providersFor(names: readonly string[], path: string): Promise<Provider[]> {
  const sources = await load();
  return names.flatMap((name) => {
    const source = bestSource(sources[name] ?? [], path);
    if (!source) return [];
    const samePage = source.href.startsWith(`${path}#`);
    return [{ label: STRINGS.providedBy(name, source.pageTitle, samePage), href: source.href }];
  });
}

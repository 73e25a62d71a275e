// Tutorials grouped by theme, as the official developer site groups them: each tutorial's overview (a child of
// "Tutoriels") names its `theme`, one of _data/themes.json; the home page and the tutorial index list them by theme.
import type { EleventyConfig } from "../eleventy-config.ts";

/** A theme of _data/themes.json. */
export interface Theme {
  key: string;
  title: string;
  description: string;
}

/** A tutorial as the lists show it. */
export interface ThemedTutorial {
  title: string;
  url: string;
  description: string;
  /** Number of step pages under the overview. */
  steps: number;
}

/** The part of a `collections.all` item read here. */
interface Item {
  url?: string | false;
  inputPath?: string;
  data?: { title?: unknown; description?: unknown; theme?: unknown; eleventyNavigation?: { key?: string; parent?: string; order?: number } };
}

/** Parent key of the tutorials in the navigation. */
export const TUTORIALS_KEY = "Tutoriels";

/** The themes that have tutorials, in the order of `themes`, each with its tutorials in navigation order; throws on a missing or unknown theme. */
export function tutorialsByTheme(items: readonly Item[] | undefined, themes: readonly Theme[]): (Theme & { tutorials: ThemedTutorial[] })[] {
  const all = items ?? [];
  const overviews = all.filter((item) => item.data?.eleventyNavigation?.parent === TUTORIALS_KEY && typeof item.url === "string");
  const known = new Set(themes.map((theme) => theme.key));
  const problems = overviews.flatMap((item) => {
    const theme = item.data?.theme;
    if (typeof theme === "string" && known.has(theme)) return [];
    return [`${item.inputPath ?? item.url} : « theme: ${String(theme ?? "")} » ${theme === undefined ? "manque" : "inconnu"} dans l'en-tête (attendu l'un de : ${[...known].join(", ")}, définis dans _data/themes.json)`];
  });
  if (problems.length > 0) throw new Error(`Tutoriels sans thème valide :\n${problems.join("\n")}`);
  const order = (item: Item): number => item.data?.eleventyNavigation?.order ?? Number.POSITIVE_INFINITY;
  const steps = (key: string | undefined): number => all.filter((item) => key !== undefined && item.data?.eleventyNavigation?.parent === key).length;
  return themes.flatMap((theme) => {
    const tutorials = overviews.filter((item) => item.data?.theme === theme.key).sort((a, b) => order(a) - order(b)).map((item) => ({
      title: String(item.data?.title ?? ""),
      url: item.url as string,
      description: typeof item.data?.description === "string" ? item.data.description : "",
      steps: steps(item.data?.eleventyNavigation?.key),
    }));
    return tutorials.length > 0 ? [{ ...theme, tutorials }] : [];
  });
}

/** Adds the `tutorialsByTheme` filter (`collections.all | tutorialsByTheme(themes)`). */
export default function themes(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("tutorialsByTheme", tutorialsByTheme);
}

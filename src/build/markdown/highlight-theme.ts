// One TextMate theme that stands for two: github-light and github-dark share every rule (same scopes, same font
// styles, in the same order) and differ only in colours. Each distinct (light, dark) colour pair gets a stand-in
// colour, so Shiki tokenizes a block once and each token's stand-in gives back both real colours.
import type { ThemeRegistration, ThemeRegistrationResolved } from "shiki";

/** A theme rule as the GitHub themes write them. */
interface Rule {
  name?: string;
  scope?: string | string[];
  settings: { fontStyle?: string; foreground?: string; background?: string };
}

/** The stand-in theme and what its colours mean. */
export interface PairTheme {
  /** The theme to load into Shiki and tokenize with. */
  theme: ThemeRegistration;
  /** The light and dark colours, written as Shiki writes them, behind a stand-in colour, if it is one. */
  colours(standIn: string): { light: string; dark: string } | undefined;
}

/** Theme rules, whichever of `settings` and `tokenColors` holds them. */
function rulesOf(theme: ThemeRegistrationResolved): Rule[] {
  return (theme.settings ?? theme.tokenColors ?? []) as Rule[];
}

/**
 * Builds the stand-in theme from two resolved themes (`fg` and `bg` filled in). `replacements` maps a light or a dark
 * colour (lower case) to the one to show instead. Throws if the themes do not share their rules.
 */
export function pairTheme(light: ThemeRegistrationResolved, dark: ThemeRegistrationResolved, replacements: { light: Record<string, string>; dark: Record<string, string> }): PairTheme {
  const lightRules = rulesOf(light);
  const darkRules = rulesOf(dark);
  const pairs = new Map<string, { light: string; dark: string }>();
  const standIns = new Map<string, string>();
  // Shiki writes theme colours in upper case and replacements as given.
  const real = (colour: string, map: Record<string, string>) => map[colour.toLowerCase()] ?? colour.toUpperCase();
  /**
   * The stand-in of a pair of theme colours (`kind` keeps foregrounds and backgrounds apart). Keyed by the colours
   * before replacement: tokens that Shiki tells apart stay apart.
   */
  const standIn = (kind: number, lightColour: string, darkColour: string): string => {
    const key = `${kind} ${lightColour.toUpperCase()} ${darkColour.toUpperCase()}`;
    let colour = standIns.get(key);
    if (colour === undefined) {
      colour = `#${kind.toString(16).padStart(2, "0")}${standIns.size.toString(16).padStart(4, "0")}`.toUpperCase();
      standIns.set(key, colour);
      pairs.set(colour, { light: real(lightColour, replacements.light), dark: real(darkColour, replacements.dark) });
    }
    return colour;
  };

  if (lightRules.length !== darkRules.length) throw new Error(`Thèmes ${light.name} et ${dark.name} : nombres de règles différents`);
  const settings = lightRules.map((rule, index): Rule => {
    const other = darkRules[index]!;
    const same = JSON.stringify(rule.scope) === JSON.stringify(other.scope) && rule.settings.fontStyle === other.settings.fontStyle;
    const { foreground: lf, background: lb } = rule.settings;
    const { foreground: df, background: db } = other.settings;
    if (!same || (lf === undefined) !== (df === undefined) || (lb === undefined) !== (db === undefined)) {
      throw new Error(`Thèmes ${light.name} et ${dark.name} : règle ${index} différente (${JSON.stringify(rule.scope)})`);
    }
    const out: Rule["settings"] = {};
    if (rule.settings.fontStyle !== undefined) out.fontStyle = rule.settings.fontStyle;
    if (lf !== undefined && df !== undefined) out.foreground = standIn(0, lf, df);
    if (lb !== undefined && db !== undefined) out.background = standIn(1, lb, db);
    return rule.scope === undefined ? { settings: out } : { scope: rule.scope, settings: out };
  });

  const theme: ThemeRegistration = {
    name: `${light.name}+${dark.name}`,
    type: light.type,
    fg: standIn(0, light.fg, dark.fg),
    bg: standIn(1, light.bg, dark.bg),
    settings,
  };
  return { theme, colours: (colour) => pairs.get(colour.toUpperCase()) };
}

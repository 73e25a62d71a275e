// ROK4 style files (statics of type ROK4-STYLE): the JSON ROK4 reads (identifier, title, abstract, keywords,
// legend, palette), checked with a zod/mini schema, and the colour a palette gives to a value, as ROK4 applies
// it to one-channel data: below the first colour → the first, above the last → the last, between two colours
// a linear interpolation of red/green/blue when `rgb_continuous` and of alpha when `alpha_continuous`, else the
// colour of the lower bound. Pure; an invalid file throws a FormatError (French).
import * as z from "zod/mini";
import { FormatError } from "./errors.ts";

const channel = z.number().check(z.int(), z.minimum(0), z.maximum(255));

const COLOUR = z.object({ value: z.number(), red: channel, green: channel, blue: channel, alpha: z.optional(channel) });

const SCHEMA = z.looseObject({
  identifier: z.string().check(z.regex(/^[A-Za-z0-9_.\-]+$/)),
  title: z.optional(z.string()),
  abstract: z.optional(z.string()),
  keywords: z.optional(z.array(z.string())),
  legend: z.optional(z.looseObject({
    format: z.optional(z.string()), url: z.optional(z.string()), height: z.optional(z.number()), width: z.optional(z.number()),
    min_scale_denominator: z.optional(z.number()), max_scale_denominator: z.optional(z.number()),
  })),
  palette: z.optional(z.looseObject({
    max_value: z.optional(z.number()),
    rgb_continuous: z.optional(z.boolean()),
    alpha_continuous: z.optional(z.boolean()),
    colours: z.array(COLOUR).check(z.minLength(1)),
  })),
});

/** A parsed ROK4 style. */
export type Rok4Style = z.infer<typeof SCHEMA>;
/** The palette of a ROK4 style. */
export type Rok4Palette = NonNullable<Rok4Style["palette"]>;

// The French description of what a field expects, for the error messages.
function expected(path: string): string {
  if (path === "identifier") return "un identifiant (lettres, chiffres, « _ », « - », « . »)";
  if (/colours\.\d+\.(red|green|blue|alpha)$/.test(path)) return "un entier de 0 à 255";
  if (path === "palette.colours") return "une liste d'au moins une couleur {value, red, green, blue, alpha}";
  if (/rgb_continuous|alpha_continuous/.test(path)) return "un booléen";
  if (path === "keywords") return "une liste de textes";
  return "une valeur du bon type (voir le format des styles ROK4)";
}

/** Parses and checks a ROK4 style file; a FormatError names every problem. */
export function parseRok4Style(text: string): Rok4Style {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`un style ROK4 doit être du JSON valide (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new FormatError("un style ROK4 est un objet JSON");
  const result = z.safeParse(SCHEMA, json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.join(".");
      return `${path || "(racine)"} : ${expected(path)}`;
    });
    throw new FormatError(problems.join(" ; "));
  }
  const style = result.data;
  const values = style.palette?.colours.map((colour) => colour.value) ?? [];
  const disorder = values.findIndex((value, index) => index > 0 && value <= values[index - 1]!);
  if (disorder > 0) throw new FormatError(`palette.colours : les valeurs doivent être strictement croissantes (${values[disorder - 1]} puis ${values[disorder]})`);
  return style;
}

/** The RGBA colour a palette gives to a value. */
export function paletteColour(palette: Rok4Palette, value: number): [number, number, number, number] {
  const colours = palette.colours;
  const rgba = (c: (typeof colours)[number]): [number, number, number, number] => [c.red, c.green, c.blue, c.alpha ?? 255];
  if (value <= colours[0]!.value) return rgba(colours[0]!);
  const last = colours[colours.length - 1]!;
  if (value >= last.value) return rgba(last);
  let index = 1;
  while (colours[index]!.value <= value) index++;
  const [low, high] = [colours[index - 1]!, colours[index]!];
  const t = (value - low.value) / (high.value - low.value);
  const [a, b] = [rgba(low), rgba(high)];
  const mix = (i: number, continuous: boolean | undefined): number => (continuous ? Math.round(a[i]! + (b[i]! - a[i]!) * t) : a[i]!);
  return [mix(0, palette.rgb_continuous), mix(1, palette.rgb_continuous), mix(2, palette.rgb_continuous), mix(3, palette.alpha_continuous)];
}

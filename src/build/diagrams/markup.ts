// The HTML of a diagram drawn at build time: its SVG in both themes, of which the page's CSS shows one
// (changing this markup also needs src/runtime/styles/diagrams.css, src/runtime/diagrams.ts and test/e2e/site.spec.ts).
import { STRINGS } from "../../shared/strings.ts";
import { escapeHtml } from "../html.ts";
import { ID_TOKEN, type DiagramTheme } from "./mermaid-renderer.ts";

/**
 * What Mermaid writes for its own run-time features and a static page never uses: each edge's points, base64-encoded
 * (up to a third of a diagram's bytes).
 */
const RUNTIME_ONLY = / data-points="[^"]*"/g;

/** Path data, whose numbers Mermaid writes with up to 15 decimals (its stadium and cylinder shapes: ~30 KB a node). */
const PATH_DATA = / d="([^"]*)"/g;
const LONG_DECIMAL = /-?\d+\.\d{2,}/g;

/** A coordinate rounded to 1/10 of a pixel: invisible on a 16 px diagram, and a third of its bytes and more. */
const round = (number: string): string => String(Math.round(Number(number) * 10) / 10);

/** rough.js's chained segments, each a subpath starting where the previous one ended (`… x y Mx y C…`): the same
 * line without the moves (`… x y C…`). */
export const joinSubpaths = (data: string): string => data.replace(/(?<![\d.-])(-?[\d.]+ -?[\d.]+) M\1 (?=C)/g, "$1 ");

/**
 * Path data drawn once: Mermaid's rounded shapes come from rough.js, which strokes every segment twice (two subpaths
 * from the same point to the same point) and adds segments that go nowhere. Keeps the first of each pair and drops
 * the empty ones: the same outline, in less than half the bytes.
 */
export function singleStroke(data: string): string {
  const subpaths = data.split(/(?=M)/);
  if (subpaths.length < 2) return data;
  const kept: string[] = [];
  let previous: { start: string; end: string } | undefined;
  for (const subpath of subpaths) {
    const numbers = subpath.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? [];
    if (!/^M/.test(subpath) || numbers.length < 4 || /[^MC\d\s,.e-]/.test(subpath.trim())) {
      kept.push(subpath);
      previous = undefined;
      continue;
    }
    const start = `${numbers[0]} ${numbers[1]}`;
    const end = `${numbers.at(-2)} ${numbers.at(-1)}`;
    const empty = numbers.every((value, index) => value === numbers[index % 2]);
    if (empty || (previous && previous.start === start && previous.end === end)) continue;
    kept.push(subpath);
    previous = { start, end };
  }
  return kept.join("").trimEnd();
}

/** Drops what a static SVG does not need and shortens path data; applied to every SVG, drawn or cached. */
export function compactSvg(svg: string): string {
  return svg.replace(RUNTIME_ONLY, "").replace(PATH_DATA, (_, data: string) => ` d="${joinSubpaths(singleStroke(data.replace(LONG_DECIMAL, round)))}"`);
}

/** The SVG with its ids made unique in the page: `id` is the diagram's, the theme is appended. */
export function withId(svg: string, id: string, theme: DiagramTheme): string {
  const prefix = `${id}-${theme}`;
  const prefixed = svg.replaceAll(ID_TOKEN, prefix);
  // Mermaid names a few elements without the diagram's id (a self-loop's helper nodes, `a---a---1`): prefix those
  // too, and the references to them, so that the two themes and several diagrams of a page never share an id.
  const bare = new Set([...prefixed.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!).filter((name) => !name.startsWith(prefix)));
  if (bare.size === 0) return prefixed;
  const escaped = [...bare].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).sort((a, b) => b.length - a.length);
  const reference = new RegExp(`(\\sid="|#)(${escaped.join("|")})(?=["')])`, "g");
  return prefixed.replace(reference, (_, lead: string, name: string) => `${lead}${prefix}-${name}`);
}

/**
 * The smallest scale a diagram is shown at: its 16 px labels stay at 12 px. A diagram wider than the page at that
 * scale scrolls horizontally (src/runtime/diagrams.ts makes it reachable with the keyboard).
 */
export const MIN_SCALE = 0.75;

/** The drawing's natural width in px (Mermaid writes it as the SVG's max-width), if found. */
export function naturalWidth(svg: string): number | undefined {
  const match = /^<svg[^>]*style="[^"]*max-width:\s*([\d.]+)px/.exec(svg);
  return match ? Number(match[1]) : undefined;
}

/** Narrowest screen a diagram should fit at MIN_SCALE without scrolling: a 390 px phone, less the page's padding. */
export const PHONE_WIDTH = 358;

/**
 * The top-to-bottom variant of a left-to-right flowchart, drawn for narrow screens: the chart's and its subgraphs'
 * `LR`/`RL` directions become `TB`. Undefined when nothing would change (the diagram already reads downwards).
 */
export function narrowSource(source: string): string | undefined {
  const narrow = source
    .replace(/^(\s*(?:flowchart|graph)\s+)(?:LR|RL)\b/m, "$1TB")
    .replace(/^(\s*direction\s+)(?:LR|RL)\b/gm, "$1TB");
  return narrow === source ? undefined : narrow;
}

/** Whether a drawing is too wide for a phone at MIN_SCALE, so that a top-to-bottom variant is worth drawing. */
export function tooWideForPhone(svg: string): boolean {
  const width = naturalWidth(svg);
  return width !== undefined && width * MIN_SCALE > PHONE_WIDTH;
}

/** Whether the top-to-bottom drawing is worth shipping: at least a fifth narrower than the left-to-right one. */
export function narrowerEnough(wide: string, narrow: string): boolean {
  const [wideWidth, narrowWidth] = [naturalWidth(wide), naturalWidth(narrow)];
  return wideWidth !== undefined && narrowWidth !== undefined && narrowWidth <= wideWidth * 0.8;
}

/** One drawing: its wrapper names the theme (and "narrow" for the phone variant) and carries its smallest width. */
function drawing(className: string, svg: string, id: string, theme: DiagramTheme): string {
  const width = naturalWidth(svg);
  const style = width ? ` style="--diagram-min-width: ${Math.round(width * MIN_SCALE)}px"` : "";
  return `<div class="${className}"${style}>${withId(svg, id, theme)}</div>`;
}

/**
 * The figure of one diagram; `svgs` come from the cache or the renderer (trusted: Mermaid's strict mode). `narrow`,
 * when given, is the top-to-bottom variant that small screens show instead (src/runtime/styles/diagrams.css). The hint
 * under the drawing shows only while the figure scrolls (data-scrollable, set by src/runtime/diagrams.ts).
 */
export function diagramFigure(id: string, svgs: Record<DiagramTheme, string>, narrow?: Record<DiagramTheme, string>): string {
  const themes = Object.keys(svgs) as DiagramTheme[];
  const parts = themes.map((theme) => drawing(`diagram-${theme}`, svgs[theme], id, theme));
  if (narrow) parts.push(...themes.map((theme) => drawing(`diagram-narrow diagram-narrow-${theme}`, narrow[theme], `${id}-etroit`, theme)));
  const hint = `<p class="diagram-hint" aria-hidden="true">${escapeHtml(STRINGS.wideDiagramHint)}</p>`;
  return `<figure class="diagram" id="${id}"${narrow ? " data-narrow" : ""} data-diagram data-pagefind-ignore>${parts.join("")}${hint}</figure>`;
}

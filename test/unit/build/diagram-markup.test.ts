// The markup of diagrams drawn at build time (src/build/diagrams/markup.ts) and their cache keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { diagramKey } from "../../../src/build/diagrams/cache.ts";
import { compactSvg, joinSubpaths, diagramFigure, narrowerEnough, narrowSource, naturalWidth, singleStroke, tooWideForPhone, withId } from "../../../src/build/diagrams/markup.ts";
import { ID_TOKEN } from "../../../src/build/diagrams/mermaid-renderer.ts";

const SVG = `<svg id="${ID_TOKEN}"><style>#${ID_TOKEN} .node{fill:#eee}</style><path id="${ID_TOKEN}-L_a_b_0" data-points="W3sieCI6MX1d" marker-end="url(#${ID_TOKEN}_flowchart-v2-pointEnd)"/></svg>`;

test("compactSvg drops the run-time edge points and keeps the rest", () => {
  const compact = compactSvg(SVG);
  assert.doesNotMatch(compact, /data-points/);
  assert.match(compact, /marker-end="url\(#zzdiagramzz_flowchart-v2-pointEnd\)"/);
});

test("compactSvg rounds path coordinates to 1/10 of a pixel, and only path data", () => {
  const svg = '<g transform="translate(12.345678, 0)"><path d="M-29.4765625 -19.5 C-11.970591110932073 -19.5, 5.535380278135854 -0.0001, 29.4765625 -19.5"/></g>';
  assert.equal(compactSvg(svg), '<g transform="translate(12.345678, 0)"><path d="M-29.5 -19.5 C-12 -19.5, 5.5 0, 29.5 -19.5"/></g>');
});

test("joinSubpaths drops the move to where the previous segment ended, and no other move", () => {
  assert.equal(joinSubpaths("M0 0 C1 1, 2 2, 21.5 6 M21.5 6 C22 7, 23 8, 24 9"), "M0 0 C1 1, 2 2, 21.5 6 C22 7, 23 8, 24 9");
  // A move to another point (here 1.5 6 after 21.5 6, which ends with the same characters) is kept.
  assert.equal(joinSubpaths("M0 0 C1 1, 2 2, 21.5 6 M1.5 6 C2 7, 3 8, 4 9"), "M0 0 C1 1, 2 2, 21.5 6 M1.5 6 C2 7, 3 8, 4 9");
  assert.equal(joinSubpaths("M0 0 L10 5 M10 5 L0 10"), "M0 0 L10 5 M10 5 L0 10");
});

test("withId gives every id, selector and reference of a drawing the diagram's id and theme", () => {
  const svg = withId(SVG, "diagramme-2", "dark");
  assert.doesNotMatch(svg, new RegExp(ID_TOKEN));
  assert.match(svg, /<svg id="diagramme-2-dark">/);
  assert.match(svg, /#diagramme-2-dark \.node/);
  assert.match(svg, /url\(#diagramme-2-dark_flowchart-v2-pointEnd\)/);
});

test("diagramFigure holds the light and the dark drawing, each with its own ids", () => {
  const html = diagramFigure("diagramme-1", { light: SVG, dark: SVG });
  assert.match(html, /^<figure class="diagram" id="diagramme-1" data-diagram data-pagefind-ignore><div class="diagram-light"><svg id="diagramme-1-light">/);
  assert.match(html, /<div class="diagram-dark"><svg id="diagramme-1-dark">/);
});

test("a figure carries the smallest width its diagram may be shrunk to: 75 % of its natural width", () => {
  const wide = `<svg id="${ID_TOKEN}" width="100%" style="max-width: 1630.87060546875px;" viewBox="0 0 1630 200"></svg>`;
  assert.equal(naturalWidth(wide), 1630.87060546875);
  assert.match(diagramFigure("diagramme-1", { light: wide, dark: wide }), /^<figure class="diagram" id="diagramme-1" data-diagram data-pagefind-ignore><div class="diagram-light" style="--diagram-min-width: 1223px">/);
  assert.equal(naturalWidth(SVG), undefined);
});

test("the cache key changes with the source and the theme, and only with them", () => {
  assert.equal(diagramKey("flowchart LR\n a --> b", "light"), diagramKey("flowchart LR\n a --> b", "light"));
  assert.notEqual(diagramKey("flowchart LR\n a --> b", "light"), diagramKey("flowchart LR\n a --> b", "dark"));
  assert.notEqual(diagramKey("flowchart LR\n a --> b", "light"), diagramKey("flowchart LR\n a --> c", "light"));
});

test("withId also prefixes the ids Mermaid writes without the diagram's (a self-loop's helper nodes) and their references", () => {
  const loop = `<svg id="${ID_TOKEN}"><g id="off---off---1" class="label"></g><use href="#off---off---1"/><rect fill="#fff"/><path marker-end="url(#off---off---1)"/></svg>`;
  const light = withId(loop, "diagramme-1", "light");
  const dark = withId(loop, "diagramme-1", "dark");
  assert.match(light, /<g id="diagramme-1-light-off---off---1" class="label">/);
  assert.match(light, /href="#diagramme-1-light-off---off---1"/);
  assert.match(light, /url\(#diagramme-1-light-off---off---1\)/);
  assert.match(light, /fill="#fff"/);
  const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
  assert.equal(ids(light).filter((id) => ids(dark).includes(id)).length, 0);
});

test("a left-to-right chart gets a top-to-bottom variant for phones, drawn with ids of its own", () => {
  assert.equal(narrowSource("flowchart LR\n  subgraph a\n    direction LR\n    x --> y\n  end"), "flowchart TB\n  subgraph a\n    direction TB\n    x --> y\n  end");
  assert.equal(narrowSource("graph RL\n a --> b"), "graph TB\n a --> b");
  assert.equal(narrowSource("flowchart TB\n a --> b"), undefined);
  assert.equal(narrowSource("sequenceDiagram\n A->>B: LR"), undefined);
  const wide = `<svg id="${ID_TOKEN}" style="max-width: 1000px;"></svg>`;
  const narrow = `<svg id="${ID_TOKEN}" style="max-width: 300px;"></svg>`;
  assert.equal(tooWideForPhone(wide), true);
  assert.equal(tooWideForPhone(narrow), false);
  assert.equal(narrowerEnough(wide, narrow), true);
  assert.equal(narrowerEnough(narrow, wide), false);
  const html = diagramFigure("diagramme-1", { light: wide, dark: wide }, { light: narrow, dark: narrow });
  assert.match(html, /^<figure class="diagram" id="diagramme-1" data-narrow /);
  assert.match(html, /<div class="diagram-narrow diagram-narrow-light" style="--diagram-min-width: 225px"><svg id="diagramme-1-etroit-light"/);
  assert.match(html, /<div class="diagram-narrow diagram-narrow-dark" style="--diagram-min-width: 225px"><svg id="diagramme-1-etroit-dark"/);
  assert.match(html, /<p class="diagram-hint" aria-hidden="true">Diagramme plus large que la page/);
});

test("rough.js outlines are drawn once: the second stroke of each segment and the empty segments are dropped", () => {
  const doubled = "M-29.48 -19.5 C-16.82 -19.5, -4.17 -19.5, 29.48 -19.5 M-29.48 -19.5 C-10.31 -19.5, 8.85 -19.5, 29.48 -19.5 M29.48 -19.5 C29.48 -19.5, 29.48 -19.5, 29.48 -19.5 M29.48 -19.5 C29.78 -19.49, 30.09 -19.48, 30.73 -19.46 M29.48 -19.5 C29.87 -19.49, 30.26 -19.47, 30.73 -19.46";
  assert.equal(singleStroke(doubled), "M-29.48 -19.5 C-16.82 -19.5, -4.17 -19.5, 29.48 -19.5 M29.48 -19.5 C29.78 -19.49, 30.09 -19.48, 30.73 -19.46");
  // Other path data is left as it is: lines, closed shapes, a single subpath.
  for (const data of ["M0 0 L10 10 M0 0 L10 10", "M0 0 C1 1, 2 2, 3 3 Z M0 0 C1 1, 2 2, 3 3 Z", "M0 0 C1 1, 2 2, 3 3"]) assert.equal(singleStroke(data), data);
  assert.equal(compactSvg(`<path d="${doubled}"/>`), '<path d="M-29.5 -19.5 C-16.8 -19.5, -4.2 -19.5, 29.5 -19.5 C29.8 -19.5, 30.1 -19.5, 30.7 -19.5"/>');
  // Compacting twice changes nothing (cached diagrams are compacted again).
  assert.equal(compactSvg(compactSvg(`<path d="${doubled}"/>`)), compactSvg(`<path d="${doubled}"/>`));
});

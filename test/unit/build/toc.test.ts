// "Sur cette page" (src/build/toc.ts): heading ids and the table of contents placed after the h1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { anchorOf, tocHtml, withHeadingIds, withToc } from "../../../src/build/toc.ts";

test("headings get French-friendly ids, unique in the page; an id already there is kept", () => {
  const { html, entries } = withHeadingIds('<h2>Supprimer l’offre</h2><h3>Étape <code>GET</code></h3><h2>Supprimer l’offre</h2><h3 id="deja">Déjà</h3>');
  assert.deepEqual(entries.map((entry) => [entry.level, entry.id, entry.text]), [
    [2, "supprimer-loffre", "Supprimer l’offre"],
    [3, "etape-get", "Étape GET"],
    [2, "supprimer-loffre-2", "Supprimer l’offre"],
    [3, "deja", "Déjà"],
  ]);
  assert.match(html, /^<h2 id="supprimer-loffre">Supprimer l’offre<\/h2><h3 id="etape-get">Étape <code>GET<\/code><\/h3>/);
  assert.match(html, /<h3 id="deja">Déjà<\/h3>$/);
  assert.equal(anchorOf("?!"), "section");
});

test("the table of contents nests the h3 under their h2, escapes text, and is left out under two headings", () => {
  const toc = tocHtml([
    { level: 2, id: "a", text: "A & B" },
    { level: 3, id: "a1", text: "A1" },
    { level: 3, id: "a2", text: "A2" },
    { level: 2, id: "b", text: "B" },
  ]);
  assert.match(toc, /<nav class="page-toc__nav" aria-label="Sur cette page"><ol><li><a href="#a">A &amp; B<\/a><ol><li><a href="#a1">A1<\/a><\/li><li><a href="#a2">A2<\/a><\/li><\/ol><\/li><li><a href="#b">B<\/a><\/li><\/ol><\/nav>/);
  assert.equal(tocHtml([{ level: 2, id: "a", text: "A" }]), "");
});

test("withToc puts the table after the page's own h1, or first when the layout writes the h1", () => {
  assert.match(withToc("<h1>T</h1><p>x</p><h2>A</h2><h2>B</h2>"), /^<h1>T<\/h1><details class="page-toc"/);
  assert.match(withToc("<p>x</p><h2>A</h2><h2>B</h2>"), /^<details class="page-toc"/);
  assert.equal(withToc("<p>x</p><h2>A</h2>"), '<p>x</p><h2 id="a">A</h2>');
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { addSearchMarkup, codeWords, slugOf } from "../../../../src/build/plugins/search-anchors.ts";
import { renderApiBlock } from "../../../../src/build/markdown/api-block-html.ts";
import type { BlockSpec } from "../../../../src/shared/block-contract.ts";

test("headings without an id get a French slug, unique in the page; those with one keep it", () => {
  const html = '<div id="consulter-lentrepot"></div><h2>Consulter l&#39;entrepôt</h2><h3 class="x">Créer la livraison</h3><h3>Créer la livraison</h3><h2 id="garde">Gardé</h2>';
  const out = addSearchMarkup(html);
  assert.match(out, /<h2 id="consulter-l-entrepot">Consulter l&#39;entrepôt<\/h2>/);
  assert.match(out, /<h3 id="creer-la-livraison" class="x">/);
  assert.match(out, /<h3 id="creer-la-livraison-2">/);
  assert.match(out, /<h2 id="garde">Gardé<\/h2>/);
  assert.equal(slugOf("« ! »"), "section");
});

test("a block's URL and inline URLs carry their words for the index; plain code and runtime text do not", () => {
  const url = '<code class="api-block__url">https://data.geopf.fr/wms-r?SERVICE=WMS&amp;VERSION=1.3.0&amp;REQUEST=GetCapabilities&amp;key=<span class="ph">{apikey}</span></code>';
  const out = addSearchMarkup(url);
  assert.match(out, /data-search-words="wms r SERVICE VERSION REQUEST GetCapabilities key apikey" data-pagefind-index-attrs="data-search-words"/);
  assert.equal(addSearchMarkup("<code>monde.gpkg</code>"), "<code>monde.gpkg</code>");
  assert.equal(addSearchMarkup('<code x-text="sentUrl"></code>'), '<code x-text="sentUrl"></code>');
  assert.match(addSearchMarkup("<code>/users/me</code>"), /data-search-words="users me"/);
});

test("code words: no scheme, no host, no bare numbers, each word once", () => {
  assert.equal(codeWords("https://data.geopf.fr/wfs?service=WFS&version=2.0.0&request=GetCapabilities"), "wfs service version request GetCapabilities");
});

test("the URL of a block as the build writes it (<wbr> break points, placeholders) carries its words", () => {
  const spec = { id: "/p/#1", method: "GET", url: "https://data.geopf.fr/wms-r/{datastore}?SERVICE=WMS&REQUEST=GetCapabilities", captures: [], placeholders: ["datastore"] };
  const html = renderApiBlock(spec as unknown as BlockSpec, undefined, (code) => `<pre>${code}</pre>`);
  assert.match(html, /<code class="api-block__url">[^]*<wbr>/);
  assert.match(addSearchMarkup(html), /<code class="api-block__url" data-search-words="wms r datastore SERVICE REQUEST GetCapabilities"/);
});

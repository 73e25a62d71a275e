import { test } from "node:test";
import assert from "node:assert/strict";
import { expandQuery, highlightUrl, markedWords, mergeHits } from "../../../src/runtime/components/search-terms.ts";

test("English API words are also searched in French, whole words only, accents and case ignored", () => {
  assert.deepEqual(expandQuery("token"), ["token", "jeton", "jeton Authorization"]);
  assert.deepEqual(expandQuery("Stored Data"), ["Stored Data", "donnée stockée"]);
  assert.deepEqual(expandQuery("api key"), ["api key", "clé"]);
  assert.deepEqual(expandQuery("  upload  "), ["upload", "livraison"]);
  assert.deepEqual(expandQuery("uploader"), ["uploader"]);
  assert.deepEqual(expandQuery("GetCapabilities"), ["GetCapabilities"]);
});

test("hits found by several searches add up their scaled scores and keep the item of the French search", () => {
  const merged = mergeHits([
    [{ id: "a", score: 4, item: "a1" }, { id: "b", score: 2, item: "b1" }, { id: "c", score: 1, item: "c1" }],
    [{ id: "b", score: 10, item: "b2" }, { id: "c", score: 1, item: "c2" }],
    [{ id: "c", score: 3, item: "c3" }],
  ]);
  assert.deepEqual(merged, [
    { id: "b", score: 0.5 + 1, item: "b2" },
    { id: "c", score: 0.25 + 0.1 + 1, item: "c3" },
    { id: "a", score: 1, item: "a1" },
  ]);
  assert.deepEqual(mergeHits([[{ id: "a", score: 3, item: "a" }]]), [{ id: "a", score: 3, item: "a" }]);
});

test("the words to highlight come from the excerpt's marks, and go before the anchor", () => {
  assert.deepEqual(markedWords("un <mark>jeton,</mark> le <mark>Jeton</mark> <mark>&lt;jeton&gt;</mark> <mark>Authorization:</mark>"), ["jeton", "Authorization"]);
  assert.equal(highlightUrl("/p/#prerequis", ["jeton", "clé"]), "/p/?pagefind-highlight=jeton&pagefind-highlight=cl%C3%A9#prerequis");
  assert.equal(highlightUrl("/p/", []), "/p/");
});

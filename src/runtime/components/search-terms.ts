// What the header search sends to Pagefind and where a result leads: the query widened with the French words of the
// tutorials (Pagefind has no synonyms: "token" finds nothing, the pages say "jeton"), the searches' results merged,
// and the section links that carry the words to highlight on arrival (src/runtime/components/search-highlight.ts).
// No DOM here: unit-tested in test/unit/runtime/search-terms.test.ts.

/** The query parameter read on arrival (Pagefind's highlight script reads the same name). */
export const HIGHLIGHT_PARAM = "pagefind-highlight";

/**
 * Words a developer types (often the API's English names) → French searches added to theirs. The first column is
 * matched as whole words, accents and case ignored. "jeton" also asks for "jeton Authorization": the pages that
 * explain the token say how it is sent, which lifts them above those that only say "sans jeton".
 */
const SYNONYMS: readonly (readonly [readonly string[], readonly string[]])[] = [
  [["token", "jeton", "bearer", "access token"], ["jeton", "jeton Authorization"]],
  [["upload", "uploads"], ["livraison"]],
  [["stored data", "stored_data", "stored datas"], ["donnée stockée"]],
  [["offering", "offerings"], ["offre"]],
  [["api key", "key", "keys"], ["clé"]],
  [["permission", "permissions"], ["permission", "droits"]],
  [["endpoint", "endpoints"], ["point d'accès"]],
  [["check", "checks"], ["vérification"]],
  [["processing", "processings"], ["traitement"]],
  [["execution", "executions"], ["exécution"]],
  [["datastore", "datastores"], ["entrepôt"]],
  [["community", "communities"], ["communauté"]],
  [["annex", "annexes"], ["annexe"]],
  [["static", "statics"], ["fichier statique"]],
  [["metadata"], ["métadonnée"]],
  [["pyramid"], ["pyramide"]],
  [["harvest", "harvesting"], ["moissonnage"]],
  [["tag", "tags", "label", "labels"], ["étiquette"]],
  [["user", "users", "member", "members"], ["utilisateur", "membre"]],
  [["layer", "layers"], ["couche"]],
  [["delete"], ["supprimer"]],
  [["publish", "publication"], ["publier"]],
];

/** Lower case, without accents, one space between words: how queries and synonyms are compared. */
export const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** The searches to run for a query: the query itself first, then each variant with a synonym in place of its words. */
export function expandQuery(query: string): string[] {
  const words = query.trim().split(/\s+/).filter((word) => word !== "");
  const folded = words.map((word) => fold(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  const searches = [words.join(" ")];
  for (const [typed, french] of SYNONYMS) {
    const found = [...typed].sort((a, b) => b.length - a.length).map((phrase) => phrase.split(" ")).flatMap((phrase) => {
      const at = folded.findIndex((_, start) => phrase.every((word, offset) => folded[start + offset] === word));
      return at === -1 ? [] : [{ at, length: phrase.length }];
    })[0];
    if (!found) continue;
    for (const replacement of french) {
      const variant = [...words.slice(0, found.at), replacement, ...words.slice(found.at + found.length)].join(" ");
      if (!searches.some((search) => fold(search) === fold(variant))) searches.push(variant);
    }
  }
  return searches;
}

/** One search's hits: a page id, its score, and which search found it. */
export interface Hit<T> {
  id: string;
  score: number;
  item: T;
}

/**
 * Merges the hits of the searches of expandQuery (the reader's query first): each search's scores are scaled to its
 * best hit (1), so that an English word found in JSON field names does not drown its French synonym; a page found by
 * several gets the sum (it matches more of what the reader meant). A page keeps the item (excerpt, sections) of the
 * French search where it scored best, the reader's own search only when no other found it. Best first.
 */
export function mergeHits<T>(searches: readonly (readonly Hit<T>[])[]): Hit<T>[] {
  const merged = new Map<string, { best: Hit<T>; fromVariant: boolean; total: number }>();
  searches.forEach((found, index) => {
    const top = Math.max(0, ...found.map((hit) => hit.score));
    const hits = searches.length > 1 && top > 0 ? found.map((hit) => ({ ...hit, score: hit.score / top })) : found;
    for (const hit of hits) {
      const seen = merged.get(hit.id);
      if (!seen) merged.set(hit.id, { best: hit, fromVariant: index > 0, total: hit.score });
      else {
        seen.total += hit.score;
        if (index > 0 && (!seen.fromVariant || hit.score > seen.best.score)) Object.assign(seen, { best: hit, fromVariant: true });
      }
    }
  });
  return [...merged.values()].sort((a, b) => b.total - a.total).map(({ best, total }) => ({ ...best, score: total }));
}

/** The words an excerpt marks (<mark>…</mark>), without surrounding punctuation, once each, at most `max`. */
export function markedWords(excerpt: string, max = 6): string[] {
  const words: string[] = [];
  for (const match of excerpt.matchAll(/<mark>([^]*?)<\/mark>/gi)) {
    const word = match[1]!.replace(/<[^>]*>/g, "").replace(/&lt;|&gt;|&amp;|&quot;|&#39;/g, " ").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (word === "" || word.length > 40 || word.includes("://")) continue;
    if (!words.some((seen) => fold(seen) === fold(word))) words.push(word);
    if (words.length >= max) break;
  }
  return words;
}

/** A result's link with the words to highlight: "/p/#s" + ["jeton"] → "/p/?pagefind-highlight=jeton#s". */
export function highlightUrl(url: string, words: readonly string[]): string {
  if (words.length === 0) return url;
  const hash = url.indexOf("#");
  const [path, anchor] = hash === -1 ? [url, ""] : [url.slice(0, hash), url.slice(hash)];
  const query = words.map((word) => `${HIGHLIGHT_PARAM}=${encodeURIComponent(word)}`).join("&");
  return `${path}${path.includes("?") ? "&" : "?"}${query}${anchor}`;
}

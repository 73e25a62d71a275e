// How the search service matches documents: words compared without case or accents (a query word matches a
// document word it begins), exact values for types and lists, ranges for years and dates, a bbox for shapes;
// scores, highlights, aggregations and the spelling suggestions of autocomplete (score 1 − distance / length).
import * as z from "zod/mini";
import { object } from "../core/schema.ts";
import type { SearchDocument } from "./search-documents.ts";

const oneOrMany = z.union([z.string(), z.array(z.string())]);
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date attendue au format AAAA-MM-JJ" }));

/** The body of POST {search}/api/indexes/{index}: every field optional. */
export const SEARCH_BODY = object({
  title: z.optional(z.string()), layer_name: z.optional(z.string()), description: z.optional(z.string()), theme: z.optional(z.string()),
  open: z.optional(z.boolean()), type: z.optional(z.string()), keywords: z.optional(oneOrMany), srs: z.optional(oneOrMany), producers: z.optional(oneOrMany),
  shape: z.optional(z.looseObject({ type: z.string(), coordinates: z.array(z.unknown()) })),
  publication_date: z.optional(object({ min_publication_date: z.optional(date), max_publication_date: z.optional(date) })),
  production_years: z.optional(object({ min: z.optional(z.number()), max: z.optional(z.number()) })),
  aggregation: z.optional(object({ fields: z.array(z.enum(["type", "theme", "keywords", "producers", "layer_name", "title"])) })),
  highlight: z.optional(z.boolean()),
  attribution_title: z.optional(z.string()), attribution_email: z.optional(z.string()), metadata_urls: z.optional(z.string()),
});
/** A parsed search body. */
export type SearchBody = z.output<typeof SEARCH_BODY>;

/** Lower case, no accents. */
export const fold = (value: string): string => value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
/** The words of a text (letters and digits). */
export const words = (value: string): string[] => fold(value).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

// Whether every word of the query begins a word of the text.
const matchesText = (query: string, value: string | undefined): boolean => {
  const have = words(value ?? "");
  return words(query).every((word) => have.some((candidate) => candidate.startsWith(word)));
};
const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]).map(fold);
const anyOf = (asked: string | string[], values: string[]): boolean => list(asked).some((wanted) => values.some((value) => fold(value) === wanted));

// Every position of a GeoJSON geometry's coordinates.
function positions(node: unknown): number[][] {
  if (Array.isArray(node) && node.length >= 2 && typeof node[0] === "number") return [node as number[]];
  return Array.isArray(node) ? node.flatMap(positions) : [];
}
const bboxOf = (node: unknown): [number, number, number, number] | undefined => {
  const points = positions(node);
  if (points.length === 0) return undefined;
  return [Math.min(...points.map((p) => p[0]!)), Math.min(...points.map((p) => p[1]!)), Math.max(...points.map((p) => p[0]!)), Math.max(...points.map((p) => p[1]!))];
};

/** Whether a document satisfies every criterion of the body. */
export function matches(document: SearchDocument, body: SearchBody): boolean {
  const textual: [string | undefined, string | undefined][] = [[body.title, document.title], [body.description, document.description], [body.theme, document.theme], [body.layer_name, document.layer_name]];
  if (textual.some(([query, value]) => query !== undefined && !matchesText(query, value))) return false;
  if (body.open !== undefined && document.open !== body.open) return false;
  if (body.type !== undefined && fold(body.type) !== fold(document.type)) return false;
  if (body.keywords !== undefined && !anyOf(body.keywords, document.keywords)) return false;
  if (body.srs !== undefined && !anyOf(body.srs, document.srs)) return false;
  if (body.producers !== undefined && !anyOf(body.producers, document.producers)) return false;
  if (body.metadata_urls !== undefined && document.metadata_urls.length === 0) return false;
  if (body.attribution_title !== undefined || body.attribution_email !== undefined) return false;
  const { min, max } = body.production_years ?? {};
  if ((min !== undefined || max !== undefined) && !document.production_years.some((year) => (min === undefined || year >= min) && (max === undefined || year <= max))) return false;
  const { min_publication_date: from, max_publication_date: to } = body.publication_date ?? {};
  if ((from !== undefined && document.publication_date < from) || (to !== undefined && document.publication_date > to)) return false;
  if (body.shape) {
    const [a, b] = [bboxOf(body.shape.coordinates), bboxOf(document.extent.coordinates)];
    if (!a || !b || a[0] > b[2] || a[2] < b[0] || a[1] > b[3] || a[3] < b[1]) return false;
  }
  return true;
}

/** The matching words of a text marked with <em> (for `highlight: true`), or undefined when none matches. */
export function highlighted(query: string | undefined, value: string | undefined): string | undefined {
  if (!query || !value) return undefined;
  const asked = words(query);
  let marked = false;
  const out = value.replace(/[\p{L}\p{N}]+/gu, (word) => (asked.some((wanted) => fold(word).startsWith(wanted)) ? ((marked = true), `<em>${word}</em>`) : word));
  return marked ? out : undefined;
}

/** Per asked field, how many documents hold each value (OpenSearch's terms buckets). */
export function aggregations(documents: SearchDocument[], fields: string[]): Record<string, { buckets: { key: string; doc_count: number }[] }> {
  const out: Record<string, { buckets: { key: string; doc_count: number }[] }> = {};
  for (const field of fields) {
    const counts = new Map<string, number>();
    for (const document of documents) {
      const value = (document as unknown as Record<string, unknown>)[field];
      for (const item of new Set(Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)])) counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    out[field] = { buckets: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, doc_count]) => ({ key, doc_count })) };
  }
  return out;
}

/** A relevance score of a document for a text over some fields: matched words, weighted by field. */
export function score(document: SearchDocument, query: string, fields: string[]): number {
  const asked = words(query);
  let total = 0;
  for (const field of fields) {
    const value = (document as unknown as Record<string, unknown>)[field];
    const have = words(Array.isArray(value) ? value.join(" ") : value === undefined ? "" : String(value));
    const weight = field === "title" ? 2 : 1;
    for (const word of asked) if (have.some((candidate) => candidate.startsWith(word))) total += weight * (have.includes(word) ? 1.5 : 1);
  }
  return Math.round(total * 1_000_000) / 1_000_000;
}

// Levenshtein distance.
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** Spelling suggestions per word of the text, from the words of one field of the documents. */
export function autocomplete(documents: SearchDocument[], textValue: string, field: string): { text: string; offset: number; length: number; options: { text: string; score: number; freq: number }[] }[] {
  const freq = new Map<string, number>();
  for (const document of documents) {
    const value = (document as unknown as Record<string, unknown>)[field];
    for (const word of new Set(words(Array.isArray(value) ? value.join(" ") : String(value ?? "")))) freq.set(word, (freq.get(word) ?? 0) + 1);
  }
  return [...textValue.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => {
    const token = fold(match[0]);
    const options = token.length < 3 || freq.has(token) ? [] : [...freq].flatMap(([word, count]) => {
      const d = distance(token, word);
      return d > 0 && d <= 2 ? [{ text: word, score: Math.round((1 - d / token.length) * 1e7) / 1e7, freq: count }] : [];
    }).filter((option) => option.score > 0).sort((a, b) => b.score - a.score || b.freq - a.freq || a.text.localeCompare(b.text)).slice(0, 5);
    return { text: match[0], offset: match.index, length: match[0].length, options };
  });
}

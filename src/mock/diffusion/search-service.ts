// The search service ({search} = https://data.geopf.fr/recherche): the standard index `geoplateforme`, whose
// documents follow the publications (search-documents.ts). POST …/api/indexes/geoplateforme searches (every body
// field optional, `{documents, aggregations}`), GET …/suggest ranks by score, …/suggest_autocomplete corrects
// words, …/documents/{id} and …/offerings/{offering} read documents.
import urls from "../../../_data/urls.json" with { type: "json" };
import { badRequest, notFound } from "../core/errors.ts";
import { parseBody } from "../core/schema.ts";
import { readJson } from "../http/request.ts";
import { json } from "../http/respond.ts";
import type { RouteInput } from "../http/route.ts";
import type { DiffusionRoute } from "../http/routes-diffusion.ts";
import type { SearchDocument } from "./search-documents.ts";
import { STANDARD_INDEX, standardDocuments } from "./search-documents.ts";
import { aggregations, autocomplete, highlighted, matches, score, SEARCH_BODY, words } from "./search-query.ts";

/** Root of the public search service. */
export const SEARCH_ROOT = urls.search;

// Fields `suggest` may look in, and those of `suggest_autocomplete` (the reference's lists).
const SUGGEST_FIELDS = ["title", "description", "layer_name", "theme", "keywords", "producers", "type", "production_years", "metadata_urls"];
const AUTOCOMPLETE_FIELDS = ["title", "description", "theme", "keywords"];

// The fields asked in `fields=` (comma-separated, spaces allowed), checked against the accepted ones.
function fieldsOf(url: URL, name: string, accepted: string[], fallback: string[]): string[] {
  const asked = url.searchParams.getAll(name).flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  const unknown = asked.filter((field) => !accepted.includes(field));
  if (unknown.length > 0) throw badRequest(`Paramètre ${name} : champ inconnu ${unknown.join(", ")} (champs possibles : ${accepted.join(", ")}).`);
  return asked.length > 0 ? asked : fallback;
}

// A document as `suggest` and `documents/{id}` show it: the year as `production_year` (a number), as the platform does.
const single = ({ production_years, ...document }: SearchDocument): Record<string, unknown> =>
  ({ ...document, ...(production_years[0] !== undefined ? { production_year: production_years[0] } : {}) });

// The documents of the index now.
const documentsOf = (input: RouteInput): SearchDocument[] => input.store.run((ctx) => standardDocuments(ctx));

/** POST {search}/api/indexes/geoplateforme. */
async function search(input: RouteInput): Promise<Response> {
  const text = (await input.request.clone().text()).trim();
  const body = parseBody(SEARCH_BODY, text === "" ? {} : await readJson(input.request));
  const found = documentsOf(input).filter((document) => matches(document, body));
  const documents = found.map((document) => {
    if (!body.highlight) return { ...document, highlights: {} };
    const highlights: Record<string, string[]> = {};
    for (const field of ["title", "description", "layer_name", "theme"] as const) {
      const marked = highlighted(body[field], document[field]);
      if (marked) highlights[field] = [marked];
    }
    return { ...document, highlights };
  });
  return json({ documents, aggregations: body.aggregation ? aggregations(found, body.aggregation.fields) : {} });
}

/** GET …/suggest?text=…[&fields=…]: documents ranked by score (nothing under 3 letters). */
function suggest(input: RouteInput): Response {
  const text = input.url.searchParams.get("text") ?? "";
  const fields = fieldsOf(input.url, "fields", SUGGEST_FIELDS, SUGGEST_FIELDS);
  if (words(text).join("").length < 3) return json([]);
  const ranked = documentsOf(input).map((document) => ({ document, value: score(document, text, fields) })).filter((entry) => entry.value > 0);
  ranked.sort((a, b) => b.value - a.value || a.document.title.localeCompare(b.document.title));
  return json(ranked.map(({ document, value }) => ({ index: STANDARD_INDEX, score: value, source: single(document) })));
}

/** GET …/suggest_autocomplete?text=…[&field=…]: for each word, the close words of the index (title by default). */
function suggestAutocomplete(input: RouteInput): Response {
  const [field = "title", ...more] = fieldsOf(input.url, "field", AUTOCOMPLETE_FIELDS, ["title"]);
  if (more.length > 0) throw badRequest("Paramètre field : un seul champ à la fois.");
  return json(autocomplete(documentsOf(input), input.url.searchParams.get("text") ?? "", field));
}

/** The routes of the search service under a root. */
export function searchRoutes(origin?: string): DiffusionRoute[] {
  const root = `${origin ? SEARCH_ROOT.replace(/^https:\/\/data\.geopf\.fr/, origin.replace(/\/+$/, "")) : SEARCH_ROOT}/api/indexes`;
  const index = `${root}/${STANDARD_INDEX}`;
  return [
    { path: index, method: "POST", handle: search },
    { path: `${index}/suggest`, handle: suggest },
    { path: `${index}/suggest_autocomplete`, handle: suggestAutocomplete },
    { path: `${index}/documents/:document`, handle: (input) => {
      const found = documentsOf(input).find((document) => document.id === input.params.document);
      if (!found) throw notFound(`Document « ${input.params.document} » introuvable dans l'index ${STANDARD_INDEX}.`);
      return json(single(found));
    } },
    { path: `${index}/offerings/:offering`, handle: (input) =>
      json(documentsOf(input).filter((document) => document.offering_id === input.params.offering).map((document) => ({ id: document.id }))) },
    { path: `${root}/:index`, method: "POST", handle: (input) => {
      throw notFound(`Index « ${input.params.index} » introuvable : l'index standard est ${STANDARD_INDEX}.`);
    } },
  ];
}

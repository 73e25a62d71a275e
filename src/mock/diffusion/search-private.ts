// The private search service ({search_private} = https://data.geopf.fr/private/recherche): the custom indexes of
// the SEARCH offerings the caller's key reaches (behind the key check of every private root). GET …/api/indexes
// lists them; POST …/api/indexes/{index} searches the documents by field; …/suggest_autocomplete corrects words of
// the string fields; …/suggest, …/documents/{id} and …/offerings/{offering} do not exist for a classic index.
import urls from "../../../_data/urls.json" with { type: "json" };
import type { Context } from "../core/context.ts";
import { badRequest, notFound } from "../core/errors.ts";
import { isObject } from "../core/json.ts";
import { privateAccess } from "../http/private-access.ts";
import { readJson } from "../http/request.ts";
import { json } from "../http/respond.ts";
import type { RouteInput } from "../http/route.ts";
import type { DiffusionRoute } from "../http/routes-diffusion.ts";
import { searchIndexName } from "../resources/offerings/urls.ts";
import { publishedOn, text } from "./published.ts";
import type { SearchDocument } from "./search-documents.ts";
import { autocomplete, fold, words } from "./search-query.ts";

/** A custom index as the service sees it: its name, title and fields, and its documents. */
interface CustomIndex {
  index: string;
  title: string;
  fields: Record<string, string>;
  documents: Record<string, string>[];
}

// The custom indexes the caller may search (the key check has restricted the offerings).
function customIndexes(ctx: Context): CustomIndex[] {
  return publishedOn(ctx, "SEARCH", false).map(({ configuration, storedData }) => ({
    index: searchIndexName(configuration.layer_name),
    title: text(configuration.type_infos.title),
    fields: { ...storedData[0]?.index?.fields },
    documents: storedData.flatMap((data) => data.index?.documents ?? []),
  }));
}

// The index named in the path, or 404.
function indexOf(input: RouteInput): CustomIndex {
  const name = input.params.index ?? "";
  const found = input.store.run(customIndexes).find((candidate) => candidate.index === name);
  if (!found) throw notFound(`Index « ${name} » introuvable : il n'est pas publié, ou votre clé n'y donne pas accès (GET ${urls.search_private}/api/indexes).`);
  return found;
}

// Whether a document's field holds the asked value: every word of the value begins a word of the field.
const holds = (value: string | undefined, asked: string): boolean => {
  const have = words(value ?? "");
  return words(asked).every((word) => have.some((candidate) => candidate.startsWith(word))) || fold(value ?? "") === fold(asked);
};

/** POST …/api/indexes/{index}: each key of the body a field of the index (a text, or a list of which one must match). */
async function search(input: RouteInput): Promise<Response> {
  const index = indexOf(input);
  const raw = (await input.request.clone().text()).trim();
  const body = raw === "" ? {} : await readJson(input.request);
  if (!isObject(body)) throw badRequest("Le corps d'une recherche est un objet JSON : { \"<champ>\": \"<valeur>\" }.");
  const problems: string[] = [];
  const criteria = Object.entries(body).flatMap(([field, value]) => {
    if (!(field in index.fields)) problems.push(`${field} : champ inconnu de l'index ${index.index} (champs : ${Object.keys(index.fields).join(", ")}).`);
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((item) => typeof item === "string")) problems.push(`${field} : texte ou liste de textes attendu.`);
    return [[field, values as string[]] as const];
  });
  if (problems.length > 0) throw badRequest(...problems);
  const documents = index.documents.filter((document) => criteria.every(([field, values]) => values.some((value) => holds(document[field], value))));
  return json({ documents, aggregations: {} });
}

/** GET …/suggest_autocomplete?text=…[&field=…]: corrections from a string field (the first one by default). */
function suggestAutocomplete(input: RouteInput): Response {
  const index = indexOf(input);
  const strings = Object.entries(index.fields).filter(([, type]) => type === "string").map(([name]) => name);
  const field = input.url.searchParams.get("field") ?? strings[0];
  if (!field || !strings.includes(field)) throw badRequest(`Paramètre field : l'autocomplétion porte sur un champ de type string de l'index (${strings.join(", ") || "aucun"}).`);
  return json(autocomplete(index.documents as unknown as SearchDocument[], input.url.searchParams.get("text") ?? "", field));
}

// What a classic index does not offer.
const classicOnly = (what: string) => (input: RouteInput): Response => {
  indexOf(input);
  throw badRequest(`${what} n'existe pas pour un index personnalisé classique (seulement pour un index au format de l'index standard, is_search_layer) : utilisez la recherche POST ou suggest_autocomplete.`);
};

/** The routes of the private search service (each behind the key check). */
export function privateSearchRoutes(origin?: string): DiffusionRoute[] {
  const root = `${origin ? urls.search_private.replace(/^https:\/\/data\.geopf\.fr/, origin.replace(/\/+$/, "")) : urls.search_private}/api/indexes`;
  const routes: DiffusionRoute[] = [
    { path: root, handle: (input) => json(input.store.run(customIndexes).map(({ index, title, fields }) => ({ index, title, fields }))) },
    { path: `${root}/:index`, method: "POST", handle: search },
    { path: `${root}/:index/suggest_autocomplete`, handle: suggestAutocomplete },
    { path: `${root}/:index/suggest`, handle: classicOnly("suggest") },
    { path: `${root}/:index/documents/:document`, handle: classicOnly("documents/{id}") },
    { path: `${root}/:index/offerings/:offering`, handle: classicOnly("offerings/{id}") },
  ];
  return routes.map((route) => ({ ...route, handle: privateAccess(route.handle) }));
}

// The search index tutorial in simulated mode, block by block: a WFS layer of the cities delivered, integrated,
// tagged (production year, producer, theme, licence) and published; the search service then finds it by its title's
// words, theme and year (highlighted, aggregated), suggests and corrects it, lists the offering's documents; once
// the offering is deleted, the index no longer holds them. The custom index: a CSV of sites delivered with its .csvt,
// indexed by index2index, published on the private search endpoint, found with a key (401 without).
import { expect, test } from "@playwright/test";
import { SEARCH_INDEX_PAGES, block, openTutorialPage, responseJson, runAllBlocks } from "./helpers.ts";

test("index de recherche : le service de recherche trouve la couche publiée, puis plus après sa dépublication", async ({ page }) => {
  test.setTimeout(180_000);
  const [standardPage] = SEARCH_INDEX_PAGES as [string];
  await openTutorialPage(page, standardPage);
  const statuses: string[] = [];
  await runAllBlocks(page, standardPage, statuses);

  const offering = (await responseJson(block(page, "GET", "/datastores/{datastore}/offerings/{offering index}"))) as { _id: string; status: string };
  expect(offering.status).toBe("PUBLISHED");
  const found = (await responseJson(block(page, "POST", "/api/indexes/geoplateforme"))) as {
    documents: { id: string; offering_id: string; layer_name: string; title: string; theme: string; production_years: number[]; producers: string[]; highlights: Record<string, string[]> }[];
    aggregations: Record<string, { buckets: { key: string; doc_count: number }[] }>;
  };
  expect(found.documents.map((document) => [document.layer_name, document.offering_id])).toEqual([["villes_recherche:villes", offering._id]]);
  const [document] = found.documents;
  expect([document!.title, document!.theme, document!.production_years, document!.producers]).toEqual(["Grandes villes du monde", "Démographie", [2024], ["Tutoriels API Entrepôt"]]);
  expect(document!.highlights).toEqual({ title: ["Grandes <em>villes</em> du monde"], theme: ["<em>Démographie</em>"] });
  expect(found.aggregations).toEqual({ type: { buckets: [{ key: "WFS", doc_count: 1 }] } });

  const suggested = (await responseJson(block(page, "GET", "/suggest?text=grandes%20villes&fields=title,keywords"))) as { source: { layer_name: string } }[];
  expect(suggested[0]!.source.layer_name).toBe("villes_recherche:villes");
  const corrected = (await responseJson(block(page, "GET", "/suggest_autocomplete?text=grande%20vile"))) as { text: string; options: { text: string }[] }[];
  expect(corrected.map((entry) => [entry.text, entry.options[0]?.text])).toEqual([["grande", "grandes"], ["vile", "villes"]]);
  const single = (await responseJson(block(page, "GET", "/documents/{document}"))) as { id: string; production_year: number };
  expect([single.id, single.production_year]).toEqual([document!.id, 2024]);

  const offeringDocuments = block(page, "GET", "/api/indexes/geoplateforme/offerings/{offering index}");
  expect(await responseJson(offeringDocuments.first())).toEqual([{ id: document!.id }]);
  expect(await responseJson(offeringDocuments.last()), "après la dépublication").toEqual([]);
});

test("index personnalisé : le CSV indexé, publié, puis trouvé par le service de recherche privé avec la clé, pas sans", async ({ page }) => {
  test.setTimeout(180_000);
  const customPage = SEARCH_INDEX_PAGES[1]!;
  await openTutorialPage(page, customPage);
  const statuses: string[] = [];
  let withoutKey: number | undefined;
  await runAllBlocks(page, customPage, [], async (current) => {
    const url = (await current.getAttribute("data-url")) ?? "";
    // Right after the search: the same request without the key is refused.
    if (url.endsWith("/api/indexes/sites_vallee?apikey={hash sites}")) {
      withoutKey = await page.evaluate(async () => (await fetch("https://data.geopf.fr/private/recherche/api/indexes/sites_vallee", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status);
    }
    statuses.push(url);
  });
  expect(withoutKey).toBe(401);
  const storedData = (await responseJson(block(page, "GET", "/stored_data/{stored data sites}"))) as { type: string; type_infos: { count: number; fields: Record<string, string> } };
  expect([storedData.type, storedData.type_infos.count]).toEqual(["INDEX", 6]);
  expect(storedData.type_infos.fields).toEqual({ nom: "string", description: "string", date: "date", geometrie: "geometry" });
  const indexes = (await responseJson(block(page, "GET", "/api/indexes?apikey={hash sites}"))) as { index: string }[];
  expect(indexes.map((entry) => entry.index)).toEqual(["sites_vallee"]);
  const found = (await responseJson(block(page, "POST", "/api/indexes/sites_vallee?apikey={hash sites}"))) as { documents: { nom: string; geometrie: string }[] };
  expect(found.documents.map((document) => [document.nom, document.geometrie])).toEqual([["Belvédère du Pic Blanc", "POINT(6.121 45.204)"]]);
  const corrected = (await responseJson(block(page, "GET", "suggest_autocomplete?text=cascde&field=nom&apikey={hash sites}"))) as { options: { text: string }[] }[];
  expect(corrected[0]!.options[0]!.text).toBe("cascade");
  await expect(block(page, "GET", "/processings/executions/{execution sites}/logs").locator(".api-block__response")).toContainText("sites.csv : 6 document(s) indexé(s)");
});

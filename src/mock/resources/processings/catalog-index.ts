// The processing that builds a custom search index from an INDEX upload (CSV files and their .csvt), into an
// OPENSEARCH stored data (entrepot-api-more.md §8.2); its display name is published nowhere.
import ids from "../../../../_data/ids.json" with { type: "json" };
import type { ProcessingDef } from "./catalog.ts";
import { CHECKS } from "./catalog.ts";

/** index2index: one search document per CSV row; with `output.stored_data.id`, the documents are appended. */
export const INDEX_TO_INDEX: ProcessingDef = {
  _id: ids.processings.index2index,
  name: "Création ou mise à jour d'un index de recherche",
  description: "Intègre dans un index de recherche les documents d'une livraison INDEX : une ligne de fichier CSV donne un document, avec les colonnes et les types déclarés dans le fichier CSVT du même nom",
  priority: "STANDARD",
  input_types: { upload: ["INDEX"], stored_data: [] },
  output_type: { stored_data: "INDEX", storage: ["OPENSEARCH"] },
  parameters: [],
  get required_checks() {
    return [CHECKS.standard];
  },
  inputsRequired: true,
};

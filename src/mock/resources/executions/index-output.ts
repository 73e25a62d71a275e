// What index2index writes into its INDEX stored data: one search document per row of the delivered CSV files, each
// with the .csvt of the same name giving its column types. Every file must declare the same columns and types (and
// those of the index being appended to); column names are lowercase letters, digits and `_`.
import type { OutputBuilder } from "./records.ts";
import { ExecutionFailure } from "./vector-journal.ts";

// Column types of a .csvt (the reference's examples and the search-layer format), and how type_infos.fields names them.
const TYPES: Record<string, string> = {
  string: "string", date: "date", wkt: "geometry", geojson: "geometry", coordx: "coordx", coordy: "coordy",
  uuid: "uuid", boolean: "boolean", array: "array", integer: "integer", real: "real",
};

const stemOf = (path: string): string => path.replace(/\.[^./]*$/, "").toLowerCase();
const nameOf = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** INDEX: the documents of the CSV files appended to those already indexed (a new index starts empty). */
export const indexOutput: OutputBuilder = (storedData, snapshot, execution) => {
  const tables = snapshot.files.filter((file) => file.analysis?.kind === "table" || file.analysis?.kind === "error");
  const unreadable = tables.find((file) => file.analysis?.kind === "error");
  if (unreadable?.analysis?.kind === "error") throw new ExecutionFailure(`${nameOf(unreadable.path)} illisible : ${unreadable.analysis.message}`);
  const csv = tables.filter((file) => /\.csv$/i.test(file.path));
  const csvt = new Map(tables.filter((file) => /\.csvt$/i.test(file.path)).map((file) => [stemOf(file.path), file]));
  if (csv.length === 0) throw new ExecutionFailure("La livraison ne contient aucun fichier CSV à indexer");
  if (csvt.size !== csv.length) throw new ExecutionFailure(`Il faut autant de fichiers CSVT que de fichiers CSV (${csvt.size} CSVT pour ${csv.length} CSV)`);
  let fields: Record<string, string> | undefined = execution.outputIsNew ? undefined : storedData.index?.fields;
  const documents = execution.outputIsNew ? [] : [...(storedData.index?.documents ?? [])];
  const messages: string[] = [];
  for (const file of csv) {
    const types = csvt.get(stemOf(file.path));
    if (!types || types.analysis?.kind !== "table" || file.analysis?.kind !== "table") throw new ExecutionFailure(`${nameOf(file.path)} : fichier CSVT du même nom absent`);
    const { columns, rows } = file.analysis;
    const declared = types.analysis.columns;
    const bad = columns.filter((column) => !/^[a-z0-9_]+$/.test(column));
    if (bad.length > 0) throw new ExecutionFailure(`${nameOf(file.path)} : nom de colonne invalide ${bad.map((name) => `« ${name} »`).join(", ")} (lettres minuscules, chiffres et _ seulement)`);
    if (declared.length !== columns.length) throw new ExecutionFailure(`${nameOf(types.path)} : ${declared.length} types pour ${columns.length} colonnes dans ${nameOf(file.path)}`);
    const unknown = declared.filter((type) => TYPES[type.toLowerCase()] === undefined);
    if (unknown.length > 0) throw new ExecutionFailure(`${nameOf(types.path)} : type inconnu ${unknown.join(", ")} (types possibles : String, Date, WKT, GeoJSON, CoordX, CoordY…)`);
    const these = Object.fromEntries(columns.map((column, index) => [column, TYPES[declared[index]!.toLowerCase()]!]));
    if (fields && JSON.stringify(fields) !== JSON.stringify(these)) {
      throw new ExecutionFailure(`${nameOf(file.path)} : colonnes ou types différents de ceux de l'index (${Object.entries(fields).map(([name, type]) => `${name} ${type}`).join(", ")})`);
    }
    fields = these;
    for (const row of rows) documents.push(Object.fromEntries(columns.map((column, index) => [column, row[index]!.trim()])));
    messages.push(`${nameOf(file.path)} : ${rows.length} document(s) indexé(s)`);
  }
  storedData.index = { fields: fields ?? {}, documents };
  storedData.type_infos = { fields: { ...fields }, count: documents.length, is_search_layer: false };
  storedData.size = new TextEncoder().encode(JSON.stringify(documents)).length;
  return messages;
};

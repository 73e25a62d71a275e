// A CSV file's .csvt (same path, extension .csvt): the column types it gives replace the ones guessed from the values,
// once they fit the file's columns (as many types as columns, WKT for the geometry column and nowhere else).
import type { CsvtType } from "../../formats/csvt.ts";
import type { VectorLayerInfo } from "../../formats/types.ts";
import type { UploadFile } from "./records.ts";
import { stem } from "./file-analysis.ts";

type AnalysedFile = Pick<UploadFile, "path" | "analysis">;

// The path without its extension, lower-cased (a.CSV and a.csvt go together).
const stemOf = (path: string): string => stem(path).toLowerCase();

/** The .csvt that goes with a CSV file among the upload's files, if any. */
export function csvtOf(files: readonly AnalysedFile[], csvPath: string): AnalysedFile | undefined {
  return files.find((file) => file.path !== csvPath && /\.csvt$/i.test(file.path) && stemOf(file.path) === stemOf(csvPath));
}

/** The CSV files (.csv) of the upload, for a .csvt that may have none. */
export const hasCsv = (files: readonly AnalysedFile[], csvtPath: string): boolean =>
  files.some((file) => /\.csv$/i.test(file.path) && stemOf(file.path) === stemOf(csvtPath));

/** The layer with the types of the .csvt applied, or why they cannot be (in French, for the check's log). */
export function applyCsvt(layer: VectorLayerInfo, types: readonly CsvtType[], csvtPath: string): { layer: VectorLayerInfo } | { problem: string } {
  const wkt = layer.wktPosition ?? -1;
  const expected = layer.columns.length + (wkt >= 0 ? 1 : 0);
  if (types.length !== expected) return { problem: `${csvtPath} donne ${types.length} type(s) pour ${expected} colonne(s) dans le fichier CSV` };
  if (wkt >= 0 && !["geometry", "character varying"].includes(types[wkt]!.type)) {
    return { problem: `${csvtPath} : la colonne ${wkt + 1} porte les géométries (« ${layer.geometry?.column ?? "WKT"} ») et doit être de type WKT, pas ${types[wkt]!.written}` };
  }
  const attributes = types.filter((_, index) => index !== wkt);
  const misplaced = attributes.findIndex((entry) => entry.type === "geometry");
  if (misplaced >= 0) {
    return { problem: `${csvtPath} : la colonne « ${layer.columns[misplaced]!.name} » est déclarée WKT, mais la simulation ne lit les géométries que dans une colonne nommée WKT, geom, geometry, the_geom, wkt_geom ou geometrie` };
  }
  return { layer: { ...layer, columns: layer.columns.map((column, index) => ({ name: column.name, type: attributes[index]!.type })) } };
}

/** The CSV layer with its .csvt's types when it has a readable one that fits, else as guessed from the values. */
export function typedCsvLayer(files: readonly AnalysedFile[], csvPath: string, layer: VectorLayerInfo): VectorLayerInfo {
  const csvt = csvtOf(files, csvPath);
  if (csvt?.analysis?.kind !== "csvt") return layer;
  const applied = applyCsvt(layer, csvt.analysis.types, csvt.path);
  return "layer" in applied ? applied.layer : layer;
}

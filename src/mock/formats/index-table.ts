// The files of an INDEX upload: `;`-separated CSV files (a header, then one row per document) and, for each, a
// same-named .csvt giving the column types on its single line (`String;String;Date;WKT`).
import { FormatError } from "./errors.ts";
import { parseCsv, utf8Text } from "./text-vector.ts";

/** A .csv as columns and rows (blank lines dropped), or a .csvt as its types (columns) and no rows. */
export function indexTable(bytes: Uint8Array, ext: "csv" | "csvt"): { columns: string[]; rows: string[][] } {
  const rows = parseCsv(utf8Text(bytes, ext === "csv" ? "le fichier CSV" : "le fichier CSVT"), ";").filter((row) => row.some((value) => value.trim() !== ""));
  const columns = rows[0]?.map((value) => value.trim());
  if (!columns || columns.every((value) => value === "")) throw new FormatError(ext === "csv" ? "ligne d'en-tête absente" : "ligne des types absente");
  if (ext === "csvt") {
    if (rows.length > 1) throw new FormatError(`un fichier CSVT tient sur une ligne (${rows.length} lignes)`);
    return { columns, rows: [] };
  }
  const data = rows.slice(1);
  data.forEach((row, index) => {
    if (row.length !== columns.length) throw new FormatError(`ligne ${index + 2} : ${row.length} champs au lieu de ${columns.length}`);
  });
  return { columns, rows: data };
}

// Checks the build-time data a page refers to — `{{ ids.… }}`, `{{ urls.… }}`, `{{ "file.json" | readJSON }}` —
// before Nunjucks runs, so that an author's typo is reported with the file, the line and the name that failed.
import fs from "node:fs";
import path from "node:path";

/** An author error located in a source file. */
export class DataReferenceError extends Error {}

// `ids.processings['archive-to-archive']`, `urls.public.wfs`, `ids.checks["standard"]`…
const LOOKUP = /\b(ids|urls)((?:\.[A-Za-z_$][\w$-]*|\[\s*(?:'[^']*'|"[^"]*")\s*\])+)/g;
const STEP = /\.([A-Za-z_$][\w$-]*)|\[\s*(?:'([^']*)'|"([^"]*)")\s*\]/g;
const READ_JSON = /(["'])([^"']+\.json)\1\s*\|\s*readJSON\b/g;
const EXPRESSION = /\{\{([\s\S]*?)\}\}/g;

const lineOf = (source: string, index: number) => source.slice(0, index).split("\n").length;

/** Throws DataReferenceError for the first unknown id/url or unreadable JSON file referenced in `source`. */
export function checkDataReferences(source: string, file: string, data: Record<string, unknown>, root = process.cwd()): void {
  for (const expression of source.matchAll(EXPRESSION)) {
    const text = expression[1]!;
    const at = (offset: number) => `${file}:${lineOf(source, expression.index! + 2 + offset)}`;
    for (const lookup of text.matchAll(LOOKUP)) {
      let node: unknown = data[lookup[1]!];
      for (const step of lookup[2]!.matchAll(STEP)) {
        const key = step[1] ?? step[2] ?? step[3]!;
        node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
        if (node === undefined) break;
      }
      if (node === undefined || node === null || typeof node === "object") {
        const what = node === undefined ? "clé inconnue" : "ce n'est pas une valeur (objet entier)";
        throw new DataReferenceError(`${at(lookup.index!)} : ${lookup[0]} : ${what} dans _data/${lookup[1]}.json`);
      }
    }
    for (const read of text.matchAll(READ_JSON)) {
      const target = path.resolve(root, read[2]!);
      let content: string;
      try {
        content = fs.readFileSync(target, "utf8");
      } catch {
        throw new DataReferenceError(`${at(read.index!)} : readJSON : fichier introuvable « ${read[2]} »`);
      }
      try {
        JSON.parse(content);
      } catch (error) {
        throw new DataReferenceError(`${at(read.index!)} : readJSON : JSON invalide dans « ${read[2]} » (${(error as Error).message})`);
      }
    }
  }
}

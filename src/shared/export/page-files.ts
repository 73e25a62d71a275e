// The files the flows tutorials' page components produce (src/runtime/flows/: ```files `@name` in a block), produced
// outside the browser for the headless replay with the same shared code (src/shared/flows/): the GeoNature export read
// page by page into observations.geojson and its .md5 line, the Theia/OZCAR deposit archive. Pure apart from the
// injected fetch (no DOM, no Node).
import type { SampleFile } from "../block-contract.ts";
import { EXPORT_VARIABLES, exportFiles, exportSourceOf, GEOJSON_NAME, MD5_NAME, readExport } from "../flows/geonature.ts";
import { buildDepositArchive, producerId } from "../flows/theia.ts";

/** A page component: the files it produces and the variables it reads them from. */
interface Producer {
  files: readonly string[];
  needs: readonly string[];
  make: (values: Record<string, string>, fetcher: typeof fetch) => Promise<Record<string, Uint8Array>>;
}

const encoder = new TextEncoder();

// As src/runtime/flows/geonature-export.ts: the export read, the GeoJSON and its md5 line.
const GEONATURE: Producer = {
  files: [GEOJSON_NAME, MD5_NAME],
  needs: EXPORT_VARIABLES,
  async make(values, fetcher) {
    const { geojson, md5 } = exportFiles(await readExport(exportSourceOf(values), fetcher));
    return { [GEOJSON_NAME]: encoder.encode(geojson), [MD5_NAME]: encoder.encode(md5) };
  },
};

// As src/runtime/flows/theia-deposit.ts: the sample archive of the producer (4 letters, upper case).
const THEIA: Producer = {
  files: ["depot_theia.zip"],
  needs: ["producteur theia"],
  async make(values) {
    const id = producerId(values["producteur theia"]!);
    if (!id) throw new Error(`{producteur theia} : l'identifiant d'un producteur fait quatre lettres (reçu « ${values["producteur theia"]!.trim().toUpperCase()} »).`);
    return { "depot_theia.zip": (await buildDepositArchive(id)).bytes };
  },
};

/** The page components the replay knows. */
export const PAGE_PRODUCERS: readonly Producer[] = [GEONATURE, THEIA];

/** The variables a produced file is made from (e.g. `instance geonature`), or undefined for a file no component makes. */
export const pageFileNeeds = (name: string): readonly string[] | undefined => PAGE_PRODUCERS.find((producer) => producer.files.includes(name))?.needs;

/** A producer of page files for one replay: each component runs once for its variables (the GeoJSON and its .md5
 * come from one read of the export), through `fetcher` (which may map the outside servers elsewhere). */
export function pageFiles(fetcher: typeof fetch): (file: SampleFile, values: Record<string, string>) => Promise<Uint8Array> {
  const made = new Map<string, Promise<Record<string, Uint8Array>>>();
  return async (file, values) => {
    const producer = PAGE_PRODUCERS.find((candidate) => candidate.files.includes(file.name));
    if (!producer) throw new Error(`aucun composant de page connu ne produit « ${file.name} » (connus : ${PAGE_PRODUCERS.flatMap((item) => item.files).join(", ")})`);
    const missing = producer.needs.filter((name) => !values[name]);
    if (missing.length > 0) throw new Error(`variable(s) sans valeur : ${missing.map((name) => `{${name}}`).join(", ")}`);
    const key = `${producer.files[0]}|${producer.needs.map((name) => values[name]).join("|")}|${values["jeton geonature"] ?? ""}`;
    if (!made.has(key)) made.set(key, producer.make(values, fetcher));
    return (await made.get(key)!)[file.name]!;
  };
}

// Building a Theia/OZCAR deposit as the procedure describes it: one .zip holding the pivot-format JSON
// (`<producerId>_en.json`) and one .zip per dataset (`<producerId>_DAT_<n>.zip`) with its data files; and the HTTP
// basic credentials of the PUT. Shared by the page (src/runtime/flows/) and the schedulable command: no DOM here.
// fflate is loaded when an archive is built (a chunk of its own in the browser).

/** A dataset to deposit: its id, title and data files. */
export interface DepositDataset {
  id: string;
  title: string;
  files: Record<string, string | Uint8Array>;
}

/** What the archive holds, with the size of each part. */
export interface DepositArchive {
  bytes: Uint8Array;
  pivot: { name: string; size: number };
  datasets: { name: string; size: number }[];
}

// A fixed date in the zips: the same files give the same archive.
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));
const encode = (content: string | Uint8Array): Uint8Array => (typeof content === "string" ? new TextEncoder().encode(content) : content);

/** The small generated datasets of the tutorial: two series of measures (a river's water level, an air temperature). */
export function sampleDatasets(producer: string): DepositDataset[] {
  const day = (index: number): string => new Date(Date.UTC(2024, 0, 1 + index)).toISOString().slice(0, 10);
  const series = (base: number, swing: number): string =>
    `date;valeur\n${Array.from({ length: 60 }, (_, index) => `${day(index)};${(base + swing * Math.sin(index / 6)).toFixed(2)}`).join("\n")}\n`;
  return [
    { id: `${producer}_DAT_1`, title: "Hauteur d'eau à la station du pont", files: { "hauteur_eau.csv": series(1.2, 0.4), "LISEZMOI.txt": "Hauteur d'eau journalière (m), données générées pour le tutoriel.\n" } },
    { id: `${producer}_DAT_2`, title: "Température de l'air au mât météo", files: { "temperature_air.csv": series(8, 5), "LISEZMOI.txt": "Température moyenne journalière (°C), données générées pour le tutoriel.\n" } },
  ];
}

/** A simplified pivot-format document: the producer and, per dataset, its metadata and the archive holding its data. */
export function pivotDocument(producer: string, datasets: readonly DepositDataset[]): Record<string, unknown> {
  return {
    version: "1.0",
    producer: { producerId: producer, name: `Observatoire ${producer} (tutoriel)`, email: "contact@observatoire.exemple.fr" },
    datasets: datasets.map((dataset) => ({
      datasetId: dataset.id,
      metadata: { title: dataset.title, keywords: ["tutoriel", "série temporelle"], spatialExtent: { type: "Point", coordinates: [5.72, 45.19] } },
      observations: Object.keys(dataset.files).filter((name) => name.endsWith(".csv")).map((name) => ({ dataFile: { name, archive: `${dataset.id}.zip` } })),
    })),
  };
}

/** The deposit archive: the pivot JSON and one zip per dataset, at its root. */
export async function buildDepositArchive(producer: string, datasets: readonly DepositDataset[] = sampleDatasets(producer)): Promise<DepositArchive> {
  const { zipSync } = await import("fflate");
  const pivotName = `${producer}_en.json`;
  const pivot = encode(`${JSON.stringify(pivotDocument(producer, datasets), null, 2)}\n`);
  const inner = datasets.map((dataset) => ({
    name: `${dataset.id}.zip`,
    bytes: zipSync(Object.fromEntries(Object.entries(dataset.files).map(([name, content]) => [name, encode(content)])), { mtime: FIXED_DATE }),
  }));
  const bytes = zipSync({ [pivotName]: pivot, ...Object.fromEntries(inner.map((item) => [item.name, item.bytes])) }, { mtime: FIXED_DATE });
  return { bytes, pivot: { name: pivotName, size: pivot.length }, datasets: inner.map((item) => ({ name: item.name, size: item.bytes.length })) };
}

/** The value of the Authorization header of HTTP basic authentication (`Basic base64(id:password)`, UTF-8). */
export function basicAuthorization(id: string, password: string): string {
  const bytes = new TextEncoder().encode(`${id}:${password}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** The tutorial's {producteur theia} and {identifiants theia} (the base64 of "id:password") for a producer. */
export const theiaValues = (id: string, password: string): Record<string, string> => ({
  "producteur theia": id,
  "identifiants theia": basicAuthorization(id, password).slice("Basic ".length),
});

/** The producer id as the procedure wants it (four letters, upper case), or undefined for another text. */
export function producerId(text: string): string | undefined {
  const id = text.trim().toUpperCase();
  return /^[A-Z]{4}$/.test(id) ? id : undefined;
}

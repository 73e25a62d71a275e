// The data flows of the "Flux de données" tutorials as steps a scheduled command runs (scripts/flux.ts): a GeoNature
// export read page by page, turned into one GeoJSON, delivered to the API Entrepôt, checked and loaded into a
// VECTOR-DB; and a Theia/OZCAR deposit archive built, PUT into the producer's new/ folder, then previous/ read back.
import ids from "../_data/ids.json" with { type: "json" };
import { exportFiles, GEOJSON_NAME, readExport, type ExportSource } from "../src/shared/flows/geonature.ts";
import { basicAuthorization, buildDepositArchive } from "../src/shared/flows/theia.ts";

/** Where and how the API Entrepôt is reached. */
export interface EntrepotTarget {
  /** API root, e.g. https://data.geopf.fr/api. */
  api: string;
  token: string;
  datastore: string;
}

/** What the steps share: a fetch, a logger, the polling pause and its limit. */
export interface StepOptions {
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** Pause between two reads of a status (ms). */
  pollMs?: number;
  /** Give up waiting after this long (ms). */
  timeoutMs?: number;
}

/** What the GeoNature flow produced. */
export interface GeoNatureResult {
  geojson: string;
  md5: string;
  observations: number;
  upload?: string;
  storedData?: string;
}

// One API call; throws a French error with the API's description when the status is not 2xx.
async function call(options: StepOptions, target: EntrepotTarget, method: string, path: string, body?: RequestInit["body"], json?: unknown): Promise<any> {
  const headers: Record<string, string> = { Authorization: `Bearer ${target.token}` };
  if (json !== undefined) headers["Content-Type"] = "application/json";
  const response = await (options.fetch ?? fetch)(`${target.api.replace(/\/+$/, "")}${path}`, { method, headers, body: json !== undefined ? JSON.stringify(json) : body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} : HTTP ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

// Reads a resource until `done` says so.
async function waitFor(options: StepOptions, read: () => Promise<any>, done: (value: any) => boolean, what: string): Promise<any> {
  const limit = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > limit) throw new Error(`Délai dépassé en attendant ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 5000));
  }
}

/** The GeoNature flow: export → GeoJSON (+ .md5); with a target, delivery, checks and integration into a VECTOR-DB. */
export async function geonatureFlow(source: ExportSource, target: EntrepotTarget | undefined, options: StepOptions = {}): Promise<GeoNatureResult> {
  const log = options.log ?? (() => undefined);
  const read = await readExport(source, options.fetch, (page, count, total) => log(`Export ${source.id} : page ${page} lue, ${count}/${total} observations.`));
  const { geojson, md5 } = exportFiles(read);
  const result: GeoNatureResult = { geojson, md5, observations: read.features.length };
  if (!target) return result;
  const ds = `/datastores/${encodeURIComponent(target.datastore)}`;
  const upload = await call(options, target, "POST", `${ds}/uploads`, undefined, { name: `Export GeoNature ${source.id}`, description: `Observations de l'export ${source.id} (licence : ${read.licence})`, type: "VECTOR", srs: "EPSG:4326" });
  result.upload = upload._id as string;
  log(`Livraison ${result.upload} créée.`);
  const form = (content: string, name: string): FormData => {
    const data = new FormData();
    data.append("file", new Blob([content]), name);
    return data;
  };
  await call(options, target, "POST", `${ds}/uploads/${result.upload}/data?path=data/${GEOJSON_NAME}`, form(geojson, GEOJSON_NAME));
  await call(options, target, "POST", `${ds}/uploads/${result.upload}/md5`, form(md5, "observations.md5"));
  await call(options, target, "POST", `${ds}/uploads/${result.upload}/close`);
  const checks = await waitFor(options, () => call(options, target, "GET", `${ds}/uploads/${result.upload}/checks`), (value) => value.asked.length === 0 && value.in_progress.length === 0, "les vérifications");
  const status = (await call(options, target, "GET", `${ds}/uploads/${result.upload}`)).status as string;
  if (checks.failed.length > 0 || status !== "CLOSED") throw new Error(`Vérifications en échec (livraison ${result.upload}, statut ${status}) : lisez leur journal.`);
  log("Vérifications réussies.");
  const execution = await call(options, target, "POST", `${ds}/processings/executions`, undefined, {
    processing: ids.processings["vector-to-db"], inputs: { upload: [result.upload] }, output: { stored_data: { name: `Observations GeoNature (export ${source.id})`, storage_tags: ["VECTEUR"] } },
  });
  result.storedData = execution.output.stored_data._id as string;
  await call(options, target, "POST", `${ds}/processings/executions/${execution._id}/launch`);
  const done = await waitFor(options, () => call(options, target, "GET", `${ds}/processings/executions/${execution._id}`), (value) => ["SUCCESS", "FAILURE", "ABORTED"].includes(value.status), "l'intégration en base");
  if (done.status !== "SUCCESS") throw new Error(`Intégration en base : ${done.status} (exécution ${execution._id}).`);
  log(`Donnée stockée ${result.storedData} générée : ${read.features.length} observations en base.`);
  return result;
}

/** Where the Theia deposit goes. */
export interface TheiaTarget {
  /** Root of the deposit folders, e.g. https://in-situ.theia-land.fr/data. */
  root: string;
  producer: string;
  password: string;
}

/** The Theia flow: the archive (given, or built from the sample datasets) PUT into new/, then the previous/ listing. */
export async function theiaFlow(target: TheiaTarget, archive?: { name: string; bytes: Uint8Array }, options: StepOptions = {}): Promise<{ name: string; size: number; listing: string }> {
  const log = options.log ?? (() => undefined);
  const deposit = archive ?? { name: `${target.producer}_THEIA.zip`, bytes: (await buildDepositArchive(target.producer)).bytes };
  const folder = `${target.root.replace(/\/+$/, "")}/${encodeURIComponent(target.producer)}`;
  const authorization = basicAuthorization(target.producer, target.password);
  const put = await (options.fetch ?? fetch)(`${folder}/new/${encodeURIComponent(deposit.name)}`, { method: "PUT", headers: { Authorization: authorization, "Content-Type": "application/zip" }, body: deposit.bytes as Uint8Array<ArrayBuffer> });
  const answer = await put.text();
  if (!put.ok) throw new Error(`Dépôt refusé (HTTP ${put.status}) : ${answer.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 600)}`);
  log(`Archive ${deposit.name} déposée (${deposit.bytes.length} octets).`);
  const previous = await (options.fetch ?? fetch)(`${folder}/previous/`, { headers: { Authorization: authorization } });
  const listing = await previous.text();
  if (!previous.ok) throw new Error(`Lecture de previous/ : HTTP ${previous.status}.`);
  return { name: deposit.name, size: deposit.bytes.length, listing };
}

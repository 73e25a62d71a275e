// The rules of the simulated Theia/OZCAR deposit: HTTP basic authentication of the producer (its own folder only),
// the archive's name (any name, but a .zip), its size, and its content as the procedure describes it: at the root, one
// JSON file of the pivot format and one .zip archive per dataset, nothing else.
import { THEIA_PRODUCERS } from "./records.ts";

/** Largest archive the simulation accepts (the procedure gives none; the real server's limit is its own). */
export const MAX_ARCHIVE_BYTES = 100 * 1024 * 1024;

/** A refusal of the server: status, French title and the problems found. */
export class TheiaError extends Error {
  /** `status`, its French title, and the problems (one per line of the page). */
  constructor(readonly status: 400 | 401 | 403 | 404 | 405 | 413, readonly problems: string[]) {
    super(problems.join(" "));
  }
}

/** The producer a request authenticates as (Basic `producerId:password`), or 401. */
export function authenticate(request: Request): string {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) throw new TheiaError(401, ["Authentification requise : envoyez l'identifiant du producteur et son mot de passe (authentification HTTP basique, curl -u \"producerId\":\"password\")."]);
  let decoded = "";
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(match[1]!), (char) => char.charCodeAt(0)));
  } catch {
    throw new TheiaError(401, ["En-tête Authorization illisible : « Basic » suivi de identifiant:mot de passe encodés en base64 attendu."]);
  }
  const colon = decoded.indexOf(":");
  const [id, password] = colon === -1 ? [decoded, ""] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  if (THEIA_PRODUCERS[id] === undefined || THEIA_PRODUCERS[id] !== password) throw new TheiaError(401, ["Identifiant du producteur ou mot de passe incorrect."]);
  return id;
}

/** Checks the folder's producer: 4 letters, the authenticated one (403 for another's folder, 404 for an unknown one). */
export function checkFolder(folder: string, producer: string): void {
  if (!/^[A-Za-z]{4}$/.test(folder) || THEIA_PRODUCERS[folder] === undefined) throw new TheiaError(404, [`Aucun répertoire de dépôt « ${folder} » : l'identifiant d'un producteur fait 4 lettres (ex. MSEC).`]);
  if (folder !== producer) throw new TheiaError(403, [`Le producteur ${producer} ne peut pas déposer dans le répertoire de ${folder} : chaque observatoire dépose dans le sien.`]);
}

/** Checks the archive's file name: any name, ending in .zip, without path or odd characters. */
export function checkName(name: string): void {
  if (name === "") throw new TheiaError(400, ["Nom de fichier manquant : l'URL doit finir par le nom de l'archive (…/new/MSEC_THEIA.zip) ; curl -T l'ajoute de lui-même quand l'URL finit par /."]);
  const problems: string[] = [];
  if (!/\.zip$/i.test(name)) problems.push(`Le fichier « ${name} » n'a pas l'extension .zip : le dépôt est une archive .zip (son nom n'a pas d'importance, ex. MSEC_THEIA.zip).`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) problems.push(`Le nom « ${name} » contient des caractères refusés : lettres sans accents, chiffres, point, tiret et tiret bas seulement.`);
  if (problems.length > 0) throw new TheiaError(400, problems);
}

const isZip = (bytes: Uint8Array): boolean => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** What an accepted archive holds. */
export interface ArchiveSummary {
  pivot: string;
  datasets: string[];
}

/** Reads a zip archive into its entries (fflate's unzipSync, loaded when a deposit arrives). */
export type Unzip = (bytes: Uint8Array) => Record<string, Uint8Array>;

/** Checks the archive's content; every problem found is listed in one 400. */
export function checkArchive(name: string, bytes: Uint8Array, unzipSync: Unzip): ArchiveSummary {
  if (bytes.length === 0) throw new TheiaError(400, [`L'archive « ${name} » est vide.`]);
  if (bytes.length > MAX_ARCHIVE_BYTES) throw new TheiaError(413, [`L'archive « ${name} » fait ${bytes.length} octets : ${MAX_ARCHIVE_BYTES / (1024 * 1024)} Mio au plus dans la simulation.`]);
  let entries: Record<string, Uint8Array>;
  try {
    if (!isZip(bytes)) throw new Error("signature");
    entries = unzipSync(bytes);
  } catch {
    throw new TheiaError(400, [`Le fichier « ${name} » n'est pas une archive zip lisible.`]);
  }
  const files = Object.keys(entries).filter((path) => !path.endsWith("/") && !path.startsWith("__MACOSX/"));
  const problems: string[] = [];
  const nested = files.filter((path) => path.includes("/"));
  if (nested.length > 0) problems.push(`Fichiers rangés dans des dossiers : ${nested.join(", ")}. Le JSON pivot et les archives des jeux de données sont attendus à la racine de l'archive.`);
  const root = files.filter((path) => !path.includes("/"));
  const pivots = root.filter((path) => /\.json$/i.test(path));
  const datasets = root.filter((path) => /\.zip$/i.test(path));
  const others = root.filter((path) => !/\.(json|zip)$/i.test(path));
  if (pivots.length === 0) problems.push("Il manque le fichier .json du format pivot (ex. MSEC_en.json) à la racine de l'archive.");
  if (pivots.length > 1) problems.push(`Plusieurs fichiers .json à la racine (${pivots.join(", ")}) : un seul fichier du format pivot est attendu.`);
  for (const pivot of pivots) {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(entries[pivot]!));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) problems.push(`Le fichier ${pivot} n'est pas un objet JSON : le format pivot décrit le producteur et ses jeux de données dans un objet.`);
    } catch {
      problems.push(`Le fichier ${pivot} n'est pas un JSON valide (UTF-8).`);
    }
  }
  if (datasets.length === 0) problems.push("Aucune archive .zip de jeu de données : chaque jeu de données du producteur est livré dans sa propre archive .zip (ex. MSEC_DAT_3.zip).");
  for (const dataset of datasets) if (!isZip(entries[dataset]!)) problems.push(`${dataset} n'est pas une archive zip.`);
  if (others.length > 0) problems.push(`Fichiers inattendus à la racine : ${others.join(", ")}. Seuls le JSON pivot et les archives .zip des jeux de données y sont attendus.`);
  if (problems.length > 0) throw new TheiaError(400, problems);
  return { pivot: pivots[0]!, datasets };
}

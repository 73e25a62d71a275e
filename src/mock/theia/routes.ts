// Routes of the simulated Theia/OZCAR deposit server (an Apache with authenticated WebDAV PUT, as the procedure
// describes): PUT of an archive into `{root}/{producerId}/new/`, the listing of `new/` and `previous/` (the archive
// last deposited: the simulation takes it in at once), the download of that archive; Apache-like HTML pages, in French.
import type { RouteInput } from "../http/route.ts";
import { catchAllPath, type OutsideOptions, type OutsideRoute } from "../geonature/routes.ts";
import { BlobTooLargeError } from "../core/blobs.ts";
import type { DepositRecord } from "./records.ts";
import { THEIA_DEPOSITS, THEIA_ROOT } from "./records.ts";
import { authenticate, checkArchive, checkFolder, checkName, MAX_ARCHIVE_BYTES, TheiaError } from "./rules.ts";

const TITLES = { 201: "Créé", 400: "Requête incorrecte", 401: "Authentification requise", 403: "Accès interdit", 404: "Introuvable", 405: "Méthode non autorisée", 413: "Archive trop volumineuse" } as const;
const SIGNATURE = "<address>Serveur de dépôt Theia/OZCAR (simulation)</address>";
const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// An Apache-like page.
function page(status: keyof typeof TITLES, lines: string[], headers: Record<string, string> = {}): Response {
  const title = `${status} ${TITLES[status]}`;
  const body = `<!DOCTYPE html>\n<html lang="fr"><head><title>${title}</title></head><body>\n<h1>${TITLES[status]}</h1>\n${lines.map((line) => `<p>${escape(line)}</p>`).join("\n")}\n<hr>\n${SIGNATURE}\n</body></html>\n`;
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", ...headers } });
}

/** The page of a refusal. */
export function refusal(error: TheiaError): Response {
  return page(error.status, error.problems, error.status === 401 ? { "WWW-Authenticate": 'Basic realm="Depot Theia/OZCAR"' } : error.status === 405 ? { Allow: "GET, PUT" } : {});
}

const pad = (value: number): string => String(value).padStart(2, "0");
const stamp = (ms: number): string => {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
};

// An autoindex page of a folder (size in bytes).
function listing(path: string, deposits: readonly DepositRecord[]): Response {
  const rows = deposits.map((deposit) => `<tr><td><a href="${encodeURIComponent(deposit.name)}">${escape(deposit.name)}</a></td><td>${stamp(deposit.received)}</td><td>${deposit.size}</td></tr>`);
  const body = `<!DOCTYPE html>\n<html lang="fr"><head><title>Index de ${escape(path)}</title></head><body>\n<h1>Index de ${escape(path)}</h1>\n<table>\n<tr><th>Nom</th><th>Dernière modification (UTC)</th><th>Taille (octets)</th></tr>\n<tr><td><a href="../">Répertoire parent</a></td><td></td><td>-</td></tr>\n${rows.join("\n")}${rows.length ? "\n" : ""}</table>\n${deposits.length === 0 ? "<p>Dossier vide.</p>\n" : ""}${SIGNATURE}\n</body></html>\n`;
  return new Response(body, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// PUT {root}/{producer}/new/{name}.
async function deposit({ store, request, params, url }: RouteInput): Promise<Response> {
  const producer = authenticate(request);
  checkFolder(params.producer ?? "", producer);
  const name = params.name ?? "";
  checkName(name);
  const bytes = new Uint8Array(await request.arrayBuffer());
  const { unzipSync } = await import("fflate");
  const summary = checkArchive(name, bytes, (archive) => unzipSync(archive));
  let written;
  try {
    written = await store.blobs.write(bytes, MAX_ARCHIVE_BYTES);
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw new TheiaError(413, [error.message]);
    throw error;
  }
  const replaced = store.run((ctx) => {
    const before = ctx.records.get(THEIA_DEPOSITS, producer);
    if (before) ctx.records.remove(THEIA_DEPOSITS, producer);
    ctx.records.insert(THEIA_DEPOSITS, { _id: producer, datastore: producer, name, size: written.size, md5: written.md5, blob: written.key, received: ctx.now });
    return before !== undefined;
  });
  return page(201, [
    `L'archive ${url.pathname} a été reçue (${written.size} octets) : fichier pivot ${summary.pivot}, ${summary.datasets.length} jeu${summary.datasets.length > 1 ? "x" : ""} de données (${summary.datasets.join(", ")}).`,
    `Elle est désormais visible dans ${url.pathname.replace(/\/new\/[^/]*$/, "/previous/")}${replaced ? ", à la place de l'archive précédente" : ""}.`,
  ], { Location: url.href });
}

// GET {root}/{producer}/{folder}/ and {root}/{producer}/previous/{name}.
async function read({ store, request, params, url }: RouteInput): Promise<Response> {
  const producer = authenticate(request);
  checkFolder(params.producer ?? "", producer);
  const folder = params.folder ?? "";
  if (folder !== "new" && folder !== "previous") throw new TheiaError(404, [`Aucun dossier « ${folder} » : le répertoire d'un producteur contient new/ (dépôt) et previous/ (archive précédente).`]);
  const current = folder === "previous" ? store.run((ctx) => ctx.records.get(THEIA_DEPOSITS, producer)) : undefined;
  const name = params.name;
  if (!name) return listing(url.pathname, current ? [current] : []);
  const bytes = current && current.name === name ? await store.blobs.read(current.blob) : undefined;
  if (!bytes) throw new TheiaError(404, [`Aucun fichier ${url.pathname} sur le serveur.`]);
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { status: 200, headers: { "Content-Type": "application/zip", "Content-Length": String(bytes.length) } });
}

// Runs a handler, turning its TheiaError into the server's page.
const guarded = (handle: (input: RouteInput) => Promise<Response>) => async (input: RouteInput): Promise<Response> => {
  try {
    return await handle(input);
  } catch (error) {
    if (error instanceof TheiaError) return refusal(error);
    throw error;
  }
};

/** The deposit server's routes, in matching order (the catch-all last); `root` replaces the real root. */
export function theiaRoutes(root: string = THEIA_ROOT, options: OutsideOptions = {}): OutsideRoute[] {
  const base = root.replace(/\/+$/, "");
  return [
    { method: "PUT", path: `${base}/:producer/new/:name`, handle: guarded(deposit) },
    { method: "PUT", path: `${base}/:producer/new/`, handle: guarded(async (input) => (authenticate(input.request), checkName(""), new Response())) },
    { method: "GET", path: `${base}/:producer/:folder/`, handle: guarded(read) },
    { method: "GET", path: `${base}/:producer/:folder`, handle: guarded(read) },
    { method: "GET", path: `${base}/:producer/:folder/:name`, handle: guarded(read) },
    {
      method: "ALL",
      path: catchAllPath(base, options),
      handle: guarded(async ({ request, url }) => {
        if (/\/(new|previous)\//.test(url.pathname)) throw new TheiaError(405, [`Méthode ${request.method} non autorisée ici : on dépose avec PUT dans new/ et on lit avec GET.`]);
        throw new TheiaError(404, [`Aucune ressource à ${url.pathname} (dépôt : ${new URL(base).pathname}/{producerId}/new/).`]);
      }),
    },
  ];
}

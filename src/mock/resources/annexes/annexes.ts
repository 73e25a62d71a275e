// Annexes (POST /datastores/{datastore}/annexes): files hosted as they are, no content check; public at
// `{annexes}/{technical_name}{path}` once published. Paths are unique within the datastore.
import { ANNEXES } from "./records.ts";
import { forgetAnnotations } from "../annotations/records.ts";
import type { AnnexeRecord } from "./records.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event, findIn } from "../common/access.ts";
import { badRequest, conflict, Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { parseBody, parseInto } from "../../core/schema.ts";
import { checkLabels } from "./labels.ts";
import type { FileForm } from "../common/files.ts";
import { ANNEXE_FIELDS, ANNEXE_PATCH, ANNEXE_REPLACE } from "./schemas.ts";

const MIME_TYPES: Record<string, string> = {
  jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", gif: "image/gif", svg: "image/svg+xml", webp: "image/webp", tif: "image/tiff", tiff: "image/tiff",
  pdf: "application/pdf", xml: "application/xml", json: "application/json", geojson: "application/geo+json", csv: "text/csv", txt: "text/plain",
  html: "text/html", css: "text/css", js: "text/javascript", zip: "application/zip", qml: "application/xml", sld: "application/xml",
};

/** The MIME type of a file, from its name's extension (application/octet-stream when unknown). */
export function mimeTypeOf(name: string, bytes: Uint8Array): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension && MIME_TYPES[extension]) return MIME_TYPES[extension];
  // Without a known extension: a few signatures (an XML document, a JPEG, a PNG).
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (head.startsWith("<?xml")) return "application/xml";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image/jpeg";
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return "image/png";
  return "application/octet-stream";
}

// A list given as a repeated field or comma-joined values.
const splitList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(",")).map((item) => item.trim()).filter(Boolean));

// Paths with a leading `/`; problems for empty, `..` and duplicated ones, and for paths other annexes use.
function checkPaths(ctx: Context, datastore: string, given: string[], problems: Problems, self?: string): string[] {
  const paths = [...new Set(given.map((path) => `/${path.replace(/^\/+/, "")}`))];
  if (paths.length === 0) problems.add("paths : au moins un chemin public est obligatoire (par exemple imagettes/vue.jpg).");
  for (const path of paths) {
    if (path.split("/").some((segment) => segment === ".." || segment === ".")) problems.add(`paths : le chemin ${JSON.stringify(path)} ne doit pas contenir de segment « . » ou « .. ».`);
    if (path.endsWith("/")) problems.add(`paths : le chemin ${JSON.stringify(path)} doit nommer un fichier (il finit par « / »).`);
  }
  problems.throwIfAny();
  const taken = ctx.records.list(ANNEXES, datastore).filter((other) => other._id !== self && other.paths.some((path) => paths.includes(path)));
  if (taken.length > 0) throw conflict(...taken.map((other) => `Le chemin ${other.paths.filter((path) => paths.includes(path)).join(", ")} est déjà celui de l'annexe ${other._id}.`));
  return paths;
}

/** An annexe of the datastore, or 404. */
export function findAnnexe(ctx: Context, datastore: string, id: string): AnnexeRecord {
  return findIn(ctx, ANNEXES, datastore, id, "Annexe");
}

// `%` is the wildcard of the mime_type filter; matching ignores case.
const like = (pattern: string): RegExp => new RegExp(`^${pattern.split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");

/** GET …/annexes: filters `mime_type` (`%` wildcard), `path` (one of the paths, with or without the leading `/`), `labels` (every one given). */
export function listAnnexes(ctx: Context, datastore: string, query: URLSearchParams): AnnexeRecord[] {
  assertDatastore(datastore);
  const mime = query.get("mime_type");
  const path = query.get("path");
  const labels = query.getAll("labels").flatMap((value) => value.split(",")).filter(Boolean);
  return ctx.records.list(ANNEXES, datastore).filter((annexe) =>
    (!mime || like(mime).test(annexe.mime_type)) && (!path || annexe.paths.includes(`/${path.replace(/^\/+/, "")}`)) && labels.every((label) => annexe.labels.includes(label)));
}

/** POST …/annexes: stores the file under its paths (409 for a path already used), unpublished unless `published=true`. */
export function createAnnexe(ctx: Context, datastore: string, form: FileForm): AnnexeRecord {
  assertDatastore(datastore);
  const problems = new Problems();
  const parsed = parseInto(ANNEXE_FIELDS, { ...form.fields, file: form.file }, problems);
  const given = parsed.partial;
  const labels = checkLabels(splitList(given?.labels as string | string[] | undefined), problems);
  const { file, published } = parsed.valid();
  const paths = checkPaths(ctx, datastore, splitList(given?.paths as string | string[] | undefined), problems);
  const record: AnnexeRecord = {
    _id: ctx.newId(), datastore, paths, size: file.bytes.length, mime_type: mimeTypeOf(file.name, file.bytes), published: published?.toLowerCase() === "true",
    labels, blob: file.blob, creation: ctx.now, update: ctx.now, lastEvent: { title: "Création", date: ctx.now },
  };
  record.lastEvent = event(ctx, ANNEXES, record, "Création");
  return ctx.records.insert(ANNEXES, record);
}

/** PATCH …/annexes/{annexe}: labels, published, paths (unique), extra. */
export function patchAnnexe(ctx: Context, datastore: string, id: string, body: unknown): AnnexeRecord {
  const annexe = findAnnexe(ctx, datastore, id);
  const problems = new Problems();
  const parsed = parseInto(ANNEXE_PATCH, body, problems);
  const labels = parsed.partial?.labels !== undefined ? checkLabels(parsed.partial.labels.map((label) => label ?? ""), problems) : undefined;
  const givenPaths = parsed.partial?.paths;
  // Paths are checked with the rest of the body (their problems in the same 400) when they are a list of texts.
  const paths = Array.isArray(givenPaths) && givenPaths.length > 0 && givenPaths.every((path) => typeof path === "string") ? checkPaths(ctx, datastore, givenPaths, problems, annexe._id) : undefined;
  const { published, extra } = parsed.valid();
  if (paths !== undefined) annexe.paths = paths;
  if (labels !== undefined) annexe.labels = labels;
  if (published !== undefined) annexe.published = published;
  if (extra !== undefined) annexe.extra = cloneJson(extra) as JsonObject;
  annexe.update = ctx.now;
  annexe.lastEvent = event(ctx, ANNEXES, annexe, "Modification");
  return annexe;
}

/** PUT …/annexes/{annexe}: the file is replaced (size and type follow); the previous bytes are released. */
export function replaceAnnexe(ctx: Context, datastore: string, id: string, form: FileForm): AnnexeRecord {
  const annexe = findAnnexe(ctx, datastore, id);
  const { file } = parseBody(ANNEXE_REPLACE, { ...form.fields, file: form.file });
  Object.assign(annexe, { blob: file.blob, size: file.bytes.length, mime_type: mimeTypeOf(file.name, file.bytes), update: ctx.now });
  annexe.lastEvent = event(ctx, ANNEXES, annexe, "Remplacement du fichier");
  return annexe;
}

/** DELETE …/annexes/{annexe}. */
export function deleteAnnexe(ctx: Context, datastore: string, id: string): void {
  ctx.records.remove(ANNEXES, findAnnexe(ctx, datastore, id)._id);
  forgetAnnotations(ctx, ANNEXES, id);
}

/** POST …/annexes/publication or …/unpublication?labels=…: every annexe with all the labels; how many changed. */
export function publishByLabels(ctx: Context, datastore: string, labels: string[], published: boolean): number {
  assertDatastore(datastore);
  if (labels.length === 0) throw badRequest("Paramètre de requête « labels » obligatoire : les annexes portant toutes ces étiquettes sont (dé)publiées (par exemple ?labels=legende).");
  let changed = 0;
  for (const annexe of ctx.records.list(ANNEXES, datastore)) {
    if (annexe.published === published || !labels.every((label) => annexe.labels.includes(label))) continue;
    annexe.published = published;
    annexe.update = ctx.now;
    annexe.lastEvent = event(ctx, ANNEXES, annexe, published ? "Publication" : "Dépublication");
    changed++;
  }
  return changed;
}

/** The published annexe at a public path of the datastore, if any. */
export function publishedAnnexe(ctx: Context, datastore: string, path: string): AnnexeRecord | undefined {
  return ctx.records.list(ANNEXES, datastore).find((annexe) => annexe.published && annexe.paths.includes(path));
}

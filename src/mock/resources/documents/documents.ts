// Personal documents (/users/me/documents): files attached to the account, read and downloaded by their owner and
// by the users they are shared with; only the owner changes, replaces, deletes or shares them. A public share gives
// the file a random URL under {documents}, a new one each time.
import { DOCUMENTS } from "./records.ts";
import type { DocumentRecord } from "./records.ts";
import type { Context } from "../../core/context.ts";
import { ApiError, badRequest, forbidden, notFound, Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { parseBody, parseInto } from "../../core/schema.ts";
import type { FileForm } from "../common/files.ts";
import { mimeTypeOf } from "../annexes/annexes.ts";
import { checkLabels } from "../annexes/labels.ts";
import { DOCUMENT_FIELDS, DOCUMENT_PATCH, DOCUMENT_REPLACE, DOCUMENT_SHARINGS } from "./schemas.ts";
import { documentUsers } from "./users.ts";
import type { DocumentUser } from "./users.ts";

// Extensions of the public file names, by MIME type (anything else: .bin).
const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/svg+xml": "svg", "image/tiff": "tif", "application/pdf": "pdf", "application/xml": "xml",
  "application/json": "json", "application/geo+json": "geojson", "text/csv": "csv", "text/plain": "txt", "text/html": "html", "application/zip": "zip",
};

// A new random public file name (the id generator's hex digits) with the extension of the MIME type.
const publicName = (ctx: Context, mime: string): string => `${ctx.newId().replace(/-/g, "")}.${EXTENSIONS[mime] ?? "bin"}`;

// Labels sent as one comma-separated field (or repeated).
const splitLabels = (value: string | undefined): string[] => (value ?? "").split(",").map((label) => label.trim()).filter(Boolean);

/** A document the user may read (owner or beneficiary): 404 when unknown, 403 when neither. */
export function readableDocument(ctx: Context, user: string, id: string): DocumentRecord {
  const document = ctx.records.get(DOCUMENTS, id);
  if (!document) throw notFound(`Document « ${id} » introuvable.`);
  if (document.datastore !== user && !document.sharings.includes(user)) throw forbidden(`Le document « ${id} » appartient à un autre utilisateur et n'est pas partagé avec vous.`);
  return document;
}

/** A document the user owns: 403 for a document only shared with them (its owner alone changes it). */
export function ownedDocument(ctx: Context, user: string, id: string): DocumentRecord {
  const document = readableDocument(ctx, user, id);
  if (document.datastore !== user) throw forbidden(`Le document « ${id} » est partagé avec vous : seul son propriétaire peut le modifier, le remplacer, le partager ou le supprimer.`);
  return document;
}

// `%` is the wildcard of the name and mime_type filters; matching ignores case.
const like = (pattern: string): RegExp => new RegExp(`^${pattern.split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");

/** GET /users/me/documents: the user's documents, or with `shared=true` those shared with them; filters `name`, `mime_type` (`%`),
 * `labels` (every one given, repeated or comma-separated); `sort=creation|update[,asc|desc]`. */
export function listDocuments(ctx: Context, user: string, query: URLSearchParams): DocumentRecord[] {
  const problems = new Problems();
  const shared = query.get("shared");
  if (shared !== null && !/^(true|false)$/i.test(shared)) problems.add(`Paramètre de requête « shared » : "true" ou "false" attendu (reçu : ${JSON.stringify(shared)}).`);
  const sort = query.get("sort")?.replace(/\s+/g, "");
  const [key, direction = "asc"] = (sort ?? "").split(",");
  if (sort && (!["creation", "update"].includes(key!) || !["asc", "desc"].includes(direction))) problems.add(`Paramètre de requête « sort » : creation ou update, suivi de ,asc ou ,desc (reçu : ${JSON.stringify(sort)}).`);
  problems.throwIfAny();
  const name = query.get("name");
  const mime = query.get("mime_type");
  const labels = query.getAll("labels").flatMap(splitLabels);
  const all = shared?.toLowerCase() === "true" ? ctx.records.list(DOCUMENTS).filter((document) => document.sharings.includes(user)) : ctx.records.list(DOCUMENTS, user);
  const found = all.filter((document) => (!name || like(name).test(document.name)) && (!mime || like(mime).test(document.mime_type)) && labels.every((label) => document.labels.includes(label)));
  if (sort) found.sort((a, b) => (direction === "desc" ? -1 : 1) * (key === "update" ? a.update - b.update : a.creation - b.creation));
  return found;
}

/** POST /users/me/documents: the file with its name, description, labels; publicly shared with `public_url=true`. */
export function createDocument(ctx: Context, user: string, form: FileForm): DocumentRecord {
  const problems = new Problems();
  const parsed = parseInto(DOCUMENT_FIELDS, { ...form.fields, file: form.file }, problems);
  const labels = checkLabels(splitLabels(typeof parsed.partial?.labels === "string" ? parsed.partial.labels : undefined), problems);
  const { file, name, description, public_url: publicUrl } = parsed.valid();
  const mime = mimeTypeOf(file.name, file.bytes);
  const record: DocumentRecord = {
    _id: ctx.newId(), datastore: user, name, ...(description !== undefined ? { description } : {}), size: file.bytes.length, mime_type: mime, labels,
    blob: file.blob, sharings: [], creation: ctx.now, update: ctx.now, lastEvent: { title: "Création", date: ctx.now },
  };
  if (publicUrl?.toLowerCase() === "true") record.publicName = publicName(ctx, mime);
  return ctx.records.insert(DOCUMENTS, record);
}

/** PATCH /users/me/documents/{document}: name, description, labels, public_url (true: a new URL, false: none), extra. */
export function patchDocument(ctx: Context, user: string, id: string, body: unknown): DocumentRecord {
  const document = ownedDocument(ctx, user, id);
  const problems = new Problems();
  const parsed = parseInto(DOCUMENT_PATCH, body, problems);
  const labels = parsed.partial?.labels !== undefined ? checkLabels(parsed.partial.labels.map((label) => (label ?? "").trim()), problems) : undefined;
  const { name, description, public_url: publicUrl, extra } = parsed.valid();
  if (name !== undefined) document.name = name;
  if (description !== undefined) document.description = description;
  if (labels !== undefined) document.labels = labels;
  if (publicUrl === true) document.publicName = publicName(ctx, document.mime_type);
  if (publicUrl === false) delete document.publicName;
  if (extra !== undefined) document.extra = cloneJson(extra) as JsonObject;
  document.update = ctx.now;
  return document;
}

/** PUT /users/me/documents/{document}: the file is replaced (size and type follow). */
export function replaceDocument(ctx: Context, user: string, id: string, form: FileForm): DocumentRecord {
  const document = ownedDocument(ctx, user, id);
  const { file } = parseBody(DOCUMENT_REPLACE, { ...form.fields, file: form.file });
  Object.assign(document, { blob: file.blob, size: file.bytes.length, mime_type: mimeTypeOf(file.name, file.bytes), update: ctx.now });
  return document;
}

/** DELETE /users/me/documents/{document}: gone for its owner and its beneficiaries, public URL included. */
export function deleteDocument(ctx: Context, user: string, id: string): void {
  ctx.records.remove(DOCUMENTS, ownedDocument(ctx, user, id)._id);
}

/** The users a document is shared with. */
export function sharingsOf(document: DocumentRecord): DocumentUser[] {
  const users = documentUsers();
  return document.sharings.flatMap((id) => users.filter((user) => user._id === id));
}

/** POST …/sharings: shares with each listed user (404 naming unknown ones, 400 for the owner; nothing changed then). */
export function shareDocument(ctx: Context, user: string, id: string, body: unknown): DocumentRecord {
  const document = ownedDocument(ctx, user, id);
  const ids = parseBody(DOCUMENT_SHARINGS, body).map((value) => value.trim());
  if (ids.includes(user)) throw badRequest("Vous ne pouvez pas partager un document avec vous-même : donnez les identifiants d'autres utilisateurs.");
  const known = new Set(documentUsers().map((other) => other._id));
  const unknown = [...new Set(ids.filter((other) => !known.has(other)))];
  if (unknown.length > 0) throw new ApiError(404, unknown.map((other) => `Utilisateur « ${other} » introuvable.`));
  document.sharings = [...new Set([...document.sharings, ...ids])];
  document.update = ctx.now;
  return document;
}

/** DELETE …/sharings?users=…: no longer shared with those users (ids not shared with are ignored; 400 without any). */
export function unshareDocument(ctx: Context, user: string, id: string, query: URLSearchParams): void {
  const document = ownedDocument(ctx, user, id);
  const users = query.getAll("users").flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  if (users.length === 0) throw badRequest("Paramètre de requête « users » obligatoire : les identifiants des utilisateurs à retirer du partage (répété ou séparés par des virgules).");
  document.sharings = document.sharings.filter((other) => !users.includes(other));
  document.update = ctx.now;
}

/** The publicly shared document of a public file name, if any. */
export const publicDocument = (ctx: Context, name: string): DocumentRecord | undefined => ctx.records.list(DOCUMENTS).find((document) => document.publicName === name);

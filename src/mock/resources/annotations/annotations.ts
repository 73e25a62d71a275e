// Tags, comments, events and sharings of a record: the model operations behind the annotation routes. Each
// one finds its target first (403/404), checks the body (400), then refuses changes to a DELETED target (409).
import type { Context } from "../../core/context.ts";
import { ApiError, badRequest, notFound } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { parseBody, received } from "../../core/schema.ts";
import { datastoreInfo } from "../users/directory.ts";
import type { CommentEntry } from "./records.ts";
import { annotationsOf, findAnnotations } from "./records.ts";
import { COMMENT, SHARINGS, TAGS } from "./schemas.ts";
import type { Target } from "./targets.ts";
import { changeableTarget, findTarget } from "./targets.ts";
import { commentView, eventView, sharingView } from "./views.ts";

/** POST …/tags: merges the body's tags into the record's (existing keys overwritten); the tags after the change. */
export function addTags(ctx: Context, kind: Target, datastore: string, id: string, body: unknown): Record<string, string> {
  findTarget(ctx, kind, datastore, id);
  const tags = parseBody(TAGS, body);
  const record = changeableTarget(ctx, kind, datastore, id);
  record.tags = { ...record.tags, ...tags };
  return { ...record.tags };
}

/** DELETE …/tags: removes the keys named in the query (absent keys are ignored); the tags after the change. */
export function removeTags(ctx: Context, kind: Target, datastore: string, id: string, keys: readonly string[]): Record<string, string> {
  findTarget(ctx, kind, datastore, id);
  if (keys.length === 0) {
    throw badRequest("Paramètre de requête « tags » obligatoire : les clés des étiquettes à supprimer (tags[]=clé, tags=clé1,clé2 ou tags[0]=clé).");
  }
  const record = changeableTarget(ctx, kind, datastore, id);
  const tags = { ...record.tags };
  for (const key of keys) delete tags[key];
  record.tags = tags;
  return { ...tags };
}

/** GET …/events: the record's history, oldest first (its last_event alone for a record older than the history). */
export function listEvents(ctx: Context, kind: Target, datastore: string, id: string): JsonObject[] {
  const record = findTarget(ctx, kind, datastore, id);
  const events = findAnnotations(ctx, kind.collection, record)?.events ?? [];
  return (events.length > 0 ? events : [record.lastEvent]).map(eventView);
}

/** GET …/comments: the record's comments, oldest first. */
export function listComments(ctx: Context, kind: Target, datastore: string, id: string): JsonObject[] {
  const record = findTarget(ctx, kind, datastore, id);
  return (findAnnotations(ctx, kind.collection, record)?.comments ?? []).map(commentView);
}

/** POST …/comments: adds a comment by the caller. */
export function addComment(ctx: Context, kind: Target, datastore: string, id: string, body: unknown): JsonObject {
  findTarget(ctx, kind, datastore, id);
  const { text } = parseBody(COMMENT, body);
  const record = changeableTarget(ctx, kind, datastore, id);
  const comment: CommentEntry = { _id: ctx.newId(), text, creation: ctx.now, update: ctx.now };
  if (ctx.actor !== undefined) comment.author = ctx.actor;
  annotationsOf(ctx, kind.collection, record).comments.push(comment);
  return commentView(comment);
}

// A comment of the record, or 404 (also for a comment of another record).
function findComment(ctx: Context, kind: Target, record: { _id: string; datastore: string }, commentId: string): CommentEntry {
  const comment = findAnnotations(ctx, kind.collection, record)?.comments.find((candidate) => candidate._id === commentId);
  if (!comment) throw notFound(`Commentaire « ${commentId} » introuvable sur ${kind.label.toLowerCase()} ${record._id}.`);
  return comment;
}

/** PUT …/comments/{comment}: replaces the comment's text. */
export function editComment(ctx: Context, kind: Target, datastore: string, id: string, commentId: string, body: unknown): JsonObject {
  findComment(ctx, kind, findTarget(ctx, kind, datastore, id), commentId);
  const { text } = parseBody(COMMENT, body);
  const comment = findComment(ctx, kind, changeableTarget(ctx, kind, datastore, id), commentId);
  comment.text = text;
  comment.update = ctx.now;
  return commentView(comment);
}

/** DELETE …/comments/{comment}. */
export function removeComment(ctx: Context, kind: Target, datastore: string, id: string, commentId: string): void {
  const record = findTarget(ctx, kind, datastore, id);
  findComment(ctx, kind, record, commentId);
  changeableTarget(ctx, kind, datastore, id);
  const annotations = annotationsOf(ctx, kind.collection, record);
  annotations.comments = annotations.comments.filter((comment) => comment._id !== commentId);
}

/** GET …/sharings: the datastores the record is shared with. */
export function listSharings(ctx: Context, kind: Target, datastore: string, id: string): JsonObject[] {
  const record = findTarget(ctx, kind, datastore, id);
  return (findAnnotations(ctx, kind.collection, record)?.sharings ?? []).map(sharingView);
}

// 404 naming every datastore the simulation does not know (its users' datastores).
function assertKnownDatastores(ids: readonly string[]): void {
  const unknown = [...new Set(ids.filter((other) => !datastoreInfo(other)))];
  if (unknown.length === 0) return;
  throw new ApiError(404, unknown.map((other) => `Entrepôt « ${other} » introuvable : il n'existe pas dans la simulation (voir GET /users/me).`));
}

/** POST …/sharings: shares the record with the datastores of the body (a JSON list of ids); the sharings after. */
export function addSharings(ctx: Context, kind: Target, datastore: string, id: string, body: unknown): JsonObject[] {
  findTarget(ctx, kind, datastore, id);
  if (!Array.isArray(body)) throw badRequest(`Le corps de la requête doit être une liste JSON d'identifiants d'entrepôts (reçu : ${received(body)}).`);
  const ids = parseBody(SHARINGS, body);
  assertKnownDatastores(ids);
  const record = changeableTarget(ctx, kind, datastore, id);
  const annotations = annotationsOf(ctx, kind.collection, record);
  for (const other of ids) if (!annotations.sharings.includes(other)) annotations.sharings.push(other);
  return annotations.sharings.map(sharingView);
}

/** DELETE …/sharings?datastores=…: stops sharing with those datastores (ids it was not shared with are ignored). */
export function removeSharings(ctx: Context, kind: Target, datastore: string, id: string, ids: readonly string[]): void {
  findTarget(ctx, kind, datastore, id);
  if (ids.length === 0) throw badRequest("Paramètre de requête « datastores » obligatoire : les identifiants des entrepôts (datastores=id, répétable).");
  assertKnownDatastores(ids);
  const record = changeableTarget(ctx, kind, datastore, id);
  const annotations = findAnnotations(ctx, kind.collection, record);
  if (annotations) annotations.sharings = annotations.sharings.filter((other) => !ids.includes(other));
}

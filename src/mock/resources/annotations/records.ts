// Annotation records: one per annotated record (upload, stored data, configuration, static), holding its event
// history, its comments and the datastores it is shared with. Keyed by the target's kind and id, so that a
// record's annotations are read in one row, never by walking every annotation of the datastore.
import * as z from "zod/mini";
import type { Collection, RecordBase } from "../../core/collection.ts";
import { collection, recordGuard } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";

/** One event of a record's history (`GET …/events`). */
export interface EventEntry {
  title: string;
  date: number;
  text?: string;
  /** Id of the user who made it (absent: the default user). */
  initiator?: string;
}

/** One comment of a record (`GET …/comments`). */
export interface CommentEntry {
  _id: string;
  text: string;
  /** Id of the user who wrote it (absent: the default user). */
  author?: string;
  creation: number;
  update: number;
}

/** The annotations of one record. */
export interface AnnotationRecord extends RecordBase {
  /** The annotated record: its collection's kind and its id. */
  target: { kind: string; id: string };
  events: EventEntry[];
  comments: CommentEntry[];
  /** Ids of the datastores the record is shared with, in the order they were added. */
  sharings: string[];
}

const GUARD = z.looseObject({
  _id: z.string(),
  datastore: z.string(),
  target: z.looseObject({ kind: z.string(), id: z.string() }),
  events: z.array(z.looseObject({ title: z.string(), date: z.number(), initiator: z.optional(z.string()) })),
  comments: z.array(z.looseObject({ _id: z.string(), text: z.string(), author: z.optional(z.string()), creation: z.number(), update: z.number() })),
  sharings: z.array(z.string()),
});

/** The annotations, one row per annotated record. */
export const ANNOTATIONS = collection<AnnotationRecord>("annotation", {
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<AnnotationRecord>, () => ({ events: [], comments: [], sharings: [] })),
});

/** The id of a record's annotations. */
export const annotationId = (kind: string, id: string): string => `${kind}:${id}`;

/** A record's annotations, if it has any. */
export function findAnnotations<T extends RecordBase>(ctx: Context, target: Collection<T>, record: RecordBase): AnnotationRecord | undefined {
  return ctx.records.get(ANNOTATIONS, annotationId(target.kind, record._id));
}

/** A record's annotations, created empty when it has none yet. */
export function annotationsOf<T extends RecordBase>(ctx: Context, target: Collection<T>, record: RecordBase): AnnotationRecord {
  const found = findAnnotations(ctx, target, record);
  if (found) return found;
  const created: AnnotationRecord = {
    _id: annotationId(target.kind, record._id), datastore: record.datastore, target: { kind: target.kind, id: record._id }, events: [], comments: [], sharings: [],
  };
  return ctx.records.insert(ANNOTATIONS, created);
}

/** Removes a record's annotations (when the record itself is removed from the store). */
export function forgetAnnotations<T extends RecordBase>(ctx: Context, target: Collection<T>, id: string): void {
  if (ctx.records.get(ANNOTATIONS, annotationId(target.kind, id))) ctx.records.remove(ANNOTATIONS, annotationId(target.kind, id));
}

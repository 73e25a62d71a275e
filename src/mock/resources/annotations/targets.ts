// The records that carry annotations, as the API's paths name them: uploads, stored data and configurations
// (tags, comments, events), uploads and stored data (sharings). A target is found like its resource (403 for
// another datastore, 404 naming it); a DELETED upload or stored data can still be read, not changed (409).
import type { Collection } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";
import { conflict } from "../../core/errors.ts";
import { findIn } from "../common/access.ts";
import type { BaseRecord } from "../common/records.ts";
import { CONFIGURATIONS } from "../configurations/records.ts";
import { STORED_DATA } from "../stored-data/records.ts";
import { UPLOADS } from "../uploads/records.ts";

/** What every annotated record has. */
export interface AnnotatedRecord extends BaseRecord {
  status: string;
  tags: Record<string, string>;
}

/** One kind of annotated record. */
export interface Target {
  /** Path of its items, relative to the base (`/datastores/:datastore/uploads/:upload`). */
  path: string;
  /** Name of the path parameter holding its id. */
  param: string;
  collection: Collection<AnnotatedRecord>;
  /** Its name in messages (« Livraison »). */
  label: string;
  /** Whether it may be shared with other datastores. */
  sharable: boolean;
}

const target = (segment: string, param: string, collection: Collection<AnnotatedRecord>, label: string, sharable: boolean): Target => ({
  path: `/datastores/:datastore/${segment}/:${param}`, param, collection, label, sharable,
});

/** The annotated kinds of records. */
export const TARGETS: readonly Target[] = [
  target("uploads", "upload", UPLOADS as unknown as Collection<AnnotatedRecord>, "Livraison", true),
  target("stored_data", "stored_data", STORED_DATA as unknown as Collection<AnnotatedRecord>, "Donnée stockée", true),
  target("configurations", "configuration", CONFIGURATIONS as unknown as Collection<AnnotatedRecord>, "Configuration", false),
];

/** The target record of the datastore, or 403/404. */
export function findTarget(ctx: Context, kind: Target, datastore: string, id: string): AnnotatedRecord {
  return findIn(ctx, kind.collection, datastore, id, kind.label);
}

/** The target record, refused (409) when it is DELETED: its tags, comments and sharings no longer change. */
export function changeableTarget(ctx: Context, kind: Target, datastore: string, id: string): AnnotatedRecord {
  const record = findTarget(ctx, kind, datastore, id);
  if (record.status === "DELETED") {
    throw conflict(`${kind.label} ${id} est supprimée (statut DELETED) : ses étiquettes, commentaires et partages ne peuvent plus être modifiés.`);
  }
  return record;
}

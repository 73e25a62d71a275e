// Access to a datastore's records: 403 for a datastore the simulation does not know, 404 for an unknown record, events.
import type { Collection, RecordBase } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";
import { forbidden, notFound } from "../../core/errors.ts";
import type { LastEvent } from "./records.ts";
import { annotationsOf } from "../annotations/records.ts";
import { datastoreInfo } from "../users/directory.ts";

/** Throws 403 unless the datastore is one of the simulation's (whether the caller may use it is checked before the
 * route runs, users/memberships.ts). */
export function assertDatastore(datastore: string): void {
  if (!datastoreInfo(datastore)) {
    throw forbidden(`Vous n'avez pas accès à l'entrepôt « ${datastore} » : il n'existe pas dans la simulation (voir GET /users/me).`);
  }
}

/** A record of a collection that belongs to the datastore, or 404 naming the kind of object. */
export function findIn<T extends RecordBase>(ctx: Context, collection: Collection<T>, datastore: string, id: string, label: string): T {
  assertDatastore(datastore);
  const record = ctx.records.get(collection, id);
  if (!record || record.datastore !== datastore) throw notFound(`${label} « ${id} » introuvable dans l'entrepôt ${datastore}.`);
  return record;
}

/** Records an event of a record (of `collection`) in its history (`GET …/events`), made at the context's time by its
 * actor (a scheduled change: by whoever made the record's last event), and returns it as the record's last_event. */
export function event<T extends RecordBase>(ctx: Context, collection: Collection<T>, record: RecordBase & { lastEvent?: LastEvent }, title: string): LastEvent {
  const initiator = ctx.actor ?? record.lastEvent?.initiator;
  const entry: LastEvent = initiator === undefined ? { title, date: ctx.now } : { title, date: ctx.now, initiator };
  annotationsOf(ctx, collection, record).events.push({ ...entry });
  return entry;
}

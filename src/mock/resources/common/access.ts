// Access to a datastore's records: 403 for a datastore the simulation does not know, 404 for an unknown record, events.
import type { Collection, RecordBase } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";
import { forbidden, notFound } from "../../core/errors.ts";
import type { LastEvent } from "./records.ts";
import { annotationsOf } from "../annotations/records.ts";
import { SIMULATED_USER } from "../../seed.ts";
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

/** Records an event of a record (of `collection`) in its history (`GET …/events`), made by the seeded user at the
 * context's time, and returns it as the record's last_event. */
export function event<T extends RecordBase>(ctx: Context, collection: Collection<T>, record: RecordBase, title: string): LastEvent {
  annotationsOf(ctx, collection, record).events.push({ title, date: ctx.now });
  return { title, date: ctx.now };
}

/** The initiator of every event: the seeded user. */
export const INITIATOR = { _id: SIMULATED_USER._id, first_name: SIMULATED_USER.first_name, last_name: SIMULATED_USER.last_name };

// Access to the seeded datastore's records: 403 for another datastore, 404 for an unknown record, events.
import type { Collection, RecordBase } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";
import { forbidden, notFound } from "../../core/errors.ts";
import type { LastEvent } from "./records.ts";
import { annotationsOf } from "../annotations/records.ts";
import { SIMULATED_DATASTORE_ID, SIMULATED_USER } from "../../seed.ts";

/** Throws 403 unless the datastore is the simulated one (any other id is someone else's datastore). */
export function assertDatastore(datastore: string): void {
  if (datastore !== SIMULATED_DATASTORE_ID) {
    throw forbidden(
      `Vous n'avez pas accès à l'entrepôt « ${datastore} » : seul l'entrepôt ${SIMULATED_DATASTORE_ID} existe dans la simulation (voir GET /users/me).`,
    );
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

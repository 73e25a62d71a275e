// What every model operation works with: the state, the time of the request, an id generator and the delays.
import { forbidden, notFound } from "./errors.ts";
import type { DatastoreState, LastEvent } from "./types.ts";
import { SIMULATED_DATASTORE_ID, SIMULATED_USER } from "../seed.ts";

/** Simulated durations, in milliseconds. */
export interface Delays {
  /** From closing an upload to the start of its first check. */
  checkStart: number;
  /** Duration of one check. */
  checkDuration: number;
  /** Offset between the starts of successive checks of one closing. */
  checkStagger: number;
  /** From launch to start of an execution (WAITING). */
  executionWaiting: number;
  /** From start to end of an execution (PROGRESS). */
  executionProgress: number;
  /** From creation of an offering to PUBLISHED. */
  offeringPublish: number;
}

/** Default durations: checks take 1–3 s, executions 3 s, publications 1 s. */
export const DEFAULT_DELAYS: Delays = {
  checkStart: 300,
  checkDuration: 1200,
  checkStagger: 400,
  executionWaiting: 1000,
  executionProgress: 2000,
  offeringPublish: 1000,
};

/** The context of one operation. */
export interface Context {
  state: DatastoreState;
  /** The time of the operation (ms since epoch), fixed for its whole duration. */
  now: number;
  newId: () => string;
  delays: Delays;
}

/** Throws 403 unless the datastore is the simulated one (any other id is someone else's datastore). */
export function assertDatastore(datastore: string): void {
  if (datastore !== SIMULATED_DATASTORE_ID) {
    throw forbidden(
      `Vous n'avez pas accès à l'entrepôt « ${datastore} » : seul l'entrepôt ${SIMULATED_DATASTORE_ID} existe dans la simulation (voir GET /users/me).`,
    );
  }
}

/** A record of a collection that belongs to the datastore, or 404 naming the kind of object. */
export function findIn<T extends { datastore: string }>(
  collection: Record<string, T>,
  datastore: string,
  id: string,
  label: string,
): T {
  assertDatastore(datastore);
  const record = Object.hasOwn(collection, id) ? collection[id] : undefined;
  if (!record || record.datastore !== datastore) throw notFound(`${label} « ${id} » introuvable dans l'entrepôt ${datastore}.`);
  return record;
}

/** A last_event made by the seeded user at the context's time. */
export function event(ctx: Context, title: string): LastEvent {
  return { title, date: ctx.now };
}

/** The initiator of every event: the seeded user. */
export const INITIATOR = { _id: SIMULATED_USER._id, first_name: SIMULATED_USER.first_name, last_name: SIMULATED_USER.last_name };

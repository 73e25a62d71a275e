// Parts of responses shared by several resources.
import { INITIATOR } from "./access.ts";
import { SIMULATED_USER } from "../../seed.ts";
import type { JsonObject } from "../../core/json.ts";
import { eventDate } from "../../core/time.ts";
import type { LastEvent } from "./records.ts";

/** `last_event` as the API shows it (the initiator with its account's creation and update, as [ts] EventInitiatorDto). */
export function lastEventView(lastEvent: LastEvent): JsonObject {
  return { title: lastEvent.title, date: eventDate(lastEvent.date), initiator: { ...INITIATOR, creation: SIMULATED_USER.creation, update: SIMULATED_USER.update } };
}

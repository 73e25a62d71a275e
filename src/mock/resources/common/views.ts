// Parts of responses shared by several resources.
import { INITIATOR } from "./access.ts";
import type { JsonObject } from "../../core/json.ts";
import { eventDate } from "../../core/time.ts";
import type { LastEvent } from "./records.ts";

/** `last_event` as the API shows it. */
export function lastEventView(lastEvent: LastEvent): JsonObject {
  return { title: lastEvent.title, date: eventDate(lastEvent.date), initiator: { ...INITIATOR } };
}

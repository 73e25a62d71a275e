// Parts of responses shared by several resources.
import { DEFAULT_USER, userById } from "../users/directory.ts";
import type { JsonObject } from "../../core/json.ts";
import { eventDate } from "../../core/time.ts";
import type { LastEvent } from "./records.ts";

/** The user who made an event or wrote a comment ([ts] EventInitiatorDto, UserDto): the user the id names, the default
 * user for what was recorded without one; an id the simulation no longer knows is shown alone. */
export function initiatorView(id: string | undefined): JsonObject {
  const user = userById(id ?? DEFAULT_USER._id);
  if (!user) return { _id: id ?? "" };
  return { _id: user._id, first_name: user.first_name, last_name: user.last_name, creation: user.creation, update: user.update };
}

/** `last_event` as the API shows it, with its initiator. */
export function lastEventView(lastEvent: LastEvent): JsonObject {
  return { title: lastEvent.title, date: eventDate(lastEvent.date), initiator: initiatorView(lastEvent.initiator) };
}

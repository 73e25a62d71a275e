// How the API shows events, comments and sharings.
import type { JsonObject } from "../../core/json.ts";
import { eventDate, isoDate } from "../../core/time.ts";
import { SIMULATED_USER } from "../../seed.ts";
import { datastoreInfo, ownerOfDatastore } from "../users/directory.ts";
import type { CommentEntry, EventEntry } from "./records.ts";

/** The seeded user as the initiator of events and the author of comments ([ts] `UserDto`). */
const USER: JsonObject = {
  first_name: SIMULATED_USER.first_name,
  last_name: SIMULATED_USER.last_name,
  _id: SIMULATED_USER._id,
  creation: SIMULATED_USER.creation,
  update: SIMULATED_USER.update,
};

/** One event of GET …/events ([ts] `EventResponseDto`). */
export function eventView(entry: EventEntry): JsonObject {
  const view: JsonObject = { date: eventDate(entry.date), title: entry.title };
  if (entry.text !== undefined) view.text = entry.text;
  view.initiator = { ...USER };
  return view;
}

/** One comment ([ts] `CommentResponseDto`). */
export function commentView(entry: CommentEntry): JsonObject {
  return { text: entry.text, author: { ...USER }, _id: entry._id, creation: isoDate(entry.creation), update: isoDate(entry.update) };
}

/** A datastore a record is shared with ([ts] `DatastoreSharingResponseDto`), one of the simulation's users' datastores. */
export function sharingView(datastore: string): JsonObject {
  const info = datastoreInfo(datastore);
  const view: JsonObject = { name: info?.name ?? "", technical_name: info?.technical_name ?? "", active: info?.active ?? false, _id: datastore };
  // The seed gives datastores no dates: those of its community's supervisor.
  const owner = ownerOfDatastore(datastore) ?? SIMULATED_USER;
  return { ...view, creation: owner.creation, update: owner.update };
}

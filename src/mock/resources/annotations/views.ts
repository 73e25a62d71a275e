// How the API shows events, comments and sharings.
import type { JsonObject } from "../../core/json.ts";
import { eventDate, isoDate } from "../../core/time.ts";
import { DEFAULT_USER, datastoreInfo, ownerOfDatastore } from "../users/directory.ts";
import { initiatorView } from "../common/views.ts";
import type { CommentEntry, EventEntry } from "./records.ts";

/** One event of GET …/events ([ts] `EventResponseDto`). */
export function eventView(entry: EventEntry): JsonObject {
  const view: JsonObject = { date: eventDate(entry.date), title: entry.title };
  if (entry.text !== undefined) view.text = entry.text;
  view.initiator = initiatorView(entry.initiator);
  return view;
}

/** One comment ([ts] `CommentResponseDto`), with its author. */
export function commentView(entry: CommentEntry): JsonObject {
  return { text: entry.text, author: initiatorView(entry.author), _id: entry._id, creation: isoDate(entry.creation), update: isoDate(entry.update) };
}

/** A datastore a record is shared with ([ts] `DatastoreSharingResponseDto`), one of the simulation's users' datastores. */
export function sharingView(datastore: string): JsonObject {
  const info = datastoreInfo(datastore);
  const view: JsonObject = { name: info?.name ?? "", technical_name: info?.technical_name ?? "", active: info?.active ?? false, _id: datastore };
  // The seed gives datastores no dates: those of its community's supervisor.
  const owner = ownerOfDatastore(datastore) ?? DEFAULT_USER;
  return { ...view, creation: owner.creation, update: owner.update };
}

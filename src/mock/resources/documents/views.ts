// How the API shows documents and their sharings.
import urls from "../../../../_data/urls.json" with { type: "json" };
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import type { DocumentRecord } from "./records.ts";

/** `{name, description?, size, mime_type, labels, public_url?, _id, extra?, creation, update}` (DocumentDetailsResponseDto). */
export function documentView(document: DocumentRecord): JsonObject {
  const view: JsonObject = { name: document.name };
  if (document.description !== undefined) view.description = document.description;
  Object.assign(view, { size: document.size, mime_type: document.mime_type, labels: [...document.labels] });
  if (document.publicName !== undefined) view.public_url = `${urls.documents}/${document.publicName}`;
  view._id = document._id;
  if (document.extra !== undefined) view.extra = cloneJson(document.extra) as JsonObject;
  return { ...view, creation: isoDate(document.creation), update: isoDate(document.update) };
}

/** A list item: `{name, size, _id, creation, update}` (DocumentListResponseDto). */
export const documentListView = (document: DocumentRecord): JsonObject => {
  const { name, size, _id, creation, update } = documentView(document);
  return { name: name!, size: size!, _id: _id!, creation: creation!, update: update! };
};

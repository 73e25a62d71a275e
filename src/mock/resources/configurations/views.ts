// How the API shows configurations.
import { lastEventView } from "../common/views.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import type { ConfigurationRecord } from "./records.ts";

/** Full configuration. */
export function configurationView(configuration: ConfigurationRecord): JsonObject {
  const view: JsonObject = {
    type: configuration.type,
    name: configuration.name,
    layer_name: configuration.layer_name,
    status: configuration.status,
    tags: { ...configuration.tags },
    type_infos: cloneJson(configuration.type_infos),
    metadata: cloneJson(configuration.metadata),
  };
  if (configuration.attribution) view.attribution = cloneJson(configuration.attribution);
  Object.assign(view, {
    last_event: lastEventView(configuration.lastEvent),
    _id: configuration._id,
    creation: isoDate(configuration.creation),
    update: isoDate(configuration.update),
  });
  return view;
}

/** Configuration as listed by GET …/configurations. */
export function configurationSummary(configuration: ConfigurationRecord): JsonObject {
  return { type: configuration.type, name: configuration.name, layer_name: configuration.layer_name, status: configuration.status, tags: { ...configuration.tags }, _id: configuration._id };
}

// How the API shows offerings.
import { CONFIGURATIONS } from "../configurations/records.ts";
import type { Context } from "../../core/context.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import type { OfferingRecord } from "./records.ts";
import { offeringUrls } from "./urls.ts";
import { ENDPOINTS, SEED_DATES } from "../../seed.ts";

/** Full offering. */
export function offeringView(offering: OfferingRecord, ctx: Context): JsonObject {
  const configuration = ctx.records.get(CONFIGURATIONS, offering.configuration);
  const endpoint = ENDPOINTS.find((candidate) => candidate._id === offering.endpoint);
  const view: JsonObject = {
    open: offering.open,
    available: offering.available,
    layer_name: configuration?.layer_name ?? "",
    type: configuration?.type ?? "",
    status: offering.status,
    public_activity: offering.public_activity,
    configuration: { name: configuration?.name ?? "", status: configuration?.status ?? "UNPUBLISHED", _id: offering.configuration },
    endpoint: { name: endpoint?.technical_name ?? "", _id: offering.endpoint, creation: endpoint?.creation ?? SEED_DATES.creation, update: endpoint?.update ?? SEED_DATES.update },
    urls: offeringUrls(configuration, offering.open),
  };
  if (configuration) Object.assign(view.configuration as JsonObject, { creation: isoDate(configuration.creation), update: isoDate(configuration.update) });
  if (offering.permissions) view.permissions = cloneJson(offering.permissions);
  Object.assign(view, { _id: offering._id, creation: isoDate(offering.creation), update: isoDate(offering.update) });
  return view;
}

/** Offering as listed by GET …/offerings. */
export function offeringSummary(offering: OfferingRecord, ctx: Context): JsonObject {
  const configuration = ctx.records.get(CONFIGURATIONS, offering.configuration);
  return {
    open: offering.open, available: offering.available, layer_name: configuration?.layer_name ?? "", type: configuration?.type ?? "",
    status: offering.status, public_activity: offering.public_activity, endpoint: { _id: offering.endpoint }, _id: offering._id,
  };
}

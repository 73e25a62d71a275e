// How the API shows permissions: to the granting datastore ([ts] PermissionStandardListResponseDto), to the
// beneficiary (PermissionWithOfferingsResponseDto, with the offerings' urls in the detail), and inside an access.
import type { Context } from "../../core/context.ts";
import type { JsonObject } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import { CONFIGURATIONS } from "../configurations/records.ts";
import { OFFERINGS } from "../offerings/records.ts";
import { offeringUrls } from "../offerings/urls.ts";
import { ENDPOINTS } from "../../seed.ts";
import { datastoreInfo, ownerOfCommunity, userById } from "../users/directory.ts";
import type { PermissionRecord } from "./records.ts";

/** An offering inside a permission ([ts] PermissionOfferingResponseDto), with its urls when asked. */
export function permissionOffering(ctx: Context, id: string, withUrls = false): JsonObject {
  const offering = ctx.records.get(OFFERINGS, id);
  const configuration = offering ? ctx.records.get(CONFIGURATIONS, offering.configuration) : undefined;
  const view: JsonObject = {
    type: configuration?.type ?? "", status: offering?.status ?? "UNSTABLE", layer_name: configuration?.layer_name ?? "",
    open: offering?.open ?? false, available: offering?.available ?? false, _id: id,
    creation: isoDate(offering?.creation ?? 0), update: isoDate(offering?.update ?? 0),
  };
  // The urls of the endpoint's visibility (an open offering on a private endpoint stays on the private root).
  if (withUrls) view.urls = offeringUrls(configuration, ENDPOINTS.find((endpoint) => endpoint._id === offering?.endpoint)?.open ?? false);
  return view;
}

// The beneficiary: a user ([ts] UserDto) or a community.
function beneficiaryView(permission: PermissionRecord): JsonObject {
  if (permission.type === "ACCOUNT") {
    const user = userById(permission.beneficiary);
    return { _id: permission.beneficiary, last_name: user?.last_name ?? "", first_name: user?.first_name ?? "", creation: user?.creation ?? "", update: user?.update ?? "" };
  }
  const owner = ownerOfCommunity(permission.beneficiary);
  const info = owner ? datastoreInfo(owner.workspace.datastore) : undefined;
  return { name: owner?.workspace.name ?? "", technical_name: owner?.workspace.technical_name ?? "", contact: info?.community.contact ?? "", public: true, _id: permission.beneficiary };
}

const dates = (permission: PermissionRecord): JsonObject => ({
  ...(permission.end_date === undefined ? {} : { end_date: isoDate(permission.end_date) }),
});

/** A permission as its datastore sees it. */
export function permissionView(ctx: Context, permission: PermissionRecord): JsonObject {
  const author = datastoreInfo(permission.datastore);
  return {
    licence: permission.licence,
    ...dates(permission),
    offerings: permission.offerings.map((id) => permissionOffering(ctx, id)),
    datastore_author: { name: author?.name ?? "", technical_name: author?.technical_name ?? "", active: author?.active ?? false, _id: permission.datastore },
    beneficiary: beneficiaryView(permission),
    only_oauth: permission.only_oauth,
    _id: permission._id,
    creation: isoDate(permission.creation),
    update: isoDate(permission.update),
  };
}

/** A permission as its beneficiary sees it (GET /users/me/permissions; `detail`: the offerings' urls too). */
export function grantedView(ctx: Context, permission: PermissionRecord, detail = false): JsonObject {
  return {
    licence: permission.licence,
    ...dates(permission),
    offerings: permission.offerings.map((id) => permissionOffering(ctx, id, detail)),
    only_oauth: permission.only_oauth,
    _id: permission._id,
    creation: isoDate(permission.creation),
    update: isoDate(permission.update),
  };
}

/** A permission inside an access ([ts] PermissionResponseDto). */
export function permissionSummary(permission: PermissionRecord): JsonObject {
  return { licence: permission.licence, ...dates(permission), only_oauth: permission.only_oauth, _id: permission._id, creation: isoDate(permission.creation), update: isoDate(permission.update) };
}

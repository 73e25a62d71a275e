// How the API shows keys ([ts] detail and UserKeyResponseDto) and accesses ([ts] AccessDetailResponseDto).
import type { Context } from "../../core/context.ts";
import type { JsonObject } from "../../core/json.ts";
import { isoDate } from "../../core/time.ts";
import { OFFERINGS } from "../offerings/records.ts";
import { offeringSummary } from "../offerings/views.ts";
import { PERMISSIONS } from "../permissions/records.ts";
import { permissionSummary } from "../permissions/views.ts";
import type { AccessRecord, KeyRecord } from "./records.ts";

/** A key in full. */
export function keyView(key: KeyRecord): JsonObject {
  const infos: JsonObject = key.type === "HEADER" ? { headers: { ...key.type_infos.headers } } : { ...key.type_infos };
  return {
    name: key.name, type: key.type, whitelist: [...key.whitelist], blacklist: [...key.blacklist],
    ...(key.user_agent === undefined ? {} : { user_agent: key.user_agent }), ...(key.referer === undefined ? {} : { referer: key.referer }),
    type_infos: infos, _id: key._id, creation: isoDate(key.creation), update: isoDate(key.update),
  };
}

/** A key as listed. */
export const keySummary = (key: KeyRecord): JsonObject => ({ name: key.name, type: key.type, _id: key._id, creation: isoDate(key.creation), update: isoDate(key.update) });

/** An access. */
export function accessView(ctx: Context, access: AccessRecord): JsonObject {
  const permission = access.permission ? ctx.records.get(PERMISSIONS, access.permission) : undefined;
  const offering = ctx.records.get(OFFERINGS, access.offering);
  return {
    ...(permission ? { permission: permissionSummary(permission) } : {}),
    offering: offering ? offeringSummary(offering, ctx) : { _id: access.offering },
    _id: access._id, creation: isoDate(access.creation), update: isoDate(access.update),
  };
}

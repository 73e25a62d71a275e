// Permissions: a datastore grants ONE user or ONE community the use of several of its offerings on private
// endpoints, until an optional end date, possibly only through the account itself (`only_oauth`).
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";

/** A permission (the granting datastore is `datastore`). */
export interface PermissionRecord {
  _id: string;
  datastore: string;
  type: "ACCOUNT" | "COMMUNITY";
  /** The user's or the community's id. */
  beneficiary: string;
  licence: string;
  end_date?: number;
  only_oauth: boolean;
  offerings: string[];
  creation: number;
  update: number;
}

const GUARD = z.looseObject({
  _id: z.string(), datastore: z.string(), type: z.enum(["ACCOUNT", "COMMUNITY"]), beneficiary: z.string(), licence: z.string(),
  end_date: z.optional(z.number()), only_oauth: z.boolean(), offerings: z.array(z.string()), creation: z.number(), update: z.number(),
});

/** The permissions. */
export const PERMISSIONS = collection<PermissionRecord>("permission", { upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<PermissionRecord>) });

/** Whether the permission is in force at `now` (no end date, or one still to come). */
export const inForce = (permission: PermissionRecord, now: number): boolean => permission.end_date === undefined || permission.end_date > now;

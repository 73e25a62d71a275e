// A user's keys to the private diffusion services and their accesses (a key tied to an offering through a
// permission). Both are stored under the pseudo-datastore `user:<id>` of their owner.
import * as z from "zod/mini";
import { collection, recordGuard } from "../../core/collection.ts";

/** Key types ([ts] enum). */
export const KEY_TYPES = ["HASH", "HEADER", "BASIC", "OAUTH2"] as const;
/** A key type. */
export type KeyType = (typeof KEY_TYPES)[number];

/** A key: `type_infos` as shown (a BASIC key's password as its digest). */
export interface KeyRecord {
  _id: string;
  datastore: string;
  user: string;
  name: string;
  type: KeyType;
  type_infos: { hash?: string; headers?: Record<string, string>; login?: string; password?: string };
  whitelist: string[];
  blacklist: string[];
  user_agent?: string;
  referer?: string;
  creation: number;
  update: number;
}

/** An access: the key may consume the offering, through the permission (none for an open offering). */
export interface AccessRecord {
  _id: string;
  datastore: string;
  key: string;
  permission?: string;
  offering: string;
  creation: number;
  update: number;
}

const KEY_GUARD = z.looseObject({
  _id: z.string(), datastore: z.string(), user: z.string(), name: z.string(), type: z.enum(KEY_TYPES), type_infos: z.record(z.string(), z.unknown()),
  whitelist: z.array(z.string()), blacklist: z.array(z.string()), creation: z.number(), update: z.number(),
});
const ACCESS_GUARD = z.looseObject({ _id: z.string(), datastore: z.string(), key: z.string(), permission: z.optional(z.string()), offering: z.string(), creation: z.number(), update: z.number() });

/** The keys. */
export const KEYS = collection<KeyRecord>("user-key", { upgrade: recordGuard(KEY_GUARD as unknown as z.ZodMiniType<KeyRecord>) });
/** The accesses. */
export const ACCESSES = collection<AccessRecord>("key-access", { upgrade: recordGuard(ACCESS_GUARD as unknown as z.ZodMiniType<AccessRecord>) });

/** The pseudo-datastore a user's keys and accesses are stored under. */
export const userSpace = (user: string): string => `user:${user}`;

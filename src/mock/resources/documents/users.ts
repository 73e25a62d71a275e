// The accounts documents are owned by and shared with: the users the simulation knows (seed.ts), and the caller.
import { SEEDED_USERS, SIMULATED_USER } from "../../seed.ts";
import type { RouteInput } from "../../http/route.ts";

/** A user as a document's sharing lists them. */
export interface DocumentUser {
  _id: string;
  email: string;
  first_name: string;
  last_name: string;
}

/** The users of the simulation. */
export const documentUsers = (): DocumentUser[] => SEEDED_USERS.map(({ _id, email, first_name, last_name }) => ({ _id, email, first_name, last_name }));

/** The user a request is made by: the caller its token names, else the default (seeded) user. */
export const requestUser = (input: RouteInput): string => input.caller ?? SIMULATED_USER._id;

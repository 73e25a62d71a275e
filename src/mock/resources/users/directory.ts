// The users of the simulation and their own community and datastore: the seeded ones (seed.ts: Dave Lopper, the
// default user, and Anne Halise) and the learners a local server is started for (`--token alice=…`), whose ids
// are derived from their login so that a restart finds their datastore again. No `node:` here (browser too).
import { CONTACT, SEED_DATES, SEEDED_USERS } from "../../seed.ts";
import type { SeededUser } from "../../seed.ts";

/** A user of the simulation: what GET /users/me shows of them, their login and their own workspace. */
export type SimUser = SeededUser;

/** What GET /datastores/{datastore} shows of a datastore besides its endpoints and storages. */
export interface DatastoreInfo {
  _id: string;
  name: string;
  technical_name: string;
  active: boolean;
  community: { _id: string; contact: string; public: boolean; creation: string; update: string };
  creation: string;
  update: string;
}

const byLogin = new Map<string, SimUser>();
const byId = new Map<string, SimUser>();
const byDatastore = new Map<string, SimUser>();

function register(user: SimUser): SimUser {
  byLogin.set(user.login, user);
  byId.set(user._id, user);
  byDatastore.set(user.workspace.datastore, user);
  return user;
}
for (const user of SEEDED_USERS) register(user);

/** Logins accepted by the local server: letters, digits, `.`, `_`, `-` (1 to 30 characters, as a community's technical name). */
export const LOGIN_PATTERN = /^[A-Za-z0-9_.-]{1,30}$/;

// 128 bits of a string, as a UUID (version 8, RFC 9562 "custom"): two FNV-1a 64-bit hashes, no crypto needed.
function uuidOf(text: string): string {
  const fnv = (seed: bigint): bigint => {
    let hash = seed;
    for (const byte of new TextEncoder().encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
    return hash;
  };
  const hex = (fnv(0xcbf29ce484222325n).toString(16).padStart(16, "0") + fnv(0x84222325cbf29ce4n).toString(16).padStart(16, "0")).split("");
  hex[12] = "8";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The user of a login: a seeded one, or a learner with their own community and datastore (ids derived from the login). */
export function userForLogin(login: string): SimUser {
  const known = byLogin.get(login);
  if (known) return known;
  if (!LOGIN_PATTERN.test(login)) throw new Error(`Identifiant d'utilisateur invalide : ${JSON.stringify(login)} (lettres, chiffres, « . », « _ », « - », 30 caractères au plus).`);
  const name = login.charAt(0).toUpperCase() + login.slice(1);
  return register({
    login,
    _id: uuidOf(`user:${login}`),
    email: `${login.toLowerCase()}@entrepot.local`,
    first_name: name,
    last_name: "",
    ...SEED_DATES,
    last_login: SEED_DATES.update,
    password: login,
    workspace: { community: uuidOf(`community:${login}`), datastore: uuidOf(`datastore:${login}`), name: `Communauté de ${name}`, technical_name: login },
  });
}

/** The user of an id, if the simulation knows them. */
export const userById = (id: string): SimUser | undefined => byId.get(id);

/** The default user (the browser's, and the local server's without `--token`): the first seeded one. */
export const DEFAULT_USER: SimUser = SEEDED_USERS[0]!;

/** The owner of a datastore, if it is one of the simulation's. */
export const ownerOfDatastore = (datastore: string): SimUser | undefined => byDatastore.get(datastore);

/** The user whose own community this is, if the simulation knows it. */
export function ownerOfCommunity(community: string): SimUser | undefined {
  for (const user of byId.values()) if (user.workspace.community === community) return user;
  return undefined;
}

/** Every user the simulation knows so far (seeded ones first, then the learners in order of arrival). */
export const knownUsers = (): SimUser[] => [...byId.values()];

/** The datastore whose community has this technical name (public annexe URLs). */
export function datastoreByTechnicalName(technical: string): string | undefined {
  for (const user of byId.values()) if (user.workspace.technical_name === technical) return user.workspace.datastore;
  return undefined;
}

/** The fixed part of GET /datastores/{datastore}, or undefined for a datastore the simulation does not know. */
export function datastoreInfo(datastore: string): DatastoreInfo | undefined {
  const owner = byDatastore.get(datastore);
  if (!owner) return undefined;
  const { workspace } = owner;
  return {
    _id: workspace.datastore,
    name: workspace.name,
    technical_name: workspace.technical_name,
    active: true,
    community: { _id: workspace.community, contact: owner === DEFAULT_USER ? CONTACT : owner.email, public: true, ...SEED_DATES },
    ...SEED_DATES,
  };
}

/** The token table of a transport: each `[login, token]` (a learner's login creates their user), or undefined when
 * there is none (no token required). */
export function tokenTable(entries: Iterable<readonly [string, string]>): Map<string, string> | undefined {
  const table = new Map<string, string>();
  for (const [login, token] of entries) table.set(token, userForLogin(login)._id);
  return table.size > 0 ? table : undefined;
}

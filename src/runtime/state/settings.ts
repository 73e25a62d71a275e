// Where requests go: the simulated datastore (default) or a real API base with the reader's token.
// Settings persist in localStorage; the token never does (memory, or sessionStorage if the reader agrees).
// Both are validated when read (storage.ts): a corrupt entry gives the defaults and is reported, never trusted.
import * as z from "zod/mini";
import environments from "../../../_data/environments.json" with { type: "json" };
import urls from "../../../_data/urls.json" with { type: "json" };
import { FAULTS, PACES, type Fault, type Pace } from "../../shared/faults.ts";
import { STRINGS } from "../../shared/strings.ts";
import { ACCESS_STRINGS } from "../../shared/strings-access.ts";
import { BLOCK_USERS, type BlockUser } from "../../shared/block-contract.ts";
import { readJson, removeValue, writeJson } from "./storage.ts";

/** "simule" answers in the browser; "reel" sends to `apiBase` with the token. */
export type Mode = "simule" | "reel";

/** The persisted, non-secret settings. */
export interface Settings {
  mode: Mode;
  /** Id of a preset of _data/environments.json, or "custom". */
  preset: string;
  /** API base used in real mode (no trailing slash). */
  apiBase: string;
  /** Put the token's value in copied snippets instead of $TOKEN. */
  revealToken: boolean;
  /** Failure simulated by the simulated datastore (simulated mode only). */
  fault: Fault;
  /** Durations of the simulated datastore's checks, executions and publications (simulated mode only). */
  pace: Pace;
  /** Keep the token in sessionStorage (this tab only, default) rather than in memory only (lost on each page change). */
  keepToken: boolean;
}

/** A token and when it expires (epoch ms), if known. */
export interface TokenInfo {
  value: string;
  expiresAt?: number;
}

/** The seeded users other than the reader a block may run as (`utilisateur=anne`). */
export const OTHER_USERS = BLOCK_USERS.slice(1) as [Exclude<BlockUser, "dave">];
/** One of OTHER_USERS. */
export type OtherUser = (typeof OTHER_USERS)[number];
/** The tokens the reader gave for the other users. */
export type UserTokens = Partial<Record<OtherUser, TokenInfo>>;

/** The API base written in the pages at build time (what the simulated datastore answers). */
export const BUILD_API_BASE: string = urls.api_entrepot;
/** Presets of real environments. */
export const PRESETS = environments.presets;
/** OAuth client id used by the password form. */
export const CLIENT_ID: string = environments.client_id;

const KEY = "settings";
/** Version of the stored settings: an entry written by another version is ignored. */
const SETTINGS_VERSION = 1;
const TOKEN_KEY = "token";
const production = PRESETS.find((preset) => preset.id === environments.default) ?? PRESETS[0]!;

// Every field may be missing (older entries: defaults), none may be of another type.
const StoredSettings = z.object({
  version: z.optional(z.literal(SETTINGS_VERSION)),
  mode: z.optional(z.enum(["simule", "reel"])),
  preset: z.optional(z.string()),
  apiBase: z.optional(z.string()),
  revealToken: z.optional(z.boolean()),
  fault: z.optional(z.enum(FAULTS)),
  pace: z.optional(z.enum(PACES)),
  keepToken: z.optional(z.boolean()),
});

// How the token sits in sessionStorage: kept for the tab, or only handed over to the next page load (handoff).
const StoredToken = z.object({ value: z.string().check(z.minLength(1)), expiresAt: z.optional(z.number()), handoff: z.optional(z.boolean()) });

/** Reads the settings (defaults: simulated mode, production preset; all of them when the entry is corrupt). */
export function loadSettings(): Settings {
  const describe = (issues: readonly { path: readonly PropertyKey[] }[]) =>
    issues.some((issue) => issue.path[0] === "version") ? STRINGS.ignored.settingsVersion : STRINGS.ignored.settings;
  const stored = readJson(KEY, StoredSettings, describe) ?? {};
  return {
    mode: stored.mode ?? "simule",
    preset: stored.preset ?? production.id,
    apiBase: trimBase(stored.apiBase ?? production.api),
    revealToken: stored.revealToken === true,
    fault: stored.fault ?? "none",
    pace: stored.pace ?? "realistic",
    keepToken: stored.keepToken !== false,
  };
}

/** Persists the settings. */
export function saveSettings(settings: Settings): void {
  writeJson(KEY, { ...settings, apiBase: trimBase(settings.apiBase), version: SETTINGS_VERSION });
}

/** Removes trailing slashes from a base URL. */
export function trimBase(base: string): string {
  return base.trim().replace(/\/+$/, "");
}

/** Storage namespace of variables and results: each mode and real base has its own progress. */
export function profileOf(settings: Settings): string {
  return settings.mode === "simule" ? "simule" : `reel:${trimBase(settings.apiBase)}`;
}

let memoryToken: TokenInfo | undefined;

/** The current token, from memory or this tab's sessionStorage (a one-time handover is removed once read). */
export function loadToken(): TokenInfo | undefined {
  if (memoryToken) return memoryToken;
  const stored = readJson(TOKEN_KEY, StoredToken, STRINGS.ignored.token, "session");
  if (!stored) {
    removeValue(TOKEN_KEY, "session"); // absent, or unusable: nothing worth keeping
    return undefined;
  }
  const { handoff, ...token } = stored;
  if (handoff) removeValue(TOKEN_KEY, "session");
  memoryToken = token;
  return token;
}

/**
 * Keeps the token in memory, and in this tab's sessionStorage when `keep` is true — or, with `handoff`, only until
 * the next page load (a settings change reloads the page). Never in localStorage, never in a URL.
 */
export function storeToken(token: TokenInfo | undefined, keep: boolean, handoff = false): void {
  memoryToken = token;
  if (token && (keep || handoff)) writeJson(TOKEN_KEY, { ...token, handoff: !keep }, "session");
  else removeValue(TOKEN_KEY, "session");
}

const USER_TOKENS_KEY = "user-tokens";
// The other users' tokens, as kept in sessionStorage: login → token, and whether only handed over to the next load.
const StoredUserTokens = z.object({ tokens: z.partialRecord(z.enum(OTHER_USERS), StoredToken), handoff: z.optional(z.boolean()) });
let memoryUserTokens: UserTokens | undefined;

/** The other users' tokens (`utilisateur=anne` blocks in real mode), kept like the reader's token. */
export function loadUserTokens(): UserTokens {
  if (memoryUserTokens) return memoryUserTokens;
  const stored = readJson(USER_TOKENS_KEY, StoredUserTokens, ACCESS_STRINGS.ignoredUserTokens, "session");
  if (!stored) {
    removeValue(USER_TOKENS_KEY, "session");
    return {};
  }
  if (stored.handoff) removeValue(USER_TOKENS_KEY, "session");
  const tokens: UserTokens = {};
  for (const [user, token] of Object.entries(stored.tokens)) {
    if (token) tokens[user as OtherUser] = { value: token.value, ...(token.expiresAt === undefined ? {} : { expiresAt: token.expiresAt }) };
  }
  memoryUserTokens = tokens;
  return tokens;
}

/** Keeps the other users' tokens where storeToken keeps the reader's (memory; sessionStorage when `keep` or `handoff`). */
export function storeUserTokens(tokens: UserTokens, keep: boolean, handoff = false): void {
  memoryUserTokens = tokens;
  if (Object.keys(tokens).length > 0 && (keep || handoff)) writeJson(USER_TOKENS_KEY, { tokens, handoff: !keep }, "session");
  else removeValue(USER_TOKENS_KEY, "session");
}


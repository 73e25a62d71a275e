// Where requests go: the simulated datastore (default) or a real API base with the reader's token.
// Settings persist in localStorage; the token never does (memory, or sessionStorage if the reader agrees).
import type { Fault } from "../../mock/browser.ts";
import environments from "../../../_data/environments.json" with { type: "json" };
import urls from "../../../_data/urls.json" with { type: "json" };
import { readJson, writeJson } from "./storage.ts";

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
  /** Keep the token in sessionStorage (this tab only, default) rather than in memory only (lost on each page change). */
  keepToken: boolean;
}

/** A token and when it expires (epoch ms), if known. */
export interface TokenInfo {
  value: string;
  expiresAt?: number;
}

/** How the token sits in sessionStorage: kept for the tab, or only handed over to the next page load. */
interface StoredToken extends TokenInfo {
  handoff?: boolean;
}

/** The API base written in the pages at build time (what the simulated datastore answers). */
export const BUILD_API_BASE: string = urls.api_entrepot;
/** Presets of real environments. */
export const PRESETS = environments.presets;
/** OAuth client id used by the password form. */
export const CLIENT_ID: string = environments.client_id;

const KEY = "settings";
/** The faults the settings offer (src/mock/browser.ts implements them). */
export const FAULTS: readonly Fault[] = ["none", "latency", "server-error", "network-error"];
const TOKEN_KEY = "entrepot-tutoriels:token";
const production = PRESETS.find((preset) => preset.id === environments.default) ?? PRESETS[0]!;

/** Reads the settings (defaults: simulated mode, production preset). */
export function loadSettings(): Settings {
  const stored = readJson<Partial<Settings>>(KEY, {});
  return {
    mode: stored.mode === "reel" ? "reel" : "simule",
    preset: stored.preset ?? production.id,
    apiBase: trimBase(stored.apiBase ?? production.api),
    revealToken: stored.revealToken === true,
    fault: FAULTS.includes(stored.fault as Fault) ? (stored.fault as Fault) : "none",
    keepToken: stored.keepToken !== false,
  };
}

/** Persists the settings. */
export function saveSettings(settings: Settings): void {
  writeJson(KEY, { ...settings, apiBase: trimBase(settings.apiBase) });
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
  try {
    const raw = globalThis.sessionStorage?.getItem(TOKEN_KEY);
    if (!raw) return undefined;
    const { handoff, ...token } = JSON.parse(raw) as StoredToken;
    if (handoff) globalThis.sessionStorage.removeItem(TOKEN_KEY);
    memoryToken = token;
    return token;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the token in memory, and in this tab's sessionStorage when `keep` is true — or, with `handoff`, only until
 * the next page load (a settings change reloads the page). Never in localStorage, never in a URL.
 */
export function storeToken(token: TokenInfo | undefined, keep: boolean, handoff = false): void {
  memoryToken = token;
  try {
    if (token && (keep || handoff)) globalThis.sessionStorage?.setItem(TOKEN_KEY, JSON.stringify({ ...token, handoff: !keep }));
    else globalThis.sessionStorage?.removeItem(TOKEN_KEY);
  } catch {
    // sessionStorage unavailable: memory only
  }
}

/** Expiry of a JWT access token (its `exp` claim), if it is a readable JWT. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof json.exp === "number" ? json.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

// The reactive session shared by the components: settings and token (see settings.ts for where each is kept).
import type { BlockUser } from "../../shared/block-contract.ts";
import { loadSettings, loadToken, loadUserTokens, type Settings, type TokenInfo } from "./settings.ts";

/** Settings and the current token; made reactive by Alpine in main.ts. */
export interface Session {
  settings: Settings;
  token: TokenInfo | undefined;
  /**
   * Real mode: the tokens the reader gave for the other users a block may run as (`utilisateur=anne`), kept like the
   * reader's own token (settings panel). Simulated mode does not use them (each seeded user has a simulated token).
   */
  userTokens: Partial<Record<BlockUser, TokenInfo>>;
}

/** Reads the session at page load. */
export function loadSession(): Session {
  return { settings: loadSettings(), token: loadToken(), userTokens: loadUserTokens() };
}

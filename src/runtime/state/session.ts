// The reactive session shared by the components: settings and token (see settings.ts for where each is kept).
import { loadSettings, loadToken, type Settings, type TokenInfo } from "./settings.ts";

/** Settings and the current token; made reactive by Alpine in main.ts. */
export interface Session {
  settings: Settings;
  token: TokenInfo | undefined;
}

/** Reads the session at page load. */
export function loadSession(): Session {
  return { settings: loadSettings(), token: loadToken() };
}

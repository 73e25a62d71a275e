// Decides where a block's request really goes and with which credentials, from the settings.
// The token is only ever attached to requests whose URL starts with the configured real API base.
import { BUILD_API_BASE, type Settings, type TokenInfo } from "./state/settings.ts";

/** The request target after applying the mode. */
export interface Target {
  url: string;
  headers: Record<string, string>;
  /** True when the request goes to the reader's real API (confirmation, diagnosis). */
  real: boolean;
  /** True when the request is answered by the simulated datastore. */
  simulated: boolean;
}

/** Whether an API base is a datastore on this machine (npm run datastore), which also serves the diffusion services. */
const isLoopback = (base: string): boolean => {
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(base).hostname);
  } catch {
    return false;
  }
};

/**
 * Rewrites the build-time API base to the configured one in real mode and adds the bearer token there only; with a
 * local datastore, the Géoplateforme's diffusion services (same origin as the build's API) go to that server too.
 */
export function targetOf(url: string, settings: Settings, token: TokenInfo | undefined): Target {
  if (settings.mode === "simule") return { url, headers: {}, real: false, simulated: true };
  const base = settings.apiBase;
  const services = new URL(BUILD_API_BASE).origin;
  const rewritten = url === BUILD_API_BASE || url.startsWith(`${BUILD_API_BASE}/`) || url.startsWith(`${BUILD_API_BASE}?`)
    ? base + url.slice(BUILD_API_BASE.length)
    : isLoopback(base) && url.startsWith(`${services}/`)
      ? new URL(base).origin + url.slice(services.length)
      : url;
  const toApi = rewritten === base || rewritten.startsWith(`${base}/`) || rewritten.startsWith(`${base}?`);
  const headers: Record<string, string> = {};
  if (toApi && token) headers["Authorization"] = `Bearer ${token.value}`;
  return { url: rewritten, headers, real: toApi, simulated: false };
}

/** Requests that change or remove data irreversibly enough to ask first in real mode: DELETE, close, launch, abort. */
export function isDestructive(method: string, url: string): boolean {
  if (method === "DELETE") return true;
  const path = url.split(/[?#]/, 1)[0]!;
  return method === "POST" && /\/(close|launch|abort)$/.test(path);
}

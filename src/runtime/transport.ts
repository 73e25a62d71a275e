// Decides where a block's request really goes and with which credentials, from the settings.
// The token is only ever attached to requests whose URL starts with the configured real API base.
import { BLOCK_USERS, type BlockUser } from "../shared/block-contract.ts";
import urls from "../../_data/urls.json" with { type: "json" };
import { BUILD_API_BASE, type Settings, type TokenInfo } from "./state/settings.ts";
import { isLoopback } from "../shared/loopback.ts";

/** Origins a local datastore (npm run datastore) also serves: the diffusion services and the identity service. */
const LOCAL_ORIGINS = [new URL(BUILD_API_BASE).origin, new URL(urls.iam).origin];

/** The request target after applying the mode. */
export interface Target {
  url: string;
  headers: Record<string, string>;
  /** True when the request goes to the reader's real API (confirmation, diagnosis). */
  real: boolean;
  /** True when the request is answered by the simulated datastore. */
  simulated: boolean;
  /** Real mode, a block run as another user whose token the reader has not given yet: nothing may be sent. */
  missingUser?: BlockUser;
}

/** Who a block runs as: another seeded user (`utilisateur=anne`) and the tokens the reader gave for them (real mode). */
export interface RunAs {
  user?: BlockUser;
  userTokens: Partial<Record<BlockUser, TokenInfo>>;
}


/**
 * Rewrites the build-time API base to the configured one in real mode and adds the bearer token there only; with a
 * local datastore, the Géoplateforme's diffusion services (same origin as the build's API) and its identity service
 * go to that server too.
 */
export function targetOf(url: string, settings: Settings, token: TokenInfo | undefined, runAs?: RunAs): Target {
  // The first seeded user is the reader's own account: their own token, as without `utilisateur=`.
  const other = runAs?.user !== undefined && runAs.user !== BLOCK_USERS[0] ? runAs.user : undefined;
  if (settings.mode === "simule") {
    // The simulated datastore recognises each seeded user by a simulated token (src/mock/http/auth.ts SIMULATED_TOKENS).
    return { url, headers: other ? { Authorization: `Bearer simulation-${other}` } : {}, real: false, simulated: true };
  }
  if (other) {
    const own = runAs!.userTokens[other];
    const target = targetOf(url, settings, own);
    return own ? target : { ...target, missingUser: other };
  }
  const base = settings.apiBase;
  const served = isLoopback(base) ? LOCAL_ORIGINS.find((origin) => url.startsWith(`${origin}/`)) : undefined;
  const rewritten = url === BUILD_API_BASE || url.startsWith(`${BUILD_API_BASE}/`) || url.startsWith(`${BUILD_API_BASE}?`)
    ? base + url.slice(BUILD_API_BASE.length)
    : served
      ? new URL(base).origin + url.slice(served.length)
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

// Calls the settings dialog makes to a real platform: get a token (Keycloak password grant), list my datastores.
import { STRINGS } from "../shared/strings.ts";
import { CLIENT_ID, type TokenInfo } from "./state/settings.ts";

/** A datastore the reader can pick: its id and a label (community name). */
export interface DatastoreChoice {
  id: string;
  label: string;
}

/** Posts username and password to the token URL; resolves to the token and its expiry, or throws a French message. */
export async function requestToken(tokenUrl: string, username: string, password: string, totp: string): Promise<TokenInfo> {
  const form = new URLSearchParams({ grant_type: "password", client_id: CLIENT_ID, username, password });
  if (totp.trim()) form.set("totp", totp.trim());
  let response: Response;
  try {
    // `msw/passthrough`: the simulated identity service (service worker) lets it through to the real one, which the
    // worker strips the value for.
    response = await fetch(tokenUrl, { method: "POST", headers: { Accept: "application/json, msw/passthrough", "Content-Type": "application/x-www-form-urlencoded" }, body: form });
  } catch {
    throw new Error(STRINGS.settings.tokenNetwork(new URL(tokenUrl).origin));
  }
  const json = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
  if (!response.ok || !json.access_token) {
    throw new Error(STRINGS.settings.tokenRefused(response.status, json.error_description ?? json.error ?? ""));
  }
  return { value: json.access_token, expiresAt: typeof json.expires_in === "number" ? Date.now() + json.expires_in * 1000 : undefined };
}

/** GET /users/me and the datastores of the reader's communities. */
export async function listDatastores(apiBase: string, token: string): Promise<DatastoreChoice[]> {
  if (!token) throw new Error(STRINGS.settings.needToken);
  let response: Response;
  try {
    response = await fetch(`${apiBase}/users/me`, { headers: { Accept: "application/json", Authorization: `Bearer ${token}` } });
  } catch {
    throw new Error(STRINGS.settings.apiNetwork(apiBase));
  }
  if (!response.ok) throw new Error(STRINGS.settings.usersMeFailed(response.status));
  const me = (await response.json()) as { communities_member?: { community?: { name?: string; datastore?: string } }[] };
  return (me.communities_member ?? [])
    .map((member) => member.community)
    .filter((community): community is { name?: string; datastore: string } => typeof community?.datastore === "string")
    .map((community) => ({ id: community.datastore, label: `${community.name ?? "?"} (${community.datastore})` }));
}

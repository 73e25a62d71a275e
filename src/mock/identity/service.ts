// The simulated identity service: Keycloak's token endpoint `{iam}/protocol/openid-connect/token` (form
// `application/x-www-form-urlencoded`), grants `password` (optional one-time code `totp`), `client_credentials` and
// `refresh_token`, with Keycloak's success JSON and its OAuth2 errors (`error_description` is a string there).
import urls from "../../../_data/urls.json" with { type: "json" };
import type { RouteInput } from "../http/route.ts";
import { knownUsers } from "../resources/users/directory.ts";
import type { SimUser } from "../resources/users/directory.ts";
import { ACCESS_LIFETIME, findToken, issueToken, REFRESH_LIFETIME } from "./tokens.ts";

/** Public clients the password and refresh grants accept (the API's, the QGIS and Bruno ones of the tutorials). */
export const PUBLIC_CLIENTS = ["gpf-warehouse", "qgis", "bruno-rest-client"] as const;

/** Who may sign in: the account of a login and its password, or undefined. The browser's simulation accepts the
 * seeded users with their simulated passwords; the local server, each user it serves with their token as password. */
export type Accounts = (login: string) => { user: SimUser; password: string } | undefined;

/** The seeded users (and learners already known) with their simulated passwords. */
export const SIMULATED_ACCOUNTS: Accounts = (login) => {
  const user = knownUsers().find((known) => known.login === login || known.email === login);
  return user ? { user, password: user.password } : undefined;
};

const oauthError = (status: number, error: string, description: string): Response =>
  new Response(JSON.stringify({ error, error_description: description }), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });

/** Path of the token endpoint under a realm URL. */
export const TOKEN_PATH = "/protocol/openid-connect/token";

/** Options of the token endpoint. */
export interface IdentityOptions {
  /** Lifetime of the access tokens it issues, in whole seconds (default ACCESS_LIFETIME, Keycloak's 5 minutes). */
  accessLifetime?: number;
}

/** Checks an access-token lifetime: a whole number of seconds, at least 1 (French error otherwise). */
export function checkAccessLifetime(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`Durée de vie du jeton d'accès invalide : ${seconds} (un nombre entier de secondes, 1 au moins, attendu).`);
  return seconds;
}

/** The token endpoint's routes: on the production and qualification realms (`origin` given: on that origin, for the
 * local server, under the realm's path). */
export function identityRoutes(accounts: Accounts, origin?: string, options: IdentityOptions = {}): { path: string; method: "POST"; handle: (input: RouteInput) => Promise<Response> }[] {
  const realms = origin ? [`${origin.replace(/\/+$/, "")}${new URL(urls.iam).pathname}`] : [urls.iam, urls.iam_qualification];
  const lifetime = checkAccessLifetime(options.accessLifetime ?? ACCESS_LIFETIME);
  return realms.map((realm) => ({ path: `${realm}${TOKEN_PATH}`, method: "POST" as const, handle: (input: RouteInput) => tokenEndpoint(input, accounts, lifetime) }));
}

// POST …/token.
async function tokenEndpoint({ store, request }: RouteInput, accounts: Accounts, accessLifetime: number): Promise<Response> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "")) {
    return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(await request.text());
  const field = (name: string): string => form.get(name) ?? "";
  const grant = field("grant_type");
  if (!grant) return oauthError(400, "invalid_request", "Missing form parameter: grant_type");
  const client = field("client_id");
  if (!client) return oauthError(401, "invalid_client", "Invalid client or Invalid client credentials");

  const grantTokens = (user: SimUser, refresh: boolean, session: string): Response => {
    const body = store.run((ctx) => ({
      access_token: issueToken(ctx, user, "access", client, session, accessLifetime),
      expires_in: accessLifetime,
      refresh_expires_in: refresh ? REFRESH_LIFETIME : 0,
      ...(refresh ? { refresh_token: issueToken(ctx, user, "refresh", client, session) } : {}),
      token_type: "Bearer",
      "not-before-policy": 0,
      session_state: session,
      scope: "email profile",
    }));
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", Pragma: "no-cache" } });
  };
  const newSession = (): string => store.run((ctx) => ctx.newId());

  if (grant === "password") {
    if (!(PUBLIC_CLIENTS as readonly string[]).includes(client)) return oauthError(401, "invalid_client", "Invalid client or Invalid client credentials");
    const account = accounts(field("username"));
    // No simulated account has a second factor: a one-time code (`totp`) is accepted and not checked, as Keycloak
    // does for an account without OTP; it must still look like one.
    if (form.has("totp") && !/^\d{6}$/.test(field("totp"))) return oauthError(401, "invalid_grant", "Invalid user credentials");
    if (!account || !field("password") || account.password !== field("password")) return oauthError(401, "invalid_grant", "Invalid user credentials");
    return grantTokens(account.user, true, newSession());
  }
  if (grant === "client_credentials") {
    // A service account: the client id is the account's login, the secret its password.
    const account = accounts(client);
    if (!account || account.password !== field("client_secret")) return oauthError(401, "unauthorized_client", "Invalid client or Invalid client credentials");
    return grantTokens(account.user, false, newSession());
  }
  if (grant === "refresh_token") {
    const presented = field("refresh_token");
    if (!presented) return oauthError(400, "invalid_request", "Missing form parameter: refresh_token");
    const found = store.run((ctx) => findToken(ctx, presented, "refresh"));
    if (!found) return oauthError(400, "invalid_grant", "Invalid refresh token");
    if (found.expired) return oauthError(400, "invalid_grant", "Token is not active");
    if (found.record.client !== client) return oauthError(400, "invalid_grant", "Invalid refresh token. Token client and authorized client don't match");
    const user = knownUsers().find((known) => known._id === found.record.user);
    if (!user) return oauthError(400, "invalid_grant", "Invalid refresh token");
    return grantTokens(user, true, found.record.session);
  }
  return oauthError(400, "unsupported_grant_type", "Unsupported grant_type");
}

/** The accounts of a transport with tokens: each user it serves, their API token as password. */
export function servedAccounts(tokens: ReadonlyMap<string, string>): Accounts {
  return (login) => {
    for (const [token, id] of tokens) {
      const user = knownUsers().find((known) => known._id === id);
      if (user && (user.login === login || user.email === login)) return { user, password: token };
    }
    return undefined;
  };
}

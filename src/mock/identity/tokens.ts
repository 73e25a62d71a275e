// Tokens of the simulated identity service (Keycloak): each access or refresh token it issues is a record (kind
// `identity-token`, no datastore), so that the API recognises its user, its expiry is enforced and a restart (or
// another tab) still knows it. Tokens are JWT-shaped (`header.payload.signature`, base64url) so that a client can
// read `exp` as with the real service; the signature part is random and checked against the record.
import * as z from "zod/mini";
import { collection, recordGuard } from "../core/collection.ts";
import type { Context } from "../core/context.ts";
import type { Store } from "../core/store.ts";
import type { SimUser } from "../resources/users/directory.ts";

/** Lifetimes (seconds), Keycloak's defaults: access token 5 min, refresh token (SSO session idle) 30 min. */
export const ACCESS_LIFETIME = 300;
export const REFRESH_LIFETIME = 1800;
/** Issuer written in the tokens (the realm). */
export const ISSUER = "https://sso.geopf.fr/realms/geoplateforme";

/** An issued token: whose, which kind, for which client and session, until when (ms), and its signature. */
export interface TokenRecord {
  _id: string;
  datastore: string;
  user: string;
  type: "access" | "refresh";
  client: string;
  session: string;
  expires: number;
  signature: string;
}

const GUARD = z.looseObject({
  _id: z.string(), datastore: z.string(), user: z.string(), type: z.enum(["access", "refresh"]), client: z.string(), session: z.string(),
  expires: z.number(), signature: z.string(),
});

/** The issued tokens. */
export const IDENTITY_TOKENS = collection<TokenRecord>("identity-token", { upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<TokenRecord>) });

const encoder = new TextEncoder();
const base64url = (text: string): string => {
  let binary = "";
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};
const unbase64url = (text: string): string | undefined => {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
};

// A random signature part (the token's secret).
const randomPart = (): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

/** Issues a token of the user (a record) and returns it as a JWT-shaped string; `lifetime` in seconds (default: the
 * kind's, ACCESS_LIFETIME or REFRESH_LIFETIME). The record expires at the JWT's `exp`, so that a client reading `exp`
 * knows when the service starts refusing it. */
export function issueToken(ctx: Context, user: SimUser, type: TokenRecord["type"], client: string, session: string, lifetime: number = type === "access" ? ACCESS_LIFETIME : REFRESH_LIFETIME): string {
  const iat = Math.floor(ctx.now / 1000);
  const record: TokenRecord = { _id: ctx.newId(), datastore: "", user: user._id, type, client, session, expires: (iat + lifetime) * 1000, signature: randomPart() };
  ctx.records.insert(IDENTITY_TOKENS, record);
  const payload = {
    exp: iat + lifetime, iat, jti: record._id, iss: ISSUER, sub: user._id, typ: type === "access" ? "Bearer" : "Refresh", azp: client,
    session_state: session, sid: session, scope: "email profile",
    ...(type === "access" ? { email: user.email, preferred_username: user.login, given_name: user.first_name, family_name: user.last_name } : {}),
  };
  return `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "simulation" }))}.${base64url(JSON.stringify(payload))}.${record.signature}`;
}

/** What a presented token is: its record (`expired` when out of date), or undefined when the service never issued it. */
export function findToken(ctx: Context, token: string, type: TokenRecord["type"]): { record: TokenRecord; expired: boolean } | undefined {
  const [, payload = "", signature] = token.split(".");
  const jti = (() => {
    try {
      const parsed = JSON.parse(unbase64url(payload) ?? "null") as { jti?: unknown } | null;
      return typeof parsed?.jti === "string" ? parsed.jti : undefined;
    } catch {
      return undefined;
    }
  })();
  const record = jti ? ctx.records.get(IDENTITY_TOKENS, jti) : undefined;
  if (!record || record.type !== type || record.signature !== signature) return undefined;
  return { record, expired: record.expires <= ctx.now };
}

/** The user an access token of the identity service stands for: their id, `expired`, or undefined when it is not one. */
export function identityCaller(store: Store, token: string): string | "expired" | undefined {
  if (token.split(".").length !== 3) return undefined;
  const found = store.run((ctx) => findToken(ctx, token, "access"));
  return found ? (found.expired ? "expired" : found.record.user) : undefined;
}

// Who is calling: the bearer token of a request mapped to a user of the simulation. A transport with tokens (the
// local server, token-protected tests) answers 401 for a missing or unknown one; without tokens (the browser's
// simulated datastore) the caller is the default user, unless the request carries a seeded user's simulated token.
import { SEEDED_USERS } from "../seed.ts";
import { errorResponse } from "./respond.ts";

/** Tokens a transport accepts: token → user id. */
export type TokenTable = ReadonlyMap<string, string>;

/** The token each seeded user is recognised by in the browser's simulated datastore (no token configured there):
 * `simulation-<login>`, e.g. `simulation-anne` to call as Anne Halise. */
export const SIMULATED_TOKENS: TokenTable = new Map(SEEDED_USERS.map((user) => [`simulation-${user.login}`, user._id]));

const challenge = { "WWW-Authenticate": 'Bearer realm="geoplateforme"' };

// The bearer token of a request, or null without Authorization, or "" for another scheme.
function bearerOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  return /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] ?? "";
}

/** Resolves a token issued at run time (the simulated identity service's): its user's id, `expired`, or undefined. */
export type IssuedTokens = (token: string) => string | "expired" | undefined;

/** The caller's user id (undefined: the default user), or the 401 to answer. `tokens` undefined: no token required
 * (but a token of the identity service that expired is still refused). */
export function authenticate(request: Request, tokens: TokenTable | undefined, issued?: IssuedTokens): { caller: string | undefined } | Response {
  const bearer = bearerOf(request);
  const fromIssued = bearer ? issued?.(bearer) : undefined;
  if (fromIssued === "expired") return errorResponse(401, ["Jeton d'accès expiré : demandez-en un nouveau (grant_type=refresh_token avec le jeton de rafraîchissement)."], challenge);
  const known = (token: string): string | undefined => tokens?.get(token) ?? fromIssued ?? (tokens ? undefined : SIMULATED_TOKENS.get(token));
  if (tokens === undefined) return { caller: bearer ? known(bearer) : undefined };
  if (bearer === null) return errorResponse(401, ["Authentification requise : ajoutez l'en-tête « Authorization: Bearer <jeton> »."], challenge);
  const caller = bearer ? known(bearer) : undefined;
  if (caller === undefined) return errorResponse(401, ["Jeton d'accès invalide ou expiré : demandez un nouveau jeton."], challenge);
  return { caller };
}

/** 401 with the API's error body unless the request carries one of the tokens; undefined when it does (or none is required). */
export function checkToken(request: Request, tokens: TokenTable | undefined): Response | undefined {
  const result = authenticate(request, tokens);
  return result instanceof Response ? result : undefined;
}

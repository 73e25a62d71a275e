// The bearer token check shared by every transport that asks for one (the local server, token-protected tests).
import { errorResponse } from "./respond.ts";

/** 401 with the API's error body unless the request carries `Authorization: Bearer <token>`; undefined when it does. */
export function checkToken(request: Request, token: string | undefined): Response | undefined {
  if (token === undefined) return undefined;
  const header = request.headers.get("authorization");
  const challenge = { "WWW-Authenticate": 'Bearer realm="geoplateforme"' };
  if (!header) return errorResponse(401, ["Authentification requise : ajoutez l'en-tête « Authorization: Bearer <jeton> »."], challenge);
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match || match[1] !== token) return errorResponse(401, ["Jeton d'accès invalide ou expiré : demandez un nouveau jeton."], challenge);
  return undefined;
}

// CORS of the local datastore server, in one place: which site origins may call it, and one Hono middleware built
// on hono/cors. Preflights are answered without a token; a preflight from a refused origin gets a French 403; the
// Private Network Access preflight header is answered when asked; each refused origin is logged once, with the
// way to allow it (the browser hides the reason from the page).
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { errorResponse } from "../http/respond.ts";

/** Origins allowed by default: the site served by `npm start` (8080) and by the end-to-end tests (8181). */
export const DEFAULT_SITE_ORIGINS: readonly string[] = [
  "http://127.0.0.1:8080",
  "http://localhost:8080",
  "http://127.0.0.1:8181",
  "http://localhost:8181",
];

/** Methods announced to preflights. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/** Request headers announced to preflights. */
export const ALLOWED_HEADERS = ["Authorization", "Content-Type", "Accept"];
/** Response headers a page may read (pagination). */
export const EXPOSED_HEADERS = ["Content-Range"];
/** How long (seconds) a browser may cache a preflight answer. */
export const PREFLIGHT_MAX_AGE = 600;

/** An origin in canonical form (`scheme://host[:port]`, lowercase, no trailing slash), or undefined if invalid. */
export function normalizeOrigin(origin: string): string | undefined {
  const text = origin.trim();
  if (text === "") return undefined;
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "") return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** The comma-separated `SITE_ORIGIN` value split into valid origins and rejected entries. */
export function parseSiteOrigins(value: string | undefined): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of (value ?? "").split(",")) {
    if (entry.trim() === "") continue;
    const origin = normalizeOrigin(entry);
    if (origin === undefined) invalid.push(entry.trim());
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, invalid };
}

/** The default origins plus those of `SITE_ORIGIN` (invalid entries are ignored; see parseSiteOrigins). */
export function defaultAllowedOrigins(siteOrigin: string | undefined = process.env["SITE_ORIGIN"]): string[] {
  return [...new Set([...DEFAULT_SITE_ORIGINS, ...parseSiteOrigins(siteOrigin).origins])];
}

/** The set of allowed origins. */
export class CorsPolicy {
  private readonly allowed: Set<string>;

  /** A policy allowing exactly these origins (normalised; invalid ones are dropped). */
  constructor(origins: readonly string[]) {
    this.allowed = new Set(origins.map(normalizeOrigin).filter((origin): origin is string => origin !== undefined));
  }

  /** The allowed origins, in canonical form. */
  get origins(): string[] {
    return [...this.allowed];
  }

  /** Whether a request's `Origin` header is allowed (false when absent or `null`). */
  allows(origin: string | undefined): boolean {
    if (origin === undefined) return false;
    const normalized = normalizeOrigin(origin);
    return normalized !== undefined && this.allowed.has(normalized);
  }
}

/** The server's CORS middleware (hono/cors with the policy, plus what it does not do; see the top of the file). */
export function corsMiddleware(policy: CorsPolicy, log: (message: string) => void): MiddlewareHandler {
  const refused = new Set<string>();
  const standard = cors({
    origin: (origin) => (policy.allows(origin) ? origin : null),
    allowMethods: ALLOWED_METHODS,
    allowHeaders: ALLOWED_HEADERS,
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
  });
  return async (c, next) => {
    const origin = c.req.header("origin");
    const allowed = policy.allows(origin);
    if (origin !== undefined && !allowed && !refused.has(origin)) {
      refused.add(origin);
      log(`Origine non autorisée par CORS : ${origin} — relancez avec SITE_ORIGIN=${origin} pour l'accepter.`);
    }
    if (c.req.method === "OPTIONS") {
      if (origin === undefined || c.req.header("access-control-request-method") === undefined) {
        return new Response(null, { status: 204, headers: { Allow: ALLOWED_METHODS.join(", "), Vary: "Origin" } });
      }
      if (!allowed) {
        return errorResponse(403, [`Origine non autorisée : ${origin}. Relancez l'entrepôt simulé avec SITE_ORIGIN=${origin}.`], { Vary: "Origin" });
      }
    }
    // hono/cors returns its preflight answer instead of calling next().
    const preflight = await standard(c, next);
    if (preflight instanceof Response) c.res = preflight;
    if (!allowed) c.res.headers.delete("Access-Control-Expose-Headers");
    if (c.req.method === "OPTIONS" && c.req.header("access-control-request-private-network") === "true") {
      c.res.headers.set("Access-Control-Allow-Private-Network", "true");
    }
  };
}

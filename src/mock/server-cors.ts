// CORS of the local datastore server: which site origins may call it, the headers of an answer to an allowed
// origin, and preflight answers. The server owns CORS entirely: it answers every OPTIONS itself (no token
// needed) and replaces the permissive `Access-Control-Allow-Origin: *` the shared handlers put on responses.

/** Origins allowed by default: the site served by `npm start` (8080) and by the end-to-end tests (8181). */
export const DEFAULT_SITE_ORIGINS: readonly string[] = [
  "http://127.0.0.1:8080",
  "http://localhost:8080",
  "http://127.0.0.1:8181",
  "http://localhost:8181",
];

/** Methods announced to preflights. */
export const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
/** Request headers announced to preflights. */
export const ALLOWED_HEADERS = "Authorization, Content-Type, Accept";
/** Response headers a page may read (pagination). */
export const EXPOSED_HEADERS = "Content-Range";
/** How long (seconds) a browser may cache a preflight answer. */
export const PREFLIGHT_MAX_AGE = "600";

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

/** Decides, per request, which CORS headers to send. */
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

  /** Headers for an actual (non-preflight) response: always `Vary: Origin`, the rest only for an allowed origin. */
  responseHeaders(origin: string | undefined): Record<string, string> {
    if (!this.allows(origin)) return { Vary: "Origin" };
    return { Vary: "Origin", "Access-Control-Allow-Origin": origin!, "Access-Control-Expose-Headers": EXPOSED_HEADERS };
  }

  /** Headers answering a preflight from an allowed origin (Private Network Access included when asked). */
  preflightHeaders(origin: string, askedPrivateNetwork: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      ...this.responseHeaders(origin),
      "Access-Control-Allow-Methods": ALLOWED_METHODS,
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
    };
    if (askedPrivateNetwork) headers["Access-Control-Allow-Private-Network"] = "true";
    return headers;
  }
}

/** Drops every `Access-Control-*` header (those the shared handlers add) so that the policy alone decides. */
export function stripCorsHeaders(headers: Headers): void {
  for (const name of [...headers.keys()]) {
    if (name.toLowerCase().startsWith("access-control-")) headers.delete(name);
  }
}

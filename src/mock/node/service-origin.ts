// The local server names its own origin where the API's answers name the Géoplateforme's diffusion services:
// offerings' `urls`, endpoints, permissions, annexes' and documents' public addresses are https://data.geopf.fr/…
// in the shared core (what the browser's simulation intercepts), but a client of `npm run datastore` must be sent to
// the server that serves them. The API's own base (…/api) is left alone.
import type { MiddlewareHandler } from "hono";
import urls from "../../../_data/urls.json" with { type: "json" };

/** Origin of the Géoplateforme's services as the core writes them (https://data.geopf.fr). */
export const SERVICES_ORIGIN = new URL(urls.api_entrepot).origin;

const API_PATH = new URL(urls.api_entrepot).pathname.replace(/\/+$/, "");
// A JSON string starting with a service URL other than the API's.
const SERVICE_URL = new RegExp(`"${SERVICES_ORIGIN.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?=/)(?!${API_PATH}(?:[/?"]))`, "g");

/** A JSON text with the services' origin replaced by `origin` at the start of every string that names one. */
export function withServiceOrigin(text: string, origin: string): string {
  return text.replace(SERVICE_URL, `"${origin.replace(/\/+$/, "")}`);
}

/** After the route: JSON answers name `publicOrigin` (default: the request's origin) instead of the services'. */
export function serviceOrigin(publicOrigin?: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const response = c.res;
    if (!/\bjson\b/i.test(response.headers.get("content-type") ?? "") || response.body === null) return;
    const text = await response.clone().text();
    if (!text.includes(`"${SERVICES_ORIGIN}/`)) return;
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    c.res = new Response(withServiceOrigin(text, publicOrigin ?? new URL(c.req.url).origin), { status: response.status, statusText: response.statusText, headers });
  };
}

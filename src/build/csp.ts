// The site's Content-Security-Policy: no inline script, no eval. Written into every page by
// src/build/plugins/security.ts and sent as a header by scripts/serve.ts.
import environments from "../../_data/environments.json" with { type: "json" };
import urls from "../../_data/urls.json" with { type: "json" };
import flux from "../../_data/flux.json" with { type: "json" };

const origin = (url: string) => new URL(url).origin;

// Requests the pages make: the API (real presets), token services, diffusion services; the local datastore
// (npm run datastore) on any loopback port; and any https API base the reader types in the settings.
const CONNECT = [
  "'self'",
  ...new Set([
    ...environments.presets.flatMap((preset) => [preset.api, preset.token_url].filter(Boolean).map(origin)),
    origin(urls.api_entrepot),
    ...Object.values(urls.public).map(origin),
    // The data-flow tutorials' outside servers: the simulated GeoNature instance and the Theia/OZCAR deposit.
    `https://${flux.geonature_host}`,
    origin(flux.theia),
  ]),
  "http://127.0.0.1:*",
  "http://localhost:*",
  "https:",
];

// Images the map draws (src/runtime/map/): WMS images, raster tiles and the Plan IGN base map from the diffusion
// services, the local datastore's services on a loopback port; blob: and data: for what OpenLayers makes itself.
const IMAGES = [
  "'self'",
  "data:",
  "blob:",
  ...new Set([...Object.values(urls.public), ...Object.values(urls.private)].map(origin)),
  "http://127.0.0.1:*",
  "http://localhost:*",
];

/** Directive → sources. Styles allow inline attributes: Shiki and Mermaid colour with style="…". */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": IMAGES,
  "font-src": ["'self'", "data:"],
  "connect-src": CONNECT,
  "worker-src": ["'self'"],
  "manifest-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
};

/** The policy as one header value. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(" ")}`)
  .join("; ");

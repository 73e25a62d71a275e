// CORS of the local datastore server (hono/cors): preflights without token, allowed and refused origins,
// Private Network Access, SITE_ORIGIN.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CorsPolicy, defaultAllowedOrigins, normalizeOrigin, parseSiteOrigins } from "../../../src/mock/node/cors.ts";
import { DS, SITE, startTestServer } from "./helpers.ts";
import type { TestServer } from "./helpers.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.server.close());

// A browser-like preflight (no Authorization header).
const preflight = (origin: string, extra: Record<string, string> = {}): Promise<Response> =>
  fetch(`${t.server.url}${DS}/uploads`, {
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type", ...extra },
  });

test("preflight from an allowed origin: 204 with the CORS headers, no token needed", async () => {
  const response = await preflight(SITE);
  assert.equal(response.status, 204);
  assert.equal(response.headers.get("access-control-allow-origin"), SITE);
  assert.match(response.headers.get("vary") ?? "", /\bOrigin\b/);
  assert.equal(response.headers.get("access-control-allow-methods"), "GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS");
  assert.equal(response.headers.get("access-control-allow-headers"), "Authorization,Content-Type,Accept");
  assert.equal(response.headers.get("access-control-max-age"), "600");
  assert.equal(response.headers.get("access-control-allow-private-network"), null);
  const privateNetwork = await preflight(SITE, { "Access-Control-Request-Private-Network": "true" });
  assert.equal(privateNetwork.headers.get("access-control-allow-private-network"), "true");
});

test("preflight from a disallowed origin: no CORS header, and the server says why", async () => {
  const response = await preflight("http://ailleurs.test:8080");
  assert.equal(response.headers.get("access-control-allow-origin"), null);
  assert.equal(response.headers.get("access-control-allow-methods"), null);
  assert.equal(response.status, 403);
  assert.match(((await response.json()) as { error_description: string[] }).error_description[0]!, /SITE_ORIGIN=http:\/\/ailleurs\.test:8080/);
  assert.ok(t.logs.some((line) => line.includes("Origine non autorisée par CORS : http://ailleurs.test:8080")), t.logs.join("\n"));
});

test("actual responses: the allowed origin echoed and Content-Range exposed; nothing for others", async () => {
  const allowed = await t.call("GET", `${DS}/uploads`, { headers: { Origin: SITE } });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers.get("access-control-allow-origin"), SITE);
  assert.equal(allowed.headers.get("access-control-expose-headers"), "Content-Range");
  assert.match(allowed.headers.get("vary") ?? "", /\bOrigin\b/);
  const unauthorized = await t.call("GET", "/users/me", { token: null, headers: { Origin: SITE } });
  assert.equal(unauthorized.status, 401);
  assert.equal(unauthorized.headers.get("access-control-allow-origin"), SITE, "the page can read the 401");
  const refused = await t.call("GET", "/users/me", { headers: { Origin: "http://ailleurs.test" } });
  assert.equal(refused.headers.get("access-control-allow-origin"), null);
  assert.equal(refused.headers.get("access-control-expose-headers"), null);
});

test("plain OPTIONS (no preflight) answers 204 with Allow", async () => {
  const response = await fetch(`${t.server.url}/users/me`, { method: "OPTIONS" });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get("allow"), "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
});

test("origins: defaults, SITE_ORIGIN parsing and normalisation", () => {
  assert.deepEqual(defaultAllowedOrigins(undefined).slice(0, 3), ["http://127.0.0.1:8080", "http://localhost:8080", "http://127.0.0.1:8181"]);
  assert.ok(defaultAllowedOrigins(" https://Docs.Example.org/ ,http://localhost:9000").includes("https://docs.example.org"));
  assert.deepEqual(parseSiteOrigins("http://a.test, ftp://b.test, pas une url,, http://a.test/"), { origins: ["http://a.test"], invalid: ["ftp://b.test", "pas une url"] });
  assert.equal(normalizeOrigin("http://a.test/chemin"), undefined);
  const policy = new CorsPolicy(["http://a.test:80"]);
  assert.ok(policy.allows("http://a.test"));
  assert.ok(!policy.allows("null"));
  assert.ok(!policy.allows(undefined));
});

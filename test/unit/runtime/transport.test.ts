import { test } from "node:test";
import assert from "node:assert/strict";
import { isDestructive, targetOf } from "../../../src/runtime/transport.ts";
import { profileOf, type Settings } from "../../../src/runtime/state/settings.ts";
import { jwtExpiry } from "../../../src/shared/jwt.ts";

const real: Settings = { mode: "reel", fault: "none", pace: "realistic", preset: "custom", apiBase: "http://127.0.0.1:3000/api", keepToken: true, revealToken: false };
const token = { value: "secret" };

test("simulated mode sends to the build-time URL, without any token", () => {
  const target = targetOf("https://data.geopf.fr/api/users/me", { ...real, mode: "simule" }, token);
  assert.deepEqual(target, { url: "https://data.geopf.fr/api/users/me", headers: {}, real: false, simulated: true });
});

test("real mode rewrites the API base and sends the token there only", () => {
  const api = targetOf("https://data.geopf.fr/api/datastores/d1/uploads?page=1", real, token);
  assert.equal(api.url, "http://127.0.0.1:3000/api/datastores/d1/uploads?page=1");
  assert.deepEqual(api.headers, { Authorization: "Bearer secret" });
  assert.equal(api.real, true);
  const lookalike = targetOf("https://data.geopf.fr/apifake/x", real, token);
  assert.deepEqual(lookalike.headers, {});
});

test("real mode: with a local datastore the diffusion services go to it, without the token; with a remote API they stay the Géoplateforme's", () => {
  const local = targetOf("https://data.geopf.fr/wfs?SERVICE=WFS&REQUEST=GetCapabilities", real, token);
  assert.deepEqual(local, { url: "http://127.0.0.1:3000/wfs?SERVICE=WFS&REQUEST=GetCapabilities", headers: {}, real: false, simulated: false });
  const download = targetOf("https://data.geopf.fr/download/resource/departements", { ...real, apiBase: "http://localhost:4000/api" }, token);
  assert.equal(download.url, "http://localhost:4000/download/resource/departements");
  const remote = targetOf("https://data.geopf.fr/wfs?SERVICE=WFS", { ...real, apiBase: "https://data-qua.priv.geopf.fr/api" }, token);
  assert.deepEqual(remote, { url: "https://data.geopf.fr/wfs?SERVICE=WFS", headers: {}, real: false, simulated: false });
  const other = targetOf("https://example.org/x", real, token);
  assert.equal(other.url, "https://example.org/x");
});

test("real mode: with a local datastore the identity service's token requests go to it (it serves the realm), without the API token", () => {
  const tokenUrl = "https://sso.geopf.fr/realms/geoplateforme/protocol/openid-connect/token";
  const local = targetOf(tokenUrl, real, token);
  assert.deepEqual(local, { url: "http://127.0.0.1:3000/realms/geoplateforme/protocol/openid-connect/token", headers: {}, real: false, simulated: false });
  const remote = targetOf(tokenUrl, { ...real, apiBase: "https://data.geopf.fr/api" }, token);
  assert.equal(remote.url, tokenUrl);
});

test("DELETE, close, launch and abort are destructive; reads and creations are not", () => {
  assert.equal(isDestructive("DELETE", "https://x/api/datastores/d/uploads/u"), true);
  assert.equal(isDestructive("POST", "https://x/api/datastores/d/uploads/u/close"), true);
  assert.equal(isDestructive("POST", "https://x/api/datastores/d/processings/executions/e/launch"), true);
  assert.equal(isDestructive("POST", "https://x/api/datastores/d/uploads"), false);
  assert.equal(isDestructive("GET", "https://x/api/datastores/d/uploads/u/close"), false);
});

test("each mode and real base keeps its own progress", () => {
  assert.equal(profileOf({ ...real, mode: "simule" }), "simule");
  assert.equal(profileOf({ ...real, apiBase: "http://127.0.0.1:3000/api/" }), "reel:http://127.0.0.1:3000/api");
});

test("the expiry of a JWT is read from its exp claim; other tokens have none", () => {
  const payload = Buffer.from(JSON.stringify({ exp: 1_900_000_000 })).toString("base64url");
  assert.equal(jwtExpiry(`e30.${payload}.sig`), 1_900_000_000_000);
  assert.equal(jwtExpiry("opaque-token"), undefined);
});

test("the provider of a missing variable is searched in the same tutorial first, then among blocks owning the id", async () => {
  const { bestSource } = await import("../../../src/runtime/providers.ts");
  const sources = [
    { href: "/tutoriels/vecteur/livraison/#bloc-3", pageTitle: "Livraison vecteur", own: true },
    { href: "/tutoriels/archive/integration/#bloc-3", pageTitle: "Intégration", own: false },
    { href: "/tutoriels/archive/livraison/#bloc-3", pageTitle: "Livraison", own: true },
  ];
  assert.equal(bestSource(sources, "/tutoriels/archive/publication/")?.href, "/tutoriels/archive/livraison/#bloc-3");
  assert.equal(bestSource(sources, "/tutoriels/vecteur/integration/")?.href, "/tutoriels/vecteur/livraison/#bloc-3");
  assert.equal(bestSource([], "/x/"), undefined);
});

test("a block run as another user: simulated mode sends that user's simulated token, real mode the token the reader gave", () => {
  const url = "https://data.geopf.fr/api/users/me";
  const anne = { user: "anne" as const, userTokens: {} };
  assert.deepEqual(targetOf(url, { ...real, mode: "simule" }, token, anne).headers, { Authorization: "Bearer simulation-anne" });
  // The first seeded user is the reader's own account.
  assert.deepEqual(targetOf(url, { ...real, mode: "simule" }, token, { user: "dave", userTokens: {} }).headers, {});
  assert.deepEqual(targetOf(url, real, token, { user: "dave", userTokens: {} }).headers, { Authorization: "Bearer secret" });
  const given = targetOf(url, real, token, { user: "anne", userTokens: { anne: { value: "jeton-anne" } } });
  assert.deepEqual(given.headers, { Authorization: "Bearer jeton-anne" });
  assert.equal(given.missingUser, undefined);
  const absent = targetOf(url, real, token, anne);
  assert.equal(absent.missingUser, "anne");
  assert.deepEqual(absent.headers, {}, "never the reader's own token in place of Anne's");
});

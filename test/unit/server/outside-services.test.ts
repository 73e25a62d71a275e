// The local server plays, besides the API, the services the tutorials reach elsewhere: the identity service with a
// configurable access-token lifetime (short for the headless replay), the GeoNature instance's Export API and the
// Theia/OZCAR deposit server, at the real hosts' paths on its own origin.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { unzipSync } from "fflate";
import flux from "../../../_data/flux.json" with { type: "json" };
import { OBSERVATION_COUNT } from "../../../src/mock/geonature/records.ts";
import { basicAuthorization, buildDepositArchive } from "../../../src/shared/flows/theia.ts";
import { startTestServer, tempDir, type TestServer } from "./helpers.ts";

const payloadOf = (jwt: string): { exp: number; iat: number } => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8"));
const TOKEN_PATH = "/realms/geoplateforme/protocol/openid-connect/token";
const THEIA = `/data/${flux.simulated.theia_producer}`;
const basic = { Authorization: basicAuthorization(flux.simulated.theia_producer, flux.simulated.theia_password) };

let t: TestServer;
const dir = tempDir();
before(async () => {
  t = await startTestServer({ dir, users: { dave: "dave" }, token: undefined, accessTokenLifetime: 2 });
});
after(() => t.server.close());

test("identity service: an access token of the configured lifetime, accepted until its exp, then refused as expired", async () => {
  const response = await fetch(`${t.server.origin}${TOKEN_PATH}`, { method: "POST", body: new URLSearchParams({ grant_type: "password", client_id: "gpf-warehouse", username: "dave", password: "dave" }) });
  const body = (await response.json()) as { access_token: string; expires_in: number; refresh_expires_in: number };
  assert.equal(response.status, 200);
  assert.equal(body.expires_in, 2);
  assert.equal(body.refresh_expires_in, 1800);
  const { exp, iat } = payloadOf(body.access_token);
  assert.equal(exp - iat, 2);
  assert.equal((await t.call("GET", "/users/me", { token: body.access_token })).status, 200);
  t.clock.now = exp * 1000 - 1;
  assert.equal((await t.call("GET", "/users/me", { token: body.access_token })).status, 200);
  // From the token's exp on (as a client reads it), the API refuses it.
  t.clock.now = exp * 1000;
  const refused = await t.call("GET", "/users/me", { token: body.access_token });
  assert.equal(refused.status, 401);
  assert.match(refused.body.error_description[0], /Jeton d'accès expiré/);
});

test("identity service: a lifetime that is not a whole number of seconds stops the start with a French message", async () => {
  for (const lifetime of [0, 1.5, -3]) {
    await assert.rejects(startTestServer({ accessTokenLifetime: lifetime }), /Durée de vie du jeton d'accès invalide/);
  }
});

test("GeoNature: the Export API at /geonature/api on the local origin, pages and refusals as the simulated instance", async () => {
  const root = `${t.server.origin}${flux.geonature_path}/exports/api`;
  const page = await fetch(`${root}/1/${flux.simulated.geonature_token}?limit=100&offset=3`);
  const body = (await page.json()) as { total: number; page: number; items: { features: unknown[] }; license: { name: string } };
  assert.equal(page.status, 200);
  assert.equal(body.total, OBSERVATION_COUNT);
  assert.equal(body.page, 3);
  assert.equal(body.items.features.length, OBSERVATION_COUNT - 300);
  assert.equal(body.license.name, "Licence fermée SINP");
  const anonymous = await fetch(`${root}/1?limit=1`);
  assert.equal(anonymous.status, 401);
  assert.match(((await anonymous.json()) as { description: string }).description, /privé/);
  const posted = await fetch(`${root}/1/${flux.simulated.geonature_token}`, { method: "POST" });
  assert.equal(posted.status, 405);
  assert.equal(((await posted.json()) as { name: string }).name, "Method Not Allowed");
  const unknown = await fetch(`${t.server.origin}${flux.geonature_path}/nulle-part`);
  assert.equal(unknown.status, 404);
  assert.match(((await unknown.json()) as { description: string }).description, /instance GeoNature simulée/);
  // The API and the other paths are still the datastore's.
  assert.equal((await t.call("GET", "/users/me", { token: "dave" })).status, 200);
  assert.equal((await fetch(`${t.server.origin}/ailleurs`)).status, 404);
});

test("Theia/OZCAR: the archive PUT into /data/{producer}/new/ is listed in previous/, read back, and kept across a restart", async () => {
  const archive = await buildDepositArchive(flux.simulated.theia_producer);
  assert.equal((await fetch(`${t.server.origin}${THEIA}/previous/`)).status, 401);
  const put = await fetch(`${t.server.origin}${THEIA}/new/depot.zip`, { method: "PUT", headers: { ...basic, "Content-Type": "application/zip" }, body: archive.bytes as Uint8Array<ArrayBuffer> });
  assert.equal(put.status, 201, await put.clone().text());
  assert.match(await put.text(), /2 jeux de données/);
  const refused = await fetch(`${t.server.origin}${THEIA}/new/notes.txt`, { method: "PUT", headers: basic, body: "pas une archive" });
  assert.equal(refused.status, 400);
  const listing = await (await fetch(`${t.server.origin}${THEIA}/previous/`, { headers: basic })).text();
  assert.match(listing, new RegExp(`>depot\\.zip</a></td><td>[^<]+</td><td>${archive.bytes.length}<`));
  await t.server.close();
  t = await startTestServer({ dir, users: { dave: "dave" }, token: undefined, accessTokenLifetime: 2 });
  const back = await fetch(`${t.server.origin}${THEIA}/previous/depot.zip`, { headers: basic });
  assert.equal(back.status, 200);
  const entries = unzipSync(new Uint8Array(await back.arrayBuffer()));
  assert.deepEqual(Object.keys(entries).sort(), [`${flux.simulated.theia_producer}_DAT_1.zip`, `${flux.simulated.theia_producer}_DAT_2.zip`, `${flux.simulated.theia_producer}_en.json`]);
  const other = await fetch(`${t.server.origin}/data/OBSV/new/depot.zip`, { method: "PUT", headers: basic, body: archive.bytes as Uint8Array<ArrayBuffer> });
  assert.equal(other.status, 403);
});

// Permissions, keys and accesses, and the private diffusion services behind them: Dave publishes two layers on the
// private download service and grants Anne a permission; Anne's keys (HASH, HEADER, BASIC, OAUTH2) reach only the
// layers of their accesses; no key, an unknown key, an expired or revoked permission → refused again.
import { before, after, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { SECOND_COMMUNITY_ID, SECOND_USER_ID, SIMULATED_DATASTORE_ID } from "../../../../src/mock/seed.ts";
import { assertError, bytesForm, DS, harness, T0 } from "../helpers.ts";
import type { Reply, Send } from "../helpers.ts";

const PRIVATE = "https://data.geopf.fr/private/telechargement";
const JSON_FEED = { Accept: "application/json" };
const ANNE = { Authorization: "Bearer simulation-anne" };
let h: ReturnType<typeof harness>;
const offerings: Record<string, string> = {};

const ok = (reply: Reply, status = 200): Reply => (assert.equal(reply.status, status, JSON.stringify(reply.body)), reply);
const asAnne = (method: string, path: string, send: Send = {}): Promise<Reply> => h.call(method, path, { ...send, headers: { ...send.headers, ...ANNE } });
// The private capabilities' layer names, or the status when refused.
async function layers(headers: Record<string, string> = {}, query = ""): Promise<string[] | number> {
  const response = await fetch(`${PRIVATE}/capabilities${query}`, { headers: { ...JSON_FEED, ...headers } });
  if (response.status !== 200) return response.status;
  const feed = (await response.json()) as { entry?: { id?: string; title?: string; link: { href: string }[] }[] };
  return (feed.entry ?? []).map((entry) => entry.link[0]!.href.split("/").filter(Boolean).pop()!).sort();
}

before(async () => {
  h = harness();
  const upload = ok(await h.call("POST", `${DS}/uploads`, { json: { name: "Limites", description: "Limites", type: "ARCHIVE", srs: "EPSG:2154" } })).body._id;
  ok(await h.call("POST", `${DS}/uploads/${upload}/data?path=data/limites.csv`, { form: bytesForm("insee;nom\n2A004;Ajaccio\n", "limites.csv") }), 204);
  ok(await h.call("POST", `${DS}/uploads/${upload}/close`), 204);
  h.tick(10_000);
  const execution = ok(await h.call("POST", `${DS}/processings/executions`, { json: { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "Limites" } } } })).body;
  ok(await h.call("POST", `${DS}/processings/executions/${execution._id}/launch`), 204);
  h.tick(10_000);
  for (const layer of ["limites_a", "limites_b"]) {
    const configuration = ok(await h.call("POST", `${DS}/configurations`, {
      json: { type: "DOWNLOAD", name: layer, layer_name: layer, type_infos: { title: { fr: layer }, abstract: { fr: layer }, used_data: [{ sub_name: "csv", title: { fr: "CSV" }, format: "CSV", zone: "FXX", stored_data: execution.output.stored_data._id }] } },
    })).body._id;
    offerings[layer] = ok(await h.call("POST", `${DS}/configurations/${configuration}/offerings`, { json: { endpoint: ids.endpoints.private.download, open: false } })).body._id;
  }
  h.tick(2000);
});
after(() => h.close());

test("permissions: created per beneficiary, listed, read, changed; 400 for bad bodies, unknown or open offerings; 403 for another datastore", async () => {
  const created = ok(await h.call("POST", `${DS}/permissions`, { json: { licence: "Accès restreint", offerings: [offerings.limites_a], users: [SECOND_USER_ID], end_date: "2030-06-30T14:00:00Z" } })).body;
  assert.equal(created.length, 1);
  assert.equal(created[0].beneficiary._id, SECOND_USER_ID);
  assert.equal(created[0].beneficiary.last_name, "Halise");
  assert.equal(created[0].datastore_author._id, SIMULATED_DATASTORE_ID);
  assert.deepEqual(created[0].offerings.map((offering: any) => [offering.layer_name, offering.open, offering.available]), [["limites_a", false, true]]);
  assert.equal(created[0].end_date, "2030-06-30T14:00:00.000Z");
  const community = ok(await h.call("POST", `${DS}/permissions`, { json: { licence: "Communauté", type: "COMMUNITY", offerings: [offerings.limites_b], communities: [SECOND_COMMUNITY_ID] } })).body[0];
  assert.equal(community.beneficiary.technical_name, "anne_halise");
  assert.deepEqual(ok(await h.call("GET", `${DS}/permissions?offering=${offerings.limites_b}`)).body.map((p: any) => p._id), [community._id]);
  const patched = ok(await h.call("PATCH", `${DS}/permissions/${community._id}`, { json: { licence: "Communauté (modifiée)" } })).body;
  assert.equal(patched.licence, "Communauté (modifiée)");
  ok(await h.call("DELETE", `${DS}/permissions/${community._id}`), 204);
  assertError(await h.call("GET", `${DS}/permissions/${community._id}`), 404, /Permission/);

  assertError(await h.call("POST", `${DS}/permissions`, { json: { offerings: [offerings.limites_a], users: [SECOND_USER_ID] } }), 400, /licence/);
  assertError(await h.call("POST", `${DS}/permissions`, { json: { licence: "x", offerings: [offerings.limites_a] } }), 400, /users/);
  assertError(await h.call("POST", `${DS}/permissions`, { json: { licence: "x", type: "COMMUNITY", offerings: [offerings.limites_a], users: [SECOND_USER_ID] } }), 400, /communities/);
  assertError(await h.call("POST", `${DS}/permissions`, { json: { licence: "x", offerings: ["00000000-0000-4000-8000-999999999999"], users: [SECOND_USER_ID] } }), 400, /introuvable/);
  assertError(await h.call("POST", `${DS}/permissions`, { json: { licence: "x", offerings: [offerings.limites_a], users: ["00000000-0000-4000-8000-999999999999"] } }), 400, /inconnu/);
  assertError(await h.call("POST", `${DS}/permissions`, { json: { licence: "x", offerings: [offerings.limites_a], users: [SECOND_USER_ID], end_date: "demain" } }), 400, /end_date/);
  assertError(await asAnne("POST", `${DS}/permissions`, { json: { licence: "x", offerings: [offerings.limites_a], users: [SECOND_USER_ID] } }), 403);
  assertError(await asAnne("GET", `${DS}/permissions`), 403);
});

test("keys: each type's type_infos, the BASIC digest, one OAUTH2 key, unique hash; PATCH; 400/404/409", async () => {
  const hash = ok(await asAnne("POST", "/users/me/keys", { json: { name: "Ma clé HASH", type: "HASH", type_infos: { hash: "masupercle" } } })).body;
  assert.deepEqual([hash.type, hash.type_infos, hash.whitelist, hash.blacklist], ["HASH", { hash: "masupercle" }, [], []]);
  const generated = ok(await asAnne("POST", "/users/me/keys", { json: { name: "Générée", type_infos: {} } })).body;
  assert.match(generated.type_infos.hash, /^[0-9a-f]{32}$/);
  const basic = ok(await asAnne("POST", "/users/me/keys", { json: { name: "Ma clé BASIC", type: "BASIC", user_agent: ".*QGIS.*", type_infos: { login: "cestmoi", password: "cestmaclesecrete" } } })).body;
  assert.match(basic.type_infos.password, /^[0-9a-f]{40}$/);
  assert.notEqual(basic.type_infos.password, "cestmaclesecrete");
  assert.equal(basic.user_agent, ".*QGIS.*");
  ok(await asAnne("POST", "/users/me/keys", { json: { name: "Ma clé OAUTH2", type: "OAUTH2", type_infos: {} } }));
  assertError(await asAnne("POST", "/users/me/keys", { json: { name: "Autre OAUTH2", type: "OAUTH2", type_infos: {} } }), 409, /une seule/);
  assertError(await h.call("POST", "/users/me/keys", { json: { name: "Même hash", type: "HASH", type_infos: { hash: "masupercle" } } }), 409, /déjà utilisée/);
  assertError(await asAnne("POST", "/users/me/keys", { json: { name: "x", type: "HASH", type_infos: { login: "a" } } }), 400, /type_infos/);
  assertError(await asAnne("POST", "/users/me/keys", { json: { name: "x", type: "BASIC", type_infos: { login: "a" } } }), 400, /type_infos\.password/);
  assertError(await asAnne("POST", "/users/me/keys", { json: { name: "x", type: "HEADER", type_infos: { headers: {} } } }), 400, /headers/);
  assertError(await asAnne("POST", "/users/me/keys", { json: { type: "HASH", type_infos: {} } }), 400, /name/);
  const renamed = ok(await asAnne("PATCH", `/users/me/keys/${generated._id}`, { json: { name: "Renommée", whitelist: ["127.0.0.1"] } })).body;
  assert.deepEqual([renamed.name, renamed.whitelist], ["Renommée", ["127.0.0.1"]]);
  assertError(await asAnne("PATCH", `/users/me/keys/${generated._id}`, { json: { type: "BASIC" } }), 400, /type/);
  assert.deepEqual(ok(await asAnne("GET", "/users/me/keys")).body.map((key: any) => key.name), ["Ma clé HASH", "Renommée", "Ma clé BASIC", "Ma clé OAUTH2"]);
  // Dave does not see Anne's keys.
  assert.deepEqual(ok(await h.call("GET", "/users/me/keys")).body.map((key: any) => key.name), []);
  assertError(await h.call("GET", `/users/me/keys/${hash._id}`), 404, /Clé/);
  ok(await asAnne("DELETE", `/users/me/keys/${generated._id}`), 204);
  assertError(await asAnne("GET", `/users/me/keys/${generated._id}`), 404);
});

test("private service: 401 without key; a key without access sees no layer; accesses in each key form; only_oauth; end date; revocation", async () => {
  const keys = Object.fromEntries(ok(await asAnne("GET", "/users/me/keys")).body.map((key: any) => [key.type, key._id]));
  const header = ok(await asAnne("POST", "/users/me/keys", { json: { name: "Ma clé HEADER", type: "HEADER", type_infos: { headers: { "X-Mon-Entete": "secret-123" } } } })).body._id;
  const granted = ok(await asAnne("GET", "/users/me/permissions?personal=true&community=false")).body;
  assert.equal(granted.length, 1);
  const permission = granted[0]._id as string;
  assert.equal(ok(await asAnne("GET", `/users/me/permissions/${permission}`)).body.offerings[0].urls[0].url, `${PRIVATE}/resource/limites_a`);

  assert.equal(await layers(), 401);
  assert.equal(await layers({}, "?apikey=inconnue"), 401);
  assert.deepEqual(await layers({}, "?apikey=masupercle"), []);
  // A key of one type used as another: the BASIC login as a hash, the hash as a BASIC password.
  assert.equal(await layers({}, "?apikey=cestmoi"), 401);
  assert.equal(await layers({ Authorization: `Basic ${btoa("cestmoi:masupercle")}` }), 401);

  assertError(await asAnne("POST", `/users/me/keys/${keys.HASH}/accesses`, { json: { permission, offerings: [offerings.limites_b] } }), 400, /pas couverte/);
  assertError(await asAnne("POST", `/users/me/keys/${keys.HASH}/accesses`, { json: { offerings: [offerings.limites_a] } }), 400, /demande une permission/);
  assertError(await h.call("POST", `/users/me/keys/${keys.HASH}/accesses`, { json: { permission, offerings: [offerings.limites_a] } }), 404, /Clé/);
  for (const key of [keys.HASH, keys.BASIC, keys.OAUTH2, header]) ok(await asAnne("POST", `/users/me/keys/${key}/accesses`, { json: { permission, offerings: [offerings.limites_a] } }), 204);
  const accesses = ok(await asAnne("GET", `/users/me/keys/${keys.HASH}/accesses`)).body;
  assert.deepEqual(accesses.map((access: any) => [access.permission._id, access.offering.layer_name]), [[permission, "limites_a"]]);

  const token = (await (await fetch("https://sso.geopf.fr/realms/geoplateforme/protocol/openid-connect/token", { method: "POST", body: new URLSearchParams({ grant_type: "password", client_id: "qgis", username: "anne", password: "anne" }) })).json() as any).access_token;
  const forms: [Record<string, string>, string][] = [
    [{}, "?apikey=masupercle"], [{}, "?api_key=masupercle"], [{ apikey: "masupercle" }, ""], [{ "X-Key": "masupercle" }, ""],
    [{ "X-Mon-Entete": "secret-123" }, ""], [{ Authorization: `Basic ${btoa("cestmoi:cestmaclesecrete")}`, "User-Agent": "QGIS/3.34" }, ""], [{ Authorization: `Bearer ${token}` }, ""],
  ];
  for (const [headers, query] of forms) assert.deepEqual(await layers(headers, query), ["limites_a"], JSON.stringify([headers, query]));
  assert.equal(await layers({ "X-Mon-Entete": "autre" }), 401);
  // The BASIC key only serves QGIS (its user_agent).
  assert.equal(await layers({ Authorization: `Basic ${btoa("cestmoi:cestmaclesecrete")}`, "User-Agent": "curl/8.5" }), 403);
  // The data request: served with the key, refused without.
  const file = `${PRIVATE}/download/limites_a/csv/limites.csv`;
  assert.equal((await fetch(`${file}?apikey=masupercle`)).status, 200);
  assert.equal((await fetch(file)).status, 401);
  assert.equal((await fetch(`${PRIVATE}/download/limites_b/csv/limites.csv?apikey=masupercle`)).status, 404);

  // only_oauth: the permission is then reached through the OAUTH2 key only.
  const oauthOnly = ok(await h.call("POST", `${DS}/permissions`, { json: { licence: "OAuth seulement", only_oauth: true, offerings: [offerings.limites_b], users: [SECOND_USER_ID] } })).body[0]._id;
  assertError(await asAnne("POST", `/users/me/keys/${keys.HASH}/accesses`, { json: { permission: oauthOnly, offerings: [offerings.limites_b] } }), 400, /only_oauth/);
  ok(await asAnne("POST", `/users/me/keys/${keys.OAUTH2}/accesses`, { json: { permission: oauthOnly, offerings: [offerings.limites_b] } }), 204);
  assert.deepEqual(await layers({ Authorization: `Bearer ${token}` }), ["limites_a", "limites_b"]);
  assert.deepEqual(await layers({}, "?apikey=masupercle"), ["limites_a"]);

  // Unavailable: absent for everyone; available again: back.
  ok(await h.call("PATCH", `${DS}/offerings/${offerings.limites_b}`, { json: { available: false } }));
  assert.deepEqual(await layers({ Authorization: `Bearer ${token}` }), ["limites_a"]);
  ok(await h.call("PATCH", `${DS}/offerings/${offerings.limites_b}`, { json: { available: true } }));

  // End date passed: as no access.
  ok(await h.call("PATCH", `${DS}/permissions/${oauthOnly}`, { json: { end_date: new Date(T0 + 60_000).toISOString() } }));
  h.tick(120_000);
  assert.deepEqual(await layers({ Authorization: `Bearer ${(await (await fetch("https://sso.geopf.fr/realms/geoplateforme/protocol/openid-connect/token", { method: "POST", body: new URLSearchParams({ grant_type: "password", client_id: "qgis", username: "anne", password: "anne" }) })).json() as any).access_token}` }), ["limites_a"]);

  // Revoking the access, then the permission: refused again.
  ok(await asAnne("DELETE", `/users/me/keys/${keys.HASH}/accesses/${accesses[0]._id}`), 204);
  assert.deepEqual(await layers({}, "?apikey=masupercle"), []);
  ok(await h.call("DELETE", `${DS}/permissions/${permission}`), 204);
  assert.deepEqual(await layers({ "X-Mon-Entete": "secret-123" }), []);
  assert.deepEqual(ok(await asAnne("GET", `/users/me/keys/${header}/accesses`)).body, []);
  assertError(await asAnne("GET", `/users/me/permissions/${permission}`), 404);
});

test("offering PATCH: open/available refused on an open endpoint; closing an open private offering removes its permission-less accesses", async () => {
  const key = ok(await asAnne("POST", "/users/me/keys", { json: { name: "Ouverte", type: "HASH", type_infos: { hash: "cle-ouverte" } } })).body._id;
  ok(await h.call("PATCH", `${DS}/offerings/${offerings.limites_b}`, { json: { open: true } }));
  ok(await asAnne("POST", `/users/me/keys/${key}/accesses`, { json: { offerings: [offerings.limites_b] } }), 204);
  assert.deepEqual(await layers({}, "?apikey=cle-ouverte"), ["limites_b"]);
  ok(await h.call("PATCH", `${DS}/offerings/${offerings.limites_b}`, { json: { open: false } }));
  assert.deepEqual(await layers({}, "?apikey=cle-ouverte"), []);
  assert.deepEqual(ok(await asAnne("GET", `/users/me/keys/${key}/accesses`)).body, []);
  assertError(await h.call("PATCH", `${DS}/offerings/${offerings.limites_b}`, { json: { available: "non" } }), 400, /available/);
  assertError(await asAnne("PATCH", `${DS}/offerings/${offerings.limites_b}`, { json: { available: false } }), 403);
  assertError(await h.call("PATCH", `${DS}/offerings/00000000-0000-4000-8000-999999999999`, { json: { available: false } }), 404);
});

test("GET /users/me counts the caller's keys (keys_use of keys_quota)", async () => {
  const before = ok(await asAnne("GET", "/users/me")).body;
  assert.equal(before.keys_quota, 10);
  const id = ok(await asAnne("POST", "/users/me/keys", { json: { name: "Compteur", type: "HASH", type_infos: {} } })).body._id;
  assert.equal(ok(await asAnne("GET", "/users/me")).body.keys_use, before.keys_use + 1);
  assert.equal(ok(await h.call("GET", "/users/me")).body.keys_use, 0);
  ok(await asAnne("DELETE", `/users/me/keys/${id}`), 204);
  assert.equal(ok(await asAnne("GET", "/users/me")).body.keys_use, before.keys_use);
});

test("a key's user_agent and referer restrictions (Lua patterns): 403 when the request does not match; malformed pattern 400", async () => {
  const key = ok(await asAnne("POST", "/users/me/keys", { json: { name: "QGIS seulement", type: "HASH", user_agent: ".*QGIS.*", referer: "^https://www%.exemple%-carto%.fr/", type_infos: { hash: "cle-qgis" } } })).body._id;
  const url = `${PRIVATE}/capabilities?apikey=cle-qgis`;
  const status = async (headers: Record<string, string>) => (await fetch(url, { headers: { ...JSON_FEED, ...headers } })).status;
  assert.equal(await status({ "User-Agent": "QGIS/3.34", Referer: "https://www.exemple-carto.fr/carte" }), 200);
  assert.equal(await status({ "User-Agent": "curl/8.5", Referer: "https://www.exemple-carto.fr/carte" }), 403);
  assert.equal(await status({ "User-Agent": "QGIS/3.34", Referer: "https://www.exempleXcarto.fr/" }), 403);
  assert.equal(await status({ "User-Agent": "QGIS/3.34" }), 403);
  assertError(await asAnne("PATCH", `/users/me/keys/${key}`, { json: { referer: "[abc" } }), 400, /motif Lua/);
  ok(await asAnne("PATCH", `/users/me/keys/${key}`, { json: { referer: "" } }));
  assert.equal(await status({ "User-Agent": "QGIS/3.34" }), 200);
  ok(await asAnne("DELETE", `/users/me/keys/${key}`), 204);
});

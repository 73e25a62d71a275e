// Personal documents: upload (name, description, comma-separated labels), read, list (filters, shared, fields),
// download (same bytes), PATCH (public URL on and off), PUT, sharings (list, add, remove) and their 4xx, DELETE.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { assertError, BASE, bytesForm, harness } from "./helpers.ts";
import { SECOND_USER, SIMULATED_USER_ID } from "../../../src/mock/seed.ts";

const h = harness();
after(() => h.close());
const LIST = "/users/me/documents";
const MISSING = "00000000-0000-4000-8000-00000000dead";
const GEOJSON = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"IGN"},"geometry":{"type":"Point","coordinates":[2.4246,48.8448]}}]}';
let croquis = "";

test("POST /users/me/documents: name, description, labels split and trimmed; the bytes read back; GET one", async () => {
  const created = await h.call("POST", LIST, { form: bytesForm(GEOJSON, "croquis.geojson", { name: "Mon croquis", description: "Un point à Saint-Mandé", labels: "tutoriels, croquis" }) });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const { _id, creation, update, ...rest } = created.body;
  assert.deepEqual(rest, { name: "Mon croquis", description: "Un point à Saint-Mandé", size: GEOJSON.length, mime_type: "application/geo+json", labels: ["tutoriels", "croquis"] });
  assert.ok(_id && creation && update);
  croquis = _id;
  const file = await fetch(`${BASE}${LIST}/${croquis}/file`);
  assert.equal(file.status, 200);
  assert.equal(await file.text(), GEOJSON);
  assert.deepEqual((await h.call("GET", `${LIST}/${croquis}`)).body, created.body);
  h.tick(1000);
  const note = await h.call("POST", `${LIST}?name=Note`, { form: bytesForm("Bonjour", "note.txt") });
  assert.equal(note.status, 200, JSON.stringify(note.body));
  assert.equal(note.body.mime_type, "text/plain");
  assert.deepEqual(note.body.labels, []);
});

test("POST: 400 without file or name, unknown fields, bad public_url", async () => {
  assertError(await h.call("POST", LIST, { form: (() => { const f = new FormData(); f.append("name", "x"); return f; })() }), 400, /^file : fichier obligatoire/);
  assertError(await h.call("POST", LIST, { form: bytesForm("x", "x.txt", { public_url: "oui", colour: "red" }) }), 400,
    /^name : nom du document obligatoire/, /^public_url : "true" ou "false" attendu/, /^colour : champ multipart inconnu/);
  assertError(await h.call("POST", LIST, { form: bytesForm("x", "x.txt", { name: "x", labels: "a".repeat(70) }) }), 400, /^labels\[0\] : .* dépasse 64 caractères/);
});

test("GET /users/me/documents: list items, filters name (%), labels, mime_type, shared, sort, fields", async () => {
  const names = async (query: string): Promise<string[]> => {
    const reply = await h.call("GET", `${LIST}${query}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.map((item: { name: string }) => item.name);
  };
  const all = (await h.call("GET", LIST)).body;
  assert.deepEqual(Object.keys(all[0]).sort(), ["_id", "creation", "name", "size", "update"]);
  assert.deepEqual(await names(""), ["Mon croquis", "Note"]);
  assert.deepEqual(await names("?name=mon%25"), ["Mon croquis"]);
  assert.deepEqual(await names("?labels=croquis"), ["Mon croquis"]);
  assert.deepEqual(await names("?labels=croquis,autre"), []);
  assert.deepEqual(await names("?mime_type=text/%25"), ["Note"]);
  assert.deepEqual(await names("?sort=creation,desc"), ["Note", "Mon croquis"]);
  assert.deepEqual(await names("?shared=true"), []);
  const fields = (await h.call("GET", `${LIST}?fields=labels,mime_type`)).body;
  assert.deepEqual(fields[0], { _id: croquis, labels: ["tutoriels", "croquis"], mime_type: "application/geo+json" });
  assertError(await h.call("GET", `${LIST}?shared=oui&sort=name`), 400, /« shared »/, /« sort »/);
});

test("PATCH: name, labels, public URL on (a new one each time) and off; PUT replaces the file", async () => {
  const url = `${LIST}/${croquis}`;
  assertError(await h.call("PATCH", url, { json: { public_url: "true", name: "", colour: 1 } }), 400, /^public_url : booléen attendu/, /^name : nom du document attendu/, /^colour : clé inconnue/);
  const shared = await h.call("PATCH", url, { json: { public_url: true, labels: ["croquis"] } });
  assert.equal(shared.status, 200, JSON.stringify(shared.body));
  assert.match(shared.body.public_url, /^https:\/\/data\.geopf\.fr\/documents\/[0-9a-f]{32}\.geojson$/);
  assert.deepEqual(shared.body.labels, ["croquis"]);
  const first = shared.body.public_url;
  const anonymous = await fetch(first);
  assert.equal(anonymous.status, 200);
  assert.equal(await anonymous.text(), GEOJSON);
  const again = (await h.call("PATCH", url, { json: { public_url: true } })).body.public_url;
  assert.notEqual(again, first);
  assert.equal((await fetch(first)).status, 404, "the previous public URL is gone");
  const replaced = await h.call("PUT", url, { form: bytesForm("nouveau", "croquis.txt") });
  assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
  assert.equal(replaced.body.size, 7);
  assert.equal(await (await fetch(again)).text(), "nouveau");
  const off = await h.call("PATCH", url, { json: { public_url: false } });
  assert.equal(off.body.public_url, undefined);
  assert.equal((await fetch(again)).status, 404);
});

test("Sharings: 404 for unknown users (nothing changed), 400 for oneself or an empty list; remove; 404 for an unknown document", async () => {
  const url = `${LIST}/${croquis}/sharings`;
  assertError(await h.call("POST", url, { json: [MISSING, "autre"] }), 404, new RegExp(`Utilisateur « ${MISSING} » introuvable`), /Utilisateur « autre » introuvable/);
  assertError(await h.call("POST", url, { json: [SIMULATED_USER_ID] }), 400, /avec vous-même/);
  assertError(await h.call("POST", url, { json: [] }), 400, /liste non vide/);
  assertError(await h.call("POST", url, { json: { users: [] } }), 400);
  assert.deepEqual((await h.call("GET", url)).body, []);
  assertError(await h.call("DELETE", url), 400, /« users » obligatoire/);
  assert.equal((await h.call("DELETE", `${url}?users=${MISSING}`)).status, 204);
  for (const [method, path] of [["GET", ""], ["GET", "/file"], ["GET", "/sharings"], ["DELETE", ""], ["PATCH", ""]] as const) {
    assertError(await h.call(method, `${LIST}/${MISSING}${path}`, method === "PATCH" ? { json: {} } : {}), 404, /Document .* introuvable/);
  }
});

test("Sharing with the second user: she lists, reads and downloads it, may not change it; unshared, it is gone for her", async () => {
  const ANNE = { headers: { Authorization: "Bearer simulation-anne" } };
  const url = `${LIST}/${croquis}`;
  assertError(await h.call("GET", url, ANNE), 403, /n'est pas partagé avec vous/);
  assertError(await h.call("GET", `${url}/file`, ANNE), 403);
  assert.deepEqual((await h.call("GET", LIST, ANNE)).body, [], "her own documents: none");
  const shared = await h.call("POST", `${url}/sharings`, { json: [SECOND_USER._id, SECOND_USER._id] });
  assert.equal(shared.status, 200, JSON.stringify(shared.body));
  assert.equal(shared.body._id, croquis);
  assert.deepEqual((await h.call("GET", `${url}/sharings`)).body, [{ _id: SECOND_USER._id, email: SECOND_USER.email, first_name: "Anne", last_name: "Halise" }]);
  assert.deepEqual((await h.call("GET", `${LIST}?shared=true`, ANNE)).body.map((item: { _id: string }) => item._id), [croquis]);
  assert.deepEqual((await h.call("GET", LIST, ANNE)).body, [], "shared with her, not hers");
  assert.equal((await h.call("GET", url, ANNE)).body.name, "Mon croquis");
  const file = await fetch(`${BASE}${url}/file`, ANNE);
  assert.equal(file.status, 200);
  assert.equal(await file.text(), "nouveau");
  assertError(await h.call("PATCH", url, { json: { name: "À moi" }, ...ANNE }), 403, /seul son propriétaire/);
  assertError(await h.call("DELETE", url, ANNE), 403, /seul son propriétaire/);
  assertError(await h.call("POST", `${url}/sharings`, { json: [SIMULATED_USER_ID], ...ANNE }), 403);
  assertError(await h.call("GET", `${url}/sharings`, ANNE), 403);
  assert.equal((await h.call("DELETE", `${url}/sharings?users=${SECOND_USER._id}`)).status, 204);
  assertError(await h.call("GET", url, ANNE), 403);
  assert.deepEqual((await h.call("GET", `${LIST}?shared=true`, ANNE)).body, []);
});

test("DELETE: the document, its file and its public URL are gone", async () => {
  const url = `${LIST}/${croquis}`;
  const publicUrl = (await h.call("PATCH", url, { json: { public_url: true } })).body.public_url;
  assert.equal((await h.call("DELETE", url)).status, 204);
  assertError(await h.call("GET", url), 404, /introuvable/);
  assertError(await h.call("GET", `${url}/file`), 404, /introuvable/);
  assert.equal((await fetch(publicUrl)).status, 404);
  assert.deepEqual((await h.call("GET", LIST)).body.map((item: { name: string }) => item.name), ["Note"]);
});

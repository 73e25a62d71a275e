// Tags, comments and sharings of uploads, stored data and configurations through the MSW handlers: each route,
// each encoding of DELETE …/tags, and the 4xx cases.
import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { SIMULATED_DATASTORE_ID, SIMULATED_USER } from "../../../src/mock/seed.ts";
import { archiveChain, targetsOf } from "./annotation-helpers.ts";
import { assertError, createUpload, DS, harness } from "./helpers.ts";

const h = harness();
after(() => h.close());
beforeEach(() => h.store.reset());

const UNKNOWN = "00000000-0000-4000-8000-999999999999";

test("tags: POST merges, each DELETE encoding removes, the record and its list show them", async () => {
  const chain = await archiveChain(h);
  for (const [segment, id] of targetsOf(chain)) {
    const base = `${DS}/${segment}/${id}`;
    const added = await h.call("POST", `${base}/tags`, { json: { a: "1", b: "2", c: "3", d: "4", e: "5" } });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(added.body, { a: "1", b: "2", c: "3", d: "4", e: "5" });
    assert.deepEqual((await h.call("POST", `${base}/tags`, { json: { a: "un", f: "6" } })).body, { a: "un", b: "2", c: "3", d: "4", e: "5", f: "6" });
    // tags[]=k (SDK), tags=k1,k2 (cgf uploads), tags[0]=k (cgf other entities); absent keys are ignored.
    assert.deepEqual((await h.call("DELETE", `${base}/tags?tags%5B%5D=a&tags%5B%5D=absent`)).body, { b: "2", c: "3", d: "4", e: "5", f: "6" });
    assert.deepEqual((await h.call("DELETE", `${base}/tags?tags=b,c`)).body, { d: "4", e: "5", f: "6" });
    const removed = await h.call("DELETE", `${base}/tags?tags[0]=d&tags[1]=e`);
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.body, { f: "6" });
    assert.deepEqual((await h.call("GET", base)).body.tags, { f: "6" });
    const listed = await h.call("GET", `${DS}/${segment}`);
    if (segment !== "configurations") assert.deepEqual(listed.body.find((item: { _id: string }) => item._id === id).tags, { f: "6" });
  }
});

test("tags: 400 for a bad body or no key, 404 for an unknown target, 403 for another datastore, 409 once DELETED", async () => {
  const upload = await createUpload(h);
  const base = `${DS}/uploads/${upload}`;
  assertError(await h.call("POST", `${base}/tags`, { json: { a: 1, "": "x", b: "ok" } }), 400, /^a : chaîne attendue \(reçu : nombre 1\)/, /clé invalide/);
  assertError(await h.call("POST", `${base}/tags`, { json: ["a"] }), 400, /objet JSON/);
  assertError(await h.call("POST", `${base}/tags`), 400, /objet JSON \(reçu : rien\)/);
  assertError(await h.call("POST", `${base}/tags`, { raw: "{ nope" }), 400, /JSON valide/);
  assert.deepEqual((await h.call("GET", base)).body.tags, {}, "nothing changed");
  assertError(await h.call("DELETE", `${base}/tags`), 400, /« tags » obligatoire/);
  assertError(await h.call("DELETE", `${base}/tags?tags=`), 400, /« tags » obligatoire/);
  for (const segment of ["uploads", "stored_data", "configurations"]) {
    assertError(await h.call("POST", `${DS}/${segment}/${UNKNOWN}/tags`, { json: { a: "b" } }), 404, new RegExp(`« ${UNKNOWN} » introuvable`));
    assertError(await h.call("DELETE", `${DS}/${segment}/${UNKNOWN}/tags?tags[]=a`), 404, /introuvable/);
  }
  assertError(await h.call("POST", `/datastores/${UNKNOWN}/uploads/${upload}/tags`, { json: { a: "b" } }), 403, /accès/);
  assert.equal((await h.call("DELETE", base)).status, 204);
  assertError(await h.call("POST", `${base}/tags`, { json: { a: "b" } }), 409, /supprimée \(statut DELETED\)/);
  assertError(await h.call("DELETE", `${base}/tags?tags[]=a`), 409, /supprimée/);
});

test("comments: list, add, edit, remove on every kind; item shape", async () => {
  const chain = await archiveChain(h);
  for (const [segment, id] of targetsOf(chain)) {
    const base = `${DS}/${segment}/${id}/comments`;
    assert.deepEqual((await h.call("GET", base)).body, []);
    const added = await h.call("POST", base, { json: { text: "Premier commentaire" } });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    const created = new Date(h.clock.now).toISOString();
    assert.deepEqual(added.body, {
      text: "Premier commentaire",
      author: { first_name: "Dave", last_name: "Lopper", _id: SIMULATED_USER._id, creation: SIMULATED_USER.creation, update: SIMULATED_USER.update },
      _id: added.body._id, creation: created, update: created,
    });
    const second = await h.call("POST", base, { json: { text: "Second" } });
    assert.deepEqual((await h.call("GET", base)).body.map((comment: { text: string }) => comment.text), ["Premier commentaire", "Second"]);
    h.tick(60_000);
    const edited = await h.call("PUT", `${base}/${added.body._id}`, { json: { text: "Premier, corrigé" } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.text, "Premier, corrigé");
    assert.equal(edited.body.creation, created);
    assert.equal(edited.body.update, new Date(h.clock.now).toISOString());
    assert.equal((await h.call("DELETE", `${base}/${second.body._id}`)).status, 204);
    assert.deepEqual((await h.call("GET", base)).body.map((comment: { text: string }) => comment.text), ["Premier, corrigé"]);
    assertError(await h.call("DELETE", `${base}/${second.body._id}`), 404, /Commentaire .* introuvable/);
  }
});

test("comments: 400 for a bad body, 404 for an unknown target or a comment of another target, 409 once DELETED", async () => {
  const first = await createUpload(h, "ARCHIVE", "Première");
  const other = await createUpload(h, "ARCHIVE", "Seconde");
  const base = `${DS}/uploads/${first}/comments`;
  assertError(await h.call("POST", base, { json: { text: "" } }), 400, /^text : texte non vide attendu/);
  assertError(await h.call("POST", base, { json: { text: 3, author: "moi" } }), 400, /^text : texte non vide attendu \(reçu : nombre 3\)/, /^author : clé inconnue/);
  assertError(await h.call("POST", base, { json: {} }), 400, /^text : texte non vide obligatoire/);
  assertError(await h.call("POST", base), 400, /objet JSON/);
  const comment = (await h.call("POST", base, { json: { text: "Sur la première" } })).body._id as string;
  assertError(await h.call("PUT", `${base}/${comment}`, { json: { text: "" } }), 400, /texte non vide/);
  for (const segment of ["uploads", "stored_data", "configurations"]) {
    assertError(await h.call("GET", `${DS}/${segment}/${UNKNOWN}/comments`), 404, /introuvable/);
    assertError(await h.call("POST", `${DS}/${segment}/${UNKNOWN}/comments`, { json: { text: "x" } }), 404, /introuvable/);
  }
  // The comment belongs to the first upload only.
  assertError(await h.call("PUT", `${DS}/uploads/${other}/comments/${comment}`, { json: { text: "x" } }), 404, new RegExp(`Commentaire « ${comment} » introuvable`));
  assertError(await h.call("DELETE", `${DS}/uploads/${other}/comments/${comment}`), 404, /Commentaire/);
  assertError(await h.call("PUT", `${base}/${UNKNOWN}`, { json: { text: "x" } }), 404, /Commentaire/);
  assert.deepEqual((await h.call("GET", base)).body.map((item: { text: string }) => item.text), ["Sur la première"]);
  // A DELETED upload keeps its comments readable; they no longer change.
  assert.equal((await h.call("DELETE", `${DS}/uploads/${first}`)).status, 204);
  assert.equal((await h.call("GET", base)).body.length, 1);
  assertError(await h.call("POST", base, { json: { text: "x" } }), 409, /supprimée/);
  assertError(await h.call("PUT", `${base}/${comment}`, { json: { text: "x" } }), 409, /supprimée/);
  assertError(await h.call("DELETE", `${base}/${comment}`), 409, /supprimée/);
});

test("sharings: with the seeded datastore, unknown datastores refused, DELETE by query; uploads and stored data only", async () => {
  const chain = await archiveChain(h);
  for (const [segment, id] of [["uploads", chain.upload], ["stored_data", chain.storedData]] as const) {
    const base = `${DS}/${segment}/${id}/sharings`;
    assert.deepEqual((await h.call("GET", base)).body, []);
    const shared = await h.call("POST", base, { json: [SIMULATED_DATASTORE_ID, SIMULATED_DATASTORE_ID] });
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
    const item = { name: "Communauté des tutoriels", technical_name: "tutoriels", active: true, _id: SIMULATED_DATASTORE_ID, creation: SIMULATED_USER.creation, update: SIMULATED_USER.update };
    assert.deepEqual(shared.body, [item]);
    assert.deepEqual((await h.call("GET", base)).body, [item]);
    assertError(await h.call("POST", base, { json: [UNKNOWN, SIMULATED_DATASTORE_ID, "autre"] }), 404, new RegExp(`Entrepôt « ${UNKNOWN} » introuvable`), /Entrepôt « autre » introuvable/);
    assertError(await h.call("POST", base, { json: { datastores: [SIMULATED_DATASTORE_ID] } }), 400, /liste JSON d'identifiants d'entrepôts/);
    assertError(await h.call("POST", base, { json: [3] }), 400, /^\[0\] : identifiant d'entrepôt attendu/);
    assertError(await h.call("DELETE", base), 400, /« datastores » obligatoire/);
    assertError(await h.call("DELETE", `${base}?datastores=${UNKNOWN}`), 404, /introuvable/);
    assert.equal((await h.call("DELETE", `${base}?datastores=${SIMULATED_DATASTORE_ID}&datastores=${SIMULATED_DATASTORE_ID}`)).status, 204);
    assert.deepEqual((await h.call("GET", base)).body, []);
    assertError(await h.call("GET", `${DS}/${segment}/${UNKNOWN}/sharings`), 404, /introuvable/);
  }
  assertError(await h.call("GET", `${DS}/configurations/${chain.configuration}/sharings`), 404, /Route inconnue/);
  // A DELETED upload keeps its sharings readable; they no longer change.
  assert.equal((await h.call("POST", `${DS}/uploads/${chain.upload}/sharings`, { json: [SIMULATED_DATASTORE_ID] })).status, 200);
  assert.equal((await h.call("DELETE", `${DS}/uploads/${chain.upload}`)).status, 204);
  assert.equal((await h.call("GET", `${DS}/uploads/${chain.upload}/sharings`)).body.length, 1);
  assertError(await h.call("POST", `${DS}/uploads/${chain.upload}/sharings`, { json: [SIMULATED_DATASTORE_ID] }), 409, /supprimée/);
});

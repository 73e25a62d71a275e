// Rights in the simulated datastore (browser handlers, no token configured): the default user, a seeded user's
// simulated token, membership of another community through a registered source, and the right each write family needs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { SECOND_DATASTORE_ID, SECOND_USER_ID, SIMULATED_DATASTORE_ID, SIMULATED_USER_ID } from "../../../../src/mock/seed.ts";
import { registerMemberships, rightOf } from "../../../../src/mock/resources/users/memberships.ts";
import type { Membership, Right } from "../../../../src/mock/resources/users/memberships.ts";
import { assertError, DS, harness } from "../helpers.ts";

let h: ReturnType<typeof harness>;
before(() => {
  h = harness();
});
after(() => h.close());

const ANNE = { headers: { Authorization: "Bearer simulation-anne" } };
const infos = { name: "Livraison", description: "Essai", srs: "EPSG:2154", type: "ARCHIVE" };

// Anne's rights in Dave's community, as the communities' members would set them (none: not a member).
let anneRights: Right[] | undefined;
registerMemberships((_ctx, user): Membership[] =>
  user === SECOND_USER_ID && anneRights
    ? [{ rights: anneRights, community: { _id: "c", name: "Communauté des tutoriels", technical_name: "tutoriels", datastore: SIMULATED_DATASTORE_ID, supervisor: SIMULATED_USER_ID, public: true, creation: "", update: "" } }]
    : []);

test("without a token the caller is the default user; `simulation-anne` is Anne Halise, with her own datastore", async () => {
  assert.equal((await h.call("GET", "/users/me")).body._id, SIMULATED_USER_ID);
  const anne = await h.call("GET", "/users/me", ANNE);
  assert.equal(anne.body._id, SECOND_USER_ID);
  assert.deepEqual(anne.body.communities_member.map((entry: any) => entry.community.datastore), [SECOND_DATASTORE_ID]);
  assert.equal((await h.call("GET", `/datastores/${SECOND_DATASTORE_ID}`, ANNE)).status, 200);
  assertError(await h.call("GET", `/datastores/${SECOND_DATASTORE_ID}`), 403, /Dave Lopper n'est membre d'aucune communauté/);
  assertError(await h.call("GET", `/datastores/00000000-0000-4000-8000-000000000000/uploads`, ANNE), 403);
  // An unknown token is not a user: the default one (no token is required here).
  assert.equal((await h.call("GET", "/users/me", { headers: { Authorization: "Bearer n-importe-quoi" } })).body._id, SIMULATED_USER_ID);
});

test("a member reads without rights; each write needs its family's right (403 naming it), then succeeds once granted", async () => {
  const upload = (await h.call("POST", `${DS}/uploads`, { json: infos })).body._id as string;
  assertError(await h.call("GET", `${DS}/uploads/${upload}`, ANNE), 403);
  anneRights = [];
  try {
    assert.equal((await h.call("GET", `${DS}/uploads/${upload}`, ANNE)).status, 200);
    assert.equal((await h.call("GET", `${DS}/stored_data`, ANNE)).status, 200);
    assertError(await h.call("POST", `${DS}/uploads`, { ...ANNE, json: infos }), 403, /Droit UPLOAD manquant/);
    assertError(await h.call("PATCH", `${DS}/uploads/${upload}`, { ...ANNE, json: { name: "Autre" } }), 403, /UPLOAD/);
    assertError(await h.call("POST", `${DS}/processings/executions`, { ...ANNE, json: {} }), 403, /Droit PROCESSING manquant/);
    assertError(await h.call("POST", `${DS}/configurations`, { ...ANNE, json: {} }), 403, /Droit BROADCAST manquant/);
    anneRights = ["UPLOAD"];
    const patched = await h.call("PATCH", `${DS}/uploads/${upload}`, { ...ANNE, json: { name: "Autre" } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.name, "Autre");
    assertError(await h.call("POST", `${DS}/configurations`, { ...ANNE, json: {} }), 403, /BROADCAST/);
  } finally {
    anneRights = undefined;
  }
  assertError(await h.call("GET", `${DS}/uploads/${upload}`, ANNE), 403);
});

test("rights of the route families", () => {
  assert.equal(rightOf("GET", "/datastores/:datastore/uploads"), undefined);
  assert.equal(rightOf("POST", "/datastores/:datastore/uploads/:upload/data"), "UPLOAD");
  assert.equal(rightOf("POST", "/datastores/:datastore/processings/executions/:execution/launch"), "PROCESSING");
  assert.equal(rightOf("DELETE", "/datastores/:datastore/stored_data/:stored_data"), "PROCESSING");
  assert.equal(rightOf("POST", "/datastores/:datastore/offerings"), "BROADCAST");
  assert.equal(rightOf("POST", "/datastores/:datastore/statics"), "BROADCAST");
  assert.equal(rightOf("POST", "/datastores/:datastore/annexes"), "ANNEX");
  assert.equal(rightOf("POST", "/users/me/keys"), undefined);
});

// Workspaces: the community (read, PATCH), its members and their rights (PUT adds or replaces, DELETE removes), the
// rights taking effect for the member (403 → 200), the supervisor's protection, leaving, the organization routes,
// the administrator routes refused; 4xx for unknown ids, bad rights and bodies.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { assertError, BASE, DS, harness, request } from "./helpers.ts";
import { SECOND_USER_ID, SIMULATED_COMMUNITY_ID, SIMULATED_USER_ID } from "../../../src/mock/seed.ts";
import { SIMULATED_ORGANIZATION_ID } from "../../../src/mock/resources/communities/records.ts";

const h = harness();
after(() => h.close());
const COMMUNITY = `/communities/${SIMULATED_COMMUNITY_ID}`;
const MISSING = "00000000-0000-4000-8000-00000000dead";
// A request as Anne Halise (the browser's and the tests' simulated token of the second seeded user).
const asAnne = (method: string, path: string, json?: unknown) =>
  request(method, `${BASE}${path}`, json === undefined ? {} : { json }, { Authorization: "Bearer simulation-anne" });

test("GET /communities/{community}: the seeded community, its supervisor, datastore and organization", async () => {
  const reply = await h.call("GET", COMMUNITY);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  assert.equal(reply.body.technical_name, "tutoriels");
  assert.equal(reply.body.supervisor._id, SIMULATED_USER_ID);
  assert.equal(reply.body.supervisor.first_name, "Dave");
  assert.equal(reply.body.datastore.active, true);
  assert.deepEqual(reply.body.organization, { name: "Organisme des tutoriels", _id: SIMULATED_ORGANIZATION_ID });
  assertError(await h.call("GET", `/communities/${MISSING}`), 404, /introuvable/);
});

test("GET /catalogs/communities: the public communities; a neighbour's supervisor is the user to add", async () => {
  const list = await h.call("GET", "/catalogs/communities");
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.map((community: any) => community.technical_name), ["tutoriels", "anne_halise"]);
  const neighbour = await h.call("GET", `/communities/${list.body[1]._id}`);
  assert.equal(neighbour.body.supervisor._id, SECOND_USER_ID);
});

test("members: listed with rights; PUT adds Anne with rights, her right takes effect (403 → 200), PUT replaces, DELETE removes", async () => {
  const before = await h.call("GET", `${COMMUNITY}/users`);
  assert.equal(before.status, 200);
  assert.deepEqual(before.body.map((member: any) => member.user._id), [SIMULATED_USER_ID]);
  assert.deepEqual([...before.body[0].rights].sort(), ["ANNEX", "BROADCAST", "COMMUNITY", "PROCESSING", "UPLOAD"]);

  assertError(await asAnne("GET", `${COMMUNITY}/users`), 403, /membre/);
  const added = await h.call("PUT", `${COMMUNITY}/users/${SECOND_USER_ID}`, { json: { rights: ["UPLOAD"] } });
  assert.equal(added.status, 200, JSON.stringify(added.body));
  assert.deepEqual(added.body.rights, ["UPLOAD"]);
  assert.equal(added.body.user.last_name, "Halise");
  // A member without COMMUNITY may not list the members; once given the right, she may.
  assertError(await asAnne("GET", `${COMMUNITY}/users`), 403, /Droit COMMUNITY manquant/);
  const replaced = await h.call("PUT", `${COMMUNITY}/users/${SECOND_USER_ID}`, { json: { rights: ["UPLOAD", "COMMUNITY"] } });
  assert.deepEqual(replaced.body.rights, ["UPLOAD", "COMMUNITY"]);
  const seen = await asAnne("GET", `${COMMUNITY}/users`);
  assert.equal(seen.status, 200, JSON.stringify(seen.body));
  assert.equal(seen.headers.get("content-range"), "1-2/2");
  const filtered = await h.call("GET", `${COMMUNITY}/users?rights=PROCESSING`);
  assert.deepEqual(filtered.body.map((member: any) => member.user._id), [SIMULATED_USER_ID]);

  // GET /users/me as Anne lists the community with her rights.
  const me = await asAnne("GET", "/users/me");
  const membership = me.body.communities_member.find((entry: any) => entry.community._id === SIMULATED_COMMUNITY_ID);
  assert.deepEqual(membership?.rights, ["UPLOAD", "COMMUNITY"]);

  assert.equal((await h.call("DELETE", `${COMMUNITY}/users/${SECOND_USER_ID}`)).status, 204);
  assertError(await asAnne("GET", `${COMMUNITY}/users`), 403, /membre/);
  assertError(await h.call("DELETE", `${COMMUNITY}/users/${SECOND_USER_ID}`), 404, /n'est pas membre/);
});

test("a datastore route as Anne: 403 until she is given the right its family needs, then 200", async () => {
  const upload = { name: "Livraison d'Anne", description: "Essai de droits", type: "VECTOR", srs: "EPSG:2154" };
  assertError(await asAnne("POST", `${DS}/uploads`, upload), 403);
  assert.equal((await h.call("PUT", `${COMMUNITY}/users/${SECOND_USER_ID}`, { json: { rights: [] } })).status, 200);
  // A member without rights reads the datastore but may not deliver.
  assert.equal((await asAnne("GET", `${DS}/uploads`)).status, 200);
  assertError(await asAnne("POST", `${DS}/uploads`, upload), 403, /UPLOAD/);
  assert.equal((await h.call("PUT", `${COMMUNITY}/users/${SECOND_USER_ID}`, { json: { rights: ["UPLOAD"] } })).status, 200);
  const created = await asAnne("POST", `${DS}/uploads`, upload);
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal((await h.call("DELETE", `${COMMUNITY}/users/${SECOND_USER_ID}`)).status, 204);
  assertError(await asAnne("GET", `${DS}/uploads`), 403);
});

test("4xx: unknown user or community, unknown or repeated right, the supervisor keeps every right and stays", async () => {
  assertError(await h.call("PUT", `${COMMUNITY}/users/${MISSING}`, { json: { rights: ["UPLOAD"] } }), 404, /inconnu/);
  assertError(await h.call("PUT", `/communities/${MISSING}/users/${SECOND_USER_ID}`, { json: {} }), 404, /introuvable/);
  assertError(await h.call("PUT", `${COMMUNITY}/users/${SECOND_USER_ID}`, { json: { rights: ["LIRE"] } }), 400, /droit inconnu/);
  assertError(await h.call("PUT", `${COMMUNITY}/users/${SECOND_USER_ID}`, { json: { rights: ["UPLOAD", "UPLOAD"] } }), 400, /qu'une fois/);
  assertError(await h.call("PUT", `${COMMUNITY}/users/${SECOND_USER_ID}`, { json: { droits: [] } }), 400);
  assertError(await h.call("PUT", `${COMMUNITY}/users/${SIMULATED_USER_ID}`, { json: { rights: ["UPLOAD"] } }), 400, /superviseur/);
  assertError(await h.call("DELETE", `${COMMUNITY}/users/${SIMULATED_USER_ID}`), 400, /superviseur/);
  assertError(await h.call("DELETE", `/users/me/communities/${SIMULATED_COMMUNITY_ID}`), 400, /superviseur/);
  assertError(await h.call("GET", `${COMMUNITY}/users?rights=LIRE`), 400, /droit inconnu/);
  // A member without rights is added, then leaves.
  assert.deepEqual((await h.call("PUT", `${COMMUNITY}/users/${SECOND_USER_ID}`)).body.rights, []);
  assertError(await asAnne("PATCH", COMMUNITY, { name: "Autre nom" }), 403, /COMMUNITY/);
  assert.equal((await asAnne("DELETE", `/users/me/communities/${SIMULATED_COMMUNITY_ID}`)).status, 204);
  assert.equal((await h.call("GET", `${COMMUNITY}/users`)).body.length, 1);
});

test("PATCH /communities/{community}: description, contact; a bad contact or an unknown supervisor 4xx", async () => {
  const patched = await h.call("PATCH", COMMUNITY, { json: { description: "Les données des tutoriels", contact: "equipe@ign.fr" } });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.equal(patched.body.description, "Les données des tutoriels");
  assert.equal((await h.call("GET", COMMUNITY)).body.contact, "equipe@ign.fr");
  assertError(await h.call("PATCH", COMMUNITY, { json: { contact: "pas une adresse" } }), 400, /contact/);
  assertError(await h.call("PATCH", COMMUNITY, { json: { supervisor: MISSING } }), 404, /inconnu/);
});

test("organization: detail, members (add, remove), communities; reserved to its official members", async () => {
  const ORG = `/organizations/${SIMULATED_ORGANIZATION_ID}`;
  const detail = await h.call("GET", ORG);
  assert.equal(detail.status, 200);
  assert.equal(detail.body.name, "Organisme des tutoriels");
  assert.equal(typeof detail.body.uploads_quota, "number");
  const communities = await h.call("GET", `${ORG}/communities`);
  assert.deepEqual(communities.body.map((community: any) => community.technical_name), ["tutoriels"]);
  assertError(await asAnne("GET", `${ORG}/users`), 403, /membre officiel/);
  assert.equal((await h.call("PUT", `${ORG}/users/${SECOND_USER_ID}`)).status, 204);
  const users = await asAnne("GET", `${ORG}/users`);
  assert.equal(users.status, 200);
  assert.deepEqual(users.body.map((user: any) => user.email), ["dave.lopper@ign.fr", "anne.halise@ign.fr"]);
  assert.equal((await h.call("DELETE", `${ORG}/users/${SECOND_USER_ID}`)).status, 204);
  assertError(await h.call("DELETE", `${ORG}/users/${SECOND_USER_ID}`), 404);
  assertError(await h.call("PUT", `${ORG}/users/${MISSING}`), 404, /inconnu/);
  assertError(await h.call("GET", `/organizations/${MISSING}`), 404, /introuvable/);
});

test("organization lists: the entities of its communities' datastores with their ids, filters, official members only", async () => {
  const ORG = `/organizations/${SIMULATED_ORGANIZATION_ID}`;
  const created = await h.call("POST", `${DS}/uploads`, { json: { name: "Livraison de l'organisme", description: "Essai", type: "ARCHIVE", srs: "EPSG:2154" } });
  const uploads = await h.call("GET", `${ORG}/uploads?name=Livraison de l'organisme`);
  assert.equal(uploads.status, 200, JSON.stringify(uploads.body));
  assert.deepEqual(uploads.body.map((item: any) => [item._id, item.community, item.datastore, item.organization]), [[created.body._id, SIMULATED_COMMUNITY_ID, DS.split("/")[2], SIMULATED_ORGANIZATION_ID]]);
  assert.equal((await h.call("GET", `${ORG}/uploads?name=Livraison de l'organisme&community=${MISSING}`)).body.length, 0);
  assert.equal((await h.call("GET", `${ORG}/uploads?name=Livraison de l'organisme&datastore=${DS.split("/")[2]}`)).body.length, 1);
  assertError(await h.call("GET", `${ORG}/uploads?type=NUAGE`), 400);
  assertError(await asAnne("GET", `${ORG}/stored_data`), 403, /membre officiel/);
  for (const part of ["stored_data", "configurations", "offerings"]) assert.equal((await h.call("GET", `${ORG}/${part}`)).status, 200);
});

test("administrator routes: refused, the simulation's accounts are not platform administrators", async () => {
  assert.equal((await h.call("GET", "/users/me")).body.administrator, false);
  assertError(await h.call("POST", "/administrator/communities", { json: { name: "X", technical_name: "x", supervisor: SIMULATED_USER_ID } }), 403, /administrateurs/);
  assertError(await h.call("GET", "/administrator/storages"), 403, /administrateurs/);
});

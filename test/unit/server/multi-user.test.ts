// Several users on one local server (npm run datastore --token login=…): each token acts as its user, who sees and
// changes their own datastore only (403 on another's), and finds it again after a restart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SECOND_DATASTORE_ID, SIMULATED_DATASTORE_ID, SIMULATED_USER_ID, SECOND_USER_ID } from "../../../src/mock/seed.ts";
import ids from "../../../_data/ids.json" with { type: "json" };
import { isErrorBody, startTestServer } from "./helpers.ts";

const USERS = { dave: "jeton-dave", anne: "jeton-anne", alice: "jeton-alice" };
const infos = { name: "Livraison", description: "Essai", srs: "EPSG:2154", type: "ARCHIVE" };

test("two users share one server: each sees their own account and datastore, the other's is 403; a learner gets a datastore of their own", async () => {
  const first = await startTestServer({ token: undefined, users: USERS });
  let aliceDatastore = "";
  let aliceUpload = "";
  try {
    const as = (login: keyof typeof USERS) => ({ token: USERS[login] });
    assert.deepEqual(first.server.users.map((user) => user.login), ["dave", "anne", "alice"]);
    for (const user of first.server.users) assert.ok(first.logs.some((line) => line.includes(`${user.login} (`) && line.includes(user.token) && line.includes(user.datastore)), first.logs.join("\n"));

    const dave = await first.call("GET", "/users/me", as("dave"));
    const anne = await first.call("GET", "/users/me", as("anne"));
    assert.equal(dave.body._id, SIMULATED_USER_ID);
    assert.equal(anne.body._id, SECOND_USER_ID);
    assert.equal(anne.body.last_name, "Halise");
    assert.deepEqual(dave.body.communities_member.map((entry: any) => entry.community.datastore), [SIMULATED_DATASTORE_ID]);
    assert.deepEqual(anne.body.communities_member.map((entry: any) => entry.community.datastore), [SECOND_DATASTORE_ID]);

    // Dave's upload: Anne can neither read, list, change nor delete it.
    const upload = (await first.call("POST", `/datastores/${SIMULATED_DATASTORE_ID}/uploads`, { ...as("dave"), json: infos })).body._id as string;
    for (const [method, path, json] of [
      ["GET", `/datastores/${SIMULATED_DATASTORE_ID}`, undefined],
      ["GET", `/datastores/${SIMULATED_DATASTORE_ID}/uploads`, undefined],
      ["GET", `/datastores/${SIMULATED_DATASTORE_ID}/uploads/${upload}`, undefined],
      ["PATCH", `/datastores/${SIMULATED_DATASTORE_ID}/uploads/${upload}`, { name: "Pris par Anne" }],
      ["DELETE", `/datastores/${SIMULATED_DATASTORE_ID}/uploads/${upload}`, undefined],
      ["POST", `/datastores/${SIMULATED_DATASTORE_ID}/uploads`, infos],
    ] as const) {
      const reply = await first.call(method, path, { ...as("anne"), ...(json ? { json } : {}) });
      assert.equal(reply.status, 403, `${method} ${path}: ${JSON.stringify(reply.body)}`);
      assert.ok(isErrorBody(reply.body), JSON.stringify(reply.body));
      assert.equal(reply.body.error, "Forbidden");
      assert.match(reply.body.error_description[0], /Anne Halise n'est membre d'aucune communauté/);
    }
    const kept = await first.call("GET", `/datastores/${SIMULATED_DATASTORE_ID}/uploads/${upload}`, as("dave"));
    assert.equal(kept.status, 200);
    assert.equal(kept.body.name, "Livraison");
    assert.equal(kept.body.status, "OPEN");

    // Anne's own datastore works for her, and is 403 for Dave; lists do not mix.
    const hers = await first.call("POST", `/datastores/${SECOND_DATASTORE_ID}/uploads`, { ...as("anne"), json: { ...infos, name: "Livraison d'Anne" } });
    assert.equal(hers.status, 200, JSON.stringify(hers.body));
    assert.equal((await first.call("GET", `/datastores/${SECOND_DATASTORE_ID}/uploads/${hers.body._id}`, as("dave"))).status, 403);
    assert.deepEqual((await first.call("GET", `/datastores/${SECOND_DATASTORE_ID}/uploads`, as("anne"))).body.map((item: any) => item.name), ["Livraison d'Anne"]);
    assert.deepEqual((await first.call("GET", `/datastores/${SIMULATED_DATASTORE_ID}/uploads`, as("dave"))).body.map((item: any) => item.name), ["Livraison"]);
    const datastore = await first.call("GET", `/datastores/${SECOND_DATASTORE_ID}`, as("anne"));
    assert.equal(datastore.body.technical_name, "anne_halise");
    assert.equal(datastore.body._id, SECOND_DATASTORE_ID);

    // A learner unknown to the seed: their own account, community and datastore.
    const alice = await first.call("GET", "/users/me", as("alice"));
    assert.equal(alice.body.first_name, "Alice");
    aliceDatastore = alice.body.communities_member[0].community.datastore;
    assert.ok(![SIMULATED_DATASTORE_ID, SECOND_DATASTORE_ID].includes(aliceDatastore));
    assert.equal((await first.call("GET", `/datastores/${aliceDatastore}`, as("alice"))).body.technical_name, "alice");
    assert.equal((await first.call("GET", `/datastores/${aliceDatastore}`, as("dave"))).status, 403);
    aliceUpload = (await first.call("POST", `/datastores/${aliceDatastore}/uploads`, { ...as("alice"), json: infos })).body._id;

    // A token nobody was given, or the default user's token when the server was started for others only.
    assert.equal((await first.call("GET", "/users/me", { token: "jeton-inconnu" })).status, 401);
  } finally {
    await first.server.close();
  }
  // After a restart, the learner's datastore (ids derived from the login) holds their upload.
  const again = await startTestServer({ dir: first.dir, token: undefined, users: { alice: "autre-jeton" } });
  try {
    const me = await again.call("GET", "/users/me", { token: "autre-jeton" });
    assert.equal(me.body.communities_member[0].community.datastore, aliceDatastore);
    assert.equal((await again.call("GET", `/datastores/${aliceDatastore}/uploads/${aliceUpload}`, { token: "autre-jeton" })).status, 200);
    assert.equal((await again.call("GET", "/users/me", { token: "jeton-dave" })).status, 401);
  } finally {
    await again.server.close();
  }
});

test("the same token for two users is refused at start", async () => {
  await assert.rejects(startTestServer({ token: undefined, users: { dave: "même", anne: "même" } }), /même jeton/);
});

test("the local server's identity service: each served user signs in with their token as password; the token it issues acts as that user", async () => {
  const t = await startTestServer({ token: undefined, users: { dave: "jeton-dave", anne: "jeton-anne" } });
  try {
    const url = `${t.server.origin}/realms/geoplateforme/protocol/openid-connect/token`;
    const grant = async (fields: Record<string, string>) => {
      const response = await fetch(url, { method: "POST", body: new URLSearchParams(fields) });
      return { status: response.status, body: (await response.json()) as any };
    };
    const refused = await grant({ grant_type: "password", client_id: "gpf-warehouse", username: "anne", password: "anne" });
    assert.deepEqual(refused, { status: 401, body: { error: "invalid_grant", error_description: "Invalid user credentials" } });
    const signed = await grant({ grant_type: "password", client_id: "gpf-warehouse", username: "anne", password: "jeton-anne" });
    assert.equal(signed.status, 200);
    const me = await t.call("GET", "/users/me", { token: signed.body.access_token });
    assert.equal(me.body._id, SECOND_USER_ID);
    assert.equal((await t.call("GET", `/datastores/${SIMULATED_DATASTORE_ID}`, { token: signed.body.access_token })).status, 403);
    assert.equal((await grant({ grant_type: "password", client_id: "gpf-warehouse", username: "alice", password: "x" })).status, 401);
  } finally {
    await t.server.close();
  }
});

test("a permission Dave grants Anne on one server: visible to her, her key reaches the private layer; his datastore stays 403 to her", async () => {
  const t = await startTestServer({ token: undefined, users: { dave: "jeton-dave", anne: "jeton-anne" } });
  try {
    const dave = { token: "jeton-dave" };
    const anne = { token: "jeton-anne" };
    const DAVE_DS = `/datastores/${SIMULATED_DATASTORE_ID}`;
    const upload = (await t.call("POST", `${DAVE_DS}/uploads`, { ...dave, json: infos })).body._id;
    const form = new FormData();
    form.append("file", new Blob(["insee;nom\n2A004;Ajaccio\n"]), "limites.csv");
    assert.equal((await t.call("POST", `${DAVE_DS}/uploads/${upload}/data?path=data/limites.csv`, { ...dave, form })).status, 204);
    assert.equal((await t.call("POST", `${DAVE_DS}/uploads/${upload}/close`, dave)).status, 204);
    t.clock.now += 10_000;
    const execution = (await t.call("POST", `${DAVE_DS}/processings/executions`, { ...dave, json: { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "Limites" } } } })).body;
    assert.equal((await t.call("POST", `${DAVE_DS}/processings/executions/${execution._id}/launch`, dave)).status, 204);
    t.clock.now += 10_000;
    const configuration = (await t.call("POST", `${DAVE_DS}/configurations`, {
      ...dave, json: { type: "DOWNLOAD", name: "Limites", layer_name: "limites_privees", type_infos: { title: { fr: "Limites" }, abstract: { fr: "Limites" }, used_data: [{ sub_name: "csv", title: { fr: "CSV" }, format: "CSV", zone: "FXX", stored_data: execution.output.stored_data._id }] } },
    })).body._id;
    const offering = (await t.call("POST", `${DAVE_DS}/configurations/${configuration}/offerings`, { ...dave, json: { endpoint: ids.endpoints.private.download, open: false } })).body._id;
    t.clock.now += 2000;
    const permission = await t.call("POST", `${DAVE_DS}/permissions`, { ...dave, json: { licence: "Pour Anne", offerings: [offering], users: [SECOND_USER_ID] } });
    assert.equal(permission.status, 200, JSON.stringify(permission.body));

    const granted = await t.call("GET", "/users/me/permissions", anne);
    assert.deepEqual(granted.body.map((item: any) => [item._id, item.licence]), [[permission.body[0]._id, "Pour Anne"]]);
    assert.deepEqual((await t.call("GET", "/users/me/permissions", dave)).body, []);
    assert.equal((await t.call("GET", `${DAVE_DS}/permissions`, anne)).status, 403);
    assert.equal((await t.call("GET", `${DAVE_DS}/offerings/${offering}`, anne)).status, 403);

    const key = (await t.call("POST", "/users/me/keys", { ...anne, json: { name: "Clé d'Anne", type: "HASH", type_infos: { hash: "cle-anne" } } })).body._id;
    assert.equal((await t.call("POST", `/users/me/keys/${key}/accesses`, { ...anne, json: { permission: permission.body[0]._id, offerings: [offering] } })).status, 204);
    assert.equal((await t.call("GET", `/users/me/keys/${key}`, dave)).status, 404, "Dave does not see Anne's key");
    const file = `${t.server.origin}/private/telechargement/download/limites_privees/csv/limites.csv`;
    assert.equal((await fetch(file)).status, 401);
    const served = await fetch(`${file}?apikey=cle-anne`);
    assert.equal(served.status, 200);
    assert.equal(await served.text(), "insee;nom\n2A004;Ajaccio\n");
    assert.equal((await t.call("DELETE", `${DAVE_DS}/permissions/${permission.body[0]._id}`, dave)).status, 204);
    assert.equal((await fetch(`${file}?apikey=cle-anne`)).status, 404);
  } finally {
    await t.server.close();
  }
});

// Workspaces on one local server shared by two users: Dave gives Anne a right in his community, her request on his
// datastore goes from 403 to 200, the membership survives a restart (SQLite), and the search service answers there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SECOND_USER_ID, SIMULATED_COMMUNITY_ID, SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { isErrorBody, startTestServer } from "./helpers.ts";

const USERS = { dave: "jeton-dave", anne: "jeton-anne" };
const delivery = { name: "Livraison d'Anne", description: "Essai", srs: "EPSG:2154", type: "ARCHIVE" };

test("local server: a right given to Anne takes effect on Dave's datastore and is kept after a restart; search served", async () => {
  const first = await startTestServer({ token: undefined, users: USERS });
  const uploads = `/datastores/${SIMULATED_DATASTORE_ID}/uploads`;
  try {
    const refused = await first.call("POST", uploads, { token: USERS.anne, json: delivery });
    assert.equal(refused.status, 403);
    assert.ok(isErrorBody(refused.body));
    const put = await first.call("PUT", `/communities/${SIMULATED_COMMUNITY_ID}/users/${SECOND_USER_ID}`, { token: USERS.dave, json: { rights: ["UPLOAD"] } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const accepted = await first.call("POST", uploads, { token: USERS.anne, json: delivery });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const search = await first.call("POST", `${first.server.origin}/recherche/api/indexes/geoplateforme`, { token: null, json: {} });
    assert.equal(search.status, 200, JSON.stringify(search.body));
    assert.deepEqual(search.body, { documents: [], aggregations: {} });
  } finally {
    await first.server.close();
  }
  const again = await startTestServer({ dir: first.dir, token: undefined, users: USERS });
  try {
    const me = await again.call("GET", "/users/me", { token: USERS.anne });
    const membership = me.body.communities_member.find((entry: any) => entry.community._id === SIMULATED_COMMUNITY_ID);
    assert.deepEqual(membership?.rights, ["UPLOAD"]);
    assert.equal((await again.call("GET", `${uploads}?name=Livraison d'Anne`, { token: USERS.anne })).body.length, 1);
  } finally {
    await again.server.close();
  }
});

// For the tests that read a private diffusion service: the seeded user grants himself a permission on the offerings
// and ties a new HASH key to them; the hash to send (`apikey`).
import assert from "node:assert/strict";
import { SIMULATED_DATASTORE_ID, SIMULATED_USER_ID } from "../../../../src/mock/seed.ts";
import type { Reply, Send } from "../helpers.ts";

let counter = 0;

/** A HASH key of the seeded user reaching the offerings (of his datastore) on the private services. */
export async function privateKey(call: (method: string, path: string, send?: Send) => Promise<Reply>, offerings: string[]): Promise<string> {
  const hash = `cle-de-test-${++counter}`;
  const permission = await call("POST", `/datastores/${SIMULATED_DATASTORE_ID}/permissions`, { json: { licence: "Tests", offerings, users: [SIMULATED_USER_ID] } });
  assert.equal(permission.status, 200, JSON.stringify(permission.body));
  const key = await call("POST", "/users/me/keys", { json: { name: hash, type: "HASH", type_infos: { hash } } });
  assert.equal(key.status, 200, JSON.stringify(key.body));
  const access = await call("POST", `/users/me/keys/${key.body._id}/accesses`, { json: { permission: permission.body[0]._id, offerings } });
  assert.equal(access.status, 204, JSON.stringify(access.body));
  return hash;
}

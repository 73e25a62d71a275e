// Two users on one local server (npm run datastore with a token each): a personal document stays its owner's until
// shared; shared, the other user lists it (shared=true) and downloads it with her own token, but may not change,
// delete or reshare it; unshared, it is hers no more. Its public URL is served by the server without a token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SECOND_USER_ID, SIMULATED_USER_ID } from "../../../src/mock/seed.ts";
import { bytesForm } from "../mock/helpers.ts";
import { isErrorBody, startTestServer } from "./helpers.ts";

const USERS = { dave: "jeton-dave", anne: "jeton-anne" };
const NOTE = "Rendez-vous au bois de Vincennes à 10 h.";

test("a document shared on one server: visible to the beneficiary with her token, changed only by its owner", async () => {
  const { server, call } = await startTestServer({ token: undefined, users: USERS });
  try {
    const dave = { token: USERS.dave };
    const anne = { token: USERS.anne };
    const created = await call("POST", "/users/me/documents", { ...dave, form: bytesForm(NOTE, "note.txt", { name: "Note de terrain", labels: "terrain" }) });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const url = `/users/me/documents/${created.body._id}`;
    const forbidden = async (method: string, path: string, send: object = {}): Promise<void> => {
      const reply = await call(method, path, { ...anne, ...send });
      assert.equal(reply.status, 403, `${method} ${path}: ${JSON.stringify(reply.body)}`);
      assert.ok(isErrorBody(reply.body));
    };
    await forbidden("GET", url);
    await forbidden("GET", `${url}/file`);
    assert.deepEqual((await call("GET", "/users/me/documents?shared=true", anne)).body, []);

    assert.equal((await call("POST", `${url}/sharings`, { ...dave, json: [SECOND_USER_ID] })).status, 200);
    assert.deepEqual((await call("GET", "/users/me/documents", anne)).body, [], "not among her own documents");
    const shared = (await call("GET", "/users/me/documents?shared=true&fields=name,labels", anne)).body;
    assert.deepEqual(shared, [{ _id: created.body._id, name: "Note de terrain", labels: ["terrain"] }]);
    const file = await fetch(`${server.url}${url}/file`, { headers: { Authorization: `Bearer ${USERS.anne}` } });
    assert.equal(file.status, 200);
    assert.equal(await file.text(), NOTE);
    await forbidden("PATCH", url, { json: { name: "À moi" } });
    await forbidden("DELETE", url);
    await forbidden("POST", `${url}/sharings`, { json: [SIMULATED_USER_ID] });
    await forbidden("DELETE", `${url}/sharings?users=${SECOND_USER_ID}`);
    assert.equal((await call("GET", url, dave)).body.name, "Note de terrain", "unchanged");

    const publicUrl = (await call("PATCH", url, { ...dave, json: { public_url: true } })).body.public_url as string;
    const anonymous = await fetch(`${server.origin}${new URL(publicUrl).pathname}`);
    assert.equal(anonymous.status, 200);
    assert.equal(await anonymous.text(), NOTE);

    assert.equal((await call("DELETE", `${url}/sharings?users=${SECOND_USER_ID}`, dave)).status, 204);
    await forbidden("GET", `${url}/file`);
    assert.deepEqual((await call("GET", "/users/me/documents?shared=true", anne)).body, []);
    assert.equal((await call("DELETE", url, dave)).status, 204);
    assert.equal((await fetch(`${server.origin}${new URL(publicUrl).pathname}`)).status, 404);
    // The catalogue is served on the server's origin too.
    const capabilities = await fetch(`${server.origin}/csw?SERVICE=CSW&REQUEST=GetCapabilities`);
    assert.equal(capabilities.status, 200);
    assert.match(await capabilities.text(), /<csw:Capabilities/);
  } finally {
    await server.close();
  }
});

// The local datastore server: bearer token, 404s, robustness against bad requests.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { DS, isErrorBody, startTestServer, TOKEN } from "./helpers.ts";
import type { TestServer } from "./helpers.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.server.close());

// A raw HTTP/1.1 request (fetch cannot send request targets such as `//host/x`).
function rawRequest(target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: t.server.port, path: target, method: "GET", headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

test("the API base URL is http://127.0.0.1:<port>/api", () => {
  assert.equal(t.server.url, `http://127.0.0.1:${t.server.port}/api`);
  assert.equal(t.server.token, TOKEN);
  assert.equal(t.server.tokenGenerated, false);
  assert.ok(t.logs.some((line) => line.includes(`URL de base de l'API : ${t.server.url}`)), t.logs.join("\n"));
  assert.ok(t.logs.some((line) => line.includes(`Jeton d'accès        : ${TOKEN}`)), t.logs.join("\n"));
});

test("401 without token, with the error body and a Bearer challenge", async () => {
  const reply = await t.call("GET", "/users/me", { token: null });
  assert.equal(reply.status, 401);
  assert.ok(isErrorBody(reply.body), JSON.stringify(reply.body));
  assert.equal(reply.body.error, "Unauthorized");
  assert.match(reply.headers.get("www-authenticate") ?? "", /^Bearer\b/);
});

test("401 with a wrong token", async () => {
  const reply = await t.call("GET", "/users/me", { token: "pas-le-bon" });
  assert.equal(reply.status, 401);
  assert.ok(isErrorBody(reply.body));
  assert.match(reply.headers.get("www-authenticate") ?? "", /^Bearer\b/);
  assert.equal((await t.call("GET", `${DS}/uploads`, { token: "pas-le-bon" })).status, 401);
});

test("200 on /users/me with the token", async () => {
  const reply = await t.call("GET", "/users/me");
  assert.equal(reply.status, 200);
  assert.equal(reply.body.communities_member[0].community.datastore, SIMULATED_DATASTORE_ID);
  assert.equal(reply.headers.get("access-control-allow-origin"), null, "no CORS header without Origin");
});

test("a random token is generated when none is given", async () => {
  const other = await startTestServer({ token: "" });
  try {
    assert.equal(other.server.tokenGenerated, true);
    assert.ok(other.server.token.length >= 20);
    assert.ok(other.logs.some((line) => line.includes(other.server.token) && line.includes("DATASTORE_TOKEN")));
    assert.equal((await other.call("GET", "/users/me", { token: other.server.token })).status, 200);
    assert.equal((await other.call("GET", "/users/me")).status, 401);
  } finally {
    await other.server.close();
  }
});

test("404 with the error body for an unknown route under the base", async () => {
  const reply = await t.call("GET", "/nimporte/quoi");
  assert.equal(reply.status, 404);
  assert.ok(isErrorBody(reply.body));
  assert.match(reply.body.error_description[0], /Route inconnue/);
});

test("404 naming the base for a path outside it", async () => {
  const reply = await t.call("GET", `${t.server.origin}/users/me`);
  assert.equal(reply.status, 404);
  assert.ok(isErrorBody(reply.body));
  assert.ok(reply.body.error_description[0].includes(t.server.url), reply.body.error_description[0]);
});

test("bad requests get an error body and the server keeps answering", async () => {
  const badJson = await t.call("POST", `${DS}/uploads`, { raw: "{pas du json" });
  assert.equal(badJson.status, 400);
  assert.ok(isErrorBody(badJson.body));
  const badTarget = await rawRequest("//ailleurs.test/x", { Authorization: `Bearer ${TOKEN}` });
  assert.equal(badTarget.status, 400);
  assert.ok(isErrorBody(JSON.parse(badTarget.body)));
  const badEncoding = await rawRequest("/api/datastores/%E0%A4%A/uploads", { Authorization: `Bearer ${TOKEN}` });
  assert.equal(badEncoding.status, 400);
  assert.ok(isErrorBody(JSON.parse(badEncoding.body)));
  assert.equal((await t.call("GET", "/users/me")).status, 200);
});

test("413 for a body over the limit", async () => {
  const small = await startTestServer({ limits: { json: 100 } });
  try {
    const reply = await small.call("POST", `${DS}/uploads`, { raw: JSON.stringify({ name: "x".repeat(200) }) });
    assert.equal(reply.status, 413);
    assert.ok(isErrorBody(reply.body));
  } finally {
    await small.server.close();
  }
});

// The simulated identity service (Keycloak token endpoint): password, client_credentials and refresh_token grants,
// Keycloak's success and error bodies, tokens the API accepts for their user, expiry enforced.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { SECOND_DATASTORE_ID, SECOND_USER_ID, SIMULATED_USER_ID } from "../../../../src/mock/seed.ts";
import { assertError, harness, parseBody, request } from "../helpers.ts";
import type { Reply } from "../helpers.ts";

const TOKEN_URL = "https://sso.geopf.fr/realms/geoplateforme/protocol/openid-connect/token";
let h: ReturnType<typeof harness>;
before(() => {
  h = harness();
});
after(() => h.close());

// A form POST as the clients send it (URLSearchParams: application/x-www-form-urlencoded).
async function grant(fields: Record<string, string>, url = TOKEN_URL): Promise<Reply> {
  const response = await fetch(url, { method: "POST", body: new URLSearchParams(fields) });
  return { status: response.status, body: parseBody(await response.text()), headers: response.headers };
}
const payloadOf = (jwt: string): any => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8"));
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

test("password grant: Keycloak's token JSON; the access token's exp is readable; the API knows its user", async () => {
  const reply = await grant({ grant_type: "password", client_id: "gpf-warehouse", username: "anne", password: "anne" });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  const { access_token, expires_in, refresh_expires_in, refresh_token, token_type } = reply.body;
  assert.equal(token_type, "Bearer");
  assert.equal(expires_in, 300);
  assert.equal(refresh_expires_in, 1800);
  assert.equal(typeof refresh_token, "string");
  const payload = payloadOf(access_token);
  assert.equal(payload.exp - payload.iat, 300);
  assert.equal(payload.exp * 1000, h.clock.now + 300_000);
  assert.equal(payload.sub, SECOND_USER_ID);
  assert.equal(payload.preferred_username, "anne");
  const me = await h.call("GET", "/users/me", bearer(access_token));
  assert.equal(me.body._id, SECOND_USER_ID);
  assert.equal((await h.call("GET", `/datastores/${SECOND_DATASTORE_ID}`, bearer(access_token))).status, 200);
  // A one-time code is accepted (no simulated account has a second factor) when it looks like one.
  assert.equal((await grant({ grant_type: "password", client_id: "gpf-warehouse", username: "dave", password: "dave", totp: "123456" })).status, 200);
  assert.equal((await grant({ grant_type: "password", client_id: "gpf-warehouse", username: "dave.lopper@ign.fr", password: "dave" })).status, 200);
});

test("errors in Keycloak's form: bad credentials, client, grant, content type", async () => {
  const cases: [Record<string, string>, number, string, string][] = [
    [{ grant_type: "password", client_id: "gpf-warehouse", username: "anne", password: "faux" }, 401, "invalid_grant", "Invalid user credentials"],
    [{ grant_type: "password", client_id: "gpf-warehouse", username: "personne", password: "x" }, 401, "invalid_grant", "Invalid user credentials"],
    [{ grant_type: "password", client_id: "gpf-warehouse", username: "anne", password: "anne", totp: "12" }, 401, "invalid_grant", "Invalid user credentials"],
    [{ grant_type: "password", client_id: "inconnu", username: "anne", password: "anne" }, 401, "invalid_client", "Invalid client or Invalid client credentials"],
    [{ grant_type: "password", username: "anne", password: "anne" }, 401, "invalid_client", "Invalid client or Invalid client credentials"],
    [{ client_id: "gpf-warehouse" }, 400, "invalid_request", "Missing form parameter: grant_type"],
    [{ grant_type: "implicit", client_id: "gpf-warehouse" }, 400, "unsupported_grant_type", "Unsupported grant_type"],
    [{ grant_type: "client_credentials", client_id: "anne", client_secret: "faux" }, 401, "unauthorized_client", "Invalid client or Invalid client credentials"],
    [{ grant_type: "refresh_token", client_id: "gpf-warehouse", refresh_token: "a.b.c" }, 400, "invalid_grant", "Invalid refresh token"],
  ];
  for (const [fields, status, error, description] of cases) {
    const reply = await grant(fields);
    assert.equal(reply.status, status, JSON.stringify(fields));
    assert.deepEqual(reply.body, { error, error_description: description });
  }
  const json = await request("POST", TOKEN_URL, { json: { grant_type: "password" } });
  assert.equal(json.status, 400);
  assert.equal(json.body.error, "invalid_request");
  // The qualification realm answers too.
  assert.equal((await grant({ grant_type: "password", client_id: "gpf-warehouse", username: "dave", password: "dave" }, "https://sso-qua.priv.geopf.fr/realms/geoplateforme/protocol/openid-connect/token")).status, 200);
});

test("client_credentials: no refresh token; refresh_token renews; an expired access token is 401, an expired refresh token refused", async () => {
  const service = await grant({ grant_type: "client_credentials", client_id: "dave", client_secret: "dave" });
  assert.equal(service.status, 200);
  assert.equal(service.body.refresh_token, undefined);
  assert.equal(service.body.refresh_expires_in, 0);
  assert.equal((await h.call("GET", "/users/me", bearer(service.body.access_token))).body._id, SIMULATED_USER_ID);

  const first = (await grant({ grant_type: "password", client_id: "gpf-warehouse", username: "anne", password: "anne" })).body;
  h.tick(301_000);
  assertError(await h.call("GET", "/users/me", bearer(first.access_token)), 401, /expiré/);
  const other = await grant({ grant_type: "refresh_token", client_id: "qgis", refresh_token: first.refresh_token });
  assert.equal(other.status, 400);
  assert.match(other.body.error_description, /client/);
  const renewed = await grant({ grant_type: "refresh_token", client_id: "gpf-warehouse", refresh_token: first.refresh_token });
  assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
  assert.equal(renewed.body.session_state, first.session_state);
  assert.equal((await h.call("GET", "/users/me", bearer(renewed.body.access_token))).body._id, SECOND_USER_ID);
  h.tick(1_800_000);
  assert.deepEqual((await grant({ grant_type: "refresh_token", client_id: "gpf-warehouse", refresh_token: renewed.body.refresh_token })).body, { error: "invalid_grant", error_description: "Token is not active" });
  // A forged token (another signature) is no token of the service: without tokens configured, the default user.
  const fresh = (await grant({ grant_type: "password", client_id: "gpf-warehouse", username: "anne", password: "anne" })).body.access_token as string;
  const forged = `${fresh.split(".").slice(0, 2).join(".")}.AAAA`;
  assert.equal((await h.call("GET", "/users/me", bearer(forged))).body._id, SIMULATED_USER_ID);
});

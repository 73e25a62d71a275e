// The part of the shapes test's flow that calls the permission, key and access routes (each answer checked by the
// caller's request wrapper): a configuration published on its private endpoint, a permission, keys, an access.
import assert from "node:assert/strict";
import { ENDPOINTS, SIMULATED_USER_ID } from "../../../src/mock/seed.ts";
import { DS } from "./helpers.ts";
import type { Reply } from "./helpers.ts";
import type { Caller } from "./shapes-extras.ts";

const ok = (reply: Reply, status = 200): Reply => (assert.equal(reply.status, status, JSON.stringify(reply.body)), reply);

/** Permissions, keys, accesses and the offering PATCH, on a private offering of `configuration`; everything removed at the end. */
export async function access({ call }: Caller, configuration: string, tick: (ms: number) => void): Promise<void> {
  const type = ok(await call("GET", `${DS}/configurations/${configuration}`)).body.type as string;
  const endpoint = ENDPOINTS.find((candidate) => candidate.type === type && !candidate.open)!._id;
  const offering = ok(await call("POST", `${DS}/configurations/${configuration}/offerings`, { json: { endpoint, open: false } })).body._id as string;
  tick(2000);
  ok(await call("PATCH", `${DS}/offerings/${offering}`, { json: { available: true } }));
  const permission = ok(await call("POST", `${DS}/permissions`, { json: { licence: "Accès restreint", end_date: "2030-01-01T00:00:00Z", offerings: [offering], users: [SIMULATED_USER_ID] } })).body[0]._id as string;
  ok(await call("GET", `${DS}/permissions`));
  ok(await call("GET", `${DS}/permissions/${permission}`));
  ok(await call("PATCH", `${DS}/permissions/${permission}`, { json: { licence: "Accès restreint (2)" } }));
  ok(await call("GET", "/users/me/permissions"));
  ok(await call("GET", `/users/me/permissions/${permission}`));
  const key = ok(await call("POST", "/users/me/keys", { json: { name: "Ma clé", type: "BASIC", type_infos: { login: "moi", password: "secret" } } })).body._id as string;
  ok(await call("GET", "/users/me/keys"));
  ok(await call("GET", `/users/me/keys/${key}`));
  ok(await call("PATCH", `/users/me/keys/${key}`, { json: { name: "Ma clé BASIC" } }));
  ok(await call("POST", `/users/me/keys/${key}/accesses`, { json: { permission, offerings: [offering] } }), 204);
  const accessId = ok(await call("GET", `/users/me/keys/${key}/accesses`)).body[0]._id as string;
  ok(await call("DELETE", `/users/me/keys/${key}/accesses/${accessId}`), 204);
  ok(await call("DELETE", `/users/me/keys/${key}`), 204);
  ok(await call("DELETE", `/users/me/permissions/${permission}`), 204);
  const other = ok(await call("POST", `${DS}/permissions`, { json: { licence: "Autre", offerings: [offering], users: [SIMULATED_USER_ID] } })).body[0]._id as string;
  ok(await call("DELETE", `${DS}/permissions/${other}`), 204);
  ok(await call("DELETE", `${DS}/offerings/${offering}`), 204);
}

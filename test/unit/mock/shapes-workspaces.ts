// The part of the shapes test's flow that calls the workspaces routes: community, members, organization.
import assert from "node:assert/strict";
import { SECOND_USER_ID, SIMULATED_COMMUNITY_ID } from "../../../src/mock/seed.ts";
import { SIMULATED_ORGANIZATION_ID } from "../../../src/mock/resources/communities/records.ts";
import type { Caller } from "./shapes-extras.ts";
import type { Reply } from "./helpers.ts";

const ok = (reply: Reply, status = 200): Reply => (assert.equal(reply.status, status, JSON.stringify(reply.body)), reply);

/** Community read and edit, a member added, changed, listed, removed; the organization's routes. */
export async function workspaces({ call }: Caller): Promise<void> {
  const community = `/communities/${SIMULATED_COMMUNITY_ID}`;
  ok(await call("GET", community));
  ok(await call("GET", "/catalogs/communities"));
  ok(await call("PATCH", community, { json: { description: "Communauté des tutoriels" } }));
  ok(await call("PUT", `${community}/users/${SECOND_USER_ID}`, { json: { rights: ["UPLOAD"] } }));
  ok(await call("GET", `${community}/users`));
  ok(await call("DELETE", `${community}/users/${SECOND_USER_ID}`), 204);
  const organization = `/organizations/${SIMULATED_ORGANIZATION_ID}`;
  ok(await call("GET", organization));
  ok(await call("PUT", `${organization}/users/${SECOND_USER_ID}`), 204);
  ok(await call("GET", `${organization}/users`));
  ok(await call("DELETE", `${organization}/users/${SECOND_USER_ID}`), 204);
  ok(await call("GET", `${organization}/communities`));
  // The entities of its communities' datastores (the flow has published some by now): items checked by the caller.
  for (const part of ["uploads", "stored_data", "configurations", "offerings"]) {
    assert.ok(ok(await call("GET", `${organization}/${part}`)).body.length > 0, `${part} of the organization`);
  }
}

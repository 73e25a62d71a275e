// `npm run datastore` (scripts/datastore.ts) as a reader starts it: DATASTORE_TOKEN_LIFETIME sets the lifetime of
// the simulated identity service's tokens (a bad value is refused in French), and the start lines name the simulated
// services served beside the API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnDatastore } from "../../../scripts/spawn-datastore.ts";
import { tempDir } from "./helpers.ts";

const TOKEN = "jeton-de-la-ligne-de-commande";

test("DATASTORE_TOKEN_LIFETIME: tokens of that lifetime, and the start lines name the simulated services", async () => {
  const child = await spawnDatastore(tempDir(), TOKEN, { DATASTORE_TOKEN_LIFETIME: "7" });
  try {
    const origin = new URL(child.url).origin;
    assert.match(child.output(), /Services simulés +: diffusion .* authentification \(jetons de 7 s ; DATASTORE_TOKEN_LIFETIME\)/);
    assert.ok(child.output().includes(`export GeoNature ${origin}/geonature/api`), child.output());
    assert.ok(child.output().includes(`dépôt Theia/OZCAR ${origin}/data`), child.output());
    const response = await fetch(`${origin}/realms/geoplateforme/protocol/openid-connect/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "password", client_id: "gpf-warehouse", username: "dave", password: TOKEN }),
    });
    const body = (await response.json()) as { expires_in: number };
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.expires_in, 7);
  } finally {
    await child.kill("SIGTERM");
  }
});

test("a DATASTORE_TOKEN_LIFETIME that is not a whole number of seconds is refused, in French", async () => {
  for (const value of ["abc", "0", "2.5"]) {
    await assert.rejects(spawnDatastore(tempDir(), TOKEN, { DATASTORE_TOKEN_LIFETIME: value }), (error: Error & { output?: string }) => {
      assert.match(error.output ?? "", /DATASTORE_TOKEN_LIFETIME invalide : .*un nombre entier de secondes/);
      return true;
    });
  }
});

// Tags, comments and events on the local server (npm run datastore): the requests of the SDK's upload -f, kept in
// SQLite across a restart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DS, startTestServer } from "./helpers.ts";

test("upload -f against the local server: tags and comments kept across a restart; DELETE tags[]=…", async () => {
  const first = await startTestServer();
  const infos = { description: "Jeu d'exemple vecteur", name: "EXAMPLE_DATASET_VECTOR", srs: "EPSG:2154", type: "VECTOR" };
  const comment = "Ceci est un jeu de données d'exemple contenant des données vecteur";
  let upload = "";
  try {
    const created = await first.call("POST", `${DS}/uploads`, { json: infos });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    upload = created.body._id as string;
    assert.equal((await first.call("POST", `${DS}/uploads/${upload}/tags`, { json: { tuto: "oui" } })).status, 200);
    assert.deepEqual((await first.call("GET", `${DS}/uploads/${upload}/comments`)).body, []);
    assert.equal((await first.call("POST", `${DS}/uploads/${upload}/comments`, { json: { text: comment } })).status, 200);
  } finally {
    await first.server.close();
  }
  const again = await startTestServer({ dir: first.dir });
  try {
    assert.deepEqual((await again.call("GET", `${DS}/uploads/${upload}/comments`)).body.map((item: { text: string }) => item.text), [comment]);
    assert.deepEqual((await again.call("GET", `${DS}/uploads/${upload}`)).body.tags, { tuto: "oui" });
    assert.deepEqual((await again.call("GET", `${DS}/uploads/${upload}/events`)).body.map((event: { title: string }) => event.title), ["Création"]);
    assert.equal((await again.call("DELETE", `${DS}/uploads/${upload}/tags?tags%5B%5D=tuto`)).status, 200);
    assert.deepEqual((await again.call("GET", `${DS}/uploads/${upload}`)).body.tags, {});
    const wrong = await again.call("PATCH", `${DS}/uploads/${upload}/comments`, { json: { text: "x" } });
    assert.equal(wrong.status, 405);
    assert.match(wrong.headers.get("allow") ?? "", /GET.*POST|POST.*GET/);
  } finally {
    await again.server.close();
  }
});

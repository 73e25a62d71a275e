// The TMS vector tiles over real HTTP, from the local datastore server (npm run datastore): after the vector
// tutorial's flow, metadata.json gives the tile URL on the server's own origin, and a tile fetched from that
// URL by a page of another origin decodes to the composition's layers.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { SITE, startTestServer } from "../../server/helpers.ts";
import type { TestServer } from "../../server/helpers.ts";
import { decodeTile, fetchTile, layerFeatures, publishVectorPyramid, tileOf } from "./vector-tiles-helpers.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer();
  await publishVectorPyramid(t.call, (ms) => {
    t.clock.now += ms;
  });
});
after(() => t.server.close());

test("local server: metadata.json's tile URL on the server's origin serves decodable vector tiles", async () => {
  const metadata = await fetchTile(`${t.server.origin}/tms/1.0.0/monde_tuiles/metadata.json`, { Origin: SITE });
  assert.equal(metadata.status, 200, metadata.text);
  const tiles = JSON.parse(metadata.text).tiles as string[];
  assert.deepEqual(tiles, [`${t.server.origin}/tms/1.0.0/monde_tuiles/{z}/{x}/{y}.pbf`]);
  const { x, y } = tileOf(13.4, 52.52, 6);
  const tile = await fetchTile(tiles[0]!.replace("{z}", "6").replace("{x}", String(x)).replace("{y}", String(y)), { Origin: SITE });
  assert.equal(tile.status, 200, tile.text);
  assert.equal(tile.type, "application/x-protobuf");
  assert.ok(tile.cors === "*" || tile.cors === SITE, `CORS header: ${tile.cors}`);
  const decoded = decodeTile(tile.bytes);
  assert.deepEqual(Object.keys(decoded.layers), ["pays", "ecoregions", "villes"]);
  assert.ok(layerFeatures(decoded, "villes").some((feature) => feature.properties.nom === "Berlin"));
  assert.ok(layerFeatures(decoded, "pays").some((feature) => feature.properties.code_iso === "DEU"));
  const missing = await fetchTile(`${t.server.origin}/tms/1.0.0/monde_tuiles/9/0/0.pbf`);
  assert.equal(missing.status, 404);
  assert.match(missing.text, /<TileMapServerError>/);
});

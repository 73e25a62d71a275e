// The VECTOR-TMS service over real HTTP, from the local datastore server (npm run datastore, Hono): after the
// vector tutorial's integration in base and a VECTOR-TMS publication, index.json and the layer's JSON give their
// links on the server's own origin, and a tile fetched from that template by a page of another origin decodes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { SITE, startTestServer } from "../../server/helpers.ts";
import type { TestServer } from "../../server/helpers.ts";
import { decodeTile, fetchTile, layerFeatures, tileOf } from "./vector-tiles-helpers.ts";
import { integrateVectorData, publishVectorTms } from "./vector-tms-helpers.ts";

let t: TestServer;
const tick = (ms: number): void => {
  t.clock.now += ms;
};
before(async () => {
  t = await startTestServer();
  await publishVectorTms({ call: t.call, tick }, await integrateVectorData({ call: t.call, tick }));
  tick(2000);
});
after(() => t.server.close());

test("local server: VECTOR-TMS index.json, layer JSON and tiles on the server's origin, filter applied", async () => {
  const root = `${t.server.origin}/vector-tms/1.0.0`;
  const index = await fetchTile(`${root}/index.json`, { Origin: SITE });
  assert.equal(index.status, 200, index.text);
  const detail = JSON.parse(index.text)["pays_ecoregions.regions_ecologiques"].detailurl as string;
  assert.equal(detail, `${root}/pays_ecoregions.regions_ecologiques.json`);
  const layer = await fetchTile(detail, { Origin: SITE });
  assert.equal(layer.status, 200, layer.text);
  const template = (JSON.parse(layer.text).tiles as string[])[0]!;
  assert.equal(template, `${root}/pays_ecoregions.regions_ecologiques/{z}/{x}/{y}.pbf`);
  const { x, y } = tileOf(-100, 60, 2);
  const tile = await fetchTile(`${template.replace("{z}", "2").replace("{x}", String(x)).replace("{y}", String(y))}?filter=${encodeURIComponent("royaume='Néarctique'")}&properties=nom_ecoregion,royaume`, { Origin: SITE });
  assert.equal(tile.status, 200, tile.text);
  assert.equal(tile.type, "application/x-protobuf");
  assert.ok(tile.cors === "*" || tile.cors === SITE, `CORS header: ${tile.cors}`);
  const features = layerFeatures(decodeTile(tile.bytes), "regions_ecologiques");
  assert.deepEqual(features.map((feature) => ({ ...feature.properties })).sort((a, b) => String(a.nom_ecoregion).localeCompare(String(b.nom_ecoregion))),
    [{ nom_ecoregion: "Forêt boréale du Bouclier", royaume: "Néarctique" }, { nom_ecoregion: "Toundra du Grand Nord", royaume: "Néarctique" }]);
  const bad = await fetchTile(`${root}/pays_ecoregions.regions_ecologiques/2/9/0.pbf`);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /hors de la grille/);
});

// The simulated GeoNature Export API through MSW: public and private exports, tokens (401/403), unknown export
// (404), paging with limit and offset (a page number), the GeoJSON, JSON and CSV answers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createNodeDatastore } from "../../../../src/mock/node.ts";
import { EXPORT_TOKENS, GEONATURE_API, OBSERVATION_COUNT, TUTORIAL_TOKEN } from "../../../../src/mock/geonature/records.ts";

const { server } = createNodeDatastore();
before(() => server.listen({ onUnhandledRequest: "error" }));
after(() => server.close());

const OTHER_TOKEN = Object.keys(EXPORT_TOKENS).find((token) => !EXPORT_TOKENS[token]!.includes(1))!;
const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${GEONATURE_API}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type") ?? "", text, body: /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : undefined };
};

test("a private export needs its token: 401 without or with an unknown one, 403 with another export's, 404 for an unknown export", async () => {
  const none = await get("/exports/api/1");
  assert.equal(none.status, 401);
  assert.equal(none.body.code, 401);
  assert.match(none.body.description, /privé/);
  assert.equal((await get("/exports/api/1/pas-un-jeton")).status, 401);
  const forbidden = await get(`/exports/api/1/${OTHER_TOKEN}`);
  assert.equal(forbidden.status, 403);
  assert.match(forbidden.body.description, /ne donne pas accès à l'export 1/);
  const unknown = await get(`/exports/api/42/${TUTORIAL_TOKEN}`);
  assert.equal(unknown.status, 404);
  assert.match(unknown.body.description, /42/);
  assert.equal((await fetch(`${GEONATURE_API}/exports/api/1`, { method: "DELETE" })).status, 405);
});

test("the token opens the export in the path, as ?token= or as a bearer token; a public export opens without one", async () => {
  for (const reply of [await get(`/exports/api/1/${TUTORIAL_TOKEN}`), await get(`/exports/api/1?token=${TUTORIAL_TOKEN}`), await get("/exports/api/1", { Authorization: `Bearer ${TUTORIAL_TOKEN}` })]) {
    assert.equal(reply.status, 200);
    assert.equal(reply.body.total, OBSERVATION_COUNT);
    assert.equal(reply.body.license.name, "Licence fermée SINP");
  }
  const open = await get("/exports/api/5");
  assert.equal(open.status, 200);
  assert.ok(open.body.total > 100 && open.body.total < OBSERVATION_COUNT, "the public export leaves the non-diffusable observations out");
  assert.match(open.body.license.name, /Licence Ouverte/);
});

test("pages: limit (at most 1000) and offset, a page number; the pages cover the export once", async () => {
  const ids = new Set<number>();
  for (let page = 0; page < 4; page++) {
    const reply = await get(`/exports/api/1/${TUTORIAL_TOKEN}?limit=100&offset=${page}`);
    assert.equal(reply.body.page, page);
    assert.equal(reply.body.limit, 100);
    assert.equal(reply.body.items.type, "FeatureCollection");
    for (const feature of reply.body.items.features) ids.add(feature.properties.id_synthese);
    assert.equal(reply.body.items.features.length, page < 3 ? 100 : OBSERVATION_COUNT - 300);
  }
  assert.equal(ids.size, OBSERVATION_COUNT);
  const capped = await get(`/exports/api/1/${TUTORIAL_TOKEN}?limit=5000`);
  assert.equal(capped.body.limit, 1000);
  assert.equal((await get(`/exports/api/1/${TUTORIAL_TOKEN}?offset=-1`)).status, 400);
});

test("an observation carries the SINP synthesis columns and a WGS84 point in France", async () => {
  const reply = await get(`/exports/api/1/${TUTORIAL_TOKEN}?limit=1`);
  const [feature] = reply.body.items.features;
  for (const column of ["cd_nom", "nom_valide", "nom_vernaculaire", "date_debut", "observateurs", "uuid_perm_sinp"]) assert.ok(column in feature.properties, column);
  const [lon, lat] = feature.geometry.coordinates;
  assert.ok(lon > -5.5 && lon < 8.5 && lat > 42 && lat < 51.2, `${lon} ${lat}`);
  // Always the same observations.
  assert.deepEqual((await get(`/exports/api/1/${TUTORIAL_TOKEN}?limit=1`)).body.items, reply.body.items);
  const filtered = await get(`/exports/api/1/${TUTORIAL_TOKEN}?cd_nom=${feature.properties.cd_nom}`);
  assert.ok(filtered.body.total_filtered < filtered.body.total);
  assert.ok(filtered.body.items.features.every((item: { properties: { cd_nom: number } }) => item.properties.cd_nom === feature.properties.cd_nom));
});

test("JSON rows with the geometry as WKT, and CSV with a geom_wkt column; an unknown format is a 400", async () => {
  const rows = await get(`/exports/api/1/${TUTORIAL_TOKEN}?limit=2&format=json`);
  assert.equal(rows.body.items.length, 2);
  assert.match(rows.body.items[0].geom_wkt, /^POINT\(-?\d+\.\d+ \d+\.\d+\)$/);
  const csv = await get(`/exports/api/1/${TUTORIAL_TOKEN}?limit=3&format=csv`);
  assert.match(csv.type, /^text\/csv/);
  const lines = csv.text.trim().split("\r\n");
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, /^id_synthese;.*;geom_wkt$/);
  assert.match((await get(`/exports/api/1/${TUTORIAL_TOKEN}?format=shp`)).body.description, /Format « shp » inconnu/);
});

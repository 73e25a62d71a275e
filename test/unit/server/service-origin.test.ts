// The local server's answers name its own origin for the diffusion services (offerings' urls, endpoints), which it
// serves: an offering's URL fetched from the same server answers. The API base stays as written.
import { test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { withServiceOrigin } from "../../../src/mock/node/service-origin.ts";
import { DS, startTestServer } from "./helpers.ts";

test("withServiceOrigin rewrites the services' URLs at the start of JSON strings, never the API's", () => {
  const text = JSON.stringify({
    urls: [{ type: "WFS", url: "https://data.geopf.fr/wfs?service=WFS" }, { url: "https://data.geopf.fr/private/wms-v/" }],
    api: "https://data.geopf.fr/api/datastores", root: "https://data.geopf.fr/api", other: "voir https://data.geopf.fr/wfs", host: "https://data.geopf.fr.example/x",
  });
  const rewritten = JSON.parse(withServiceOrigin(text, "http://localhost:3000"));
  assert.deepEqual(rewritten.urls.map((item: { url: string }) => item.url), ["http://localhost:3000/wfs?service=WFS", "http://localhost:3000/private/wms-v/"]);
  assert.equal(rewritten.api, "https://data.geopf.fr/api/datastores");
  assert.equal(rewritten.root, "https://data.geopf.fr/api");
  assert.equal(rewritten.other, "voir https://data.geopf.fr/wfs");
  assert.equal(rewritten.host, "https://data.geopf.fr.example/x");
});

test("a DOWNLOAD offering of the local server names the server's origin, and its URL answers there", async () => {
  const t = await startTestServer();
  try {
    const upload = (await t.call("POST", `${DS}/uploads`, { json: { name: "Limites", description: "Essai", srs: "EPSG:2154", type: "ARCHIVE" } })).body._id;
    const form = new FormData();
    form.append("file", new Blob(["insee;nom\n2A004;Ajaccio\n"]), "limites.csv");
    assert.equal((await t.call("POST", `${DS}/uploads/${upload}/data?path=data/limites.csv`, { form })).status, 204);
    assert.equal((await t.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
    t.clock.now += 10_000;
    const execution = (await t.call("POST", `${DS}/processings/executions`, { json: { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "Limites" } } } })).body;
    assert.equal((await t.call("POST", `${DS}/processings/executions/${execution._id}/launch`)).status, 204);
    t.clock.now += 10_000;
    const configuration = (await t.call("POST", `${DS}/configurations`, {
      json: { type: "DOWNLOAD", name: "Limites", layer_name: "limites_locales", type_infos: { title: { fr: "Limites" }, abstract: { fr: "Limites" }, used_data: [{ sub_name: "csv", title: { fr: "CSV" }, format: "CSV", zone: "FXX", stored_data: execution.output.stored_data._id }] } },
    })).body._id;
    const created = await t.call("POST", `${DS}/configurations/${configuration}/offerings`, { json: { endpoint: ids.endpoints.open.download, open: true } });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    t.clock.now += 10_000;
    const offering = await t.call("GET", `${DS}/offerings/${created.body._id}`);
    const url = offering.body.urls[0].url as string;
    assert.equal(url, `${t.server.origin}/telechargement/resource/limites_locales`);
    const served = await fetch(url);
    assert.equal(served.status, 200, await served.clone().text());
    assert.match(await served.text(), /limites/i);
    // The datastore's endpoints too; the request's host is the one named.
    const endpoints = await t.call("GET", DS);
    assert.ok(JSON.stringify(endpoints.body).includes(`"${t.server.origin}/wfs/`), JSON.stringify(endpoints.body).slice(0, 400));
    assert.ok(!JSON.stringify(endpoints.body).includes('"https://data.geopf.fr/wfs'));
    const viaLocalhost = await fetch(`http://localhost:${t.server.port}/api${DS}/offerings/${created.body._id}`, { headers: { Authorization: "Bearer jeton-de-test" } });
    assert.equal(((await viaLocalhost.json()) as { urls: { url: string }[] }).urls[0]!.url, `http://localhost:${t.server.port}/telechargement/resource/limites_locales`);
  } finally {
    await t.server.close();
  }
});

test("a configured public origin is named instead of the request's", async () => {
  const t = await startTestServer({ publicOrigin: "https://entrepot.formation.example" });
  try {
    const endpoints = await t.call("GET", DS);
    assert.ok(JSON.stringify(endpoints.body).includes('"https://entrepot.formation.example/wfs/'));
  } finally {
    await t.server.close();
  }
});

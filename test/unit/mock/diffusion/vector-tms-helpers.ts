// What the VECTOR-TMS tests share: the vector tutorial's delivery and integration in base (monde.gpkg and
// villes.csv → VECTOR-DB), then a VECTOR-TMS configuration `pays_ecoregions` (the eco-regions under the public
// name of IGN's tutorial, the countries under their table's name) published on the open VECTOR-TMS endpoint.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { bytesForm, DS } from "../helpers.ts";
import type { Reply, Send } from "../helpers.ts";

const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../../public/samples/vecteur/${name}`, import.meta.url)));

/** An API caller (MSW harness or local server) and its fake clock. */
export interface Caller {
  call: (method: string, path: string, send?: Send) => Promise<Reply>;
  tick: (ms: number) => void;
}

/** The upload of the vector tutorial integrated in base; returns the VECTOR-DB's id. */
export async function integrateVectorData({ call, tick }: Caller): Promise<string> {
  const created = await call("POST", `${DS}/uploads`, { json: { name: "Données mondiales", description: "Pays, écorégions et villes", type: "VECTOR", srs: "EPSG:4326" } });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const upload = created.body._id as string;
  for (const [path, name] of [["data/monde.gpkg", "monde.gpkg"], ["data/villes.csv", "villes.csv"]] as const) {
    assert.equal((await call("POST", `${DS}/uploads/${upload}/data?path=${encodeURIComponent(path)}`, { form: bytesForm(sample(name), name) })).status, 204);
  }
  assert.equal((await call("POST", `${DS}/uploads/${upload}/md5`, { form: bytesForm(sample("monde.md5"), "monde.md5") })).status, 204);
  assert.equal((await call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  tick(10_000);
  const execution = await call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "Pays, écorégions et villes", storage_tags: ["VECTEUR"] } }, parameters: { srs: "EPSG:3857" } },
  });
  assert.equal(execution.status, 200, JSON.stringify(execution.body));
  assert.equal((await call("POST", `${DS}/processings/executions/${execution.body._id}/launch`)).status, 204);
  tick(5000);
  const done = await call("GET", `${DS}/processings/executions/${execution.body._id}`);
  assert.equal(done.body.status, "SUCCESS", JSON.stringify(done.body));
  return done.body.output.stored_data._id as string;
}

/** The VECTOR-TMS configuration body of the tests over a VECTOR-DB. */
export const vectorTmsConfiguration = (storedData: string, layerName = "pays_ecoregions"): Record<string, unknown> => ({
  type: "VECTOR-TMS", name: "Pays et écorégions en tuiles calculées", layer_name: layerName,
  type_infos: {
    used_data: [{
      stored_data: storedData,
      relations: [{ native_name: "ecoregions", public_name: "regions_ecologiques", abstract: "Écorégions terrestres" }, { native_name: "pays" }],
    }],
  },
});

/** Creates the configuration and publishes it on the open VECTOR-TMS endpoint; returns the offering as POST answers it. */
export async function publishVectorTms({ call }: Caller, storedData: string): Promise<Reply> {
  const configuration = await call("POST", `${DS}/configurations`, { json: vectorTmsConfiguration(storedData) });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  const offering = await call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.tmsv, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  return offering;
}

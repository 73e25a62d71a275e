// The headless replay's side of the flows tutorials: the files their page components produce (observations.geojson
// and its .md5 from the GeoNature export, the Theia deposit archive) made in Node by the shared flow code, read from
// the local server that plays the outside servers; the expired-token step, the outside servers' requests, and the
// variables a real run asks for.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import flux from "../../../_data/flux.json" with { type: "json" };
import { OBSERVATION_COUNT } from "../../../src/mock/geonature/records.ts";
import type { BlockSpec, SampleFile } from "../../../src/shared/block-contract.ts";
import { pageFileNeeds, pageFiles } from "../../../src/shared/export/page-files.ts";
import { outsideUrl, requestInit, tokenExpiry } from "../../../src/shared/export/replay.ts";
import { requestsOf } from "../../../src/shared/export/model.ts";
import { missingInputs, missingInputsMessage, OUTSIDE_ORIGINS, SIMULATED_FLOW_VALUES, startLocalDatastore } from "../../../scripts/tutorial-run.ts";
import { loadParcours } from "../../../src/build/parcours-build.ts";

const page = (name: string): SampleFile => ({ name, href: "", size: 0, source: "page" });
let local: Awaited<ReturnType<typeof startLocalDatastore>>;
const sent: string[] = [];
let mapped: typeof fetch;
before(async () => {
  local = await startLocalDatastore();
  const outside = Object.fromEntries(OUTSIDE_ORIGINS.map((origin) => [origin, local.server.origin]));
  mapped = (input, init) => {
    sent.push(String(input));
    return fetch(outsideUrl(String(input), outside), init);
  };
});
after(() => local.close());

test("observations.geojson and its .md5: every page of the export read once, the licence on each observation, the md5 of the file sent", async () => {
  const produce = pageFiles(mapped);
  const geojson = await produce(page("observations.geojson"), SIMULATED_FLOW_VALUES);
  const md5 = await produce(page("observations.md5"), SIMULATED_FLOW_VALUES);
  assert.deepEqual(sent, [0, 1, 2, 3].map((offset) => `https://${flux.geonature_host}${flux.geonature_path}/exports/api/1/${flux.simulated.geonature_token}?limit=100&offset=${offset}`));
  const collection = JSON.parse(new TextDecoder().decode(geojson)) as { type: string; features: { properties: Record<string, unknown> }[] };
  assert.equal(collection.type, "FeatureCollection");
  assert.equal(collection.features.length, OBSERVATION_COUNT);
  assert.ok(collection.features.every((feature) => feature.properties["licence"] === "Licence fermée SINP"));
  assert.equal(new TextDecoder().decode(md5), `${createHash("md5").update(geojson).digest("hex")}  data/observations.geojson\n`);
});

test("depot_theia.zip: the producer's pivot JSON and one zip per dataset; a bad producer, a missing variable or an unknown file are said in French", async () => {
  const produce = pageFiles(mapped);
  const entries = unzipSync(await produce(page("depot_theia.zip"), { "producteur theia": "msec" }));
  assert.deepEqual(Object.keys(entries).sort(), ["MSEC_DAT_1.zip", "MSEC_DAT_2.zip", "MSEC_en.json"]);
  assert.equal((JSON.parse(new TextDecoder().decode(entries["MSEC_en.json"])) as { producer: { producerId: string } }).producer.producerId, "MSEC");
  await assert.rejects(produce(page("depot_theia.zip"), { "producteur theia": "TROPLONG" }), /quatre lettres/);
  await assert.rejects(produce(page("observations.geojson"), { "export geonature": "1" }), /variable\(s\) sans valeur : \{instance geonature\}/);
  await assert.rejects(produce(page("inconnu.csv"), {}), /aucun composant de page connu ne produit « inconnu\.csv »/);
  // The instance's refusal, as the page says it.
  await assert.rejects(pageFiles(mapped)(page("observations.md5"), { ...SIMULATED_FLOW_VALUES, "jeton geonature": "faux" }), /HTTP 401.*Jeton inconnu/);
  assert.deepEqual(pageFileNeeds("depot_theia.zip"), ["producteur theia"]);
});

test("the expired-token step: its exp read from the JWT of its own Authorization header; the reader's token and other refusals do not wait", () => {
  const jwt = (exp: number) => `e30.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.sig`;
  const block = { example: JSON.stringify({ error: "Unauthorized", error_description: ["Jeton d'accès expiré : …"] }), headers: [{ name: "Authorization", value: "Bearer {access token}" }] } as Pick<BlockSpec, "example" | "headers">;
  assert.equal(tokenExpiry(block, { "access token": jwt(1_900_000_000) }), 1_900_000_000_000);
  assert.equal(tokenExpiry(block, { "access token": "pas-un-jwt" }), undefined);
  assert.equal(tokenExpiry({ ...block, headers: [] }, { "access token": jwt(1) }), undefined);
  assert.equal(tokenExpiry({ ...block, example: JSON.stringify({ error: "invalid_grant", error_description: "Invalid user credentials" }) }, { "access token": jwt(1) }), undefined);
});

test("requests to an outside server carry its own credentials, never the reader's token; a real run names the variables it needs", async () => {
  const all = await loadParcours();
  const theia = all.find((entry) => entry.tutorial === "depot-theia")!;
  const put = requestsOf(theia).find((request) => request.block.method === "PUT")!;
  const init = await requestInit(put, SIMULATED_FLOW_VALUES, { tokens: { dave: "jeton-du-lecteur" }, readFile: async () => new Uint8Array() }, new Uint8Array([1]));
  assert.deepEqual(Object.entries(init.headers as Record<string, string>).filter(([name]) => name.toLowerCase() === "authorization"), [["Authorization", `Basic ${SIMULATED_FLOW_VALUES["identifiants theia"]}`]]);
  const geonature = all.find((entry) => entry.tutorial === "flux-geonature")!;
  const read = await requestInit(requestsOf(geonature)[0]!, SIMULATED_FLOW_VALUES, { tokens: { dave: "jeton-du-lecteur" }, readFile: async () => new Uint8Array() });
  assert.equal((read.headers as Record<string, string>)["Authorization"], undefined);
  assert.deepEqual(missingInputs(geonature, { datastore: "d", values: { "instance geonature": "geonature.parc.fr" } }), ["export geonature", "jeton geonature"]);
  assert.match(missingInputsMessage("flux-geonature", ["export geonature"]), /--var "export geonature=…"/);
});

test("npm run tutorial against a real base: the flows tutorial's missing variables named in French before anything is sent", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/tutorial.ts", "flux-geonature", "--base", "https://entrepot.invalid/api", "--token", "t", "--var", "instance geonature=geonature.parc.fr"], { encoding: "utf8" });
  assert.equal(run.status, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /le tutoriel « flux-geonature » a besoin de ces variables/);
  assert.match(run.stderr, /\{export geonature\} : --var "export geonature=…"\n.*\{jeton geonature\}.*\n.*\{datastore\} : --datastore ID/);
  assert.doesNotMatch(run.stderr, /instance geonature/);
  assert.equal(run.stdout, "");
});

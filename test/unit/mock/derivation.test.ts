// db_to_db (derivation) through the MSW handlers: a DERIVATION-SQL static (used_variables), an execution on the
// vector tutorial's VECTOR-DB that adds a column and computes it, visible in the stored data's relations and,
// after the offering's synchronisation, in WFS GetFeature; a new output derived from an input schema; each 4xx
// of the creation; SQL that does not run ends in FAILURE with the problem in the logs.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { PAYS } from "../../../src/mock/samples/monde.ts";
import { assertError, bytesForm, createTypedUpload, DS, fetchText, harness, runExecution, sendBytes } from "./helpers.ts";

const h = harness();
after(() => h.close());

const vecteur = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/vecteur/${name}`, import.meta.url)));
const derivation = new Uint8Array(readFileSync(new URL("../../../public/samples/mise-a-jour/derivation.sql", import.meta.url)));

async function staticFile(bytes: Uint8Array | string, type: string, name: string) {
  return h.call("POST", `${DS}/statics`, { form: bytesForm(bytes, "derivation.sql", { type, name }) });
}

// The vector tutorial's data, integrated, and published in WFS; returns the stored data and offering ids.
let published = 0;
async function mondeInWfs(): Promise<{ db: string; offering: string }> {
  const layer = `derivation_wfs${published++ || ""}`;
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Données mondiales");
  await sendBytes(h, upload, [["data/monde.gpkg", vecteur("monde.gpkg")], ["data/villes.csv", vecteur("villes.csv")]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  h.tick(10_000);
  const execution = await runExecution(h, { processing: ids.processings.vector_to_db, inputs: { upload: [upload] }, output: { stored_data: { name: "Pays et éco-régions", storage_tags: ["VECTEUR"] } } });
  const db = execution.body.output.stored_data._id as string;
  const wfs = await h.call("POST", `${DS}/configurations`, { json: { type: "WFS", name: "Pays", layer_name: layer, type_infos: { used_data: [{ stored_data: db, relations: [{ native_name: "pays", title: "Pays", abstract: "Pays" }] }] } } });
  assert.equal(wfs.status, 200, JSON.stringify(wfs.body));
  const offering = await h.call("POST", `${DS}/configurations/${wfs.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wfs, open: true } });
  h.tick(5000);
  return { db, offering: offering.body._id };
}

async function paysFeatures(): Promise<{ properties: Record<string, unknown> }[]> {
  const reply = await fetchText("https://data.geopf.fr/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=derivation_wfs:pays&OUTPUTFORMAT=application/json");
  assert.equal(reply.status, 200, reply.text);
  return JSON.parse(reply.text).features;
}

test("derivation: a column added and computed in place, then served after the offering's synchronisation", async () => {
  const { db, offering } = await mondeInWfs();
  const sql = await staticFile(derivation, "DERIVATION-SQL", "Ajout d'une colonne calculée");
  assert.equal(sql.status, 200, JSON.stringify(sql.body));
  assert.deepEqual(sql.body.type_infos, { used_variables: ["params.multiply"] });
  const body = { processing: ids.processings.db_to_db, inputs: { stored_data: [db] }, output: { stored_data: { id: db } }, parameters: { derivations: [sql.body._id], params: { multiply: "3" } } };
  const created = await h.call("POST", `${DS}/processings/executions`, { json: body });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.body.output.stored_data.status, "MODIFYING");
  assert.deepEqual(created.body.parameters, body.parameters);
  assert.equal((await h.call("POST", `${DS}/processings/executions/${created.body._id}/launch`)).status, 204);
  h.tick(5000);
  const done = await h.call("GET", `${DS}/processings/executions/${created.body._id}`);
  assert.equal(done.body.status, "SUCCESS", JSON.stringify((await h.call("GET", `${DS}/processings/executions/${created.body._id}/logs`)).body));
  const storedData = (await h.call("GET", `${DS}/stored_data/${db}`)).body;
  assert.equal(storedData.status, "GENERATED");
  assert.equal(storedData.last_event.title, "Modification");
  const pays = storedData.type_infos.relations.find((r: { name: string }) => r.name === "pays");
  assert.equal(pays.attributes.population_multipliee, "bigint");
  assert.deepEqual(pays.primary_key, ["ogc_fid"]);
  // The offering serves the structure of its last publication: the new column waits for the synchronisation.
  const before = await paysFeatures();
  assert.equal(before.length, PAYS.length);
  assert.ok(before.every((f) => !("population_multipliee" in f.properties)), JSON.stringify(before[0]));
  assert.equal((await h.call("PUT", `${DS}/offerings/${offering}`)).status, 200);
  h.tick(5000);
  const features = await paysFeatures();
  assert.equal(features.length, PAYS.length);
  for (const feature of features) assert.equal(feature.properties.population_multipliee, (feature.properties.population as number) * 3);
  assert.equal(features.find((f) => f.properties.nom === "France")!.properties.population_multipliee, 3 * PAYS[0]!.population);
});

test("derivation: a new output made from an input schema ({{ inputs.1 }})", async () => {
  const { db } = await mondeInWfs();
  const sql = await staticFile("CREATE TABLE grands_pays AS SELECT nom, population, geom FROM {{ inputs.1 }}.pays WHERE population > {{ params.seuil }};\n", "DERIVATION-SQL", "Grands pays");
  assert.deepEqual(sql.body.type_infos, { used_variables: ["params.seuil"] });
  const execution = await runExecution(h, { processing: ids.processings.db_to_db, inputs: { stored_data: [db] }, output: { stored_data: { name: "Grands pays", storage_tags: ["VECTEUR"] } }, parameters: { derivations: [sql.body._id], params: { seuil: 50000000 } } });
  assert.equal(execution.body.status, "SUCCESS");
  const out = execution.body.output.stored_data._id as string;
  const storedData = (await h.call("GET", `${DS}/stored_data/${out}`)).body;
  assert.deepEqual(storedData.type_infos.relations, [{ name: "grands_pays", type: "TABLE", attributes: { nom: "character varying", population: "bigint", geom: "geometry" }, primary_key: [] }]);
  const wfs = await h.call("POST", `${DS}/configurations`, { json: { type: "WFS", name: "Grands pays", layer_name: "grands_wfs", type_infos: { used_data: [{ stored_data: out, relations: [{ native_name: "grands_pays", title: "Grands pays", abstract: "Grands pays" }] }] } } });
  assert.equal(wfs.status, 200, JSON.stringify(wfs.body));
  await h.call("POST", `${DS}/configurations/${wfs.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.wfs, open: true } });
  h.tick(5000);
  const reply = await fetchText("https://data.geopf.fr/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=grands_wfs:grands_pays&OUTPUTFORMAT=application/json");
  const names = JSON.parse(reply.text).features.map((f: { properties: { nom: string } }) => f.properties.nom).sort();
  assert.deepEqual(names, PAYS.filter((p) => p.population > 50000000).map((p) => p.nom).sort());
});

test("derivation: 4xx at creation and FAILURE of SQL that does not run", async () => {
  const { db } = await mondeInWfs();
  const sql = (await staticFile(derivation, "DERIVATION-SQL", "Multiplication")).body._id as string;
  const body = (parameters: object, inputs: object = { stored_data: [db] }) => ({ processing: ids.processings.db_to_db, inputs, output: { stored_data: { id: db } }, parameters });
  const post = (json: object) => h.call("POST", `${DS}/processings/executions`, { json });
  assertError(await post(body({ derivations: ["inconnu"], params: { multiply: 2 } })), 400, /parameters\.derivations\[0\] : fichier statique « inconnu » introuvable/);
  const sld = await h.call("POST", `${DS}/statics`, { form: bytesForm(vecteur("pays.sld"), "pays.sld", { type: "GEOSERVER-STYLE", name: "Style" }) });
  assertError(await post(body({ derivations: [sld.body._id], params: {} })), 400, /est de type GEOSERVER-STYLE, DERIVATION-SQL attendu/);
  assertError(await post(body({ derivations: [sql] })), 400, /parameters\.params\.multiply : valeur obligatoire/);
  assertError(await post(body({ params: { multiply: 2 } })), 400, /parameters\.derivations : paramètre obligatoire manquant/);
  const upload = await createTypedUpload(h, "VECTOR", "EPSG:4326", "Livraison");
  assertError(await post(body({ derivations: [sql], params: { multiply: 2 } }, { upload: [upload] })), 400, /inputs\.upload/);
  assertError(await staticFile("SELECT {{ autre }};", "DERIVATION-SQL", "Variable inconnue"), 400, /variable « \{\{ autre \}\} » inconnue/);

  const broken = (await staticFile("ALTER TABLE pays ADD COLUMN double integer;\nUPDATE pays SET double = populaton * 2;\n", "DERIVATION-SQL", "Faute de frappe")).body._id as string;
  const failed = await runExecution(h, body({ derivations: [broken] }));
  assert.equal(failed.body.status, "FAILURE");
  const logs = (await h.call("GET", `${DS}/processings/executions/${failed.body._id}/logs`)).body as string[];
  assert.ok(logs.some((l) => /ERROR.*Faute de frappe.*erreur SQL ligne 2 : la colonne « populaton » n'existe pas dans « pays »/.test(l)), logs.join("\n"));
  assert.equal((await h.call("GET", `${DS}/stored_data/${db}`)).body.status, "UNSTABLE");
  const syntax = (await staticFile("ALTER TABLE pays ADD COLUMN x integer\nUPDATE pays SET x = 1;", "DERIVATION-SQL", "Point-virgule manquant")).body._id as string;
  // The failed execution left its output UNSTABLE: the syntax error is tried on a fresh copy of the data.
  const again = (await mondeInWfs()).db;
  const failedSyntax = await runExecution(h, { ...body({ derivations: [syntax] }, { stored_data: [again] }), output: { stored_data: { id: again } } });
  assert.equal(failedSyntax.body.status, "FAILURE");
  const syntaxLogs = (await h.call("GET", `${DS}/processings/executions/${failedSyntax.body._id}/logs`)).body as string[];
  assert.ok(syntaxLogs.some((l) => /erreur SQL ligne 2 : .*attendu, trouvé « update »/.test(l)), syntaxLogs.join("\n"));
});

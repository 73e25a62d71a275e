// The archive tutorial end to end through the MSW handlers, with a fake clock: upload, files + md5, tree,
// close, checks, execution, stored data, PATCH, DOWNLOAD configuration and offering, cleanup.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { SEED_DATES, SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { DS, fileForm, harness, md5, T0 } from "./helpers.ts";

const h = harness();
after(() => h.close());

const FILES: [string, string][] = [
  ["data/DEPARTEMENT.shp", "shape bytes ".repeat(100)],
  ["data/DEPARTEMENT.dbf", "dbf bytes ".repeat(30)],
  ["data/sub/LIMITE_DEPARTEMENT.shp", "limits ".repeat(50)],
];
const TOTAL = FILES.reduce((sum, [, content]) => sum + Buffer.byteLength(content), 0);

test("archive tutorial flow", async () => {
  const me = await h.call("GET", "/users/me");
  assert.equal(me.status, 200);
  assert.equal(me.body.communities_member[0].community.datastore, SIMULATED_DATASTORE_ID);

  // Livraison.
  const created = await h.call("POST", `${DS}/uploads`, {
    json: { description: "Départements et limites départementales", name: "Données départementales", type: "ARCHIVE", srs: "EPSG:2154" },
  });
  assert.equal(created.status, 200);
  assert.equal(created.body.status, "OPEN");
  assert.equal(created.body.size, 0);
  assert.equal(created.body.last_event.title, "Création");
  assert.equal(created.body.last_event.initiator.first_name, "Dave");
  const upload = created.body._id as string;

  for (const [path, content] of FILES) {
    const sent = await h.call("POST", `${DS}/uploads/${upload}/data?path=${path}`, { form: fileForm(content, path.split("/").pop()) });
    assert.equal(sent.status, 204);
  }
  const sums = FILES.map(([path, content]) => `${md5(content)}  ${path}\n`).join("");
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: fileForm(sums, "DEPARTEMENT.md5") })).status, 204);

  const tree = await h.call("GET", `${DS}/uploads/${upload}/tree`);
  assert.equal(tree.status, 200);
  const data = tree.body.find((entry: { name: string }) => entry.name === "data");
  assert.equal(data.type, "DIRECTORY");
  assert.equal(data.size, TOTAL);
  assert.deepEqual(data.children.map((child: { name: string }) => child.name), ["DEPARTEMENT.dbf", "DEPARTEMENT.shp", "sub"]);
  assert.deepEqual(tree.body.find((entry: { name: string }) => entry.name === "DEPARTEMENT.md5"), { type: "FILE", name: "DEPARTEMENT.md5", size: Buffer.byteLength(sums) });

  // Close: checks are asked, then in progress, then passed; the upload becomes CLOSED.
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  let checks = await h.call("GET", `${DS}/uploads/${upload}/checks`);
  assert.equal(checks.body.asked.length, 2);
  assert.deepEqual(checks.body.asked.map((item: { check: { _id: string } }) => item.check._id).sort(), [ids.checks.archive, ids.checks.standard].sort());
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CHECKING");
  h.tick(800);
  checks = await h.call("GET", `${DS}/uploads/${upload}/checks`);
  assert.equal(checks.body.in_progress.length, 2);
  h.tick(2000);
  checks = await h.call("GET", `${DS}/uploads/${upload}/checks`);
  assert.equal(checks.body.passed.length, 2, JSON.stringify(checks.body));
  assert.equal(checks.body.failed.length, 0);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");

  const standard = checks.body.passed.find((item: { check: { _id: string } }) => item.check._id === ids.checks.standard);
  const checkExecution = await h.call("GET", `${DS}/checks/executions/${standard._id}`);
  assert.equal(checkExecution.body.status, "SUCCESS");
  assert.equal(checkExecution.body.upload._id, upload);
  assert.ok(checkExecution.body.start && checkExecution.body.finish);
  const logs = await h.call("GET", `${DS}/checks/executions/${standard._id}/logs`);
  assert.ok(logs.body.every((line: string) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}(INFO|WARNING|ERROR)\|\|[^|]+\|\|\d+\|\|/.test(line)), logs.body.join("\n"));
  assert.ok(logs.body.some((line: string) => line.includes("Signature MD5 correcte pour data/DEPARTEMENT.shp")));

  // Intégration.
  const list = await h.call("GET", `${DS}/processings`);
  assert.ok(list.body.some((p: { _id: string }) => p._id === ids.processings.archive_to_archive));
  const detail = await h.call("GET", `${DS}/processings/${ids.processings.archive_to_archive}`);
  assert.equal(detail.body.name, "Recopie d'une archive livrée");
  const execution = await h.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "Données départementales", storage_tags: ["ARCHIVE"] } } },
  });
  assert.equal(execution.status, 200, JSON.stringify(execution.body));
  assert.equal(execution.body.status, "CREATED");
  assert.deepEqual(execution.body.parameters, {});
  const { creation: inputCreation, update: inputUpdate, ...input } = execution.body.inputs.upload[0];
  assert.deepEqual(input, { type: "ARCHIVE", name: "Données départementales", status: "CLOSED", srs: "EPSG:2154", _id: upload });
  assert.ok(inputCreation === created.body.creation && inputUpdate >= inputCreation);
  assert.equal(execution.body.output.stored_data.status, "CREATED");
  assert.equal(execution.body.output.stored_data.type, "ARCHIVE");
  const executionId = execution.body._id as string;
  const storedDataId = execution.body.output.stored_data._id as string;

  const launchedAt = h.clock.now;
  assert.equal((await h.call("POST", `${DS}/processings/executions/${executionId}/launch`)).status, 204);
  let state = await h.call("GET", `${DS}/processings/executions/${executionId}`);
  assert.equal(state.body.status, "WAITING");
  assert.equal(state.body.launch, new Date(launchedAt).toISOString());
  assert.equal(state.body.start, undefined);
  h.tick(1500);
  state = await h.call("GET", `${DS}/processings/executions/${executionId}`);
  assert.equal(state.body.status, "PROGRESS");
  assert.equal(state.body.start, new Date(launchedAt + 1000).toISOString());
  assert.equal(state.body.output.stored_data.status, "GENERATING");
  h.tick(2000);
  state = await h.call("GET", `${DS}/processings/executions/${executionId}`);
  assert.equal(state.body.status, "SUCCESS");
  assert.equal(state.body.finish, new Date(launchedAt + 3000).toISOString());
  assert.equal(state.body.output.stored_data.status, "GENERATED");
  const executionLogs = await h.call("GET", `${DS}/processings/executions/${executionId}/logs?limit=200&page=0`);
  assert.ok(executionLogs.body.some((line: string) => line.includes("SUCCESS")));

  const storedData = await h.call("GET", `${DS}/stored_data/${storedDataId}`);
  assert.equal(storedData.body.status, "GENERATED");
  assert.equal(storedData.body.size, TOTAL);
  assert.deepEqual(storedData.body.type_infos, { files_number: 3 });
  assert.equal(storedData.body.srs, "EPSG:2154");
  assert.equal(storedData.body.last_event.title, "Génération");

  const extent = {
    type: "MultiPolygon",
    coordinates: [[[[9.09, 42.89], [9.12, 43.24], [9.85, 42.28], [9.09, 42.89]]], [[[-5.11, 48.69], [2.68, 51.2], [7.59, 44.8], [-1.6, 43.99], [-5.11, 48.69]]]],
  };
  const patched = await h.call("PATCH", `${DS}/stored_data/${storedDataId}`, { json: { edition: { from: "2021-09-01", to: "2022-09-30" }, extent } });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.deepEqual(patched.body.edition, { from: "2021-09-01", to: "2022-09-30" });
  assert.deepEqual(patched.body.extent, extent);

  // Cleanup of the upload: still readable, DELETED.
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  const deleted = await h.call("GET", `${DS}/uploads/${upload}`);
  assert.equal(deleted.status, 200);
  assert.equal(deleted.body.status, "DELETED");

  // Publication.
  const zones = await h.call("GET", "/statics/nomenclatures?type=ZONE&term=FX%25");
  assert.deepEqual(zones.body, [{ type: "ZONE", label: "France métropolitaine", term: "FXX" }]);
  const configuration = await h.call("POST", `${DS}/configurations`, {
    json: {
      type: "DOWNLOAD", name: "Limites administratives", layer_name: "limites_administratives",
      type_infos: {
        title: { fr: "Limites administratives", en: "Administrative units" }, abstract: { fr: "Limites administratives" },
        keywords: ["Tutoriel"], product_identifier: "Admin Express",
        used_data: [{ sub_name: "departements", title: { fr: "Données départementales" }, abstract: { fr: "Départements" }, keywords: ["Limites"], format: "SHP", zone: "FXX", stored_data: storedDataId }],
      },
    },
  });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  assert.equal(configuration.body.status, "UNPUBLISHED");
  const configurationId = configuration.body._id as string;

  const datastore = await h.call("GET", DS);
  const download = datastore.body.endpoints.find((item: { endpoint: { type: string; open: boolean } }) => item.endpoint.type === "DOWNLOAD" && item.endpoint.open);
  assert.equal(download.endpoint._id, ids.endpoints.open.download);

  const offering = await h.call("POST", `${DS}/configurations/${configurationId}/offerings`, { json: { endpoint: ids.endpoints.open.download, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  assert.equal(offering.body.status, "PUBLISHING");
  assert.equal(offering.body.configuration.status, "PUBLISHED");
  assert.deepEqual(offering.body.endpoint, { name: "gpf-download", _id: ids.endpoints.open.download, ...SEED_DATES });
  assert.deepEqual(offering.body.urls, [{ type: "DOWNLOAD", url: "https://data.geopf.fr/telechargement/resource/limites_administratives" }]);
  h.tick(1500);
  const published = await h.call("GET", `${DS}/offerings/${offering.body._id}`);
  assert.equal(published.body.status, "PUBLISHED");
  assert.equal(published.body.layer_name, "limites_administratives");
  assert.equal((await h.call("GET", DS)).body.endpoints.find((item: { endpoint: { _id: string } }) => item.endpoint._id === ids.endpoints.open.download).use, 1);
  const ofConfiguration = await h.call("GET", `${DS}/configurations/${configurationId}/offerings`);
  assert.equal(ofConfiguration.body.length, 1);
  assert.equal(ofConfiguration.headers.get("content-range"), "1-1/1");

  // The download service lists the resource, its sub-resource and the files (length and MD5).
  const json = { Accept: "application/json" };
  const capabilities = await (await fetch("https://data.geopf.fr/telechargement/capabilities", { headers: json })).json() as any;
  assert.equal(capabilities.totalentries, 1);
  assert.equal(capabilities.entry[0].id, "https://data.geopf.fr/telechargement/resource/limites_administratives");
  assert.equal(capabilities.entry[0].title, "Limites administratives");
  assert.equal((await (await fetch("https://data.geopf.fr/telechargement/capabilities?zone=GLP", { headers: json })).json() as any).totalentries, 0);
  const resource = await (await fetch(offering.body.urls[0].url, { headers: json })).json() as any;
  assert.deepEqual(resource.entry.map((e: any) => [e.id, e.zone, e.format, e.editionDate, e.crs]), [[
    "https://data.geopf.fr/telechargement/resource/limites_administratives/departements",
    { term: "FXX", label: "France métropolitaine" }, { term: "SHP", label: "Shapefile" }, "2022-09-30", "EPSG:2154",
  ]]);
  const files = await (await fetch(resource.entry[0].id, { headers: json })).json() as any;
  assert.deepEqual(files.entry.map((e: any) => [e.title, e.link[0].length, e.content]), FILES.map(([path, content]) => [path.split("/").pop(), Buffer.byteLength(content), md5(content)]));
  assert.equal(files.entry[0].link[0].href, "https://data.geopf.fr/telechargement/download/limites_administratives/departements/DEPARTEMENT.shp");
  const atom = await (await fetch(resource.entry[0].id)).text();
  assert.match(atom, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xmlns:gpf_dl="https:\/\/data.geopf.fr\/annexes\/ressources\/xsd\/gpf_dl.xsd" gpf_dl:pagecount="1" gpf_dl:totalentries="3">/);
  assert.match(atom, /<link href="[^"]+\/DEPARTEMENT.dbf" rel="alternate" type="application\/octet-stream" length="300"\/>/);
  const missing = await fetch("https://data.geopf.fr/telechargement/resource/inconnue", { headers: json });
  assert.equal(missing.status, 404);
  assert.match((await missing.json() as any).message, /inconnue n'existe pas ou n'est pas publiée/);
  assert.equal((await fetch("https://data.geopf.fr/private/telechargement/resource/limites_administratives")).status, 401, "not on the private service (no key)");

  // Unpublish, delete the configuration, then the stored data.
  assert.equal((await h.call("DELETE", `${DS}/offerings/${offering.body._id}`)).status, 204);
  assert.equal((await h.call("GET", `${DS}/configurations/${configurationId}`)).body.status, "UNPUBLISHED");
  assert.equal((await h.call("DELETE", `${DS}/configurations/${configurationId}`)).status, 204);
  assert.equal((await h.call("GET", `${DS}/configurations/${configurationId}`)).status, 404);
  assert.equal((await h.call("DELETE", `${DS}/stored_data/${storedDataId}`)).status, 204);
  assert.equal((await h.call("GET", `${DS}/stored_data/${storedDataId}`)).body.status, "DELETED");
  assert.ok(h.clock.now > T0);
});

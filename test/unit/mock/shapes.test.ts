// Every JSON answer of the simulated datastore against the required keys, JSON types and enums of its [ts]
// DTO (test/unit/mock/fixtures/ts-shapes.ts): the archive, vector and raster flows through the MSW harness
// call every route of API_ROUTES; each 2xx answer (objects and every list item) is checked on the way.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import ids from "../../../_data/ids.json" with { type: "json" };
import { BASE, bytesForm, createTypedUpload, DS, fileForm, harness, md5, runExecution, sendBytes, sendFiles } from "./helpers.ts";
import type { Reply, Send } from "./helpers.ts";
import { FILE_ROUTES, ROUTE_SHAPES, ROUTES_WITHOUT_JSON } from "./fixtures/ts-shapes.ts";
import { checkField, ROUTE_KEYS, routeOf } from "./shape-check.ts";
import { annexesAndMetadata, annotations } from "./shapes-extras.ts";
import { documents } from "./shapes-documents.ts";
import { access } from "./shapes-access.ts";
import { workspaces } from "./shapes-workspaces.ts";

const h = harness();
after(() => h.close());

const problems: string[] = [];
const reported = new Set<string>();
// Records a problem once per route and key path (list indices aside): a missing key is named once, not per item.
const report = (problem: string): void => {
  const key = problem.replace(/\[\d+\]/g, "[]");
  if (!reported.has(key)) (reported.add(key), problems.push(problem));
};
const answered = new Map<string, Set<string>>();
const note = (route: string, what: string): void => void (answered.get(route) ?? answered.set(route, new Set()).get(route)!).add(what);

// Every call of the flows (helpers included) goes through this check.
const call = h.call;
h.call = async (method: string, path: string, send?: Send): Promise<Reply> => {
  const reply = await call(method, path, send);
  const route = routeOf(method, path);
  if (!route) report(`${method} ${path} : aucune route de API_ROUTES`);
  else if (reply.status >= 200 && reply.status < 300) {
    const isJson = /json/.test(reply.headers.get("content-type") ?? "") && reply.body !== null;
    note(route, isJson ? "json" : String(reply.status));
    const shape = ROUTE_SHAPES[route];
    if (isJson && shape) for (const p of checkField(reply.body, shape, "")) report(`${route} (${dtoOf(route)}) : ${p}`);
  }
  return reply;
};

// The DTO a route answers, for messages.
function dtoOf(route: string): string {
  const shape = ROUTE_SHAPES[route];
  if (!shape || typeof shape === "string") return String(shape);
  if ("object" in shape) return shape.object.dto;
  if ("array" in shape) return typeof shape.array === "object" && "object" in shape.array ? `${shape.array.object.dto}[]` : "string[]";
  return "?";
}

// A GET whose body is not JSON (a file): fetched raw, its answer noted.
async function raw(path: string): Promise<void> {
  const response = await fetch(`${BASE}${path}`);
  note(routeOf("GET", path) ?? `GET ${path}`, /json/.test(response.headers.get("content-type") ?? "") ? "json" : String(response.status));
  assert.equal(response.status, 200, await response.text());
}

const vector = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/vecteur/${name}`, import.meta.url)));
const raster = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../public/samples/raster/${name}`, import.meta.url)));
const ok = (reply: Reply, status = 200): Reply => (assert.equal(reply.status, status, JSON.stringify(reply.body)), reply);
const published = (reply: Reply): string => ok(reply).body._id as string;

// Delivery: create, send, check; returns the upload id.
async function deliver(type: string, srs: string, files: [string, Uint8Array | string][], sums?: Uint8Array): Promise<string> {
  const upload = await createTypedUpload(h, type, srs, `Livraison ${type}`);
  await sendBytes(h, upload, files);
  if (sums) ok(await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: bytesForm(sums, "sums.md5") }), 204);
  ok(await h.call("POST", `${DS}/uploads/${upload}/close`), 204);
  h.tick(10_000);
  assert.equal(ok(await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");
  return upload;
}

// Publishes a configuration on an endpoint; returns [configuration, offering].
async function publish(body: unknown, endpoint: string, open = true): Promise<[string, string]> {
  const configuration = published(await h.call("POST", `${DS}/configurations`, { json: body }));
  ok(await h.call("GET", `${DS}/configurations/${configuration}`));
  const offering = published(await h.call("POST", `${DS}/configurations/${configuration}/offerings`, { json: { endpoint, open } }));
  ok(await h.call("GET", `${DS}/configurations/${configuration}/offerings`));
  return [configuration, offering];
}

test("every JSON answer matches its [ts] DTO (archive, vector, raster)", async () => {
  ok(await h.call("GET", "/users/me"));
  ok(await h.call("GET", DS));
  const processings = ok(await h.call("GET", `${DS}/processings`)).body as { _id: string }[];
  for (const { _id } of processings) ok(await h.call("GET", `${DS}/processings/${_id}`));
  ok(await h.call("GET", "/statics/nomenclatures?type=ZONE"));

  // Archive: every upload route, checks, executions (one aborted), stored data, DOWNLOAD publication.
  const files: [string, string][] = [["data/a.shp", "shape ".repeat(40)], ["data/a.dbf", "dbf ".repeat(20)], ["data/extra.txt", "extra"]];
  const archive = await createTypedUpload(h, "ARCHIVE", "EPSG:2154", "Archive");
  ok(await h.call("PATCH", `${DS}/uploads/${archive}`, { json: { description: "Archive de test" } }));
  await sendFiles(h, archive, files);
  ok(await h.call("DELETE", `${DS}/uploads/${archive}/data?path=data/extra.txt`), 204);
  const sums = files.slice(0, 2).map(([path, content]) => `${md5(content)}  ${path}\n`).join("");
  ok(await h.call("POST", `${DS}/uploads/${archive}/md5`, { form: fileForm(sums, "a.md5") }), 204);
  ok(await h.call("GET", `${DS}/uploads/${archive}/tree`));
  ok(await h.call("POST", `${DS}/uploads/${archive}/close`), 204);
  ok(await h.call("GET", `${DS}/uploads/${archive}/checks`));
  h.tick(10_000);
  ok(await h.call("POST", `${DS}/uploads/${archive}/open`), 204);
  ok(await h.call("POST", `${DS}/uploads/${archive}/close`), 204);
  h.tick(800);
  ok(await h.call("GET", `${DS}/uploads/${archive}/checks`));
  h.tick(10_000);
  const checks = ok(await h.call("GET", `${DS}/uploads/${archive}/checks`)).body;
  for (const item of checks.passed) {
    ok(await h.call("GET", `${DS}/checks/executions/${item._id}`));
    ok(await h.call("GET", `${DS}/checks/executions/${item._id}/logs`));
  }
  ok(await h.call("POST", `${DS}/uploads/${archive}/checks`, { json: [ids.checks.standard] }));
  h.tick(10_000);
  ok(await h.call("GET", `${DS}/uploads`));
  const catalog = ok(await h.call("GET", `${DS}/checks`)).body as { _id: string }[];
  for (const { _id } of catalog) ok(await h.call("GET", `${DS}/checks/${_id}`));
  ok(await h.call("GET", `${DS}/checks/executions`));

  const archiveBody = (name: string) => ({ processing: ids.processings.archive_to_archive, inputs: { upload: [archive] }, output: { stored_data: { name, storage_tags: ["ARCHIVE"] } } });
  const aborted = ok(await h.call("POST", `${DS}/processings/executions`, { json: archiveBody("Abandonnée") })).body._id as string;
  ok(await h.call("POST", `${DS}/processings/executions/${aborted}/launch`), 204);
  ok(await h.call("POST", `${DS}/processings/executions/${aborted}/abort`), 204);
  ok(await h.call("DELETE", `${DS}/processings/executions/${aborted}`), 204);
  const execution = await runExecution(h, archiveBody("Archive"));
  ok(await h.call("GET", `${DS}/processings/executions`));
  ok(await h.call("GET", `${DS}/processings/executions/${execution.body._id}/logs`));
  const archived = execution.body.output.stored_data._id as string;
  ok(await h.call("PATCH", `${DS}/stored_data/${archived}`, { json: { edition: { from: "2021-09-01", to: "2022-09-30" } } }));
  ok(await h.call("GET", `${DS}/stored_data/${archived}`));
  ok(await h.call("GET", `${DS}/stored_data/${archived}/dependencies`));
  const download = {
    type: "DOWNLOAD", name: "Archive", layer_name: "archive_test",
    type_infos: { title: { fr: "Archive" }, abstract: { fr: "Archive" }, used_data: [{ sub_name: "a", title: { fr: "A" }, abstract: { fr: "A" }, format: "SHP", zone: "FXX", stored_data: archived }] },
  };
  const [downloadConfiguration, downloadOffering] = await publish(download, ids.endpoints.open.download);
  ok(await h.call("PUT", `${DS}/configurations/${downloadConfiguration}`, { json: { type: download.type, name: "Archive renommée", type_infos: download.type_infos } }));

  // Vector: integration, pyramid (a stored data as input), statics, WFS, WMS-VECTOR, WMTS-TMS.
  const vectorUpload = await deliver("VECTOR", "EPSG:4326", [["data/monde.gpkg", vector("monde.gpkg")], ["data/villes.csv", vector("villes.csv")]], vector("monde.md5"));
  const db = (await runExecution(h, {
    processing: ids.processings.vector_to_db, inputs: { upload: [vectorUpload] }, output: { stored_data: { name: "Monde", storage_tags: ["VECTEUR"] } }, parameters: { srs: "EPSG:3857" },
  })).body.output.stored_data._id as string;
  const composition = [{ table: "pays", top_level: "0", bottom_level: "5", attributes: ["nom"] }];
  const vectorPyramid = (await runExecution(h, {
    processing: ids.processings.db_to_pyramid, inputs: { stored_data: [db] }, output: { stored_data: { name: "Tuiles", storage_tags: ["PYRAMIDE"] } }, parameters: { composition },
  })).body.output.stored_data._id as string;
  const staticOf = async (file: string, type: string) => published(await h.call("POST", `${DS}/statics`, { form: bytesForm(vector(file), file, { type, name: file, description: file }) }));
  const sld = await staticOf("pays.sld", "GEOSERVER-STYLE");
  const ftl = await staticOf("pays.ftl", "GEOSERVER-FTL");
  ok(await h.call("GET", `${DS}/statics`));
  ok(await h.call("GET", `${DS}/statics/${sld}`));
  ok(await h.call("PATCH", `${DS}/statics/${sld}`, { json: { description: "Style des pays" } }));
  ok(await h.call("PUT", `${DS}/statics/${sld}`, { form: bytesForm(vector("pays.sld"), "pays.sld") }));
  await raw(`${DS}/statics/${sld}/file`);
  const relation = { native_name: "pays", title: "Pays", abstract: "Pays" };
  const vectorOfferings = [
    await publish({ type: "WFS", name: "Monde", layer_name: "monde_wfs", type_infos: { used_data: [{ stored_data: db, relations: [relation] }] } }, ids.endpoints.open.wfs),
    await publish({
      type: "WMS-VECTOR", name: "Monde", layer_name: "monde_wms",
      type_infos: { title: "Monde", abstract: "Monde", used_data: [{ stored_data: db, relations: [{ name: "pays", style: sld, ftl }] }] },
    }, ids.endpoints.open.wmsv),
    await publish({ type: "WMTS-TMS", name: "Tuiles", layer_name: "monde_tuiles", type_infos: { title: "Tuiles", abstract: "Tuiles", used_data: [{ bottom_level: "5", top_level: "0", stored_data: vectorPyramid }] } }, ids.endpoints.open.wmts),
  ];

  // Raster: pyramid, WMTS-TMS (private) and WMS-RASTER.
  const rasterUpload = await deliver("RASTER", "EPSG:2154", [["data/corse.tif", raster("corse.tif")]], raster("corse.md5"));
  const rasterPyramid = (await runExecution(h, {
    processing: ids.processings.raster_to_pyramid, inputs: { upload: [rasterUpload] }, output: { stored_data: { name: "Corse", storage_tags: ["PYRAMIDE"] } }, parameters: { tms: "PM", compression: "jpg" },
  })).body.output.stored_data._id as string;
  const tiles = { title: "Corse", abstract: "Corse", used_data: [{ bottom_level: "7", top_level: "0", stored_data: rasterPyramid }] };
  const rasterOfferings = [
    await publish({ type: "WMTS-TMS", name: "Corse", layer_name: "corse_tuiles", type_infos: tiles }, ids.endpoints.private.wmts, false),
    await publish({ type: "WMS-RASTER", name: "Corse", layer_name: "corse_wms", type_infos: tiles }, ids.endpoints.open.wmsr),
  ];

  // A closing interrupted as the SDK does on Ctrl+C: the running check deleted, then the upload reopened.
  const interrupted = await deliver("ARCHIVE", "EPSG:2154", [["data/a.txt", "a"]]);
  ok(await h.call("POST", `${DS}/uploads/${interrupted}/open`), 204);
  ok(await h.call("POST", `${DS}/uploads/${interrupted}/close`), 204);
  h.tick(400);
  const running = ok(await h.call("GET", `${DS}/uploads/${interrupted}/checks`)).body.in_progress[0]._id as string;
  ok(await h.call("DELETE", `${DS}/checks/executions/${running}`), 204);

  // Annexes, metadata; tags, events, comments and sharings.
  await annexesAndMetadata({ call: h.call, raw });
  await documents({ call: h.call, raw });
  await workspaces({ call: h.call, raw });
  await annotations({ call: h.call, raw }, { upload: vectorUpload, storedData: db, configuration: vectorOfferings[0]![0] });
  await access({ call: h.call, raw }, vectorOfferings[0]![0], h.tick);

  // Published: lists and details, then the cleanup.
  h.tick(2000);
  ok(await h.call("GET", `${DS}/configurations`));
  ok(await h.call("GET", `${DS}/offerings`));
  ok(await h.call("GET", `${DS}/stored_data`));
  ok(await h.call("GET", `${DS}/uploads`));
  const all: [string, string][] = [[downloadConfiguration, downloadOffering], ...vectorOfferings, ...rasterOfferings];
  for (const [, offering] of all) ok(await h.call("GET", `${DS}/offerings/${offering}`));
  ok(await h.call("PUT", `${DS}/offerings/${downloadOffering}`));
  h.tick(2000);
  for (const [, offering] of all) ok(await h.call("DELETE", `${DS}/offerings/${offering}`), 204);
  for (const [configuration] of all) ok(await h.call("DELETE", `${DS}/configurations/${configuration}`), 204);
  for (const id of [sld, ftl]) ok(await h.call("DELETE", `${DS}/statics/${id}`), 204);
  for (const id of [vectorPyramid, db, rasterPyramid, archived]) ok(await h.call("DELETE", `${DS}/stored_data/${id}`), 204);
  for (const id of [archive, vectorUpload, rasterUpload]) ok(await h.call("DELETE", `${DS}/uploads/${id}`), 204);
  ok(await h.call("GET", `${DS}/stored_data`));
  ok(await h.call("GET", `${DS}/uploads`));

  assert.deepEqual(problems, [], `réponses différentes de [ts] :\n${problems.join("\n")}`);
});

test("every route of API_ROUTES has a [ts] shape (or answers 204 / no JSON) and was called", () => {
  const missing: string[] = [];
  for (const route of ROUTE_KEYS) {
    const seen = answered.get(route) ?? new Set<string>();
    if (ROUTE_SHAPES[route]) {
      if (!seen.has("json")) missing.push(`${route} : jamais appelée avec une réponse JSON 2xx par le parcours`);
    } else if (ROUTES_WITHOUT_JSON.has(route)) {
      if (seen.has("json")) missing.push(`${route} : répond du JSON, mais est listée sans JSON (ROUTES_WITHOUT_JSON) : donnez-lui sa forme`);
    } else if (!FILE_ROUTES.has(route)) {
      missing.push(`${route} : aucune forme [ts] dans fixtures/ts-shapes.ts (ni dans ROUTES_WITHOUT_JSON)`);
    }
  }
  for (const route of [...Object.keys(ROUTE_SHAPES), ...ROUTES_WITHOUT_JSON, ...FILE_ROUTES]) {
    if (!ROUTE_KEYS.includes(route)) missing.push(`${route} : dans fixtures/ts-shapes.ts mais absente de API_ROUTES`);
  }
  assert.deepEqual(missing, []);
});

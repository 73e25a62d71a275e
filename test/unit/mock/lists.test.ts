// Filters, sort orders, fields and pages of every list route, through the MSW handlers (reference
// entrepot-api-more.md §9): exact, `%` and enum filters, tags[key]=value, sort, fields, DELETED left out unless
// asked for, and the 400s of invalid values.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Context } from "../../../src/mock/core/context.ts";
import { openSqliteSource } from "../../../src/mock/node/sqlite-source.ts";
import { UPLOADS } from "../../../src/mock/resources/uploads/records.ts";
import { CONFIGURATIONS } from "../../../src/mock/resources/configurations/records.ts";
import { assertError, closeAndCheck, createUpload, DS, harness, runExecution, sendFiles } from "./helpers.ts";

// lists-sqlite.test.ts runs the same tests over SqliteSource (the local server's store).
const SOURCE = process.env["LISTS_TEST_SOURCE"] === "sqlite" ? openSqliteSource(fs.mkdtempSync(path.join(os.tmpdir(), "lists-")), { synchronous: "NORMAL" }) : undefined;
const h = harness(SOURCE ? { source: SOURCE } : {});
after(() => {
  h.close();
  SOURCE?.close();
  if (SOURCE) fs.rmSync(path.dirname(SOURCE.file), { recursive: true, force: true });
});

const names = (reply: { body: { name: string }[] }): string[] => reply.body.map((item) => item.name);
const list = async (path: string) => {
  const reply = await h.call("GET", `${DS}/${path}`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply;
};

// Uploads U0…U4 (U1 VECTOR, U3 deleted), two ARCHIVE stored data from U0 and U2 (the first deleted later), a
// DOWNLOAD configuration per stored data, an offering of the second one.
const made: { uploads: string[]; storedData: string[]; configurations: string[]; offering: string; executions: string[] } = { uploads: [], storedData: [], configurations: [], offering: "", executions: [] };

before(async () => {
  for (const [i, name] of ["Données départementales", "Routes 2024", "Données communales", "Ancienne livraison", "Bâtiments"].entries()) {
    const id = await createUpload(h, i === 1 ? "VECTOR" : "ARCHIVE", name);
    made.uploads.push(id);
    h.store.run((ctx) => {
      ctx.records.get(UPLOADS, id)!.tags = i % 2 === 0 ? { tuto: "oui", rang: String(i) } : { tuto: "non" };
    });
    h.tick(1000);
  }
  for (const index of [0, 2]) {
    const upload = made.uploads[index]!;
    await sendFiles(h, upload, [["data/a.txt", `contenu ${index}`]]);
    await closeAndCheck(h, upload);
    const name = index === 0 ? "Départements" : "Communes";
    const execution = await runExecution(h, { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name, storage_tags: ["ARCHIVE"] } } });
    assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
    made.executions.push(execution.body._id);
    made.storedData.push(execution.body.output.stored_data._id);
  }
  assert.equal((await h.call("DELETE", `${DS}/uploads/${made.uploads[3]}`)).status, 204);
  for (const [i, storedData] of made.storedData.entries()) {
    const layer = i === 0 ? "limites_departements" : "limites_communes";
    const reply = await h.call("POST", `${DS}/configurations`, {
      json: {
        type: "DOWNLOAD", name: i === 0 ? "Limites départementales" : "Limites communales", layer_name: layer,
        type_infos: { title: { fr: layer }, abstract: { fr: layer }, keywords: ["Tutoriel"], used_data: [{ sub_name: "donnees", title: { fr: "Données" }, abstract: { fr: "Données" }, keywords: ["x"], format: "SHP", zone: "FXX", stored_data: storedData }] },
      },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    made.configurations.push(reply.body._id);
    h.tick(1000);
  }
  h.store.run((ctx) => {
    ctx.records.get(CONFIGURATIONS, made.configurations[1]!)!.tags = { theme: "limites" };
  });
  const offering = await h.call("POST", `${DS}/configurations/${made.configurations[1]}/offerings`, { json: { endpoint: ids.endpoints.open.download, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  made.offering = offering.body._id;
  h.tick(1500);
  // The first stored data, once its configuration is gone, is deleted.
  assert.equal((await h.call("DELETE", `${DS}/configurations/${made.configurations[0]}`)).status, 204);
  assert.equal((await h.call("DELETE", `${DS}/stored_data/${made.storedData[0]}`)).status, 204);
});

describe("uploads", () => {
  test("DELETED uploads are left out unless a status is asked for; Content-Range counts what is listed", async () => {
    const all = await list("uploads");
    assert.deepEqual(names(all), ["Données départementales", "Routes 2024", "Données communales", "Bâtiments"]);
    assert.equal(all.headers.get("content-range"), "1-4/4");
    assert.deepEqual(names(await list("uploads?status=DELETED")), ["Ancienne livraison"]);
    assert.deepEqual(names(await list("uploads?status=CLOSED")), ["Données départementales", "Données communales"]);
  });

  test("name: exact (case-insensitive) or with % for any run of characters", async () => {
    assert.deepEqual(names(await list(`uploads?name=${encodeURIComponent("Données départementales")}`)), ["Données départementales"]);
    assert.deepEqual(names(await list(`uploads?name=${encodeURIComponent("DONNÉES DÉPARTEMENTALES")}`)), ["Données départementales"]);
    assert.deepEqual(names(await list("uploads?name=Donn%25")), ["Données départementales", "Données communales"]);
    assert.deepEqual(names(await list("uploads?name=%25es")), ["Données départementales", "Données communales"]);
    assert.deepEqual(names(await list("uploads?name=Donn")), [], "without % the whole name must match");
    assert.deepEqual(names(await list("uploads?name=Ancienne%25")), [], "a deleted upload stays out of a name search");
  });

  test("type, tags[key]=value, several filters together", async () => {
    assert.deepEqual(names(await list("uploads?type=VECTOR")), ["Routes 2024"]);
    assert.deepEqual(names(await list("uploads?tags[tuto]=oui")), ["Données départementales", "Données communales", "Bâtiments"]);
    assert.deepEqual(names(await list(`uploads?${encodeURIComponent("tags[tuto]")}=oui&tags[rang]=2`)), ["Données communales"]);
    assert.deepEqual(names(await list("uploads?tags[inconnu]=oui")), []);
    assert.deepEqual(names(await list("uploads?type=ARCHIVE&tags[tuto]=oui&name=%25es")), ["Données départementales", "Données communales"]);
  });

  test("sort by creation or last_event, asc or desc; pages of the sorted, filtered list", async () => {
    assert.deepEqual(names(await list("uploads?sort=creation,desc")), ["Bâtiments", "Données communales", "Routes 2024", "Données départementales"]);
    assert.deepEqual(names(await list("uploads?sort=creation,asc&limit=2&page=2")), ["Données communales", "Bâtiments"]);
    const page = await list("uploads?sort=creation,desc&tags[tuto]=oui&limit=2&page=2");
    assert.deepEqual(names(page), ["Données départementales"]);
    assert.equal(page.headers.get("content-range"), "3-3/3");
    assert.equal((await list("uploads?sort=last_event,desc")).body.length, 4);
    const empty = await list("uploads?page=5");
    assert.deepEqual(empty.body, []);
    assert.equal(empty.headers.get("content-range"), "0-0/4");
  });

  test("fields: only _id and the asked keys (comma-separated or repeated), unknown keys ignored", async () => {
    const reply = await list("uploads?fields=name,tags&limit=1");
    assert.deepEqual(Object.keys(reply.body[0]).sort(), ["_id", "name", "tags"]);
    const repeated = await list("uploads?fields=status&fields=last_event&limit=1");
    assert.deepEqual(Object.keys(repeated.body[0]).sort(), ["_id", "last_event", "status"]);
    const unknown = await list("stored_data?fields=name&fields=visibility");
    assert.deepEqual(unknown.body, [{ _id: made.storedData[1], name: "Communes" }], "as the SDK asks stored data for visibility");
  });

  test("invalid enum, sort, page or limit: 400 naming the parameter and the accepted values", async () => {
    assertError(await h.call("GET", `${DS}/uploads?status=FOO`), 400, /« status ».*"FOO" inconnue.*"OPEN"/);
    assertError(await h.call("GET", `${DS}/uploads?type=vector`), 400, /« type ».*"vector" inconnue.*"VECTOR"/);
    assertError(await h.call("GET", `${DS}/uploads?sort=name,asc`), 400, /sort.*"name,asc".*"creation,desc"/);
    assertError(await h.call("GET", `${DS}/uploads?sort=creation,up`), 400, /sort/);
    const both = await h.call("GET", `${DS}/uploads?status=FOO&type=BAR`);
    assertError(both, 400, /status/, /type/);
    assertError(await h.call("GET", `${DS}/uploads?limit=0`), 400, /limit/);
    assertError(await h.call("GET", `${DS}/uploads?page=-1`), 400, /page/);
    assertError(await h.call("GET", "/datastores/autre/uploads?status=OPEN"), 403);
  });

  test("limit 100 is accepted; unknown parameters are ignored", async () => {
    assert.equal((await list("uploads?limit=100&inconnu=1")).body.length, 4);
  });
});

describe("stored data", () => {
  test("DELETED left out unless asked for; name, type, status, tags; owned and shared accepted", async () => {
    assert.deepEqual(names(await list("stored_data")), ["Communes"]);
    assert.deepEqual(names(await list("stored_data?status=DELETED")), ["Départements"]);
    assert.deepEqual(names(await list("stored_data?name=communes")), ["Communes"]);
    assert.deepEqual(names(await list("stored_data?name=D%25")), []);
    assert.deepEqual(names(await list("stored_data?type=ARCHIVE&status=GENERATED")), ["Communes"]);
    assert.deepEqual(names(await list("stored_data?type=VECTOR-DB")), []);
    assert.deepEqual(names(await list("stored_data?owned=true")), ["Communes"]);
    assert.deepEqual(names(await list("stored_data?shared=true")), []);
    assertError(await h.call("GET", `${DS}/stored_data?type=VECTOR`), 400, /type.*"VECTOR" inconnue.*"VECTOR-DB"/);
    assertError(await h.call("GET", `${DS}/stored_data?owned=oui`), 400, /owned/);
  });
});

describe("configurations", () => {
  test("name and layer_name with %, type, status, stored_data=<id>, tags, sort by update", async () => {
    assert.deepEqual(names(await list("configurations")), ["Limites communales"]);
    assert.deepEqual(names(await list("configurations?layer_name=limites%25")), ["Limites communales"]);
    assert.deepEqual(names(await list("configurations?name=%25COMMUNALES")), ["Limites communales"]);
    assert.deepEqual(names(await list(`configurations?stored_data=${made.storedData[1]}`)), ["Limites communales"]);
    assert.deepEqual(names(await list(`configurations?stored_data=${made.storedData[0]}`)), []);
    assert.deepEqual(names(await list("configurations?type=DOWNLOAD&status=PUBLISHED&tags[theme]=limites")), ["Limites communales"]);
    assert.deepEqual(names(await list("configurations?type=WFS")), []);
    assert.equal((await list("configurations?sort=update,desc")).body.length, 1);
    assertError(await h.call("GET", `${DS}/configurations?status=DELETED`), 400, /status.*"UNPUBLISHED"/);
  });
});

describe("offerings", () => {
  test("status, configuration, and through the configuration layer_name, type and stored_data", async () => {
    const ids = (reply: { body: { _id: string }[] }) => reply.body.map((item) => item._id);
    assert.deepEqual(ids(await list("offerings")), [made.offering]);
    assert.deepEqual(ids(await list("offerings?status=PUBLISHED")), [made.offering]);
    assert.deepEqual(ids(await list("offerings?status=PUBLISHING")), []);
    assert.deepEqual(ids(await list("offerings?layer_name=limites_c%25")), [made.offering]);
    assert.deepEqual(ids(await list("offerings?layer_name=limites_departements")), []);
    assert.deepEqual(ids(await list("offerings?type=DOWNLOAD")), [made.offering]);
    assert.deepEqual(ids(await list("offerings?type=WMS-VECTOR")), []);
    assert.deepEqual(ids(await list(`offerings?stored_data=${made.storedData[1]}`)), [made.offering]);
    assert.deepEqual(ids(await list(`offerings?configuration=${made.configurations[0]}`)), []);
    const fields = await list("offerings?fields=layer_name,type");
    assert.deepEqual(fields.body, [{ _id: made.offering, layer_name: "limites_communes", type: "DOWNLOAD" }]);
    assertError(await h.call("GET", `${DS}/offerings?status=DELETED`), 400, /status/);
    assertError(await h.call("GET", `${DS}/offerings?type=FOO`), 400, /type.*"WFS"/);
  });
});

describe("processings, executions, statics, checks", () => {
  test("processings by name, as the SDK looks them up", async () => {
    const found = await list(`processings?name=${encodeURIComponent("Recopie d'une archive livrée")}`);
    assert.deepEqual(found.body.map((item: { _id: string }) => item._id), [ids.processings.archive_to_archive]);
    assert.equal(found.headers.get("content-range"), "1-1/1");
    assert.ok((await list("processings?name=%25pyramide%25")).body.length >= 2);
    assert.deepEqual((await list("processings?name=rien")).body, []);
  });

  test("executions by status, sorted by creation", async () => {
    const ids = (reply: { body: { _id: string }[] }) => reply.body.map((item) => item._id);
    assert.deepEqual(ids(await list("processings/executions?status=SUCCESS")), made.executions);
    assert.deepEqual(ids(await list("processings/executions?status=SUCCESS&sort=creation,desc")), [...made.executions].reverse());
    assert.deepEqual(ids(await list("processings/executions?status=FAILURE")), []);
    assertError(await h.call("GET", `${DS}/processings/executions?status=DONE`), 400, /status.*"ABORTED"/);
  });

  test("statics by type and name", async () => {
    assert.deepEqual((await list("statics?type=GEOSERVER-STYLE")).body, []);
    assertError(await h.call("GET", `${DS}/statics?type=SLD`), 400, /type.*"GEOSERVER-STYLE"/);
  });

  test("checks by name, check executions by status", async () => {
    assert.ok((await list("checks?name=%25")).body.length >= 2);
    assert.deepEqual((await list("checks?name=rien")).body, []);
    const passed = await list("checks/executions?status=SUCCESS");
    assert.equal(passed.body.length, 4, JSON.stringify(passed.body));
    assert.deepEqual((await list("checks/executions?status=FAILURE")).body, []);
    assertError(await h.call("GET", `${DS}/checks/executions?status=OK`), 400, /status.*"WAITING"/);
  });
});

describe("cost", () => {
  // JSON.parse is counted in the memory source only (SQLite parses in SQL).
  test("a filtered, sorted list parses each stored row once: the next lists parse only the rows of their page", { skip: SOURCE !== undefined }, async () => {
    const big = harness();
    after(() => big.close());
    for (let i = 0; i < 2000; i++) big.store.run((ctx) => createUploadRecord(ctx, i));
    const path = `${DS}/uploads?name=U1%25&tags[tuto]=oui&sort=creation,desc&limit=5`;
    const first = await big.call("GET", path);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("content-range"), "1-5/1111");
    const parse = JSON.parse;
    let parsed = 0;
    JSON.parse = ((...args: Parameters<typeof JSON.parse>) => (parsed++, parse(...args))) as typeof JSON.parse;
    let again;
    try {
      again = await big.call("GET", path.replace("U1%25", "U19%25"));
    } finally {
      JSON.parse = parse;
    }
    assert.equal(again.headers.get("content-range"), "1-5/111");
    assert.ok(parsed < 20, `${parsed} JSON.parse calls`);
  });
});

// An upload record U<i> tagged tuto=oui, written directly (faster than 2,000 requests).
function createUploadRecord(ctx: Context, i: number): void {
  const now = ctx.now + i;
  ctx.records.insert(UPLOADS, {
    _id: `u-${i}`, datastore: DS.split("/")[2]!, name: `U${i}`, description: "d", type: "ARCHIVE", srs: "EPSG:2154", status: "OPEN", open: false,
    tags: { tuto: "oui" }, type_infos: {}, files: [], checks: [], creation: now, update: now, lastEvent: { title: "Création", date: now },
  });
}

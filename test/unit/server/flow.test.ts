// The archive tutorial's first steps over real HTTP: user, upload, multipart files with ?path=, md5, tree,
// close and checks (fake clock), against the local datastore server.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import ids from "../../../_data/ids.json" with { type: "json" };
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { DS, startTestServer } from "./helpers.ts";
import type { TestServer } from "./helpers.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.server.close());

const FILES: [string, string][] = [
  ["data/DEPARTEMENT.shp", "shape bytes é ".repeat(100)],
  ["data/DEPARTEMENT.dbf", "dbf bytes\u0000\u00ff ".repeat(30)],
];
const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

// A multipart body with the text as field `file`.
function fileForm(content: string, name: string): FormData {
  const form = new FormData();
  form.append("file", new Blob([content]), name);
  return form;
}

test("archive flow, first steps, over real HTTP", async () => {
  const me = await t.call("GET", "/users/me");
  assert.equal(me.body.communities_member[0].community.datastore, SIMULATED_DATASTORE_ID);

  const created = await t.call("POST", `${DS}/uploads`, {
    json: { description: "Départements et limites départementales", name: "Données départementales", type: "ARCHIVE", srs: "EPSG:2154" },
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.equal(created.body.status, "OPEN");
  assert.equal(created.body.name, "Données départementales");
  const upload = created.body._id as string;

  const list = await t.call("GET", `${DS}/uploads`);
  assert.equal(list.headers.get("content-range"), "1-1/1");

  for (const [path, content] of FILES) {
    const sent = await t.call("POST", `${DS}/uploads/${upload}/data?path=${encodeURIComponent(path)}`, { form: fileForm(content, path.split("/").pop()!) });
    assert.equal(sent.status, 204, JSON.stringify(sent.body));
  }
  const noPath = await t.call("POST", `${DS}/uploads/${upload}/data`, { form: fileForm("x", "x.txt") });
  assert.equal(noPath.status, 400);
  const sums = FILES.map(([path, content]) => `${md5(content)}  ${path}\n`).join("");
  assert.equal((await t.call("POST", `${DS}/uploads/${upload}/md5`, { form: fileForm(sums, "DEPARTEMENT.md5") })).status, 204);

  const tree = await t.call("GET", `${DS}/uploads/${upload}/tree`);
  assert.equal(tree.status, 200);
  const data = tree.body.find((entry: { name: string }) => entry.name === "data");
  assert.equal(data.size, FILES.reduce((sum, [, content]) => sum + Buffer.byteLength(content), 0), "bytes arrive intact");
  assert.deepEqual(data.children.map((child: { name: string }) => child.name), ["DEPARTEMENT.dbf", "DEPARTEMENT.shp"]);

  assert.equal((await t.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  t.clock.now += 10_000;
  const checks = await t.call("GET", `${DS}/uploads/${upload}/checks`);
  assert.equal(checks.body.passed.length, 2, JSON.stringify(checks.body));
  assert.deepEqual(checks.body.passed.map((item: { check: { _id: string } }) => item.check._id).sort(), [ids.checks.archive, ids.checks.standard].sort());
  const standard = checks.body.passed.find((item: { check: { _id: string } }) => item.check._id === ids.checks.standard);
  const logs = await t.call("GET", `${DS}/checks/executions/${standard._id}/logs`);
  assert.ok(logs.body.some((line: string) => line.includes("Signature MD5 correcte pour data/DEPARTEMENT.shp")), logs.body.join("\n"));
  assert.equal((await t.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");
});

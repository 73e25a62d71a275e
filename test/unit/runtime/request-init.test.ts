import { test } from "node:test";
import assert from "node:assert/strict";
import { requestInit, type OutgoingRequest } from "../../../src/runtime/request-init.ts";

const target = { url: "https://data.geopf.fr/api/x", headers: { Authorization: "Bearer lecteur" }, real: true, simulated: false };
const base: OutgoingRequest = { method: "POST", target };

test("a url-encoded form is sent as application/x-www-form-urlencoded, each field encoded", async () => {
  const init = requestInit({ ...base, urlencoded: [{ name: "grant_type", value: "password" }, { name: "username", value: "anne & co" }, { name: "totp", value: "123 456" }] });
  const request = new Request(target.url, { method: "POST", ...init });
  assert.match(request.headers.get("content-type") ?? "", /^application\/x-www-form-urlencoded/);
  assert.equal(await request.text(), "grant_type=password&username=anne+%26+co&totp=123+456");
});

test("a raw file is the whole body, typed from the file or as octet-stream", async () => {
  const png = requestInit({ ...base, method: "PUT", file: new Blob(["PNG"], { type: "image/png" }), fileName: "a.png", rawFile: true });
  assert.equal(png.headers.get("content-type"), "image/png");
  assert.equal(await new Response(png.body).text(), "PNG");
  const bytes = requestInit({ ...base, method: "PUT", file: new Blob(["x"]), fileName: "a.bin", rawFile: true });
  assert.equal(bytes.headers.get("content-type"), "application/octet-stream");
  const multipart = requestInit({ ...base, file: new Blob(["x"]), fileName: "a.csv", fields: [{ name: "type", value: "CSV" }] });
  assert.ok(multipart.body instanceof FormData);
  assert.equal((multipart.body as FormData).get("type"), "CSV");
  assert.equal(((multipart.body as FormData).get("file") as File).name, "a.csv");
});

test("the block's headers are sent; its Authorization replaces the reader's token whatever its case", () => {
  const init = requestInit({ ...base, body: "{}", headers: [{ name: "authorization", value: "Basic YW5uZTphbm5l" }, { name: "apikey", value: "clé-1" }] });
  assert.equal(init.headers.get("Authorization"), "Basic YW5uZTphbm5l");
  assert.equal(init.headers.get("apikey"), "clé-1");
  assert.equal(init.headers.get("content-type"), "application/json");
  assert.equal(requestInit({ ...base, body: "{}" }).headers.get("authorization"), "Bearer lecteur");
});

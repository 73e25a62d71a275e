// HTTP behaviour of the local server: the token checked before any body is read, body limits (413), HEAD,
// 405 with Allow, hostile URLs, storage failures answered 5xx with nothing changed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { Readable } from "node:stream";
import type { SqliteSource } from "../../../src/mock/node/sqlite-source.ts";
import { route } from "../../../src/mock/http/route.ts";
import { DS, isErrorBody, startTestServer, TOKEN } from "./helpers.ts";
import type { TestServer } from "./helpers.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.server.close());

const UPLOAD = { name: "Livraison", description: "d", type: "ARCHIVE", srs: "EPSG:2154" };

/** A raw request whose body (if any) is produced lazily; resolves with the response as soon as it arrives. */
function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string | number>; body?: Readable },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method: options.method ?? "GET", path: options.path, headers: options.headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    // The server may close the connection while the body is still being sent: that is the point.
    request.on("error", (error) => reject(error));
    if (options.body) options.body.pipe(request).on("error", () => undefined);
    else request.end();
  });
}

/** A body of `size` bytes generated as it is read. */
function lazyBody(size: number): Readable {
  let sent = 0;
  const chunk = Buffer.alloc(256 * 1024, 0x61);
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
      sent += part.length;
      this.push(part);
    },
  });
}

test("a large body without a token gets 401 at once, without the server reading it into memory", async () => {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = Date.now();
  const SIZE = 256 * 1024 * 1024;
  const reply = await rawRequest(t.server.port, {
    method: "POST",
    path: `/api${DS}/uploads`,
    headers: { "Content-Type": "application/json", "Content-Length": SIZE },
    body: lazyBody(SIZE),
  });
  const elapsed = Date.now() - started;
  clearInterval(sampler);
  assert.equal(reply.status, 401);
  assert.ok(isErrorBody(JSON.parse(reply.body)));
  assert.match(String(reply.headers["www-authenticate"]), /^Bearer\b/);
  assert.ok(elapsed < 3000, `answered after ${elapsed} ms`);
  const growth = peak - before;
  assert.ok(growth < 64 * 1024 * 1024, `RSS grew by ${(growth / 1024 / 1024).toFixed(0)} MB for a 256 MiB body`);
  assert.equal((await t.call("GET", "/users/me")).status, 200, "the server keeps answering");
});

test("413: declared JSON length over the limit (nothing read), chunked JSON over the limit, declared upload over the limit", async () => {
  const small = await startTestServer({ limits: { json: 1000, upload: 5000 } });
  try {
    const declared = await rawRequest(small.server.port, { method: "POST", path: `/api${DS}/uploads`, headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", "Content-Length": 10_000_000 }, body: lazyBody(10_000_000) });
    assert.equal(declared.status, 413);
    assert.match(JSON.parse(declared.body).error_description[0], /1000 octets au plus pour un corps JSON/);
    const chunked = await rawRequest(small.server.port, { method: "POST", path: `/api${DS}/uploads`, headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" }, body: lazyBody(5000) });
    assert.equal(chunked.status, 413);
    const upload = await rawRequest(small.server.port, { method: "POST", path: `/api${DS}/uploads/x/data?path=a`, headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": 6000 }, body: lazyBody(6000) });
    assert.equal(upload.status, 413);
    assert.equal(JSON.parse(upload.body).error, "Payload Too Large");
    // Under the limits, chunked JSON is read and served.
    const fine = await rawRequest(small.server.port, { method: "POST", path: `/api${DS}/uploads`, headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" }, body: Readable.from([Buffer.from(JSON.stringify(UPLOAD))]) });
    assert.equal(fine.status, 200, fine.body);
  } finally {
    await small.server.close();
  }
});

test("a raw file (the Theia deposit's zip) has its own limit, larger than JSON's: under it the route answers", async () => {
  const small = await startTestServer({ limits: { json: 1000, binary: 5000, upload: 5000 } });
  try {
    const zip = (size: number, type = "application/zip") => rawRequest(small.server.port, { method: "PUT", path: "/data/ABCD/new/depot.zip", headers: { "Content-Type": type, "Content-Length": size }, body: lazyBody(size) });
    // 3,000 bytes: over the JSON limit, under the raw one: the simulated Theia server answers (401: no credentials).
    const under = await zip(3000);
    assert.equal(under.status, 401, under.body);
    const over = await zip(6000);
    assert.equal(over.status, 413);
    assert.match(JSON.parse(over.body).error_description[0], /5000 octets au plus pour un fichier envoyé tel quel/);
    // The same size as JSON is refused by the JSON limit.
    assert.equal((await zip(3000, "application/json")).status, 413);
  } finally {
    await small.server.close();
  }
});

test("HEAD is answered for every GET route, without a body", async () => {
  const created = await t.call("POST", `${DS}/uploads`, { json: UPLOAD });
  for (const path of ["/users/me", DS, `${DS}/uploads`, `${DS}/uploads/${created.body._id}`, `${DS}/processings`]) {
    const get = await fetch(`${t.server.url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const head = await fetch(`${t.server.url}${path}`, { method: "HEAD", headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(head.status, get.status, path);
    assert.equal(head.headers.get("content-type"), get.headers.get("content-type"), path);
    assert.equal(head.headers.get("content-range"), get.headers.get("content-range"), path);
    assert.equal(await head.text(), "", path);
    await get.arrayBuffer();
  }
  assert.equal((await fetch(`${t.server.url}/users/me`, { method: "HEAD" })).status, 401);
});

test("an unknown method on a known path: 405 with Allow and the error body", async () => {
  const reply = await t.call("PUT", "/users/me");
  assert.equal(reply.status, 405);
  assert.ok(isErrorBody(reply.body));
  assert.equal(reply.headers.get("allow"), "GET, HEAD");
  const uploads = await t.call("DELETE", `${DS}/uploads`);
  assert.equal(uploads.status, 405);
  assert.match(uploads.headers.get("allow") ?? "", /GET.*POST|POST.*GET/);
  // The message names the path as the client sent it, not the route's pattern.
  assert.match(uploads.body.error_description[0], new RegExp(`DELETE non autorisée sur ${DS}/uploads :`));
  const odd = await fetch(`${t.server.url}/users/me`, { method: "PROPFIND", headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(odd.status, 405);
});

test("hostile URLs: dot segments, encoded dots and slashes, bad encodings never escape the base nor crash", async () => {
  for (const target of ["/api/../users/me", "/api/%2e%2e/users/me", "/api/datastores/..%2f..%2fetc/uploads", "/api/datastores/%2E%2E", `/api${DS}/uploads/..%2F..%2F..%2Fetc%2Fpasswd`, `/api${DS}/uploads/%00`]) {
    const reply = await rawRequest(t.server.port, { path: target, headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.ok(reply.status >= 400 && reply.status < 500, `${target} → ${reply.status} ${reply.body}`);
    assert.ok(isErrorBody(JSON.parse(reply.body)), target);
  }
  const outside = await rawRequest(t.server.port, { path: "/api/../users/me", headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(outside.status, 404);
  assert.ok(JSON.parse(outside.body).error_description[0].includes(t.server.url));
  assert.equal((await rawRequest(t.server.port, { path: "//ailleurs.test/x" })).status, 400);
  assert.equal((await rawRequest(t.server.port, { path: "/api/datastores/%E0%A4%A/uploads", headers: { Authorization: `Bearer ${TOKEN}` } })).status, 400);
});

test("a storage failure answers 503/507 with the error body and changes nothing (simulated read-only database)", async () => {
  const source = t.server.store.source as SqliteSource;
  const before = await t.call("GET", `${DS}/uploads`);
  source.db.pragma("query_only = ON");
  try {
    const refused = await t.call("POST", `${DS}/uploads`, { json: UPLOAD });
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.body.error, "Service Unavailable");
    assert.match(refused.body.error_description[0], /lecture seule.*Rien n'a été modifié/);
    assert.equal((await t.call("GET", `${DS}/uploads`)).status, 200, "reads still work");
  } finally {
    source.db.pragma("query_only = OFF");
  }
  assert.deepEqual((await t.call("GET", `${DS}/uploads`)).body, before.body);
  assert.ok(t.logs.some((line) => line.startsWith("Écriture refusée (SQLITE_READONLY")), t.logs.join("\n"));
});

test("a route list of one's own: params decoded, unexpected errors are a logged 500", async () => {
  const own = await startTestServer({
    routes: [
      route("GET", "/echo/:value", ({ params }) => Response.json(params)),
      route("POST", "/boom", () => {
        throw new Error("panne");
      }),
    ],
  });
  try {
    assert.deepEqual((await own.call("GET", "/echo/%C3%A9t%C3%A9")).body, { value: "été" });
    const boom = await own.call("POST", "/boom");
    assert.equal(boom.status, 500);
    assert.match(boom.body.error_description[0], /L'état n'a pas été modifié/);
    assert.ok(own.logs.some((line) => line.includes("panne")));
    assert.equal((await own.call("GET", "/boom")).status, 405);
  } finally {
    await own.server.close();
  }
});

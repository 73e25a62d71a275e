import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startSiteServer, type SiteServer } from "../../../scripts/serve-site.ts";
import { CONTENT_SECURITY_POLICY } from "../../../src/build/csp.ts";

const SECRET = "ne doit jamais sortir";
let parent: string;
let site: string;
let sibling: string;
let server: SiteServer;

/** A GET with the path sent exactly as written (fetch and URL would resolve the dot segments first). */
function rawGet(rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: rawPath, method: "GET" }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end();
  });
}

before(async () => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), "serve-test-"));
  site = path.join(parent, "site");
  // Same name plus a suffix: a prefix check without a separator would take it for a folder of the site.
  sibling = "site-secret";
  fs.mkdirSync(path.join(site, "echantillons"), { recursive: true });
  fs.mkdirSync(path.join(parent, sibling));
  fs.writeFileSync(path.join(parent, sibling, "secret.txt"), SECRET);
  fs.writeFileSync(path.join(site, "index.html"), "<!doctype html><title>Accueil</title>");
  fs.writeFileSync(path.join(site, "404.html"), "<!doctype html><title>Page introuvable</title>");
  fs.writeFileSync(path.join(site, "echantillons", "donnees.csv"), "a;b\n1;2\n");
  fs.writeFileSync(path.join(site, "echantillons", "donnees.csv.md5"), "0123456789abcdef  donnees.csv\n");
  server = await startSiteServer({ dir: site, port: 0 });
});

after(async () => {
  await server.close();
  fs.rmSync(parent, { recursive: true, force: true });
});

for (const attempt of ["/../site-secret/secret.txt", "/%2e%2e/site-secret/secret.txt", "/..%2fsite-secret/secret.txt", "/%2e%2e%2fsite-secret%2fsecret.txt", "/echantillons/../../site-secret/secret.txt"]) {
  test(`a path out of the site (${attempt}) gets the 404 page, never the sibling folder's file`, async () => {
    const response = await rawGet(attempt);
    assert.equal(response.status, 404);
    assert.ok(!response.body.includes(SECRET));
    assert.match(response.body, /Page introuvable/);
  });
}

test("an existing file is served with its type, the security headers and no-cache", async () => {
  const response = await rawGet("/echantillons/donnees.csv");
  assert.equal(response.status, 200);
  assert.equal(response.body, "a;b\n1;2\n");
  assert.equal(response.headers["content-type"], "text/csv; charset=utf-8");
  assert.equal(response.headers["content-security-policy"], `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  assert.equal(response.headers["x-content-type-options"], "nosniff");
  assert.equal(response.headers["cache-control"], "no-cache");
  assert.equal((await rawGet("/echantillons/donnees.csv.md5")).headers["content-type"], "text/plain; charset=utf-8");
});

test("a folder is served by its index.html as a page", async () => {
  const response = await rawGet("/?q=1");
  assert.equal(response.status, 200);
  assert.match(response.body, /Accueil/);
  assert.match(String(response.headers["content-type"]), /^text\/html; ?charset=utf-8$/);
});

test("an unknown path gets 404.html with status 404 and the security headers", async () => {
  const response = await rawGet("/nulle-part/");
  assert.equal(response.status, 404);
  assert.match(response.body, /Page introuvable/);
  assert.equal(response.headers["content-type"], "text/html; charset=utf-8");
  assert.equal(response.headers["content-security-policy"], `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  assert.equal(response.headers["x-content-type-options"], "nosniff");
});

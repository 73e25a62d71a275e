// Annexes: upload (multipart fields, repeated or comma-joined paths, query parameters as the SDK sends them),
// list filters, read, PATCH, PUT, DELETE, download (same bytes), (un)publication by labels, public URL, storage use.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { assertError, BASE, bytesForm, DS, harness } from "./helpers.ts";

const h = harness();
after(() => h.close());
const md5 = (bytes: Uint8Array): string => createHash("md5").update(bytes).digest("hex");
const MISSING = "00000000-0000-4000-8000-00000000dead";
const PUBLIC = "https://data.geopf.fr/annexes/tutoriels";
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 300 }, (_, i) => i % 256)]);

// A multipart body with the file and the fields (a field given a list is repeated).
function annexeForm(bytes: Uint8Array | string, name: string, fields: Record<string, string | string[]> = {}): FormData {
  const form = bytesForm(bytes, name);
  for (const [key, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  return form;
}

const annexesUse = async (): Promise<number> => (await h.call("GET", DS)).body.storages.annexes.use;

test("POST …/annexes: repeated paths, leading /, MIME type, unpublished; the bytes read back; storage use", async () => {
  const created = await h.call("POST", `${DS}/annexes`, { form: annexeForm(jpeg, "rgealti.jpg", { paths: ["imagettes/rgealti.jpg", "/quickview/rgealti.jpg"] }) });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.deepEqual(created.body.paths, ["/imagettes/rgealti.jpg", "/quickview/rgealti.jpg"]);
  assert.equal(created.body.size, jpeg.length);
  assert.equal(created.body.mime_type, "image/jpeg");
  assert.equal(created.body.published, false);
  assert.deepEqual(created.body.labels, []);
  for (const key of ["_id", "creation", "update"]) assert.ok(created.body[key], key);
  const file = await fetch(`${BASE}${DS}/annexes/${created.body._id}/file`);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get("content-type"), "image/jpeg");
  assert.equal(md5(new Uint8Array(await file.arrayBuffer())), md5(jpeg));
  assert.equal(await annexesUse(), jpeg.length);
  assert.equal((await fetch(`${PUBLIC}/imagettes/rgealti.jpg`)).status, 404, "not public before publication");
  const read = await h.call("GET", `${DS}/annexes/${created.body._id}`);
  assert.deepEqual(read.body, created.body);
});

test("POST …/annexes: comma-joined paths, published=true, labels, fields as query parameters (SDK); public URL", async () => {
  const xml = '<?xml version="1.0"?><Capabilities/>';
  const created = await h.call("POST", `${DS}/annexes?paths=${encodeURIComponent("capabilities/mes_couches_wfs,capabilities/copie.xml")}&published=True&labels=getcap`, { form: annexeForm(xml, "getcap.xml") });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.deepEqual(created.body.paths, ["/capabilities/mes_couches_wfs", "/capabilities/copie.xml"]);
  assert.equal(created.body.published, true);
  assert.deepEqual(created.body.labels, ["getcap"]);
  assert.equal(created.body.mime_type, "application/xml");
  const served = await fetch(`${PUBLIC}/capabilities/mes_couches_wfs`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get("content-type"), "application/xml");
  assert.equal(await served.text(), xml);
  assert.equal((await fetch("https://data.geopf.fr/annexes/autre/capabilities/mes_couches_wfs")).status, 404);
});

test("POST …/annexes: 400 for a missing file or paths, unknown fields, bad published; 409 for a path in use", async () => {
  assertError(await h.call("POST", `${DS}/annexes`, { form: (() => { const f = new FormData(); f.append("paths", "a.txt"); return f; })() }), 400, /^file : fichier obligatoire/);
  assertError(await h.call("POST", `${DS}/annexes`, { form: annexeForm("x", "x.txt") }), 400, /^paths : chemin public de l'annexe .* obligatoire/);
  assertError(await h.call("POST", `${DS}/annexes`, { form: annexeForm("x", "x.txt", { paths: "a/../b.txt", published: "oui", colour: "red" }) }), 400,
    /^published : "true" ou "false" attendu \(reçu : chaîne "oui"\)/, /^colour : champ multipart inconnu/);
  assertError(await h.call("POST", `${DS}/annexes`, { form: annexeForm("x", "x.txt", { paths: "a/../b.txt" }) }), 400, /ne doit pas contenir de segment/);
  assertError(await h.call("POST", `${DS}/annexes`, { json: { paths: ["a"] } }), 400, /multipart\/form-data/);
  assertError(await h.call("POST", `${DS}/annexes`, { form: annexeForm("x", "x.txt", { paths: "/imagettes/rgealti.jpg" }) }), 409, /déjà celui de l'annexe/);
  assertError(await h.call("POST", "/datastores/autre/annexes", { form: annexeForm("x", "x.txt", { paths: "x.txt" }) }), 403);
});

test("GET …/annexes: filters mime_type (%), path, labels", async () => {
  const ids = async (query: string): Promise<string[]> => {
    const reply = await h.call("GET", `${DS}/annexes${query}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.map((annexe: { mime_type: string }) => annexe.mime_type);
  };
  assert.deepEqual(await ids(""), ["image/jpeg", "application/xml"]);
  assert.deepEqual(await ids("?mime_type=image%25"), ["image/jpeg"]);
  assert.deepEqual(await ids("?path=capabilities/mes_couches_wfs"), ["application/xml"]);
  assert.deepEqual(await ids("?path=/quickview/rgealti.jpg"), ["image/jpeg"]);
  assert.deepEqual(await ids("?labels=getcap"), ["application/xml"]);
  assert.deepEqual(await ids("?labels=getcap&labels=autre"), []);
});

test("PATCH, PUT, (un)publication by labels, DELETE; 404 for an unknown annexe", async () => {
  const list = (await h.call("GET", `${DS}/annexes?mime_type=image/jpeg`)).body;
  const url = `${DS}/annexes/${list[0]._id}`;
  assertError(await h.call("PATCH", url, { json: { published: "yes", paths: [], colour: 1 } }), 400, /^published : booléen attendu/, /^paths : liste non vide/, /^colour : clé inconnue/);
  assertError(await h.call("PATCH", url, { json: { paths: ["capabilities/copie.xml"] } }), 409, /déjà celui de l'annexe/);
  h.tick(1000);
  const patched = await h.call("PATCH", url, { json: { labels: ["legende"], published: true, extra: { source: "test" } } });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.deepEqual(patched.body.labels, ["legende"]);
  assert.equal(patched.body.published, true);
  assert.deepEqual(patched.body.extra, { source: "test" });
  assert.ok(patched.body.update > patched.body.creation);
  assert.equal((await fetch(`${PUBLIC}/quickview/rgealti.jpg`)).status, 200);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  assertError(await h.call("PUT", url, { form: new FormData() }), 400, /^file : fichier obligatoire/);
  const replaced = await h.call("PUT", url, { form: bytesForm(png, "legende.png") });
  assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
  assert.equal(replaced.body.mime_type, "image/png");
  assert.equal(replaced.body.size, png.length);
  const served = await fetch(`${PUBLIC}/quickview/rgealti.jpg`);
  assert.equal(md5(new Uint8Array(await served.arrayBuffer())), md5(png));
  const unpublish = await fetch(`${BASE}${DS}/annexes/unpublication?labels=legende`, { method: "POST" });
  assert.equal(await unpublish.text(), "1");
  assert.equal((await fetch(`${PUBLIC}/quickview/rgealti.jpg`)).status, 404);
  assert.equal(await (await fetch(`${BASE}${DS}/annexes/publication?labels=legende`, { method: "POST" })).text(), "1");
  assert.equal(await (await fetch(`${BASE}${DS}/annexes/publication?labels=legende`, { method: "POST" })).text(), "0");
  assertError(await h.call("POST", `${DS}/annexes/publication`), 400, /labels.*obligatoire/);
  const before = await annexesUse();
  assert.equal((await h.call("DELETE", url)).status, 204);
  assert.equal(await annexesUse(), before - png.length);
  assertError(await h.call("GET", url), 404, /Annexe/);
  assertError(await h.call("DELETE", url), 404, /Annexe/);
  assertError(await h.call("GET", `${DS}/annexes/${MISSING}/file`), 404, /Annexe/);
  assertError(await h.call("PATCH", `${DS}/annexes/${MISSING}`, { json: {} }), 404, /Annexe/);
  assertError(await h.call("PUT", `${DS}/annexes/${MISSING}`, { form: bytesForm(png, "x.png") }), 404, /Annexe/);
  assert.equal((await fetch(`${PUBLIC}/quickview/rgealti.jpg`)).status, 404);
});

test("Labels: 400 in French for an empty label, a comma or a label too long (POST and PATCH); kept once each", async () => {
  const created = await h.call("POST", `${DS}/annexes`, { form: annexeForm("x", "x.txt", { paths: "etiquettes/x.txt", labels: ["a", "a, b"] }) });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.deepEqual(created.body.labels, ["a", "b"]);
  assertError(await h.call("POST", `${DS}/annexes`, { form: annexeForm("x", "y.txt", { paths: "etiquettes/y.txt", labels: "x".repeat(65) }) }), 400, /^labels\[0\] : l'étiquette .* dépasse 64 caractères/);
  const url = `${DS}/annexes/${created.body._id}`;
  assertError(await h.call("PATCH", url, { json: { labels: ["", "c,d"], paths: ["../x"] } }), 400, /^labels\[0\] : étiquette vide/, /^labels\[1\] : .* ne doit pas contenir de virgule/, /segment « \. » ou « \.\. »/);
  assert.deepEqual((await h.call("GET", url)).body.labels, ["a", "b"], "nothing changed");
  assert.deepEqual((await h.call("PATCH", url, { json: { labels: ["c", "c"] } })).body.labels, ["c"]);
  assert.equal((await h.call("DELETE", url)).status, 204);
});

test("Rights: another user, not a member of the community, may neither list, upload, publish nor delete annexes (403)", async () => {
  const ANNE = { headers: { Authorization: "Bearer simulation-anne" } };
  const list = await h.call("GET", `${DS}/annexes`);
  assert.ok(list.body.length > 0);
  const id = list.body[0]._id;
  assertError(await h.call("GET", `${DS}/annexes`, ANNE), 403);
  assertError(await h.call("POST", `${DS}/annexes`, { form: annexeForm("x", "x.txt", { paths: "anne/x.txt" }), ...ANNE }), 403);
  assertError(await h.call("PATCH", `${DS}/annexes/${id}`, { json: { published: true }, ...ANNE }), 403);
  assertError(await h.call("POST", `${DS}/annexes/publication?labels=getcap`, ANNE), 403);
  assertError(await h.call("DELETE", `${DS}/annexes/${id}`, ANNE), 403);
  assert.equal((await h.call("GET", `${DS}/annexes/${id}`)).status, 200, "still there");
});

// Uploads through the MSW handlers: validation errors, state conflicts, md5 parsing, failing checks.
import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { assertError, closeAndCheck, createUpload, DS, fileForm, harness, md5, sendFiles } from "./helpers.ts";

const h = harness();
after(() => h.close());
beforeEach(() => h.store.reset());

test("POST uploads lists every invalid field", async () => {
  const reply = await h.call("POST", `${DS}/uploads`, { json: { name: "", type: "SHAPEFILE", srs: "Lambert93", colour: "red" } });
  assertError(reply, 400, /^name : chaîne non vide attendue/, /^description : chaîne non vide obligatoire/, /SHAPEFILE.*inconnu.*ARCHIVE/, /Lambert93.*EPSG:2154/, /^colour : clé inconnue/);
  assertError(await h.call("POST", `${DS}/uploads`, { raw: "{ not json" }), 400, /JSON valide/);
  assertError(await h.call("POST", `${DS}/uploads`, { json: ["a"] }), 400, /objet JSON/);
  assert.equal((await h.call("GET", `${DS}/uploads`)).body.length, 0, "nothing created");
});

test("unknown datastore → 403, unknown upload → 404", async () => {
  const reply = await h.call("POST", "/datastores/11111111-2222-4333-8444-555555555555/uploads", { json: {} });
  assertError(reply, 403, /accès à l'entrepôt « 11111111/);
  assertError(await h.call("GET", "/datastores/nope"), 403, /nope/);
  assertError(await h.call("GET", `${DS}/uploads/00000000-0000-4000-8000-999999999999`), 404, /Livraison « 00000000-0000-4000-8000-999999999999 » introuvable/);
});

test("list, pagination and Content-Range", async () => {
  for (let i = 0; i < 3; i++) await createUpload(h, "ARCHIVE", `Livraison ${i}`);
  const page = await h.call("GET", `${DS}/uploads?page=2&limit=2`);
  assert.equal(page.status, 200);
  assert.deepEqual(page.body.map((u: { name: string }) => u.name), ["Livraison 2"]);
  assert.equal(page.headers.get("content-range"), "3-3/3");
  assertError(await h.call("GET", `${DS}/uploads?limit=0`), 400, /limit/);
  assertError(await h.call("GET", `${DS}/uploads?page=abc`), 400, /page/);
});

test("PATCH changes name and description only", async () => {
  const upload = await createUpload(h);
  const ok = await h.call("PATCH", `${DS}/uploads/${upload}`, { json: { name: "Nouveau nom" } });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.name, "Nouveau nom");
  assertError(await h.call("PATCH", `${DS}/uploads/${upload}`, { json: { srs: "EPSG:4326", name: 3 } }), 400, /^srs : ne peut pas être modifié/, /^name : chaîne non vide attendue \(reçu : nombre 3\)/);
});

test("POST data: path and file are required, path must be relative without ..", async () => {
  const upload = await createUpload(h);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/data`, { form: new FormData() }), 400, /« path » est obligatoire/, /champ multipart « file »/);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/data?path=/etc/passwd`, { form: fileForm("x") }), 400, /relatif/);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/data?path=data/../x`, { form: fileForm("x") }), 400, /« \.\. »/);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/data?path=data/a`, { json: { file: "x" } }), 400, /multipart\/form-data/);
  await sendFiles(h, upload, [["data/a", "x"]]);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/data?path=data/a/b`, { form: fileForm("x") }), 409, /déjà un fichier/);
});

test("DELETE data removes a file; 404 when absent", async () => {
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/a.txt", "aaa"], ["data/b.txt", "bb"]]);
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}/data?path=data/a.txt`)).status, 204);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.size, 2);
  assertError(await h.call("DELETE", `${DS}/uploads/${upload}/data?path=data/a.txt`), 404, /data\/a\.txt/);
  assertError(await h.call("DELETE", `${DS}/uploads/${upload}/data`), 400, /path/);
});

test("md5 file: malformed lines → 400 naming them", async () => {
  const upload = await createUpload(h);
  const bad = `${md5("x")}  data/x\nnot a checksum line\nabc  data/y\n`;
  assertError(await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: fileForm(bad, "x.md5") }), 400, /ligne 2/, /ligne 3/);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: fileForm("\n\n", "x.md5") }), 400, /aucune ligne/);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: fileForm(`${md5("x")}  ../x\n`, "x.md5") }), 400, /relatif/);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}/tree`)).body.length, 0);
});

test("content changes and closing need an OPEN upload (409); reopen works", async () => {
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/a.txt", "aaa"]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/data?path=data/b.txt`, { form: fileForm("b") }), 409, /n'est pas ouverte \(statut CHECKING\)/);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: fileForm(`${md5("b")}  data/b.txt`) }), 409, /n'est pas ouverte/);
  assertError(await h.call("POST", `${DS}/uploads/${upload}/close`), 409, /Seule une livraison ouverte/);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "CLOSED");
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/open`)).status, 204);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.status, "OPEN");
  assertError(await h.call("POST", `${DS}/uploads/${upload}/open`), 409, /déjà ouverte/);
  assert.deepEqual((await h.call("GET", `${DS}/uploads/${upload}/checks`)).body, { asked: [], in_progress: [], passed: [], failed: [] });
});

test("a wrong md5 fails the standard check: UNSTABLE with ERROR logs naming the file", async () => {
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/a.txt", "real content"], ["data/b.txt", "bbb"], ["data/c.txt", "no checksum"]]);
  const sums = `${md5("other content")}  data/a.txt\n${md5("bbb")}  data/b.txt\n${md5("zzz")}  data/missing.txt\n`;
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/md5`, { form: fileForm(sums, "sums.md5") })).status, 204);
  const closed = await closeAndCheck(h, upload);
  assert.equal(closed.body.status, "UNSTABLE");
  const checks = await h.call("GET", `${DS}/uploads/${upload}/checks`);
  assert.equal(checks.body.failed.length, 1);
  assert.equal(checks.body.failed[0].check.name, "Vérification standard");
  assert.equal(checks.body.passed[0].check.name, "Vérification archive");
  const logs = (await h.call("GET", `${DS}/checks/executions/${checks.body.failed[0]._id}/logs`)).body as string[];
  assert.ok(logs.some((line) => /ERROR\|\|.*Signature MD5 incorrecte pour data\/a\.txt/.test(line)), logs.join("\n"));
  assert.ok(logs.some((line) => /ERROR\|\|.*absent de la livraison : data\/missing\.txt/.test(line)));
  assert.ok(logs.some((line) => /WARNING\|\|.*data\/c\.txt/.test(line)));
  assert.ok(logs.some((line) => /INFO\|\|.*correcte pour data\/b\.txt/.test(line)));
  assert.match(logs.at(-1)!, /FAILURE/);
  // An UNSTABLE upload can be deleted.
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  assertError(await h.call("DELETE", `${DS}/uploads/${upload}`), 409, /supprimée/);
});

test("two files with the same name in different folders fail the archive check", async () => {
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/2021/COMMUNE.shp", "a"], ["data/2022/commune.SHP", "b"], ["data/other.shp", "c"]]);
  const closed = await closeAndCheck(h, upload);
  assert.equal(closed.body.status, "UNSTABLE");
  const checks = await h.call("GET", `${DS}/uploads/${upload}/checks`);
  const failed = checks.body.failed[0];
  assert.equal(failed.check.name, "Vérification archive");
  const logs = (await h.call("GET", `${DS}/checks/executions/${failed._id}/logs`)).body as string[];
  assert.ok(logs.some((line) => line.includes("ERROR") && line.includes("data/2021/COMMUNE.shp") && line.includes("data/2022/commune.SHP")), logs.join("\n"));
  assert.equal(checks.body.passed[0].check.name, "Vérification standard");
});

test("VECTOR uploads get the vector + standard checks", async () => {
  const good = await createUpload(h, "VECTOR", "Vecteur");
  await sendFiles(h, good, [["data/villes.csv", "nom,x,y\nA,1,2\n"]]);
  assert.equal((await closeAndCheck(h, good)).body.status, "CLOSED");
  const names = (await h.call("GET", `${DS}/uploads/${good}/checks`)).body.passed.map((c: { check: { name: string } }) => c.check.name);
  assert.deepEqual(names.sort(), ["Vérification standard", "Vérification vecteur"]);
  const bad = await createUpload(h, "VECTOR", "Vecteur incomplet");
  await sendFiles(h, bad, [["data/pays.shp", "shp"], ["data/notes.docx", "doc"]]);
  assert.equal((await closeAndCheck(h, bad)).body.status, "UNSTABLE");
});

// Files over real HTTP on the local server (streaming multipart, SQLite rows, files on disk): an annexe with repeated
// `paths` fields read back byte for byte through the API and at its public URL; a metadata file; a static's file.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { DS, startTestServer } from "./helpers.ts";
import type { TestServer } from "./helpers.ts";

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.server.close());
const md5 = (bytes: Uint8Array): string => createHash("md5").update(bytes).digest("hex");
const bytes = new Uint8Array(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));

test("annexe: repeated paths, published, bytes through …/file and the public URL; metadata file", async () => {
  const form = new FormData();
  form.append("file", new Blob([bytes]), "legende.png");
  form.append("paths", "legendes/mnt.png");
  form.append("paths", "/quickview/mnt.png");
  form.append("published", "true");
  const created = await t.call("POST", `${DS}/annexes`, { form });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.deepEqual(created.body.paths, ["/legendes/mnt.png", "/quickview/mnt.png"]);
  assert.equal(created.body.mime_type, "image/png");
  const file = await fetch(`${t.server.url}${DS}/annexes/${created.body._id}/file`, { headers: { Authorization: "Bearer jeton-de-test" } });
  assert.equal(file.status, 200);
  assert.equal(md5(new Uint8Array(await file.arrayBuffer())), md5(bytes));
  const origin = new URL(t.server.url).origin;
  const served = await fetch(`${origin}/annexes/tutoriels/quickview/mnt.png`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get("content-type"), "image/png");
  assert.equal(md5(new Uint8Array(await served.arrayBuffer())), md5(bytes));
  assert.equal((await fetch(`${origin}/annexes/tutoriels/absent.png`)).status, 404);
  assert.equal((await t.call("GET", DS)).body.storages.annexes.use, bytes.length);
  const xml = '<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco"><gmd:fileIdentifier><gco:CharacterString>FICHE_1</gco:CharacterString></gmd:fileIdentifier></gmd:MD_Metadata>';
  const metadataForm = new FormData();
  metadataForm.append("file", new Blob([xml]), "fiche.xml");
  const metadata = await t.call("POST", `${DS}/metadata?type=INSPIRE`, { form: metadataForm });
  assert.equal(metadata.status, 200, JSON.stringify(metadata.body));
  assert.equal(metadata.body.type, "INSPIRE");
  const back = await fetch(`${t.server.url}${DS}/metadata/${metadata.body._id}/file`, { headers: { Authorization: "Bearer jeton-de-test" } });
  assert.equal(await back.text(), xml);
});

// The simulated Theia/OZCAR deposit server through MSW: basic authentication, PUT of an archive into new/, the
// previous/ listing and download, and the clear French refusals of a bad archive or name.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { createNodeDatastore } from "../../../../src/mock/node.ts";
import { THEIA_PRODUCERS, THEIA_ROOT, TUTORIAL_PRODUCER } from "../../../../src/mock/theia/records.ts";

const { server } = createNodeDatastore();
before(() => server.listen({ onUnhandledRequest: "error" }));
after(() => server.close());

const basic = (id: string, password: string): string => `Basic ${Buffer.from(`${id}:${password}`).toString("base64")}`;
const AUTH = basic(TUTORIAL_PRODUCER.id, TUTORIAL_PRODUCER.password);
const folder = `${THEIA_ROOT}/${TUTORIAL_PRODUCER.id}`;
const put = async (name: string, body: Uint8Array, authorization = AUTH) => {
  const response = await fetch(`${folder}/new/${name}`, { method: "PUT", body, headers: { Authorization: authorization } });
  return { status: response.status, text: await response.text(), headers: response.headers };
};
const archive = (files: Record<string, Uint8Array>): Uint8Array => zipSync(files);
const dataset = (): Uint8Array => zipSync({ "mesures.csv": strToU8("date;valeur\n2024-01-01;3.2\n") });
const good = (): Uint8Array => archive({ "TUTO_en.json": strToU8(JSON.stringify({ producer: { producerId: "TUTO" }, datasets: [] })), "TUTO_DAT_1.zip": dataset(), "TUTO_DAT_2.zip": dataset() });

test("401 without credentials or with a wrong password, 403 in another producer's folder", async () => {
  const none = await fetch(`${folder}/new/a.zip`, { method: "PUT", body: good() });
  assert.equal(none.status, 401);
  assert.match(none.headers.get("www-authenticate") ?? "", /^Basic /);
  assert.match(await none.text(), /Authentification requise/);
  assert.equal((await put("a.zip", good(), basic(TUTORIAL_PRODUCER.id, "faux"))).status, 401);
  const other = Object.keys(THEIA_PRODUCERS).find((id) => id !== TUTORIAL_PRODUCER.id)!;
  const response = await fetch(`${THEIA_ROOT}/${other}/new/a.zip`, { method: "PUT", body: good(), headers: { Authorization: AUTH } });
  assert.equal(response.status, 403);
  assert.equal((await fetch(`${folder}/previous/`)).status, 401);
});

test("a deposit is listed in previous/ with its size, replaces the former one, and can be read back", async () => {
  const first = good();
  const created = await put("TUTO_THEIA.zip", first);
  assert.equal(created.status, 201);
  assert.match(created.text, /2 jeux de données \(TUTO_DAT_1\.zip, TUTO_DAT_2\.zip\)/);
  const second = archive({ "TUTO_en.json": strToU8("{}"), "TUTO_DAT_3.zip": dataset() });
  assert.equal((await put("TUTO_THEIA_2.zip", second)).status, 201);
  const listing = await (await fetch(`${folder}/previous/`, { headers: { Authorization: AUTH } })).text();
  assert.match(listing, new RegExp(`>TUTO_THEIA_2\\.zip</a></td><td>[^<]+</td><td>${second.length}</td>`));
  assert.doesNotMatch(listing, />TUTO_THEIA\.zip</, "only the last archive stays in previous/");
  const back = await fetch(`${folder}/previous/TUTO_THEIA_2.zip`, { headers: { Authorization: AUTH } });
  assert.deepEqual(new Uint8Array(await back.arrayBuffer()), second);
  assert.equal((await fetch(`${folder}/previous/TUTO_THEIA.zip`, { headers: { Authorization: AUTH } })).status, 404);
});

test("a bad archive or name is refused with a 400 saying what is wrong", async () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ["depot.tar", good(), /n'a pas l'extension \.zip/],
    ["dépôt.zip", good(), /caractères refusés/],
    ["depot.zip", strToU8("pas une archive"), /n'est pas une archive zip lisible/],
    ["depot.zip", new Uint8Array(), /est vide/],
    ["depot.zip", archive({ "TUTO_DAT_1.zip": dataset() }), /Il manque le fichier \.json du format pivot/],
    ["depot.zip", archive({ "TUTO_en.json": strToU8("{") , "TUTO_DAT_1.zip": dataset() }), /n'est pas un JSON valide/],
    ["depot.zip", archive({ "TUTO_en.json": strToU8("{}") }), /Aucune archive \.zip de jeu de données/],
    ["depot.zip", archive({ "TUTO_en.json": strToU8("{}"), "TUTO_DAT_1.zip": strToU8("texte"), "notes.txt": strToU8("x") }), /TUTO_DAT_1\.zip n'est pas une archive zip[\s\S]*Fichiers inattendus à la racine : notes\.txt/],
  ];
  for (const [name, body, expected] of cases) {
    const reply = await put(encodeURIComponent(name), body);
    assert.equal(reply.status, 400, name);
    assert.match(reply.text, expected, name);
  }
  assert.equal((await fetch(`${folder}/new/`, { method: "PUT", body: good(), headers: { Authorization: AUTH } })).status, 400);
});

// The download service serves the archive's bytes: after the archive tutorial's steps, the links of the
// capabilities, resource and sub-resource feeds lead to the files, whose bytes are those uploaded (same
// MD5); unknown files and unpublished resources answer the service's 404. Through MSW, then the local server.
import { test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../../_data/ids.json" with { type: "json" };
import { Md5 } from "../../../../src/shared/md5.ts";
import { bytesForm, DS, harness } from "../helpers.ts";
import type { Reply, Send } from "../helpers.ts";
import { startTestServer } from "../../server/helpers.ts";

// Bytes of every value, so that a text decoding on the way would be seen.
const BINARY = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7 + (i >> 8)) % 256);
const FILES: [string, Uint8Array | string][] = [
  ["data/DEPARTEMENT.shp", BINARY],
  ["data/DEPARTEMENT.prj", 'PROJCS["RGF93_Lambert_93"]'],
  ["data/sub/communes é.csv", "insee;nom\n2A004;Ajaccio\n"],
];
const bytesOf = (content: Uint8Array | string): Uint8Array => (typeof content === "string" ? new TextEncoder().encode(content) : content);
const md5 = (content: Uint8Array | string): string => new Md5().update(bytesOf(content)).hex();

interface Side {
  call(method: string, path: string, send?: Send): Promise<Reply>;
  tick(ms: number): void;
  /** Root of the open download service. */
  download: string;
}

// The archive tutorial up to the published DOWNLOAD offering; returns the offering's id.
async function publishArchive(side: Side): Promise<string> {
  const upload = await side.call("POST", `${DS}/uploads`, { json: { name: "Données départementales", description: "Départements", type: "ARCHIVE", srs: "EPSG:2154" } });
  assert.equal(upload.status, 200, JSON.stringify(upload.body));
  for (const [path, content] of FILES) {
    const sent = await side.call("POST", `${DS}/uploads/${upload.body._id}/data?path=${encodeURIComponent(path)}`, { form: bytesForm(content, path.split("/").pop()!) });
    assert.equal(sent.status, 204, JSON.stringify(sent.body));
  }
  assert.equal((await side.call("POST", `${DS}/uploads/${upload.body._id}/close`)).status, 204);
  side.tick(10_000);
  assert.equal((await side.call("GET", `${DS}/uploads/${upload.body._id}`)).body.status, "CLOSED");
  const execution = await side.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.archive_to_archive, inputs: { upload: [upload.body._id] }, output: { stored_data: { name: "Données départementales", storage_tags: ["ARCHIVE"] } } },
  });
  assert.equal(execution.status, 200, JSON.stringify(execution.body));
  assert.equal((await side.call("POST", `${DS}/processings/executions/${execution.body._id}/launch`)).status, 204);
  side.tick(10_000);
  assert.equal((await side.call("GET", `${DS}/processings/executions/${execution.body._id}`)).body.status, "SUCCESS");
  // The upload is deleted, as the tutorial does: the stored data keeps the bytes.
  assert.equal((await side.call("DELETE", `${DS}/uploads/${upload.body._id}`)).status, 204);
  const configuration = await side.call("POST", `${DS}/configurations`, {
    json: {
      type: "DOWNLOAD", name: "Limites administratives", layer_name: "limites_administratives",
      type_infos: { title: { fr: "Limites administratives" }, abstract: { fr: "Limites" }, used_data: [{ sub_name: "departements", title: { fr: "Départements" }, format: "SHP", zone: "FXX", stored_data: execution.body.output.stored_data._id }] },
    },
  });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  const offering = await side.call("POST", `${DS}/configurations/${configuration.body._id}/offerings`, { json: { endpoint: ids.endpoints.open.download, open: true } });
  assert.equal(offering.status, 200, JSON.stringify(offering.body));
  side.tick(2000);
  assert.equal((await side.call("GET", `${DS}/offerings/${offering.body._id}`)).body.status, "PUBLISHED");
  return offering.body._id as string;
}

const JSON_FEED = { Accept: "application/json" };

// Capabilities → resource → sub-resource → every file, following the feeds' links; checks bytes and headers.
async function followLinks(side: Side): Promise<string[]> {
  const capabilities = await (await fetch(`${side.download}/capabilities`, { headers: JSON_FEED })).json() as any;
  const resource = await (await fetch(capabilities.entry[0].link[0].href, { headers: JSON_FEED })).json() as any;
  const files = await (await fetch(resource.entry[0].link[0].href, { headers: JSON_FEED })).json() as any;
  assert.deepEqual(files.entry.map((entry: any) => entry.title), ["DEPARTEMENT.shp", "DEPARTEMENT.prj", "communes é.csv"]);
  const links: string[] = [];
  for (const [index, [path, content]] of FILES.entries()) {
    const entry = files.entry[index];
    const href = entry.link[0].href as string;
    assert.ok(href.startsWith(`${side.download}/download/limites_administratives/departements/`), href);
    const response = await fetch(href);
    assert.equal(response.status, 200, href);
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.equal(new Md5().update(bytes).hex(), md5(content), path);
    assert.equal(new Md5().update(bytes).hex(), entry.content, "the feed's MD5");
    assert.equal(bytes.length, entry.link[0].length);
    assert.equal(response.headers.get("content-length"), String(bytesOf(content).length));
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    const name = path.split("/").pop()!;
    assert.match(response.headers.get("content-disposition") ?? "", new RegExp(`^attachment; filename="[^"]+"; filename\\*=UTF-8''${encodeURIComponent(name).replace(/[.*]/g, "\\$&")}$`));
    links.push(href);
  }
  const types = await Promise.all(links.map(async (href) => (await fetch(href)).headers.get("content-type")));
  assert.deepEqual(types, ["application/octet-stream", "text/plain; charset=UTF-8", "text/csv; charset=UTF-8"]);
  // The Atom feed gives the same links.
  const atom = await (await fetch(resource.entry[0].link[0].href)).text();
  assert.ok(atom.includes(`<link href="${links[2]}" rel="alternate" type="application/octet-stream" length="${bytesOf(FILES[2]![1]).length}"/>`), atom);
  return links;
}

// The service's 404s: unknown file, unknown sub-resource, unknown resource.
async function assertMissing(side: Side): Promise<void> {
  const unknownFile = await fetch(`${side.download}/download/limites_administratives/departements/ABSENT.shp`, { headers: JSON_FEED });
  assert.equal(unknownFile.status, 404);
  assert.match((await unknownFile.json() as any).message, /ABSENT\.shp n'existe pas dans la sous-ressource limites_administratives\/departements/);
  const unknownSub = await fetch(`${side.download}/download/limites_administratives/communes/DEPARTEMENT.shp`);
  assert.equal(unknownSub.status, 404);
  assert.match(await unknownSub.text(), /<code>404<\/code>[\s\S]*Sous-ressource communes inconnue/);
  assert.equal((await fetch(`${side.download}/download/inconnue/departements/DEPARTEMENT.shp`)).status, 404);
}

test("through MSW: the feeds' links download the uploaded bytes; 404 for unknown and unpublished files", async (context) => {
  const h = harness();
  context.after(() => h.close());
  const side: Side = { call: h.call, tick: h.tick, download: "https://data.geopf.fr/telechargement" };
  const offering = await publishArchive(side);
  const links = await followLinks(side);
  await assertMissing(side);
  assert.equal((await fetch(links[0]!.replace("/telechargement/", "/private/telechargement/"))).status, 401, "not on the private service (no key)");
  const other = await fetch(`${side.download}/autre/chose`);
  assert.equal(other.status, 404);
  assert.match(await other.text(), /\/download\/\{ressource\}\/\{sous-ressource\}\/\{fichier\}/);

  assert.equal((await h.call("DELETE", `${DS}/offerings/${offering}`)).status, 204);
  h.tick(2000);
  const unpublished = await fetch(links[0]!, { headers: JSON_FEED });
  assert.equal(unpublished.status, 404);
  assert.match((await unpublished.json() as any).message, /limites_administratives n'existe pas ou n'est pas publiée/);
});

test("through the local server: links on the server's own origin, bytes unchanged", async (context) => {
  const t = await startTestServer();
  context.after(() => t.server.close());
  const side: Side = { call: t.call, tick: (ms) => { t.clock.now += ms; }, download: `${t.server.origin}/telechargement` };
  await publishArchive(side);
  await followLinks(side);
  await assertMissing(side);
});

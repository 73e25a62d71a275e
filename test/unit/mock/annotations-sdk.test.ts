// The requests IGN's Python SDK (sdk_entrepot_gpf) sends for tags, comments, events and sharings, as written in
// its source: `UploadAction.run` (upload -f: __add_tags, __add_comments) and the Tag/Comment/Event/Sharing
// interfaces (routes of _conf/default.ini, bodies sent with `json=`, list parameters encoded by requests), and
// what it reads from each answer.
import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { BASE, harness, request } from "./helpers.ts";

const h = harness();
after(() => h.close());
beforeEach(() => h.store.reset());

// What requests sends for `json=data` (ApiRequester.__url_request): a JSON body and its content type.
const JSON_HEADERS = { "Content-Type": "application/json", Authorization: "Bearer token" };
const root = `${BASE}/datastores/${SIMULATED_DATASTORE_ID}`;
const sdk = (method: string, url: string, data?: unknown) =>
  data === undefined ? request(method, url, { headers: JSON_HEADERS }) : request(method, url, { raw: JSON.stringify(data), headers: JSON_HEADERS });
const ok = (reply: { status: number; body: unknown }): void => assert.ok(reply.status >= 200 && reply.status < 300, `2xx expected: ${reply.status} ${JSON.stringify(reply.body)}`);

// The upload descriptors of the SDK's examples (_data/datasets/*/upload_descriptor.jsonc, docs).
const DATASETS = [
  { upload_infos: { description: "Jeu d'exemple vecteur", name: "EXAMPLE_DATASET_VECTOR", srs: "EPSG:2154", type: "VECTOR" }, comments: ["Ceci est un jeu de données d'exemple contenant des données vecteur"], tags: { tuto: "oui" } },
  { upload_infos: { description: "Jeu d'exemple raster Ain", name: "EXAMPLE_DATASET_RASTER", srs: "EPSG:2154", type: "RASTER" }, comments: ["Ceci est un jeu de données d'exemple contenant des données raster"], tags: { tuto: "oui" } },
];

// UploadAction.__add_tags then __add_comments, as run() calls them on an open upload; returns how many comments it added.
async function addTagsAndComments(upload: string, dataset: (typeof DATASETS)[number]): Promise<number> {
  // upload_add_tags = ${upload_get}/tags, POST, data=dataset.tags; the answer is not read.
  ok(await sdk("POST", `${root}/uploads/${upload}/tags`, dataset.tags));
  // upload_list_comment = ${upload_get}/comments: [d_comment["text"] for d_comment in json() if d_comment].
  const listed = await sdk("GET", `${root}/uploads/${upload}/comments`);
  ok(listed);
  assert.ok(Array.isArray(listed.body));
  const actual = listed.body.filter(Boolean).map((comment: { text: string }) => comment.text);
  assert.ok(actual.every((text: unknown) => typeof text === "string"));
  let added = 0;
  for (const text of dataset.comments) {
    if (actual.includes(text)) continue;
    // upload_add_comment = ${upload_list_comment}, POST, data={"text": s_comment}; the answer is not read.
    ok(await sdk("POST", `${root}/uploads/${upload}/comments`, { text }));
    added++;
  }
  return added;
}

test("upload -f: tags and comments of the SDK's example datasets; a resumed run adds no comment twice", async () => {
  for (const dataset of DATASETS) {
    // Upload.api_create(upload_infos): the SDK keeps the answer (`_id`, `name`) and goes on only if it is OPEN.
    const created = await sdk("POST", `${root}/uploads`, dataset.upload_infos);
    ok(created);
    assert.equal(created.body.status, "OPEN");
    const upload = created.body._id as string;
    assert.equal(await addTagsAndComments(upload, dataset), 1);
    // behavior CONTINUE/RESUME on the same open upload: tags merged again, the comment is found by its text.
    assert.equal(await addTagsAndComments(upload, dataset), 0);
    const record = await sdk("GET", `${root}/uploads/${upload}`);
    // TagInterface.get_tag reads `tags[<name>]` of the entity.
    assert.equal(record.body.tags.tuto, "oui");
    const comments = await sdk("GET", `${root}/uploads/${upload}/comments`);
    assert.deepEqual(comments.body.map((comment: { text: string }) => comment.text), dataset.comments);
  }
});

test("TagInterface, CommentInterface, EventInterface and SharingInterface requests on an upload", async () => {
  const created = await sdk("POST", `${root}/uploads`, DATASETS[1]!.upload_infos);
  const upload = created.body._id as string;
  ok(await sdk("POST", `${root}/uploads/${upload}/tags`, { tuto: "oui", tuto_name: "raster", reference: "2100-01-00003" }));
  // api_remove_tags: params={"tags[]": tag_keys} → requests repeats the encoded key.
  ok(await sdk("DELETE", `${root}/uploads/${upload}/tags?tags%5B%5D=tuto_name&tags%5B%5D=reference`));
  assert.deepEqual((await sdk("GET", `${root}/uploads/${upload}`)).body.tags, { tuto: "oui" });

  ok(await sdk("POST", `${root}/uploads/${upload}/comments`, { text: "Premier" }));
  const [comment] = (await sdk("GET", `${root}/uploads/${upload}/comments`)).body;
  // api_edit_comment: PUT ${upload_list_comment}/{comment}, data=comment_data; api_remove_comment: DELETE.
  ok(await sdk("PUT", `${root}/uploads/${upload}/comments/${comment._id}`, { text: "Premier, corrigé" }));
  assert.equal((await sdk("GET", `${root}/uploads/${upload}/comments`)).body[0].text, "Premier, corrigé");
  ok(await sdk("DELETE", `${root}/uploads/${upload}/comments/${comment._id}`));
  assert.deepEqual((await sdk("GET", `${root}/uploads/${upload}/comments`)).body, []);

  // api_events: List[Dict] of the entity's events.
  const events = await sdk("GET", `${root}/uploads/${upload}/events`);
  ok(events);
  assert.deepEqual(events.body.map((event: { title: string }) => event.title), ["Création"]);

  // api_add_sharings: data=datastore_ids; api_list_sharings: [{_id, name}…]; api_remove_sharings: params={"datastores": ids}.
  ok(await sdk("POST", `${root}/uploads/${upload}/sharings`, [SIMULATED_DATASTORE_ID]));
  const sharings = await sdk("GET", `${root}/uploads/${upload}/sharings`);
  assert.deepEqual(sharings.body.map((item: { _id: string; name: string }) => [item._id, item.name]), [[SIMULATED_DATASTORE_ID, "Communauté des tutoriels"]]);
  ok(await sdk("DELETE", `${root}/uploads/${upload}/sharings?datastores=${SIMULATED_DATASTORE_ID}`));
  assert.deepEqual((await sdk("GET", `${root}/uploads/${upload}/sharings`)).body, []);
});

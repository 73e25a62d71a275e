// Events (GET …/events) through the MSW handlers: the history of an upload, a stored data and a configuration
// in order, kept readable after a DELETE (status DELETED), gone with a removed configuration or static.
import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { SECOND_USER, SECOND_USER_ID, SIMULATED_COMMUNITY_ID, SIMULATED_USER } from "../../../src/mock/seed.ts";
import { archiveChain } from "./annotation-helpers.ts";
import { assertError, BASE, bytesForm, closeAndCheck, createUpload, DS, harness, request, sendFiles, T0 } from "./helpers.ts";

const h = harness();
after(() => h.close());
beforeEach(() => h.store.reset());

const titles = (reply: { body: { title: string }[] }): string[] => reply.body.map((event) => event.title);
const at = (ms: number): string => new Date(ms).toISOString().slice(0, -1);

test("an upload's history: creation, files, closing, checks, change, deletion", async () => {
  const upload = await createUpload(h);
  h.tick(1000);
  await sendFiles(h, upload, [["data/DEPARTEMENT.shp", "shape bytes"]]);
  const closedAt = h.clock.now;
  assert.equal((await closeAndCheck(h, upload)).body.status, "CLOSED");
  const events = await h.call("GET", `${DS}/uploads/${upload}/events`);
  assert.equal(events.status, 200);
  assert.deepEqual(titles(events), ["Création", "Fermeture", "Vérifications réussies"]);
  const initiator = { first_name: "Dave", last_name: "Lopper", _id: SIMULATED_USER._id, creation: SIMULATED_USER.creation, update: SIMULATED_USER.update };
  assert.deepEqual(events.body[0], { date: at(T0), title: "Création", initiator });
  assert.equal(events.body[1].date, at(closedAt));
  const dates = events.body.map((event: { date: string }) => event.date);
  assert.deepEqual([...dates].sort(), dates, "oldest first");
  const last = events.body.at(-1);
  const record = await h.call("GET", `${DS}/uploads/${upload}`);
  assert.deepEqual({ title: record.body.last_event.title, date: record.body.last_event.date }, { title: last.title, date: last.date }, "last_event is the last of the history");

  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/open`)).status, 204);
  assert.equal((await h.call("PATCH", `${DS}/uploads/${upload}`, { json: { name: "Nouveau nom" } })).status, 200);
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  // Kept readable with the record (status DELETED).
  assert.deepEqual(titles(await h.call("GET", `${DS}/uploads/${upload}/events`)), ["Création", "Fermeture", "Vérifications réussies", "Ouverture", "Modification", "Suppression"]);
});

test("a failed check and tags or comments leave their trace only where they belong", async () => {
  const upload = await createUpload(h, "VECTOR", "Vecteur");
  await sendFiles(h, upload, [["data/readme.txt", "not a vector file"]]);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/tags`, { json: { a: "b" } })).status, 200);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/comments`, { json: { text: "Un commentaire" } })).status, 200);
  assert.equal((await closeAndCheck(h, upload)).body.status, "UNSTABLE");
  assert.deepEqual(titles(await h.call("GET", `${DS}/uploads/${upload}/events`)), ["Création", "Fermeture", "Vérifications en échec"]);
});

test("stored data and configuration histories; a removed configuration or static takes its annotations along", async () => {
  const chain = await archiveChain(h);
  const storedData = await h.call("GET", `${DS}/stored_data/${chain.storedData}/events`);
  assert.deepEqual(titles(storedData), ["Création", "Génération"]);
  assert.equal(storedData.body[0].initiator._id, SIMULATED_USER._id);
  assert.equal((await h.call("PATCH", `${DS}/stored_data/${chain.storedData}`, { json: { name: "Renommée" } })).status, 200);
  assert.deepEqual(titles(await h.call("GET", `${DS}/stored_data/${chain.storedData}/events`)), ["Création", "Génération", "Modification"]);

  const configuration = `${DS}/configurations/${chain.configuration}`;
  const current = (await h.call("GET", configuration)).body;
  const replaced = await h.call("PUT", configuration, { json: { type: current.type, name: "Nouveau nom", layer_name: current.layer_name, type_infos: current.type_infos } });
  assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
  assert.deepEqual(titles(await h.call("GET", `${configuration}/events`)), ["Création", "Modification"]);
  assert.equal((await h.call("POST", `${configuration}/comments`, { json: { text: "À supprimer avec elle" } })).status, 200);
  assert.ok(h.store.source.get("annotation", `configuration:${chain.configuration}`));
  assert.equal((await h.call("DELETE", configuration)).status, 204);
  assertError(await h.call("GET", `${configuration}/events`), 404, /Configuration .* introuvable/);
  assert.equal(h.store.source.get("annotation", `configuration:${chain.configuration}`), undefined, "annotations removed with the configuration");

  // Deleted stored data keep theirs.
  assert.equal((await h.call("DELETE", `${DS}/stored_data/${chain.storedData}`)).status, 204);
  assert.deepEqual(titles(await h.call("GET", `${DS}/stored_data/${chain.storedData}/events`)), ["Création", "Génération", "Modification", "Suppression"]);

  const sld = `<?xml version="1.0"?><StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld"><NamedLayer><Name>a</Name></NamedLayer></StyledLayerDescriptor>`;
  const created = await h.call("POST", `${DS}/statics`, { form: bytesForm(sld, "style.sld", { type: "GEOSERVER-STYLE", name: "Style" }) });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.ok(h.store.source.get("annotation", `static:${created.body._id}`));
  assert.equal((await h.call("DELETE", `${DS}/statics/${created.body._id}`)).status, 204);
  assert.equal(h.store.source.get("annotation", `static:${created.body._id}`), undefined);
});

test("a record saved before histories were kept shows its last event", async () => {
  const upload = await createUpload(h);
  h.store.source.transaction(() => h.store.source.delete("annotation", `upload:${upload}`));
  assert.deepEqual(titles(await h.call("GET", `${DS}/uploads/${upload}/events`)), ["Création"]);
  assertError(await h.call("GET", `${DS}/uploads/00000000-0000-4000-8000-999999999999/events`), 404, /Livraison .* introuvable/);
});

test("events and comments name the user who made them; a change the scheduler applies keeps its initiator", async () => {
  const asAnne = (method: string, path: string, json?: unknown) =>
    request(method, `${BASE}${path}`, json === undefined ? {} : { json }, { Authorization: "Bearer simulation-anne" });
  assert.equal((await h.call("PUT", `/communities/${SIMULATED_COMMUNITY_ID}/users/${SECOND_USER_ID}`, { json: { rights: ["UPLOAD"] } })).status, 200);
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/DEPARTEMENT.shp", "shape bytes"]]);
  const changed = await asAnne("PATCH", `${DS}/uploads/${upload}`, { name: "Renommée par Anne" });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual(changed.body.last_event.initiator, { _id: SECOND_USER_ID, first_name: "Anne", last_name: "Halise", creation: SECOND_USER.creation, update: SECOND_USER.update });
  assert.equal((await asAnne("POST", `${DS}/uploads/${upload}/close`)).status, 204);
  // The checks end while Dave is the one calling: their events are still Anne's, who closed the upload.
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/uploads`)).status, 200);
  const events = await h.call("GET", `${DS}/uploads/${upload}/events`);
  assert.deepEqual(events.body.map((event: { title: string; initiator: { last_name: string } }) => `${event.title} : ${event.initiator.last_name}`),
    ["Création : Lopper", "Modification : Halise", "Fermeture : Halise", "Vérifications réussies : Halise"]);
  assert.equal((await h.call("GET", `${DS}/uploads/${upload}`)).body.last_event.initiator._id, SECOND_USER_ID);

  const hers = await asAnne("POST", `${DS}/uploads/${upload}/comments`, { text: "Vérifié de mon côté." });
  assert.equal(hers.status, 200, JSON.stringify(hers.body));
  assert.equal(hers.body.author._id, SECOND_USER_ID);
  assert.equal((await h.call("POST", `${DS}/uploads/${upload}/comments`, { json: { text: "Merci." } })).body.author._id, SIMULATED_USER._id);
  const comments = await h.call("GET", `${DS}/uploads/${upload}/comments`);
  assert.deepEqual(comments.body.map((comment: { text: string; author: { first_name: string } }) => `${comment.author.first_name} : ${comment.text}`), ["Anne : Vérifié de mon côté.", "Dave : Merci."]);
});

// Processings and executions through the MSW handlers: details, validation, lifecycle, failure, abort.
import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { corseTif } from "../../../src/mock/samples/corse.ts";
import ids from "../../../_data/ids.json" with { type: "json" };
import { assertError, closeAndCheck, createUpload, DS, harness, sendBytes, sendFiles } from "./helpers.ts";

const h = harness();
after(() => h.close());
beforeEach(() => h.store.reset());

const ARCHIVE = ids.processings.archive_to_archive;

async function closedUpload(type = "ARCHIVE"): Promise<string> {
  const upload = await createUpload(h, type, `Livraison ${type}`);
  if (type === "RASTER") await sendBytes(h, upload, [["data/scan.tif", corseTif()]]);
  else await sendFiles(h, upload, [["data/a.shp", "aaaa"], ["data/a.shx", "b"], ["data/a.dbf", "c"]]);
  assert.equal((await closeAndCheck(h, upload)).body.status, "CLOSED");
  return upload;
}

const archiveBody = (upload: string) => ({
  processing: ARCHIVE,
  inputs: { upload: [upload] },
  output: { stored_data: { name: "Données départementales", storage_tags: ["ARCHIVE"] } },
});

test("GET processings equals the JSON file embedded by the tutorial page", async () => {
  const file = JSON.parse(readFileSync(new URL("../../../public/data/tutoriels/alimentation-diffusion-simple/globales/production/processings.json", import.meta.url), "utf8"));
  const reply = await h.call("GET", `${DS}/processings`);
  assert.deepEqual(reply.body, file);
  assert.equal(reply.headers.get("content-range"), `1-${file.length}/${file.length}`);
});

test("archive_to_archive detail is exactly the seed page's example", async () => {
  const reply = await h.call("GET", `${DS}/processings/${ARCHIVE}`);
  assert.equal(JSON.stringify(reply.body), JSON.stringify({
    name: "Recopie d'une archive livrée",
    description: "Génération ou mise à jour d'une donnée stockée ARCHIVE à partir d'une archive livrées. Si un fichier livré existait déjà dans la donnée en sortie, celui ci va écraser l'ancienne version",
    priority: "STANDARD",
    input_types: { upload: ["ARCHIVE"], stored_data: [] },
    output_type: { stored_data: "ARCHIVE", storage: ["S3"] },
    parameters: [],
    _id: ARCHIVE,
    required_checks: [
      { name: "Vérification archive", description: "Contrôle de l'absence de conflit dans le nommage des fichiers livrés", _id: ids.checks.archive },
      { name: "Vérification standard", description: "La vérification standard contrôle les signatures MD5 fournies", _id: ids.checks.standard },
    ],
  }));
  const raster = await h.call("GET", `${DS}/processings/${ids.processings.raster_to_pyramid}`);
  assert.deepEqual(raster.body.required_checks.map((c: { _id: string }) => c._id), [ids.checks.raster, ids.checks.standard]);
  assert.deepEqual(raster.body.parameters.find((p: { name: string }) => p.name === "tms").constraints, { type: "string", enum: ["PM", "LAMB93_50cm"] });
  const vector = await h.call("GET", `${DS}/processings/${ids.processings.vector_to_db}`);
  assert.deepEqual(vector.body.output_type, { stored_data: "VECTOR-DB", storage: ["POSTGRESQL"] });
  assert.equal((await h.call("GET", `${DS}/processings/${ids.processings.db_to_pyramid}`)).body.parameters[0].name, "composition");
  const derivation = await h.call("GET", `${DS}/processings/${ids.processings.db_to_db}`);
  assert.deepEqual(derivation.body.input_types, { upload: [], stored_data: ["VECTOR-DB"] });
  assertError(await h.call("GET", `${DS}/processings/00000000-0000-0000-0000-000000000000`), 404, /Traitement/);
});

test("POST executions lists every problem of the body", async () => {
  const open = await createUpload(h, "VECTOR", "Ouverte");
  const reply = await h.call("POST", `${DS}/processings/executions`, {
    json: {
      processing: ARCHIVE,
      inputs: { upload: [open, "00000000-0000-4000-8000-00000000dead"] },
      output: { stored_data: { name: "X", storage_tags: ["VECTEUR"] } },
      parameters: { srs: "EPSG:3857" },
    },
  });
  assertError(
    reply, 400,
    /doit être CLOSED \(statut actuel|doit être CLOSED, elle est OPEN/,
    /n'accepte pas le type VECTOR \(types acceptés : ARCHIVE\)/,
    /00000000-0000-4000-8000-00000000dead.*introuvable/,
    /aucun stockage S3 .*\[VECTEUR\]/,
    /parameters\.srs.*n'accepte aucun paramètre/,
  );
  assertError(await h.call("POST", `${DS}/processings/executions`, { json: { processing: "nope" } }), 400, /traitement "nope" n'existe pas/i);
  assertError(await h.call("POST", `${DS}/processings/executions`, { json: { processing: ARCHIVE } }), 400, /au moins une donnée en entrée/, /output : objet obligatoire/);
  const upload = await closedUpload();
  assertError(
    await h.call("POST", `${DS}/processings/executions`, { json: { ...archiveBody(upload), output: { stored_data: { name: "X", storage_tags: [] } } } }),
    400, /storage_tags.*\[PARTENAIRE, ARCHIVE, PERF\]/,
  );
  const raster = await closedUpload("RASTER");
  assertError(
    await h.call("POST", `${DS}/processings/executions`, {
      json: { processing: ids.processings.raster_to_pyramid, inputs: { upload: [raster] }, output: { stored_data: { name: "P", storage_tags: ["PYRAMIDE"] } }, parameters: { tms: "LAMB93", compression: "gif", colour: 1 } },
    }),
    400, /parameters\.tms : valeur "LAMB93" inconnue.*"PM"/, /parameters\.compression/, /parameters\.colour : paramètre inconnu/,
  );
  const harvest = await h.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.wms_to_pyramid, inputs: {}, output: { stored_data: { name: "P", storage_tags: ["PYRAMIDE"] } }, parameters: {} },
  });
  assertError(harvest, 400, /harvest_layers : paramètre obligatoire manquant/, /parameters\.bottom : paramètre obligatoire/);
  assert.equal((await h.call("GET", `${DS}/stored_data`)).body.length, 0, "no stored data created by failed requests");
});

test("raster execution fills default parameters; launch only from CREATED; abort", async () => {
  const raster = await closedUpload("RASTER");
  const created = await h.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.raster_to_pyramid, inputs: { upload: [raster] }, output: { stored_data: { name: "SCAN", storage_tags: ["PYRAMIDE"] } }, parameters: { tms: "PM", compression: "jpg", interpolation: "bicubic" } },
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assert.deepEqual(created.body.parameters, { tms: "PM", compression: "jpg", interpolation: "bicubic", width: 16, parallelization: 1, mask: "false", height: 16 });
  const id = created.body._id as string;
  assert.equal((await h.call("POST", `${DS}/processings/executions/${id}/launch`)).status, 204);
  assertError(await h.call("POST", `${DS}/processings/executions/${id}/launch`), 409, /déjà été lancée \(statut WAITING\)/);
  h.tick(1200);
  assert.equal((await h.call("POST", `${DS}/processings/executions/${id}/abort`)).status, 204);
  const aborted = await h.call("GET", `${DS}/processings/executions/${id}`);
  assert.equal(aborted.body.status, "ABORTED");
  assert.equal(aborted.body.output.stored_data.status, "UNSTABLE");
  assertError(await h.call("POST", `${DS}/processings/executions/${id}/abort`), 409, /terminée/);
  h.tick(10_000);
  assert.equal((await h.call("GET", `${DS}/processings/executions/${id}`)).body.status, "ABORTED", "no progress after abort");
  assertError(await h.call("GET", `${DS}/processings/executions/00000000-0000-4000-8000-00000000dead`), 404, /introuvable/);
});

test("an execution whose upload was deleted before it starts fails; stored data UNSTABLE, logs explain", async () => {
  const upload = await closedUpload();
  const created = await h.call("POST", `${DS}/processings/executions`, { json: archiveBody(upload) });
  const id = created.body._id as string;
  await h.call("POST", `${DS}/processings/executions/${id}/launch`);
  assert.equal((await h.call("DELETE", `${DS}/uploads/${upload}`)).status, 204);
  h.tick(5000);
  const failed = await h.call("GET", `${DS}/processings/executions/${id}`);
  assert.equal(failed.body.status, "FAILURE");
  assert.ok(failed.body.start && failed.body.finish);
  assert.equal(failed.body.output.stored_data.status, "UNSTABLE");
  const logs = (await h.call("GET", `${DS}/processings/executions/${id}/logs`)).body as string[];
  assert.ok(logs.some((line) => line.includes("ERROR") && line.includes(upload) && line.includes("supprimée")), logs.join("\n"));
  assertError(await h.call("PATCH", `${DS}/stored_data/${created.body.output.stored_data._id}`, { json: { name: "x" } }), 409, /UNSTABLE.*GENERATED/);
});

test("reopening the upload after the start does not break a running execution, before the start it does", async () => {
  const upload = await closedUpload();
  const first = (await h.call("POST", `${DS}/processings/executions`, { json: archiveBody(upload) })).body._id as string;
  await h.call("POST", `${DS}/processings/executions/${first}/launch`);
  h.tick(1500);
  await h.call("POST", `${DS}/uploads/${upload}/open`);
  h.tick(5000);
  assert.equal((await h.call("GET", `${DS}/processings/executions/${first}`)).body.status, "SUCCESS");
  await h.call("POST", `${DS}/uploads/${upload}/close`);
  h.tick(5000);
  const second = (await h.call("POST", `${DS}/processings/executions`, { json: archiveBody(upload) })).body._id as string;
  await h.call("POST", `${DS}/processings/executions/${second}/launch`);
  await h.call("POST", `${DS}/uploads/${upload}/open`);
  h.tick(5000);
  const failed = await h.call("GET", `${DS}/processings/executions/${second}`);
  assert.equal(failed.body.status, "FAILURE");
  const logs = (await h.call("GET", `${DS}/processings/executions/${second}/logs`)).body as string[];
  assert.ok(logs.some((line) => line.includes("statut OPEN")), logs.join("\n"));
});

test("update of an existing stored data (output.stored_data.id) merges the files", async () => {
  const upload = await closedUpload();
  const first = await h.call("POST", `${DS}/processings/executions`, { json: archiveBody(upload) });
  const storedData = first.body.output.stored_data._id as string;
  await h.call("POST", `${DS}/processings/executions/${first.body._id}/launch`);
  h.tick(5000);
  assert.deepEqual((await h.call("GET", `${DS}/stored_data/${storedData}`)).body.type_infos, { files_number: 3 });
  const other = await createUpload(h, "ARCHIVE", "Complément");
  await sendFiles(h, other, [["data/a.shp", "replaced content"], ["data/extra.txt", "new"]]);
  await closeAndCheck(h, other);
  const update = await h.call("POST", `${DS}/processings/executions`, { json: { processing: ARCHIVE, inputs: { upload: [other] }, output: { stored_data: { id: storedData } } } });
  assert.equal(update.status, 200, JSON.stringify(update.body));
  assert.equal(update.body.output.stored_data.status, "MODIFYING");
  await h.call("POST", `${DS}/processings/executions/${update.body._id}/launch`);
  h.tick(5000);
  const merged = (await h.call("GET", `${DS}/stored_data/${storedData}`)).body;
  assert.equal(merged.status, "GENERATED");
  assert.deepEqual(merged.type_infos, { files_number: 4 });
  assert.equal(merged.size, "replaced content".length + 1 + 1 + "new".length);
});

// IGN's Python SDK, example workflow generic_archive (sdk_entrepot_gpf/_data/workflows/generic_archive.jsonc),
// replayed against the local server: `delivery` of an archive dataset (the project's archive sample instead of
// the SDK's CANTON.zip), then each `workflow -f generic_archive.jsonc -s <step>` (intégration, patch, configuration,
// publication), then `stored_data <id> --delete --cascade`. Requests as the SDK sends them; every field it reads
// is asserted (test/unit/clients/sdk/*.ts).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { DatastoreServer } from "../../../src/mock/node/server.ts";
import { CLIENT_TOKEN, DATASTORE, startClientServer } from "./server.ts";
import { sampleFiles } from "./samples.ts";
import { deliver } from "./sdk/delivery.ts";
import type { Entity } from "./sdk/entities.ts";
import { NoEntityFoundError, SdkEntities } from "./sdk/entities.ts";
import { routeOf, SdkRequester } from "./sdk/requester.ts";
import { configuration, deleteStoredDataCascade, editEntity, offering, processingExecution } from "./sdk/workflow.ts";

let server: DatastoreServer;
let sdk: SdkEntities;
const state: { user?: Entity; upload?: string; storedData?: string; configuration?: string } = {};

before(async () => {
  server = await startClientServer();
  sdk = new SdkEntities(new SdkRequester(server.url, CLIENT_TOKEN), DATASTORE);
});
after(() => server.close());

test("delivery (upload -f) : livraison ARCHIVE, tags, commentaires, fichiers, md5, fermeture, vérifications", async () => {
  const { upload, success, checks } = await deliver(sdk, {
    dataDir: "DEPARTEMENTS",
    files: sampleFiles("archive", ["departements.csv", "departements.geojson", "LISEZMOI.txt"]),
    upload_infos: { description: "Jeu d'exemple archive", name: "EXAMPLE_DATASET_ARCHIVE", srs: "EPSG:2154", type: "ARCHIVE" },
    comments: ["Ceci est un jeu de données d'exemple contenant des données archive"],
    tags: { tuto: "oui" },
  });
  assert.ok(success, `vérifications en échec : ${JSON.stringify(checks.failed)}`);
  state.upload = upload._id;
  const sent = sdk.http.trace.map(routeOf);
  const polls = sent.filter((line) => line === "GET /datastores/{id}/uploads/{id}/checks").length;
  assert.deepEqual(sent, [
    "GET /datastores/{id}/uploads?name=EXAMPLE_DATASET_ARCHIVE&page=1&limit=10",
    "POST /datastores/{id}/uploads",
    "GET /datastores/{id}/uploads/{id}",
    "POST /datastores/{id}/uploads/{id}/tags",
    "GET /datastores/{id}/uploads/{id}/comments",
    "POST /datastores/{id}/uploads/{id}/comments",
    "GET /datastores/{id}/uploads/{id}/tree",
    "POST /datastores/{id}/uploads/{id}/data?path=DEPARTEMENTS%2Fdepartements.csv",
    "POST /datastores/{id}/uploads/{id}/data?path=DEPARTEMENTS%2Fdepartements.geojson",
    "POST /datastores/{id}/uploads/{id}/data?path=DEPARTEMENTS%2FLISEZMOI.txt",
    "GET /datastores/{id}/uploads/{id}/tree",
    "POST /datastores/{id}/uploads/{id}/md5",
    "POST /datastores/{id}/uploads/{id}/close",
    "GET /datastores/{id}/uploads/{id}",
    ...Array<string>(polls).fill("GET /datastores/{id}/uploads/{id}/checks"),
  ]);
});

test("workflow -s intégration-archive-livrée : exécution « Recopie d'une archive livrée » jusqu'à SUCCESS", async () => {
  const mark = sdk.http.trace.length;
  state.user = await sdk.user();
  const last = state.user.last_name as string;
  const processing = await sdk.resolve("processing", [["name", "Recopie d'une archive livrée"]]);
  const upload = await sdk.resolve("upload", [["name", "EXAMPLE_DATASET_ARCHIVE"]]);
  assert.equal(upload, state.upload);
  const run = await processingExecution(sdk, {
    body_parameters: {
      processing,
      inputs: { upload: [upload] },
      output: { stored_data: { name: `${last}__Archive`, storage_tags: ["ARCHIVE"] } },
      parameters: {},
    },
    comments: ["Tutoriel de mise à disposition d'archive : intégration de l'archive"],
    tags: { tuto: "oui", tuto_name: "archive" },
  });
  assert.equal(run.status, "SUCCESS", run.logs.join("\n"));
  assert.deepEqual(run.logErrors, [], "logs illisibles");
  state.storedData = run.output._id;
  const sent = sdk.http.trace.slice(mark).map(routeOf);
  const execution = "GET /datastores/{id}/processings/executions/{id}";
  const logs = `${execution}/logs?page=1&limit=2000`;
  assert.deepEqual(sent.slice(0, 13), [
    "GET /users/me",
    "GET /datastores/{id}/processings?name=Recopie+d%27une+archive+livr%C3%A9e&page=1&limit=10",
    "GET /datastores/{id}/processings/{id}",
    "GET /datastores/{id}/uploads?name=EXAMPLE_DATASET_ARCHIVE&page=1&limit=10",
    "GET /datastores/{id}/uploads/{id}",
    "GET /datastores/{id}/stored_data?name=Lopper__Archive&fields=name&fields=type&fields=visibility&fields=srs&fields=status&page=1&limit=10",
    "POST /datastores/{id}/processings/executions",
    "GET /datastores/{id}/stored_data/{id}",
    "POST /datastores/{id}/stored_data/{id}/tags",
    "GET /datastores/{id}/stored_data/{id}/comments",
    "POST /datastores/{id}/stored_data/{id}/comments",
    "POST /datastores/{id}/processings/executions/{id}/launch",
    execution,
  ]);
  // Then, until the status is final: the logs (the command prints them), a wait, the execution; the logs once more.
  const polls = sent.slice(13, -1);
  assert.deepEqual(polls, polls.map((_, index) => (index % 2 === 0 ? logs : execution)));
  assert.equal(sent.at(-1), logs);
});

test("workflow -s patch-donnée-stockée : PATCH description et édition, tags, commentaires", async () => {
  const last = (await sdk.user()).last_name as string;
  const id = await sdk.resolve("stored_data", [["name", `${last}__Archive`]]);
  assert.equal(id, state.storedData);
  const edited = await editEntity(sdk, "stored_data", id, {
    body_parameters: { description: "Couche test Canton.", edition: { from: "2024-05-01", to: "2024-06-02" } },
    tags: { edit: "oui" },
    comments: ["modification de la donnée stockée pour mise en téléchargement"],
  });
  assert.equal(edited.description, "Couche test Canton.");
});

test("workflow -s configuration-archive-livrée : configuration DOWNLOAD, tags, commentaires", async () => {
  const last = (await sdk.user()).last_name as string;
  const storedData = await sdk.resolve("stored_data", [["name", `${last}__Archive`]], [["tuto", "oui"]]);
  assert.equal(storedData, state.storedData);
  const created = await configuration(sdk, {
    body_parameters: {
      type: "DOWNLOAD",
      name: `${last} Archive`,
      layer_name: `${last}__archive`,
      type_infos: {
        title: { fr: `${last} -- Archive -- Couche Canton du tutoriel` },
        abstract: { fr: "Exemple d'archive à télécharger" },
        used_data: [{
          sub_name: "archive", title: { fr: "Canton Archive" }, stored_data: storedData,
          format: "SHP", zone: "France métropolitaine", resolution: "selon la couche", thematic: "Donnée vecteur",
        }],
      },
    },
    comments: ["Tutoriel de mise à disposition d'archive : configuration flux DOWNLOAD"],
    tags: { tuto: "oui", tuto_name: "archive" },
  });
  state.configuration = created._id;
});

test("workflow -s publication-archive-livrée : offre DOWNLOAD privée publiée", async () => {
  const mark = sdk.http.trace.length;
  const last = (await sdk.user()).last_name as string;
  // The example looks the configuration up as INFOS(name=Canton Archive): no configuration has that name (it is
  // "<last_name> Archive"), so the SDK stops here with NoEntityFoundError, against the real API as here.
  await assert.rejects(sdk.resolve("configuration", [["name", "Canton Archive"]], [["tuto", "oui"]]), NoEntityFoundError);
  // The step as the workflow's previous version wrote it (INFOS(name={user.last_name} Archive)).
  await sdk.user();
  const config = await sdk.resolve("configuration", [["name", `${last} Archive`]], [["tuto", "oui"]]);
  assert.equal(config, state.configuration);
  const endpoint = await sdk.resolveEndpoint({ technical_name: "gpf-download-private" });
  const published = await offering(sdk, config, { visibility: "PRIVATE", endpoint });
  assert.equal(published.status, "PUBLISHED");
  const sent = sdk.http.trace.slice(mark).map(routeOf);
  const offeringGet = "GET /datastores/{id}/offerings/{id}";
  assert.deepEqual(sent.slice(0, 10), [
    "GET /users/me",
    "GET /datastores/{id}/configurations?name=Canton+Archive&tags%5Btuto%5D=oui&page=1&limit=10",
    "GET /users/me",
    "GET /datastores/{id}/configurations?name=Lopper+Archive&tags%5Btuto%5D=oui&page=1&limit=10",
    "GET /datastores/{id}/configurations/{id}",
    "GET /datastores/{id}",
    "GET /datastores/{id}/configurations/{id}",
    "GET /datastores/{id}/configurations/{id}/offerings",
    "POST /datastores/{id}/configurations/{id}/offerings",
    offeringGet,
  ]);
  // Then the status, read until PUBLISHED.
  assert.ok(sent.length > 10 && sent.slice(10).every((line) => line === offeringGet), sent.slice(10).join("\n"));
});

test("stored_data <id> --delete --cascade : offre, configuration puis donnée stockée supprimées", async () => {
  assert.ok(state.storedData, "donnée stockée absente : une étape précédente a échoué");
  await deleteStoredDataCascade(sdk, state.storedData!);
  const deleted = sdk.http.trace.filter((exchange) => exchange.method === "DELETE").map((exchange) => exchange.target.split("/").slice(3, 4)[0]);
  assert.deepEqual(deleted, ["offerings", "configurations", "stored_data"]);
});

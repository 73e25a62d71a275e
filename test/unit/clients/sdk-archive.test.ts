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
import { SdkEntities } from "./sdk/entities.ts";
import { routeOf, SdkRequester } from "./sdk/requester.ts";

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

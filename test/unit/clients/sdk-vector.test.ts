// IGN's Python SDK, example workflow generic_vecteur (sdk_entrepot_gpf/_data/workflows/generic_vecteur.jsonc),
// replayed against the local server: `delivery` of a VECTOR dataset, `delivery` of the static style the workflow
// names `style_canton`, then the 8 steps (mise-en-base, WFS and WMS configurations and publications, vector
// pyramid, TMS configuration and publication), then `--delete --cascade` of both stored data. The project's
// Shapefile sample replaces the SDK's CANTON (the GeoPackage sample until one exists): the workflow's table
// `canton` and its attributes become the sample's, the rest of each body is the workflow's.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { DatastoreServer } from "../../../src/mock/node/server.ts";
import { CLIENT_TOKEN, DATASTORE, startClientServer } from "./server.ts";
import { hasSample, sampleBytes, sampleFiles } from "./samples.ts";
import { deliver, uploadStatic } from "./sdk/delivery.ts";
import { SdkEntities } from "./sdk/entities.ts";
import { SdkRequester } from "./sdk/requester.ts";

// The sample standing for CANTON: files, srs, the table it becomes and the attributes the workflow names.
const SHAPEFILE = hasSample("shapefile", "DEPARTEMENT.shp");
const SAMPLE = SHAPEFILE
  ? { folder: "shapefile", files: ["DEPARTEMENT.cpg", "DEPARTEMENT.dbf", "DEPARTEMENT.prj", "DEPARTEMENT.shp", "DEPARTEMENT.shx"], srs: "EPSG:2154", table: "departement", attributes: ["code_dept", "nom", "region", "population"] }
  : { folder: "vecteur", files: ["monde.gpkg", "villes.csv"], srs: "EPSG:4326", table: "pays", attributes: ["nom", "code_iso", "population"] };

let server: DatastoreServer;
let sdk: SdkEntities;
let last = "";
const ids: Record<string, string> = {};

before(async () => {
  server = await startClientServer();
  sdk = new SdkEntities(new SdkRequester(server.url, CLIENT_TOKEN), DATASTORE);
});
after(() => server.close());

// One `workflow -s` command: GET /users/me (UserResolver), then the step.
async function step(run: () => Promise<void>): Promise<void> {
  last = (await sdk.user()).last_name as string;
  await run();
}

test(`delivery (upload -f) : livraison VECTOR (${SAMPLE.folder}), vérifications vecteur`, async () => {
  const { upload, success, checks } = await deliver(sdk, {
    dataDir: "CANTON",
    files: sampleFiles(SAMPLE.folder, SAMPLE.files),
    upload_infos: { description: "Jeu d'exemple vecteur", name: "EXAMPLE_DATASET_VECTOR", srs: SAMPLE.srs, type: "VECTOR" },
    comments: ["Ceci est un jeu de données d'exemple contenant des données vecteur"],
    tags: { tuto: "oui" },
  });
  assert.ok(success, `vérifications en échec : ${JSON.stringify(checks.failed)}`);
  ids.upload = upload._id;
});

test("delivery d'un descripteur static : style GEOSERVER-STYLE « style_canton »", async () => {
  const created = await uploadStatic(sdk, { file: { name: "pays.sld", bytes: sampleBytes("vecteur", "pays.sld") }, name: "style_canton", type: "GEOSERVER-STYLE", description: "Style du tutoriel vecteur" });
  ids.style = created._id;
});

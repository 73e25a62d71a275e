// IGN's Python SDK, example workflow generic_raster (sdk_entrepot_gpf/_data/workflows/generic_raster.jsonc),
// replayed against the local server: `delivery` of the raster dataset (3_dataset_raster/upload_descriptor.jsonc,
// the project's GeoTIFF sample instead of the four Ain tiles), then the 5 steps (pyramid, WMTS configuration and
// publication, WMS-Raster configuration and publication), then `--delete --cascade` of the pyramid.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { DatastoreServer } from "../../../src/mock/node/server.ts";
import { CLIENT_TOKEN, DATASTORE, startClientServer } from "./server.ts";
import { sampleFiles } from "./samples.ts";
import { deliver } from "./sdk/delivery.ts";
import { SdkEntities } from "./sdk/entities.ts";
import { SdkRequester } from "./sdk/requester.ts";

let server: DatastoreServer;
let sdk: SdkEntities;
let last = "";
const ids: Record<string, string> = {};
const METADATA = [{ format: "application/xml", url: "https://geoservices.ign.fr/sites/default/files/2022-10/IGNF_BDORTHOr_2-0.xml", type: "ISO19115:2003" }];

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

test("delivery (upload -f) : livraison RASTER, vérifications raster", async () => {
  const { upload, success, checks } = await deliver(sdk, {
    dataDir: "ain",
    files: sampleFiles("raster", ["corse.tif"]),
    upload_infos: { description: "Jeu d'exemple raster Ain", name: "EXAMPLE_DATASET_RASTER", srs: "EPSG:2154", type: "RASTER" },
    comments: ["Ceci est un jeu de données d'exemple contenant des données raster"],
    tags: { tuto: "oui" },
  });
  assert.ok(success, `vérifications en échec : ${JSON.stringify(checks.failed)}`);
  ids.upload = upload._id;
});

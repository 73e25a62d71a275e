// IGN's Python SDK, example workflow generic_raster (sdk_entrepot_gpf/_data/workflows/generic_raster.jsonc),
// replayed against the local server: `delivery` of the raster dataset (3_dataset_raster/upload_descriptor.jsonc,
// the project's GeoTIFF sample instead of the four Ain tiles), then the 5 steps (pyramid, WMTS configuration and
// publication, WMS-Raster configuration and publication), then `--delete --cascade` of the pyramid.
import { test } from "node:test";
import assert from "node:assert/strict";
import { sampleFiles } from "./samples.ts";
import { workflowSession } from "./sdk/session.ts";
import { deliver } from "./sdk/delivery.ts";
import { configuration, deleteStoredDataCascade, offering, processingExecution } from "./sdk/workflow.ts";

const s = workflowSession();
const ids: Record<string, string> = {};
const METADATA = [{ format: "application/xml", url: "https://geoservices.ign.fr/sites/default/files/2022-10/IGNF_BDORTHOr_2-0.xml", type: "ISO19115:2003" }];



test("delivery (upload -f) : livraison RASTER, vérifications raster", async () => {
  const { upload, success, checks } = await deliver(s.sdk, {
    dataDir: "ain",
    files: sampleFiles("raster", ["corse.tif"]),
    upload_infos: { description: "Jeu d'exemple raster Ain", name: "EXAMPLE_DATASET_RASTER", srs: "EPSG:2154", type: "RASTER" },
    comments: ["Ceci est un jeu de données d'exemple contenant des données raster"],
    tags: { tuto: "oui" },
  });
  assert.ok(success, `vérifications en échec : ${JSON.stringify(checks.failed)}`);
  ids.upload = upload._id;
});

test("workflow -s pyramide : « Calcul ou mise à jour de pyramide raster » jusqu'à SUCCESS", () => s.step(async () => {
  const processing = await s.sdk.resolve("processing", [["name", "Calcul ou mise à jour de pyramide raster"]]);
  const upload = await s.sdk.resolve("upload", [["name", "EXAMPLE_DATASET_RASTER"]]);
  assert.equal(upload, ids.upload);
  const run = await processingExecution(s.sdk, {
    body_parameters: {
      processing, inputs: { upload: [upload] }, output: { stored_data: { name: `${s.last}__pyramide`, storage_tags: ["PYRAMIDE"] } },
      parameters: { parallelization: 4, top: "0", bottom: "18", tms: "PM", compression: "jpg", interpolation: "bicubic" },
    },
    comments: ["Tutoriel raster : mise en place d'une pyramide raster."],
    tags: { tuto: "oui", tuto_name: "raster" },
  });
  assert.equal(run.status, "SUCCESS", run.logs.join("\n"));
  assert.deepEqual(run.logErrors, [], "logs illisibles");
  ids.pyramid = run.output._id;
}));

test("workflow -s configuration-WMTS puis publication-WMTS : WMTS-TMS publié", async () => {
  await s.step(async () => {
    const storedData = await s.sdk.resolve("stored_data", [["name", `${s.last}__pyramide`]], [["tuto", "oui"]]);
    assert.equal(storedData, ids.pyramid);
    const created = await configuration(s.sdk, {
      body_parameters: {
        type: "WMTS-TMS", name: `${s.last} raster WMTS`, layer_name: `${s.last}__raster_wmts`, metadata: METADATA,
        type_infos: { title: `${s.last} -- raster -- ortho - WMTS`, abstract: "Exemple de flux à visualiser", keywords: ["Tutoriel", "Raster", "pyramide"], used_data: [{ stored_data: storedData, bottom_level: "18", top_level: "0" }] },
        getfeatureinfo: { stored_data: true },
      },
      comments: ["Tutoriel raster : configuration de WMTS la pyramide"],
      tags: { tuto: "oui", tuto_name: "raster" },
    });
    ids.wmts = created._id;
  });
  await s.step(async () => {
    const config = await s.sdk.resolve("configuration", [["name", `${s.last} raster WMTS`]], [["tuto", "oui"]]);
    assert.equal(config, ids.wmts);
    const endpoint = await s.sdk.resolveEndpoint({ technical_name: "gpf-rok4-server-wmts-tms" });
    assert.equal((await offering(s.sdk, config, { endpoint, open: true })).status, "PUBLISHED");
  });
});

test("workflow -s configuration-WMS puis publication-WMS : WMS-Raster publié", async () => {
  await s.step(async () => {
    const storedData = await s.sdk.resolve("stored_data", [["name", `${s.last}__pyramide`]], [["tuto", "oui"]]);
    const created = await configuration(s.sdk, {
      body_parameters: {
        type: "WMS-RASTER", name: `${s.last} raster WMS`, layer_name: `${s.last}__raster_wms`, metadata: METADATA,
        type_infos: { title: `${s.last} -- raster -- ortho - WMS`, abstract: "Exemple de flux à visualiser", keywords: ["Tutoriel", "Raster", "pyramide"], interpolation: "NEAREST-NEIGHBOUR", used_data: [{ stored_data: storedData, bottom_level: "18", top_level: "0" }] },
        getfeatureinfo: { stored_data: true },
      },
      comments: ["Tutoriel raster : configuration WMS de la pyramide"],
      tags: { tuto: "oui", tuto_name: "raster" },
    });
    ids.wms = created._id;
  });
  await s.step(async () => {
    const config = await s.sdk.resolve("configuration", [["name", `${s.last} raster WMS`]], [["tuto", "oui"]]);
    assert.equal(config, ids.wms);
    const endpoint = await s.sdk.resolveEndpoint({ technical_name: "gpf-rok4-server-wms-r" });
    assert.equal((await offering(s.sdk, config, { endpoint, open: true })).status, "PUBLISHED");
  });
});

test("stored_data <id> --delete --cascade : offres et configurations WMTS et WMS, puis la pyramide", async () => {
  assert.ok(ids.pyramid, "donnée stockée absente : une étape précédente a échoué");
  await deleteStoredDataCascade(s.sdk, ids.pyramid!);
  const deleted = s.sdk.http.trace.filter((exchange) => exchange.method === "DELETE").map((exchange) => exchange.target.split("/")[3]);
  assert.deepEqual(deleted, ["offerings", "configurations", "offerings", "configurations", "stored_data"]);
});

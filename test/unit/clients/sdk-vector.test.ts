// IGN's Python SDK, example workflow generic_vecteur (sdk_entrepot_gpf/_data/workflows/generic_vecteur.jsonc),
// replayed against the local server: `delivery` of a VECTOR dataset, `delivery` of the static style the workflow
// names `style_canton`, then the 8 steps (mise-en-base, WFS and WMS configurations and publications, vector
// pyramid, TMS configuration and publication), then `--delete --cascade` of both stored data. The project's
// Shapefile sample (public/samples/shapefile) replaces the SDK's CANTON: the workflow's table `canton` and its
// attributes become the sample's, the rest of each body is the workflow's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { sampleBytes, sampleFiles } from "./samples.ts";
import { workflowSession } from "./sdk/session.ts";
import { deliver, uploadStatic } from "./sdk/delivery.ts";
import { configuration, deleteStoredDataCascade, offering, processingExecution } from "./sdk/workflow.ts";

// The sample standing for CANTON: the Shapefile, the table it becomes and the attributes the workflow names.
const SAMPLE = { folder: "shapefile", files: ["DEPARTEMENT.cpg", "DEPARTEMENT.dbf", "DEPARTEMENT.prj", "DEPARTEMENT.shp", "DEPARTEMENT.shx"], srs: "EPSG:2154", table: "departement", attributes: ["code_dept", "nom", "region", "population"] };

const s = workflowSession();
const ids: Record<string, string> = {};



test("delivery (upload -f) : livraison VECTOR (Shapefile), vérifications vecteur", async () => {
  const { upload, success, checks } = await deliver(s.sdk, {
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
  const created = await uploadStatic(s.sdk, { file: { name: "pays.sld", bytes: sampleBytes("vecteur", "pays.sld") }, name: "style_canton", type: "GEOSERVER-STYLE", description: "Style du tutoriel vecteur" });
  ids.style = created._id;
});

test("workflow -s mise-en-base : « Intégration de données vecteur livrées en base » jusqu'à SUCCESS", () => s.step(async () => {
  const processing = await s.sdk.resolve("processing", [["name", "Intégration de données vecteur livrées en base"]]);
  const upload = await s.sdk.resolve("upload", [["name", "EXAMPLE_DATASET_VECTOR"]]);
  const run = await processingExecution(s.sdk, {
    body_parameters: { processing, inputs: { upload: [upload] }, output: { stored_data: { name: `${s.last}__Base_intermédiaire`, storage_tags: ["VECTEUR"] } }, parameters: {} },
    comments: ["Tutoriel vecteur : création base intermédiaire"],
    tags: { tuto: "oui", tuto_name: "vecteur" },
  });
  assert.equal(run.status, "SUCCESS", run.logs.join("\n"));
  assert.deepEqual(run.logErrors, [], "logs illisibles");
  ids.db = run.output._id;
}));

test("workflow -s configuration-wfs-bdd puis publication-wfs-bdd : WFS publié", async () => {
  await s.step(async () => {
    const storedData = await s.sdk.resolve("stored_data", [["name", `${s.last}__Base_intermédiaire`]]);
    const created = await configuration(s.sdk, {
      body_parameters: {
        type: "WFS", name: `${s.last}__vecteur_wfs_bdd`, layer_name: `${s.last}__vecteur_wfs_bdd`,
        type_infos: { used_data: [{ relations: [{ native_name: SAMPLE.table, public_name: SAMPLE.table, title: `${s.last} -- vecteur -- Couche Canton du tutoriel - WFS - BDD`, keywords: ["Tutoriel", "Vecteur", "bdd"], abstract: "Cantons autour de Paris" }], stored_data: storedData }] },
      },
      comments: ["Tutoriel vecteur : configuration du flux wfs sur la BDD"],
      tags: { tuto: "oui", tuto_name: "vecteur" },
    });
    ids.wfs = created._id;
  });
  await s.step(async () => {
    const config = await s.sdk.resolve("configuration", [["name", `${s.last}__vecteur_wfs_bdd`]]);
    assert.equal(config, ids.wfs);
    const endpoint = await s.sdk.resolveEndpoint({ technical_name: "gpf-geoserver-wfs" });
    assert.equal((await offering(s.sdk, config, { endpoint, visibility: "PRIVATE", open: true })).status, "PUBLISHED");
  });
});

test("workflow -s configuration-wms-bdd puis publication-wms-bdd : WMS-Vecteur publié", async () => {
  await s.step(async () => {
    const style = await s.sdk.resolve("static", [["name", "style_canton"]]);
    assert.equal(style, ids.style);
    const storedData = await s.sdk.resolve("stored_data", [["name", `${s.last}__Base_intermédiaire`]]);
    const created = await configuration(s.sdk, {
      body_parameters: {
        type: "WMS-VECTOR", name: `${s.last}__vecteur_wms_bdd`, layer_name: `${s.last}__vecteur_wms_bdd`,
        type_infos: { title: `${s.last} -- vecteur -- Couche Canton du tutoriel - WMS - BDD`, abstract: "Exemple de flux à visualiser", keywords: ["Tutoriel", "Vecteur", "bdd"], used_data: [{ relations: [{ name: SAMPLE.table, style }], stored_data: storedData }] },
      },
      comments: ["Tutoriel vecteur : configuration du flux wms sur la BDD"],
      tags: { tuto: "oui", tuto_name: "vecteur" },
    });
    ids.wms = created._id;
  });
  await s.step(async () => {
    const config = await s.sdk.resolve("configuration", [["name", `${s.last}__vecteur_wms_bdd`]]);
    assert.equal(config, ids.wms);
    const endpoint = await s.sdk.resolveEndpoint({ technical_name: "gpf-geoserver-wms-v" });
    assert.equal((await offering(s.sdk, config, { endpoint, visibility: "PRIVATE", open: true })).status, "PUBLISHED");
  });
});

test("workflow -s création-pyramide : « Calcul ou mise à jour de pyramide vecteur » jusqu'à SUCCESS", () => s.step(async () => {
  const processing = await s.sdk.resolve("processing", [["name", "Calcul ou mise à jour de pyramide vecteur"]]);
  const input = await s.sdk.resolve("stored_data", [["name", `${s.last}__Base_intermédiaire`], ["type", "VECTOR-DB"]], [["tuto", "oui"]]);
  assert.equal(input, ids.db);
  const run = await processingExecution(s.sdk, {
    body_parameters: {
      processing, inputs: { stored_data: [input] }, output: { stored_data: { name: `${s.last}__Pyramide_vecteur`, storage_tags: ["PYRAMIDE"] } },
      parameters: { bottom_level: "9", top_level: "0", composition: [{ table: SAMPLE.table, bottom_level: "9", top_level: "0", attributes: SAMPLE.attributes }] },
    },
    comments: ["Tutoriel vecteur : création pyramide vecteur à publier"],
    tags: { tuto: "oui", tuto_name: "vecteur" },
  });
  assert.equal(run.status, "SUCCESS", run.logs.join("\n"));
  assert.deepEqual(run.logErrors, [], "logs illisibles");
  ids.pyramid = run.output._id;
}));

test("workflow -s configuration-tms-py puis publication-tms-py : TMS publié", async () => {
  await s.step(async () => {
    const storedData = await s.sdk.resolve("stored_data", [["name", `${s.last}__Pyramide_vecteur`], ["type", "ROK4-PYRAMID-VECTOR"]], [["tuto", "oui"]]);
    assert.equal(storedData, ids.pyramid);
    const created = await configuration(s.sdk, {
      body_parameters: {
        type: "WMTS-TMS", name: `${s.last}__vecteur_tms_py`, layer_name: `${s.last}__vecteur_tms_py`,
        metadata: [{ format: "application/xml", url: "https://geoservices.ign.fr/sites/default/files/2023-01/IGNF_BDTOPOr_3-3.xml", type: "ISO19115:2003" }],
        type_infos: { title: `${s.last} -- vecteur -- Couche Canton du tutoriel - TMS - pyramide`, abstract: "Exemple de flux à visualiser", keywords: ["Tutoriel", "Vecteur", "Pyramide"], used_data: [{ stored_data: storedData, bottom_level: "9", top_level: "0" }] },
      },
      comments: ["Tutoriel vecteur : configuration de la pyramide"],
      tags: { tuto: "oui", tuto_name: "vecteur" },
    });
    ids.tms = created._id;
  });
  await s.step(async () => {
    const config = await s.sdk.resolve("configuration", [["name", `${s.last}__vecteur_tms_py`]], [["tuto", "oui"]]);
    assert.equal(config, ids.tms);
    const endpoint = await s.sdk.resolveEndpoint({ technical_name: "gpf-rok4-server-wmts-tms" });
    assert.equal((await offering(s.sdk, config, { endpoint, visibility: "PRIVATE", open: true })).status, "PUBLISHED");
  });
});

test("stored_data <id> --delete --cascade : pyramide (TMS) puis base (WFS, WMS)", async () => {
  assert.ok(ids.pyramid && ids.db, "donnée stockée absente : une étape précédente a échoué");
  await deleteStoredDataCascade(s.sdk, ids.pyramid!);
  await deleteStoredDataCascade(s.sdk, ids.db!);
  const deleted = s.sdk.http.trace.filter((exchange) => exchange.method === "DELETE").map((exchange) => exchange.target.split("/")[3]);
  assert.deepEqual(deleted, ["offerings", "configurations", "stored_data", "offerings", "configurations", "offerings", "configurations", "stored_data"]);
});

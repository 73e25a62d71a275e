// Stored data PATCH/DELETE, DOWNLOAD configurations and offerings through the MSW handlers: every 4xx.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { assertError, closeAndCheck, createUpload, DS, harness, sendFiles } from "./helpers.ts";

const h = harness();
after(() => h.close());
let storedData = "";

before(async () => {
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/a.txt", "aaa"]]);
  await closeAndCheck(h, upload);
  const execution = await h.call("POST", `${DS}/processings/executions`, {
    json: { processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "Archive", storage_tags: ["ARCHIVE"] } } },
  });
  storedData = execution.body.output.stored_data._id;
  assertError(await h.call("PATCH", `${DS}/stored_data/${storedData}`, { json: { name: "x" } }), 409, /CREATED.*GENERATED/);
  await h.call("POST", `${DS}/processings/executions/${execution.body._id}/launch`);
  h.tick(5000);
});

const square = (size: number) => [[0, 0], [size, 0], [size, size], [0, size], [0, 0]];

test("PATCH stored data: unknown keys, dates, extent", async () => {
  const url = `${DS}/stored_data/${storedData}`;
  assertError(await h.call("PATCH", url, { json: { type: "VECTOR-DB", size: 3 } }), 400, /^type : clé inconnue/, /^size : clé inconnue/);
  assertError(await h.call("PATCH", url, { json: { edition: { from: "2022-02-30", to: "2022-13-01" } } }), 400, /edition\.from.*2022-02-30/, /edition\.to.*2022-13-01/);
  assertError(await h.call("PATCH", url, { json: { edition: { from: "2023-01-01", to: "2022-09-30" } } }), 400, /2023-01-01 est postérieure à la date de fin 2022-09-30/);
  assertError(await h.call("PATCH", url, { json: { edition: { start: "2023-01-01" } } }), 400, /edition\.start : clé inconnue/);
  assertError(await h.call("PATCH", url, { json: { extent: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } } }), 400, /n'est pas fermé/);
  assertError(await h.call("PATCH", url, { json: { extent: { type: "Polygone", coordinates: [] } } }), 400, /extent\.type : valeur "Polygone" inconnue \(valeurs possibles : "Point"/);
  assertError(await h.call("PATCH", url, { json: { extent: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [0, 0]]] } } }), 400, /au moins 4 positions/);
  assertError(await h.call("PATCH", url, { json: { extent: { type: "Point", coordinates: [200, 10] } } }), 400, /hors des bornes/);
  assertError(await h.call("PATCH", url, { json: { extent: { type: "LineString", coordinates: [[0, "a"], [1, 1]] } } }), 400, /extent\.coordinates\[0\]\[1\] : nombre attendu \(reçu : chaîne "a"\)/);
  const ring = Array.from({ length: 5000 }, (_, i) => [Math.cos(i / 800), Math.sin(i / 800)]);
  ring.push(ring[0]!);
  assertError(await h.call("PATCH", url, { json: { extent: { type: "Polygon", coordinates: [ring] } } }), 400, /5001 points, le maximum est 5000/);
  assertError(await h.call("PATCH", url, { json: {} }), 400, /au moins un des champs/);
  assertError(await h.call("PATCH", url, { json: { open: "yes", public_activity: 1 } }), 400, /open : booléen/, /public_activity : booléen/);
  const ok = await h.call("PATCH", url, {
    json: { name: "Archive 2", description: "Desc", open: true, extra: { a: 1 }, public_activity: true, extent: { type: "GeometryCollection", geometries: [{ type: "Polygon", coordinates: [square(1)] }] } },
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.name, "Archive 2");
  assert.equal(ok.body.open, true);
  assert.equal(ok.body.last_event.title, "Modification");
  assertError(await h.call("PATCH", `${DS}/stored_data/00000000-0000-4000-8000-00000000dead`, { json: { name: "x" } }), 404, /Donnée stockée/);
});

const downloadBody = (overrides: Record<string, unknown> = {}, item: Record<string, unknown> = {}) => ({
  type: "DOWNLOAD", name: "Limites", layer_name: "limites",
  type_infos: { title: { fr: "Limites" }, abstract: { fr: "Résumé" }, used_data: [{ sub_name: "departements", format: "SHP", zone: "FXX", stored_data: storedData, ...item }] },
  ...overrides,
});

test("DOWNLOAD configurations: validation, unsupported types, uniqueness, PUT, DELETE", async () => {
  const url = `${DS}/configurations`;
  assertError(await h.call("POST", url, { json: { ...downloadBody(), type: "WMS" } }), 400, /"WMS" inconnu.*DOWNLOAD/);
  assertError(await h.call("POST", url, { json: downloadBody({ layer_name: "1 limites" }) }), 400, /layer_name.*ne respecte pas le motif/);
  assertError(await h.call("POST", url, { json: { ...downloadBody(), type: "ITINERARY-ISOCURVE", layer_name: "ok" } }), 400, /ITINERARY-ISOCURVE n'est pas pris en charge par la simulation/);
  assertError(await h.call("POST", url, { json: { ...downloadBody(), type: "WFS", layer_name: "ok" } }), 400, /type_infos\.title : chaîne non vide attendue/, /used_data\[0\]\.sub_name : clé inconnue/, /une configuration WFS diffuse des données VECTOR-DB, « Archive 2 » est ARCHIVE/, /relations : liste non vide/);
  const bad = {
    type: "DOWNLOAD", name: "", layer_name: "x",
    type_infos: {
      title: { french: "Limites" }, abstract: "texte", keywords: [1],
      used_data: [
        { sub_name: "dep", stored_data: "00000000-0000-4000-8000-00000000dead" },
        { sub_name: "dep", stored_data: storedData, title: {} },
      ],
    },
  };
  assertError(
    await h.call("POST", url, { json: bad }), 400,
    /name : nom/, /title\.french.*ISO 639-1/, /type_infos\.abstract : objet de traductions .* attendu \(reçu : chaîne "texte"\)/, /keywords/,
    /used_data\[0\]\.stored_data.*introuvable/, /used_data\[1\]\.title/, /sous-nom « dep » est utilisé plusieurs fois/,
  );
  const created = await h.call("POST", url, { json: downloadBody() });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  assertError(await h.call("POST", url, { json: downloadBody() }), 409, /« limites » est déjà utilisé/);
  const id = created.body._id as string;
  assert.equal((await h.call("GET", url)).body.length, 1);
  const replaced = await h.call("PUT", `${url}/${id}`, { json: { ...downloadBody({ name: "Limites v2" }), layer_name: undefined } });
  assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
  assert.equal(replaced.body.name, "Limites v2");
  assertError(await h.call("PUT", `${url}/${id}`, { json: downloadBody({ layer_name: "autre" }) }), 400, /layer_name.*ne peut pas changer/);
  assertError(await h.call("DELETE", `${DS}/stored_data/${storedData}`), 409, /utilisée par la configuration « Limites v2 »/);

  // Offerings.
  const offerings = `${url}/${id}/offerings`;
  assertError(await h.call("POST", offerings, { json: { endpoint: "00000000-0000-4000-8000-00000000dead", open: true } }), 400, /n'existe pas dans l'entrepôt/);
  assertError(await h.call("POST", offerings, { json: { endpoint: ids.endpoints.open.wfs, open: true } }), 400, /de type WFS, la configuration est de type DOWNLOAD/);
  assertError(await h.call("POST", offerings, { json: { endpoint: ids.endpoints.private.download, open: true } }), 400, /est privé, « open » doit valoir false/);
  assertError(await h.call("POST", offerings, { json: { endpoint: ids.endpoints.open.download } }), 400, /est ouvert, « open » doit valoir true \(false par défaut/);
  const privateOffering = await h.call("POST", offerings, { json: { endpoint: ids.endpoints.private.download, open: false } });
  assert.equal(privateOffering.status, 200, JSON.stringify(privateOffering.body));
  assert.deepEqual(privateOffering.body.urls, [{ type: "DOWNLOAD", url: "https://data.geopf.fr/private/telechargement/resource/limites" }]);
  assertError(await h.call("POST", offerings, { json: { endpoint: ids.endpoints.private.download, open: false } }), 409, /déjà publiée/);
  assertError(await h.call("DELETE", `${url}/${id}`), 409, /supprimez ses offres/);
  assert.equal((await h.call("GET", `${DS}/offerings`)).body.length, 1);
  assert.equal((await h.call("DELETE", `${DS}/offerings/${privateOffering.body._id}`)).status, 204);
  assertError(await h.call("GET", `${DS}/offerings/${privateOffering.body._id}`), 404, /Offre/);
  assert.equal((await h.call("DELETE", `${url}/${id}`)).status, 204);
  assertError(await h.call("POST", offerings, { json: { endpoint: ids.endpoints.open.download, open: true } }), 404, /Configuration/);
});

test("nomenclatures: type, term and label filters", async () => {
  const formats = await h.call("GET", "/statics/nomenclatures?type=FORMAT&label=%25shape%25");
  assert.deepEqual(formats.body, [{ type: "FORMAT", label: "Shapefile", term: "SHP" }]);
  const corse = await h.call("GET", "/statics/nomenclatures?type=ZONE&label=%25Corse%25");
  assert.deepEqual(corse.body.map((e: { term: string }) => e.term), ["D02A", "D02B"]);
  assertError(await h.call("GET", "/statics/nomenclatures?type=COLOUR"), 400, /COLOUR.*ZONE/);
});

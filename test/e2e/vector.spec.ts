// The whole vector tutorial, every block in order on every page, in simulated mode; then the key results of each
// step: normalised relations of the VECTOR-DB, statics' used attributes, published offerings and the public
// GetCapabilities / TMS answers (the last block of each publication page follows the offering's link).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { VectorTile } from "@mapbox/vector-tile";
import { decode as decodePng } from "fast-png";
import { PbfReader } from "pbf";
import { VECTOR_PAGES, block, expectChained, openTutorialPage, responseJson, responseOf, runAllBlocks, serviceAnswer } from "./helpers.ts";
import { blend, checkTmsVectorMap, checkWfsMap, checkWmsVectorMap, clickAt, expectColourAt, FILL_OPACITY, MAP_BACKGROUND, openMap, summaryOf, TABLE_COLOURS } from "./map-helpers.ts";

const pageOf = (name: string) => VECTOR_PAGES.find((path) => path.endsWith(`/${name}/`))!;

/** The eco-region names of a tile's `regions_ecologiques` layer, and the attribute names its features carry. */
function ecoregionsOf(bytes: Uint8Array): { names: string[]; keys: string[] } {
  const layer = new VectorTile(new PbfReader(bytes)).layers["regions_ecologiques"];
  const features = Array.from({ length: layer?.length ?? 0 }, (_, index) => layer!.feature(index));
  return { names: features.map((feature) => String(feature.properties.nom_ecoregion)).sort(), keys: [...new Set(features.flatMap((feature) => Object.keys(feature.properties)))].sort() };
}

/** VECTOR-TMS (tiles computed on the fly): the three relations drawn from the layers' JSON, a click gives the feature's properties. */
async function checkVectorTmsMap(page: Page): Promise<void> {
  const panel = await openMap(block(page, "GET", "/offerings/{offering tms vecteur}"), "tms-vecteur-volee");
  const summary = await summaryOf(panel);
  expect(summary["Service"]).toContain("calculées à la volée");
  expect(summary["Couches vectorielles des tuiles"]).toBe("pays, regions_ecologiques, villes");
  await expectColourAt(panel, -30, 10, MAP_BACKGROUND, "Atlantique (aucun objet)");
  // Central Brazil: pays (first colour) under the eco-regions (second colour), in the offering's order.
  await expectColourAt(panel, -52, -12, blend(blend(MAP_BACKGROUND, TABLE_COLOURS[0]!, FILL_OPACITY), TABLE_COLOURS[1]!, FILL_OPACITY), "Brésil (pays + écorégion)");
  await expect(await clickAt(panel, -52, -12)).toContainText(/Brésil|Savanes/);
}

/** The GeoJSON answers of the WFS and of GetFeatureInfo, as far as the checks read them. */
interface FeatureCollection {
  numberMatched?: number;
  numberReturned?: number;
  features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown[] } }[];
}


/** Column names of a relation, whether the API lists them or maps them to their types. */
function columns(attributes: unknown): string[] {
  if (Array.isArray(attributes)) return attributes.map(String);
  if (attributes !== null && typeof attributes === "object") return Object.keys(attributes);
  return [];
}


test("the vector tutorial runs end to end in the simulated datastore", async ({ page }) => {
  test.setTimeout(600_000);
  const statuses: string[] = [];
  for (const path of VECTOR_PAGES) {
    await openTutorialPage(page, path);
    await runAllBlocks(page, path, statuses);

    if (path === pageOf("livraison")) {
      const tree = JSON.stringify(await responseJson(block(page, "GET", "/tree")));
      for (const name of ["monde.gpkg", "villes.csv", "monde.md5"]) expect(tree).toContain(name);
    }
    if (path === pageOf("verifications")) {
      const checks = (await responseJson(block(page, "GET", "/uploads/{upload}/checks"))) as Record<string, { check: { name: string } }[]>;
      expect(checks.failed).toEqual([]);
      expect(checks.passed?.map((item) => item.check.name).sort()).toEqual(["Vérification standard", "Vérification vecteur"]);
      await expect(responseOf(block(page, "GET", "/uploads/{upload}"))).toContainText('"status": "CLOSED"');
    }
    if (path === pageOf("integration")) {
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution}"))).toContainText('"status": "SUCCESS"');
      const storedData = (await responseJson(block(page, "GET", "/stored_data/{stored data}"))) as {
        type: string; status: string; srs: string; type_infos: { relations: { name: string; attributes: unknown }[] };
      };
      expect(storedData.type).toBe("VECTOR-DB");
      expect(storedData.status).toBe("GENERATED");
      expect(storedData.srs).toBe("EPSG:3857");
      const relations = Object.fromEntries(storedData.type_infos.relations.map((relation) => [relation.name, columns(relation.attributes)]));
      expect(Object.keys(relations).sort()).toEqual(["ecoregions", "pays", "villes"]);
      const expected: Record<string, string[]> = {
        pays: ["nom", "code_iso", "population"],
        ecoregions: ["nom_ecoregion", "biome", "royaume"],
        villes: ["nom", "pays", "longitude", "latitude", "population"],
      };
      for (const [name, wanted] of Object.entries(expected)) {
        expect(relations[name]?.slice().sort(), `colonnes de ${name}`).toEqual([...wanted, "ogc_fid", "geom"].sort());
      }
    }
    if (path === pageOf("fichiers-statiques")) {
      const statics = block(page, "POST", "/statics");
      await expect(statics).toHaveCount(4);
      const expected = [
        { type: "GEOSERVER-STYLE", used: ["nom"] },
        { type: "GEOSERVER-STYLE", used: ["biome"] },
        { type: "GEOSERVER-FTL", used: ["code_iso", "nom", "population"] },
        { type: "GEOSERVER-FTL", used: ["biome", "nom_ecoregion", "royaume"] },
      ];
      for (const [index, wanted] of expected.entries()) {
        const answer = (await responseJson(statics.nth(index))) as { _id: string; type: string; type_infos: { used_attributes?: string[] } };
        expect(answer.type, `statique ${index + 1}`).toBe(wanted.type);
        expect((answer.type_infos.used_attributes ?? []).slice().sort(), `used_attributes du statique ${index + 1}`).toEqual(wanted.used);
      }
      for (const name of ["{sld pays}", "{sld ecoregions}", "{ftl pays}", "{ftl ecoregions}"]) {
        await expect(page.locator(".variables__live")).toContainText(name);
      }
    }
    if (path === pageOf("publication-wfs")) {
      const offering = block(page, "GET", "/offerings/{offering wfs}");
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      for (const typeName of ["monde_wfs:pays", "monde_wfs:ecoregions", "monde_wfs:villes"]) {
        await expect(responseOf(offering)).toContainText(typeName);
      }
      const capabilities = page.locator('[data-api-block][data-method="GET"][data-url*="REQUEST=GetCapabilities"]');
      for (const typeName of ["monde_wfs:pays", "monde_wfs:ecoregions", "monde_wfs:villes"]) {
        await expect(responseOf(capabilities)).toContainText(typeName);
      }
      await checkWfsMap(page);

      // DescribeFeatureType, then GetFeature: COUNT, BBOX (lat/lon with the EPSG:4326 URN), CQL_FILTER.
      const describe = block(page, "GET", "REQUEST=DescribeFeatureType&TYPENAMES=monde_wfs:villes");
      for (const column of ["nom", "pays", "population", "geom"]) await expect(responseOf(describe)).toContainText(`"${column}"`);
      const firstThree = (await responseJson(block(page, "GET", "&COUNT=3&OUTPUTFORMAT=application/json&SRSNAME=EPSG:4326"))) as FeatureCollection;
      expect(firstThree.numberReturned).toBe(3);
      expect(firstThree.numberMatched).toBe(11);
      expect(firstThree.features).toHaveLength(3);
      const inBox = (await responseJson(block(page, "GET", "&BBOX=35,-10,50,10,urn:ogc:def:crs:EPSG::4326"))) as FeatureCollection;
      expect(inBox.features.map((feature) => feature.properties.nom).sort()).toEqual(["Ajaccio", "Lisbonne", "Lyon", "Madrid", "Marseille", "Paris"]);
      for (const feature of inBox.features) {
        const [lon, lat] = feature.geometry.coordinates as number[];
        expect(lon! >= -10 && lon! <= 10 && lat! >= 35 && lat! <= 50, `${feature.properties.nom} : ${lon}, ${lat}`).toBe(true);
      }
      const france = (await responseJson(block(page, "GET", "&CQL_FILTER=code_iso='FRA'"))) as FeatureCollection;
      expect(france.features.map((feature) => feature.properties.nom)).toEqual(["France"]);
      expect(france.features[0]!.geometry.type).toBe("MultiPolygon");
      expect(france.features[0]!.geometry.coordinates).toHaveLength(2);
    }
    if (path === pageOf("publication-wms")) {
      const offering = block(page, "GET", "/offerings/{offering wms}");
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      await expect(responseOf(offering)).toContainText("monde_wms");
      const capabilities = page.locator('[data-api-block][data-method="GET"][data-url*="REQUEST=GetCapabilities"]');
      await expect(responseOf(capabilities)).toContainText("<Name>monde_wms</Name>");
      await checkWmsVectorMap(page);

      // GetMap: an 800 × 600 PNG where France (2.35° E, 46.5° N) is drawn, unlike the ocean (13° W, 45° N).
      const map = await serviceAnswer(page, block(page, "GET", "&WIDTH=800&HEIGHT=600&FORMAT=image/png"));
      expect(map.status).toBe(200);
      expect(map.type).toContain("image/png");
      const image = decodePng(map.bytes);
      expect([image.width, image.height]).toEqual([800, 600]);
      const pixel = (i: number, j: number) => [...image.data.slice((j * image.width + i) * image.channels, (j * image.width + i + 1) * image.channels)];
      expect(pixel(347, 270), "France et océan de couleurs différentes").not.toEqual(pixel(40, 300));
      // The block itself shows the image (not its bytes as text) and offers to save it.
      const shown = block(page, "GET", "&WIDTH=800&HEIGHT=600&FORMAT=image/png");
      await expect(responseOf(shown)).toContainText("Réponse binaire : image PNG");
      const preview = shown.locator(".binary-answer__image");
      await expect(preview).toBeVisible();
      expect(await preview.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(800);
      await expect(shown.getByRole("link", { name: "Enregistrer reponse.png" })).toHaveAttribute("download", "reponse.png");
      // GetFeatureInfo at 1° W, 47.5° N: France and the Atlantic forests.
      const info = (await responseJson(block(page, "GET", "&I=280&J=250&INFO_FORMAT=application/json&FEATURE_COUNT=10&FORMAT=image/png"))) as FeatureCollection;
      const names = info.features.map((feature) => String(feature.properties.nom ?? feature.properties.nom_ecoregion));
      expect(names.sort()).toEqual(["Forêts atlantiques de l'Ouest européen", "France"]);
    }
    if (path === pageOf("tuiles-a-la-volee")) {
      const offering = block(page, "GET", "/offerings/{offering tms vecteur}");
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      await expect(responseOf(offering)).toContainText('"type": "VECTOR-TMS"');
      for (const layer of ["monde_vtms.pays", "monde_vtms.regions_ecologiques", "monde_vtms.villes"]) {
        await expect(responseOf(offering)).toContainText(`/vector-tms/1.0.0/${layer}"`);
      }
      const index = (await responseJson(block(page, "GET", "/1.0.0/index.json"))) as Record<string, { name: string }>;
      expect(Object.keys(index).filter((layer) => layer.startsWith("monde_vtms."))).toEqual(["monde_vtms.pays", "monde_vtms.regions_ecologiques", "monde_vtms.villes"]);
      expect(index["monde_vtms.regions_ecologiques"]?.name).toBe("regions_ecologiques");
      const layer = (await responseJson(block(page, "GET", "/1.0.0/monde_vtms.regions_ecologiques.json"))) as { tiles: string[]; vector_layers: { id: string; fields: Record<string, string> }[] };
      expect(layer.tiles[0]).toMatch(/\/vector-tms\/1\.0\.0\/monde_vtms\.regions_ecologiques\/\{z\}\/\{x\}\/\{y\}\.pbf$/);
      expect(layer.vector_layers.map((item) => [item.id, Object.keys(item.fields)])).toEqual([["regions_ecologiques", ["nom_ecoregion", "biome", "royaume"]]]);
      await checkVectorTmsMap(page);

      // Tile 1/0/0 (north-west quarter): seven eco-regions with all their attributes; filtered, the two Nearctic ones with their name only.
      const tile = await serviceAnswer(page, block(page, "GET", "/monde_vtms.regions_ecologiques/1/0/0.pbf"));
      expect(tile.status).toBe(200);
      expect(tile.type).toContain("application/x-protobuf");
      const all = ecoregionsOf(tile.bytes);
      expect(all.names).toHaveLength(7);
      expect(all.names).not.toContain("Savanes du plateau central");
      expect(all.keys).toEqual(["biome", "nom_ecoregion", "royaume"]);
      const filteredBlock = block(page, "GET", "/1/0/0.pbf?filter=royaume='N%C3%A9arctique'&properties=nom_ecoregion");
      await expect(responseOf(filteredBlock)).toContainText("tuile vectorielle (Mapbox Vector Tile)");
      const filtered = await serviceAnswer(page, filteredBlock);
      expect(filtered.status).toBe(200);
      expect(ecoregionsOf(filtered.bytes)).toEqual({ names: ["Forêt boréale du Bouclier", "Toundra du Grand Nord"], keys: ["nom_ecoregion"] });
      expect(filtered.bytes.length).toBeLessThan(tile.bytes.length);
    }
    if (path === pageOf("pyramide")) {
      await expect(responseOf(block(page, "GET", "/processings/executions/{execution pyramide}"))).toContainText('"status": "SUCCESS"');
      const pyramid = (await responseJson(block(page, "GET", "/stored_data/{stored data pyramide}"))) as {
        type: string; status: string; type_infos: { tms: string; levels: string[] };
      };
      expect(pyramid.type).toBe("ROK4-PYRAMID-VECTOR");
      expect(pyramid.status).toBe("GENERATED");
      expect(pyramid.type_infos.tms).toBe("PM");
      expect(pyramid.type_infos.levels).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
    }
    if (path === pageOf("publication-tms")) {
      const offering = block(page, "GET", "/offerings/{offering tms}");
      await expect(responseOf(offering)).toContainText('"status": "PUBLISHED"');
      await expect(responseOf(offering)).toContainText("/1.0.0/monde_tuiles");
      await expect(responseOf(block(page, "GET", "/1.0.0/monde_tuiles"))).toContainText("monde_tuiles");
      await checkTmsVectorMap(page);

      // metadata.json lists the tiles' layers and levels; tile 3/4/2 holds countries and eco-regions, not yet the cities.
      const metadata = (await responseJson(block(page, "GET", "/1.0.0/monde_tuiles/metadata.json"))) as { vector_layers: { id: string; minzoom: number }[] };
      expect(metadata.vector_layers.map((layer) => [layer.id, layer.minzoom])).toEqual([["pays", 0], ["ecoregions", 3], ["villes", 5]]);
      const tile = await serviceAnswer(page, block(page, "GET", "/1.0.0/monde_tuiles/3/4/2.pbf"));
      expect(tile.status).toBe(200);
      expect(tile.type).toContain("application/x-protobuf");
      await expect(responseOf(block(page, "GET", "/1.0.0/monde_tuiles/3/4/2.pbf"))).toContainText("tuile vectorielle (Mapbox Vector Tile)");
      const decoded = new VectorTile(new PbfReader(tile.bytes));
      expect(Object.keys(decoded.layers).sort()).toEqual(["ecoregions", "pays"]);
      const countries = Array.from({ length: decoded.layers.pays!.length }, (_, index) => decoded.layers.pays!.feature(index).properties.nom);
      expect(countries).toContain("France");
      expect(countries).toContain("Allemagne");
    }
    if (path === pageOf("nettoyage")) {
      // Deleted stored data are listed only with status=DELETED; nothing of the tutorial may be left alive.
      const list = (await responseJson(block(page, "GET", "/stored_data?status=DELETED"))) as { name: string; status: string }[];
      const ours = list.filter((item) => ["Pays, écorégions et villes", "Pays, écorégions et villes en tuiles"].includes(item.name));
      expect(ours.length).toBeGreaterThan(0);
      for (const item of ours) expect(item.status, item.name).toBe("DELETED");
    }
  }
  console.log(statuses.join("\n"));
});

test("vector tutorial pages are chained with rel=prev/next and visible links", async ({ page }) => {
  await expectChained(page, VECTOR_PAGES, "/tutoriels/alimentation-diffusion-vecteur/");
});

test("the vector overview renders its diagram and is listed on the tutorials page", async ({ page }) => {
  await page.goto("/tutoriels/alimentation-diffusion-vecteur/");
  await expect(page.locator("figure.diagram svg").first()).toBeVisible();
  await expect(page.locator('head link[rel="next"]')).toHaveAttribute("href", VECTOR_PAGES[0]!);
  await page.goto("/tutoriels/");
  await expect(page.locator('main a[href$="alimentation-diffusion-vecteur/"]').first()).toBeVisible();
});

// Writes the sample files of the tutorials into public/samples/ (committed; run again after any change):
//   public/samples/archive/         departements.csv, departements.geojson, LISEZMOI.txt, departements.md5
//   public/samples/archive-errone/  departements.md5 with one deliberately wrong sum (failure demo)
//   public/samples/vecteur/         monde.gpkg, villes.csv, monde.md5, pays/ecoregions .sld and .ftl,
//                                   ecoregions-errone.sld (uses a missing attribute), LISEZMOI.txt
//   public/samples/shapefile/       DEPARTEMENT .shp .shx .dbf .prj .cpg (Lambert-93, UTF-8), DEPARTEMENT.md5
//   public/samples/raster/          corse.tif (GeoTIFF, EPSG:2154), corse.md5, LISEZMOI.txt
//   public/samples/mise-a-jour-raster/  corse_nord.tif, corse_sud.tif (GeoTIFF, EPSG:2154) with their .md5, LISEZMOI.txt
//   public/samples/mnt/             MNT and MNS tiles (FLOAT32 GeoTIFF, EPSG:2154) with their .md5, ROK4 styles, legend PNG
//   public/samples/mise-a-jour/     installation-init.sql, installation.gpkg, installation.csv + .csvt, .delete, .update,
//                                   .sld, .ftl, one .md5 per upload; derivation.sql (derivation tutorial)
//   public/samples/index-de-recherche/ sites.csv and sites.csvt (a custom search index), sites.md5, LISEZMOI.txt
//   public/samples/complementaires/ imagette.png (annexe), fiche_lot.xml and fiche_produit.xml (ISO 19139), croquis.geojson,
//                                   complementaires.md5, LISEZMOI.txt
// Usage: npx tsx scripts/generate-samples.ts [--sans-errone]
// Every byte is written by this script (no third-party data) and the output is deterministic.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { corseTif } from "../src/mock/samples/corse.ts";
import { departementShapefile } from "../src/mock/samples/departement-shp.ts";
import { mondeGpkg, villesCsv } from "../src/mock/samples/monde.ts";
import { rasterReadme, vecteurReadme } from "../src/mock/samples/readme.ts";
import { ecoregionsFtl, ecoregionsSld, paysFtl, paysSld } from "../src/mock/samples/styles.ts";
import { derivationSql, installationCsv, installationCsvt, installationDelete, installationFtl, installationGpkg, installationInitSql, installationSld, installationUpdate } from "../src/mock/samples/installations.ts";
import { corseTile, miseAJourReadme } from "../src/mock/samples/corse-maj.ts";
import { complementairesReadme, croquisGeojson, ficheLot, ficheProduit, imagettePng } from "../src/mock/samples/complementaires.ts";
import { hypsoLegend, hypsoStyle, MNS_FILE, mnsTif, MNT_FILE, mntReadme, mntTif, normalStyle } from "../src/mock/samples/mnt.ts";
import { indexReadme, sitesCsv, sitesCsvt } from "../src/mock/samples/index-recherche.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ARCHIVE_DIR = path.join(ROOT, "public", "samples", "archive");
const WRONG_DIR = path.join(ROOT, "public", "samples", "archive-errone");
const VECTOR_DIR = path.join(ROOT, "public", "samples", "vecteur");
const RASTER_DIR = path.join(ROOT, "public", "samples", "raster");

/** Folder of the upload where the data files are sent (`?path=data/<file>`); the .md5 lines use the same paths. */
const UPLOAD_FOLDER = "data";

interface Departement {
  code: string;
  nom: string;
  chefLieu: string;
  region: string;
}

/** A dozen metropolitan departments: INSEE code, name, prefecture, region (public facts, typed by hand). */
const DEPARTEMENTS: Departement[] = [
  { code: "01", nom: "Ain", chefLieu: "Bourg-en-Bresse", region: "Auvergne-Rhône-Alpes" },
  { code: "06", nom: "Alpes-Maritimes", chefLieu: "Nice", region: "Provence-Alpes-Côte d'Azur" },
  { code: "13", nom: "Bouches-du-Rhône", chefLieu: "Marseille", region: "Provence-Alpes-Côte d'Azur" },
  { code: "2A", nom: "Corse-du-Sud", chefLieu: "Ajaccio", region: "Corse" },
  { code: "2B", nom: "Haute-Corse", chefLieu: "Bastia", region: "Corse" },
  { code: "29", nom: "Finistère", chefLieu: "Quimper", region: "Bretagne" },
  { code: "31", nom: "Haute-Garonne", chefLieu: "Toulouse", region: "Occitanie" },
  { code: "33", nom: "Gironde", chefLieu: "Bordeaux", region: "Nouvelle-Aquitaine" },
  { code: "44", nom: "Loire-Atlantique", chefLieu: "Nantes", region: "Pays de la Loire" },
  { code: "59", nom: "Nord", chefLieu: "Lille", region: "Hauts-de-France" },
  { code: "67", nom: "Bas-Rhin", chefLieu: "Strasbourg", region: "Grand Est" },
  { code: "69", nom: "Rhône", chefLieu: "Lyon", region: "Auvergne-Rhône-Alpes" },
  { code: "75", nom: "Paris", chefLieu: "Paris", region: "Île-de-France" },
];

type Ring = [number, number][];

/**
 * Very coarse outlines (longitude, latitude in degrees, EPSG:4326) drawn by hand from a handful of landmarks:
 * a few points per department, good enough to show something on a map, useless for any measurement.
 */
const CONTOURS: Record<string, Ring> = {
  "75": [[2.25, 48.84], [2.29, 48.83], [2.36, 48.82], [2.42, 48.83], [2.41, 48.87], [2.40, 48.90], [2.33, 48.90], [2.28, 48.88]],
  "29": [[-4.78, 48.40], [-4.72, 48.05], [-4.37, 47.80], [-3.95, 47.80], [-3.50, 47.85], [-3.40, 48.30], [-3.55, 48.68], [-3.85, 48.72], [-4.55, 48.62]],
  "2A": [[8.60, 42.27], [8.60, 41.90], [8.80, 41.55], [9.15, 41.38], [9.30, 41.60], [9.40, 41.87], [9.00, 42.15]],
  "2B": [[8.60, 42.27], [9.00, 42.15], [9.40, 41.87], [9.55, 42.10], [9.50, 42.35], [9.45, 42.80], [9.35, 43.00], [9.05, 42.70], [8.70, 42.55]],
  "33": [[-1.25, 44.20], [-0.20, 44.25], [0.10, 44.30], [0.30, 44.85], [-0.30, 45.10], [-0.75, 45.45], [-1.10, 45.50], [-1.20, 44.70]],
  "67": [[7.10, 48.90], [7.00, 48.60], [7.20, 48.30], [7.58, 48.12], [7.80, 48.50], [8.23, 48.97], [7.60, 49.08]],
};

/** Twice the signed area of a ring (shoelace formula): positive when counterclockwise. */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** Closes the ring and orients it counterclockwise, as RFC 7946 asks for exterior rings. */
function exteriorRing(points: Ring): Ring {
  const ring = signedArea(points) < 0 ? [...points].reverse() : [...points];
  return [...ring, ring[0]!];
}

function csv(): string {
  const lines = ["code_departement,nom_departement,chef_lieu,region"];
  for (const d of DEPARTEMENTS) lines.push([d.code, d.nom, d.chefLieu, d.region].map(csvField).join(","));
  return lines.join("\n") + "\n";
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function geojson(): string {
  const features = DEPARTEMENTS.filter((d) => CONTOURS[d.code]).map((d) => ({
    type: "Feature",
    properties: { code_departement: d.code, nom_departement: d.nom, precision: "contour très approximatif, tracé à la main" },
    geometry: { type: "Polygon", coordinates: [exteriorRing(CONTOURS[d.code]!)] },
  }));
  const text = JSON.stringify({ type: "FeatureCollection", name: "departements", features }, null, 2);
  // One position per line ([lon, lat]) instead of three.
  return text.replace(/\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]/g, "[$1, $2]") + "\n";
}

function lisezmoi(): string {
  const avecContour = DEPARTEMENTS.filter((d) => CONTOURS[d.code]).map((d) => `${d.nom} (${d.code})`);
  return [
    "Données départementales - jeu d'exemple du tutoriel « Alimentation et diffusion simple d'archives »",
    "=================================================================================================",
    "",
    "Ces fichiers sont illustratifs. Ils ont été écrits pour le tutoriel et servent uniquement",
    "à essayer les appels de l'API Entrepôt de la Géoplateforme (livraison, intégration,",
    "publication en téléchargement). Ils ne remplacent aucun produit de référence.",
    "",
    "Contenu",
    "-------",
    "",
    `departements.csv      ${DEPARTEMENTS.length} départements de France métropolitaine : code INSEE, nom,`,
    "                      chef-lieu et région. Encodage UTF-8, séparateur virgule.",
    "",
    `departements.geojson  Contours de ${avecContour.length} départements sous forme de polygones grossiers,`,
    "                      dessinés à la main avec quelques points chacun, en coordonnées",
    "                      géographiques WGS 84 (EPSG:4326, longitude puis latitude).",
    "                      Ils sont très approximatifs : ne les utilisez pour aucune mesure.",
    "                      Départements présents :",
    ...wrap(avecContour.map((item, i) => item + (i < avecContour.length - 1 ? "," : ".")), 60).map((line) => `                      ${line}`),
    "",
    "LISEZMOI.txt          Ce fichier.",
    "",
    "departements.md5      Sommes de contrôle MD5 des trois fichiers ci-dessus, au format de",
    "                      md5sum, avec les chemins qu'ils ont dans la livraison (data/...).",
    "",
    "Remarque : le tutoriel déclare sa livraison en EPSG:2154, comme le tutoriel officiel. Pour",
    "une archive, ce système de coordonnées n'est qu'une information attachée à la livraison,",
    "puis affichée par le service de téléchargement : la plateforme ne lit ni ne transforme",
    "les fichiers. Pour vos propres données, déclarez le système réel de vos fichiers",
    "(ici, EPSG:4326 pour le GeoJSON).",
    "",
  ].join("\n");
}

/** Joins items with spaces into lines of at most `width` characters, never splitting an item. */
function wrap(items: string[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of items) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function md5(content: string | Uint8Array): string {
  return createHash("md5").update(content).digest("hex");
}

/** md5sum format: `<32 hex>␠␠<path>`, one line per file, newline-terminated. */
function md5File(files: Record<string, string | Uint8Array>, alter?: string): string {
  return Object.entries(files)
    .map(([name, content]) => {
      let sum = md5(content);
      if (name === alter) sum = alterSum(sum);
      return `${sum}  ${UPLOAD_FOLDER}/${name}\n`;
    })
    .join("");
}

/** Changes the last hex digit, so that the sum is well-formed but wrong. */
function alterSum(sum: string): string {
  const last = sum.at(-1) === "0" ? "1" : "0";
  return sum.slice(0, -1) + last;
}

function write(dir: string, name: string, content: string | Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), content);
  console.log(`${path.relative(ROOT, path.join(dir, name))} (${typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.length} octets)`);
}

const dataFiles: Record<string, string> = {
  "departements.csv": csv(),
  "departements.geojson": geojson(),
  "LISEZMOI.txt": lisezmoi(),
};

for (const [name, content] of Object.entries(dataFiles)) write(ARCHIVE_DIR, name, content);
write(ARCHIVE_DIR, "departements.md5", md5File(dataFiles));
if (!process.argv.includes("--sans-errone")) {
  write(WRONG_DIR, "departements.md5", md5File(dataFiles, "departements.csv"));
}

// Vector tutorial: the upload holds monde.gpkg and villes.csv (their sums in monde.md5); styles go to statics.
const vectorData: Record<string, string | Uint8Array> = { "monde.gpkg": mondeGpkg(), "villes.csv": villesCsv() };
for (const [name, content] of Object.entries(vectorData)) write(VECTOR_DIR, name, content);
write(VECTOR_DIR, "monde.md5", md5File(vectorData));
write(VECTOR_DIR, "pays.sld", paysSld());
write(VECTOR_DIR, "ecoregions.sld", ecoregionsSld());
write(VECTOR_DIR, "ecoregions-errone.sld", ecoregionsSld("biome_name"));
write(VECTOR_DIR, "pays.ftl", paysFtl());
write(VECTOR_DIR, "ecoregions.ftl", ecoregionsFtl());
write(VECTOR_DIR, "LISEZMOI.txt", vecteurReadme());

// Shapefile sample (a vector upload of the five files, as IGN's own examples).
const shapefileData = departementShapefile();
for (const [name, content] of Object.entries(shapefileData)) write(path.join(ROOT, "public", "samples", "shapefile"), name, content);
write(path.join(ROOT, "public", "samples", "shapefile"), "DEPARTEMENT.md5", md5File(shapefileData));

// Raster tutorial.
const rasterData = { "corse.tif": corseTif() };
write(RASTER_DIR, "corse.tif", rasterData["corse.tif"]);
write(RASTER_DIR, "corse.md5", md5File(rasterData));
write(RASTER_DIR, "LISEZMOI.txt", rasterReadme());

// Raster update tutorials: the north and the south of Corsica, one upload each (each with its .md5).
const UPDATE_DIR = path.join(ROOT, "public", "samples", "mise-a-jour-raster");
for (const which of ["nord", "sud"] as const) {
  const bytes = corseTile(which);
  write(UPDATE_DIR, `corse_${which}.tif`, bytes);
  write(UPDATE_DIR, `corse_${which}.md5`, md5File({ [`corse_${which}.tif`]: bytes }));
}
write(UPDATE_DIR, "LISEZMOI.txt", miseAJourReadme());

// Elevation tutorial: one upload per tile (MNT, MNS), each with its .md5; ROK4 styles and the legend annexe.
const MNT_DIR = path.join(ROOT, "public", "samples", "mnt");
for (const [name, bytes] of [[MNT_FILE, mntTif()], [MNS_FILE, mnsTif()]] as const) {
  write(MNT_DIR, name, bytes);
  write(MNT_DIR, name.replace(/\.tif$/, ".md5"), md5File({ [name]: bytes }));
}
write(MNT_DIR, "hypso.json", hypsoStyle());
write(MNT_DIR, "normal.json", normalStyle());
write(MNT_DIR, "hypso_legende.png", hypsoLegend());
write(MNT_DIR, "LISEZMOI.txt", mntReadme());

// Vector update tutorial: four uploads (structure, first area, second area, deletions and modifications), each
// with its .md5; the style and template of the view; the derivation tutorial's SQL static.
const UPDATE_VECTOR_DIR = path.join(ROOT, "public", "samples", "mise-a-jour");
const updateUploads: Record<string, Record<string, string | Uint8Array>> = {
  "installation-init": { "installation-init.sql": installationInitSql() },
  "injection-1": { "installation.gpkg": installationGpkg() },
  "injection-2": { "installation.csv": installationCsv(), "installation.csvt": installationCsvt() },
  "suppression-modification": { "installation.delete": installationDelete(), "installation.update": installationUpdate() },
};
for (const [upload, files] of Object.entries(updateUploads)) {
  for (const [name, content] of Object.entries(files)) write(UPDATE_VECTOR_DIR, name, content);
  write(UPDATE_VECTOR_DIR, `${upload}.md5`, md5File(files));
}
write(UPDATE_VECTOR_DIR, "installation.sld", installationSld());
write(UPDATE_VECTOR_DIR, "installation.ftl", installationFtl());
write(UPDATE_VECTOR_DIR, "derivation.sql", derivationSql());

// The complementary data tutorial: an annexe, two metadata records, a personal document.
const COMPLEMENTARY_DIR = path.join(ROOT, "public", "samples", "complementaires");
const complementaryFiles: Record<string, string | Uint8Array> = {
  "imagette.png": imagettePng(), "fiche_lot.xml": ficheLot(), "fiche_produit.xml": ficheProduit(), "croquis.geojson": croquisGeojson(),
};
for (const [name, content] of Object.entries(complementaryFiles)) write(COMPLEMENTARY_DIR, name, content);
write(COMPLEMENTARY_DIR, "complementaires.md5", md5File(complementaryFiles));
write(COMPLEMENTARY_DIR, "LISEZMOI.txt", complementairesReadme());

// The search index tutorial: the CSV of a custom index and its .csvt, one upload (INDEX) with its .md5.
const SEARCH_INDEX_DIR = path.join(ROOT, "public", "samples", "index-de-recherche");
const indexFiles: Record<string, string | Uint8Array> = { "sites.csv": sitesCsv(), "sites.csvt": sitesCsvt() };
for (const [name, content] of Object.entries(indexFiles)) write(SEARCH_INDEX_DIR, name, content);
write(SEARCH_INDEX_DIR, "sites.md5", md5File(indexFiles));
write(SEARCH_INDEX_DIR, "LISEZMOI.txt", indexReadme());

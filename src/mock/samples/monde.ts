// The vector tutorial's sample data, written by hand for the project (no third-party data): a GeoPackage
// with two tables ("Pays", "Écorégions") and a CSV of cities. Outlines are a few made-up points each, in
// EPSG:4326 (longitude, latitude): they only suggest the places, they are useless for any measurement.
// Populations are rounded orders of magnitude; the eco-regions are invented groupings.
import { writeGeoPackage } from "../formats/geopackage-writer.ts";
import type { Geometry } from "../formats/wkb.ts";

type Ring = [number, number][];

// Closes a ring (first position repeated at the end).
const ring = (points: Ring): Ring => [...points, points[0]!];
const multi = (...rings: Ring[]): Geometry => ({ type: "MultiPolygon", coordinates: rings.map((r) => [ring(r)]) });

/** Countries: name, ISO code, population, coarse outline. */
export const PAYS: { nom: string; iso: string; population: number; geometry: Geometry }[] = [
  { nom: "France", iso: "FRA", population: 68000000, geometry: multi([[-4.7, 48.4], [-1.8, 43.4], [3.1, 42.4], [7.5, 43.8], [6.2, 46.3], [8.2, 48.9], [2.5, 51.1]], [[8.6, 41.4], [9.5, 41.4], [9.5, 43.0], [8.6, 42.4]]) },
  { nom: "Espagne", iso: "ESP", population: 48000000, geometry: multi([[-9.3, 43.2], [-1.8, 43.4], [3.1, 42.4], [0.2, 39.5], [-2.1, 36.7], [-6.0, 36.1], [-7.4, 37.2], [-6.9, 42.0]]) },
  { nom: "Portugal", iso: "PRT", population: 10400000, geometry: multi([[-8.8, 42.1], [-6.2, 41.9], [-7.4, 37.2], [-8.9, 37.0], [-9.5, 38.8]]) },
  { nom: "Italie", iso: "ITA", population: 59000000, geometry: multi([[6.7, 45.9], [13.7, 46.5], [12.3, 44.2], [18.5, 40.1], [15.7, 38.0], [12.4, 41.8], [9.8, 44.1]], [[12.4, 38.1], [15.6, 38.3], [15.1, 36.7]]) },
  { nom: "Allemagne", iso: "DEU", population: 84000000, geometry: multi([[6.0, 51.0], [6.6, 49.2], [7.6, 47.6], [13.0, 47.5], [12.1, 50.3], [14.9, 51.0], [14.2, 53.9], [8.6, 55.0], [7.0, 53.5]]) },
  { nom: "Maroc", iso: "MAR", population: 37000000, geometry: multi([[-5.9, 35.8], [-1.8, 35.1], [-1.2, 32.1], [-8.7, 27.7], [-13.2, 27.7], [-9.8, 29.9], [-9.6, 32.6]]) },
  { nom: "Brésil", iso: "BRA", population: 203000000, geometry: multi([[-50, 4], [-35, -5], [-39, -15], [-48, -26], [-57, -30], [-58, -20], [-65, -10], [-73, -7], [-70, 2], [-60, 5]]) },
  { nom: "Canada", iso: "CAN", population: 40000000, geometry: multi([[-141, 60], [-141, 69.6], [-95, 70], [-64, 60], [-53, 47], [-67, 45], [-83, 42], [-95, 49], [-123, 49], [-130, 55]]) },
];

/** Made-up eco-regions: name, biome, realm, coarse outline. */
export const ECOREGIONS: { nom: string; biome: string; royaume: string; geometry: Geometry }[] = [
  { nom: "Forêts atlantiques de l'Ouest européen", biome: "Forêts tempérées de feuillus et mixtes", royaume: "Paléarctique", geometry: multi([[-9.3, 43.2], [-1.5, 43.5], [1.5, 47.0], [2.5, 51.1], [-4.7, 48.4]]) },
  { nom: "Forêts d'Europe centrale", biome: "Forêts tempérées de feuillus et mixtes", royaume: "Paléarctique", geometry: multi([[1.5, 47.0], [7.6, 47.6], [13.0, 47.5], [14.9, 51.0], [14.2, 53.9], [8.6, 55.0], [2.5, 51.1]]) },
  { nom: "Maquis méditerranéen", biome: "Forêts, bois et maquis méditerranéens", royaume: "Paléarctique", geometry: multi([[-9.5, 38.8], [-1.5, 43.5], [7.5, 43.8], [12.4, 41.8], [18.5, 40.1], [15.1, 36.7], [-2.1, 36.7], [-8.9, 37.0]]) },
  { nom: "Steppes présahariennes", biome: "Déserts et terres arbustives xériques", royaume: "Paléarctique", geometry: multi([[-9.6, 32.6], [-1.2, 32.1], [-1.2, 29.0], [-8.7, 27.7], [-13.2, 27.7]]) },
  { nom: "Grande forêt amazonienne", biome: "Forêts tropicales humides", royaume: "Néotropique", geometry: multi([[-73, -7], [-70, 2], [-60, 5], [-50, 4], [-45, -3], [-55, -10], [-65, -10]]) },
  { nom: "Savanes du plateau central", biome: "Savanes tropicales", royaume: "Néotropique", geometry: multi([[-55, -10], [-45, -3], [-39, -15], [-48, -22], [-58, -20]]) },
  { nom: "Forêt boréale du Bouclier", biome: "Forêts boréales", royaume: "Néarctique", geometry: multi([[-130, 55], [-123, 49], [-95, 49], [-83, 46], [-67, 45], [-64, 55], [-95, 58], [-120, 60]]) },
  { nom: "Toundra du Grand Nord", biome: "Toundra", royaume: "Néarctique", geometry: multi([[-141, 60], [-141, 69.6], [-95, 70], [-64, 60], [-95, 58], [-120, 60]]) },
];

/** Cities of villes.csv: name, country, longitude, latitude, rounded population. */
export const VILLES: [string, string, number, number, number][] = [
  ["Paris", "France", 2.35, 48.86, 2100000], ["Lyon", "France", 4.84, 45.76, 520000], ["Marseille", "France", 5.37, 43.3, 870000],
  ["Ajaccio", "France", 8.74, 41.93, 72000], ["Madrid", "Espagne", -3.7, 40.42, 3300000], ["Lisbonne", "Portugal", -9.14, 38.72, 550000],
  ["Rome", "Italie", 12.5, 41.9, 2800000], ["Berlin", "Allemagne", 13.4, 52.52, 3700000], ["Casablanca", "Maroc", -7.59, 33.57, 3200000],
  ["Brasília", "Brésil", -47.88, -15.79, 2800000], ["Montréal", "Canada", -73.57, 45.5, 1800000],
];

/** Table and column names of monde.gpkg, before normalisation. */
export const MONDE_NAMES = {
  pays: { table: "Pays", columns: ["Nom", "Code-ISO", "Population"] },
  ecoregions: { table: "Écorégions", columns: ["Nom-Écorégion", "Biome", "Royaume"] },
} as const;

/** The bytes of monde.gpkg. */
export function mondeGpkg(): Uint8Array {
  return writeGeoPackage(
    [
      {
        name: MONDE_NAMES.pays.table, description: "Pays (contours grossiers, dessinés à la main)", geometryColumn: "geom", geometryType: "MULTIPOLYGON", srsId: 4326,
        columns: [{ name: "Nom", type: "TEXT" }, { name: "Code-ISO", type: "TEXT" }, { name: "Population", type: "INTEGER" }],
        features: PAYS.map((p) => ({ geometry: p.geometry, properties: [p.nom, p.iso, p.population] })),
      },
      {
        name: MONDE_NAMES.ecoregions.table, description: "Écorégions inventées (contours grossiers)", geometryColumn: "geom", geometryType: "MULTIPOLYGON", srsId: 4326,
        columns: [{ name: "Nom-Écorégion", type: "TEXT" }, { name: "Biome", type: "TEXT" }, { name: "Royaume", type: "TEXT" }],
        features: ECOREGIONS.map((e) => ({ geometry: e.geometry, properties: [e.nom, e.biome, e.royaume] })),
      },
    ],
    { lastChange: "2024-09-16T08:00:00.000Z" },
  );
}

/** The text of villes.csv (UTF-8, comma-separated). */
export function villesCsv(): string {
  const quote = (v: string | number): string => (typeof v === "string" && /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v));
  return ["Nom,Pays,Longitude,Latitude,Population", ...VILLES.map((row) => row.map(quote).join(","))].join("\n") + "\n";
}

// Sample data of the vector update tutorial, invented for the project (no third-party data): fictitious
// classified installations (établissements, communes and addresses made up) in two areas, the first delivered
// as a GeoPackage, the second as a CSV with its .csvt; a structure file (one table, one view on the
// "Autorisation" regime, one index), a deletion file (two communes of the first area) and a modification
// file (the commune of the second area written without its accent, corrected). Deterministic.
import { writeGeoPackage } from "../formats/geopackage-writer.ts";

/** One invented installation. */
export interface Installation {
  id: number;
  nom_ets: string;
  adresse: string;
  commune: string;
  lib_regime: string;
  url_fiche: string;
  lib_seveso: string;
  lon: number;
  lat: number;
}

// A small deterministic generator (mulberry32).
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIVITIES = ["Scierie", "Fonderie", "Laiterie", "Plasturgie", "Papeterie", "Tannerie", "Cartonnerie", "Distillerie", "Métallerie", "Verrerie", "Chaudronnerie", "Imprimerie"];
const OWNERS = ["du Vallon", "des Trois Ponts", "Martin et fils", "de la Combe", "Bellerive", "du Plateau", "Saint-Hubert", "des Forges", "Lavaux", "du Moulin Neuf"];
const STREETS = ["rue des Artisans", "chemin du Lavoir", "route de la Vallée", "zone d'activités des Prés", "avenue de la Gare", "impasse des Tilleuls", "rue du Canal"];
const REGIMES = ["Autorisation", "Autorisation", "Enregistrement", "Déclaration"];
const SEVESO = ["Non Seveso", "Non Seveso", "Non Seveso", "Seveso seuil bas", "Seveso seuil haut"];

/** First area (GeoPackage): its communes; the first two are deleted by installation.delete. */
export const AREA_1 = { communes: ["BOURG-SUR-ORNE", "VAL-DES-FORGES", "ROCHEBELLE", "LES ESSARTS-SUR-MEUSE"], west: 4.3, south: 49.4, east: 5.2, north: 50.0, first: 1001, count: 36, seed: 11 };
/** Second area (CSV); its first commune is written without accent, installation.update corrects it. */
export const AREA_2 = { communes: ["SAINT-ETIENNE-DU-VAL", "MONTCLAIR", "LA FERTE-AUX-BOIS"], west: 5.9, south: 46.6, east: 6.9, north: 47.4, first: 2001, count: 48, seed: 23 };
/** The commune installation.update writes for the ids it lists. */
export const CORRECTED_COMMUNE = "SAINT-ÉTIENNE-DU-VAL";

/** The installations of an area. */
export function installations(area: typeof AREA_1 | typeof AREA_2): Installation[] {
  const next = random(area.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: area.count }, (_, i) => {
    const id = area.first + i;
    const round = (value: number): number => Math.round(value * 1e5) / 1e5;
    return {
      id, nom_ets: `${pick(ACTIVITIES)} ${pick(OWNERS)}`.toUpperCase(), adresse: `${1 + Math.floor(next() * 80)} ${pick(STREETS)}`,
      commune: area.communes[i % area.communes.length]!, lib_regime: pick(REGIMES), url_fiche: `https://installations.exemple.invalid/fiche/${id}`,
      lib_seveso: pick(SEVESO), lon: round(area.west + next() * (area.east - area.west)), lat: round(area.south + next() * (area.north - area.south)),
    };
  });
}

/** installation-init.sql: the structure only (a table, a view on the Autorisation regime, an index). */
export function installationInitSql(): string {
  return [
    "-- Structure de la base des installations (aucune donnée : elles seront injectées ensuite).",
    "CREATE TABLE installation (",
    "    id SERIAL PRIMARY KEY,",
    "    nom_ets character varying(254),",
    "    adresse character varying(207),",
    "    commune character varying(50),",
    "    lib_regime character varying(50),",
    "    url_fiche character varying(80),",
    "    lib_seveso character varying(20),",
    "    geom geometry(Point,4326)",
    ");",
    "",
    "CREATE VIEW installation_autorisation AS SELECT * FROM installation WHERE lib_regime = 'Autorisation';",
    "",
    "CREATE INDEX ON installation (lib_regime);",
    "",
  ].join("\n");
}

const COLUMNS = ["id", "nom_ets", "adresse", "commune", "lib_regime", "url_fiche", "lib_seveso"] as const;

/** installation.gpkg: table `installation` (EPSG:4326 points) of the first area. */
export function installationGpkg(): Uint8Array {
  return writeGeoPackage([{
    name: "installation", description: "Installations inventées (première zone)", geometryColumn: "geom", geometryType: "POINT", srsId: 4326,
    columns: COLUMNS.map((name) => ({ name, type: name === "id" ? "INTEGER" : "TEXT" })),
    features: installations(AREA_1).map((item) => ({ geometry: { type: "Point", coordinates: [item.lon, item.lat] }, properties: COLUMNS.map((name) => item[name]) })),
  }], { lastChange: "2024-10-01T08:00:00.000Z" });
}

const quote = (value: string | number): string => (typeof value === "string" && /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : String(value));

/** installation.csv: the second area, the geometry as WKT in the first column. */
export function installationCsv(): string {
  const rows = installations(AREA_2).map((item) => [`"POINT (${item.lon} ${item.lat})"`, ...COLUMNS.map((name) => quote(item[name]))].join(","));
  return [["WKT", ...COLUMNS].join(","), ...rows].join("\n") + "\n";
}

/** installation.csvt: the OGR types of the CSV's columns. */
export const installationCsvt = (): string => "WKT,Integer(10),String(254),String(207),String(50),String(50),String(80),String(20)\n";

/** installation.delete: every installation of the first two communes of the first area goes. */
export const installationDelete = (): string => ["commune", ...AREA_1.communes.slice(0, 2)].join("\n") + "\n";

/** The ids installation.update corrects (the second area's installations in its first commune). */
export const updatedIds = (): number[] => installations(AREA_2).filter((item) => item.commune === AREA_2.communes[0]).map((item) => item.id);

/** installation.update: the commune of those ids, with its accent. */
export const installationUpdate = (): string => ["id,commune", ...updatedIds().map((id) => `${id},${CORRECTED_COMMUNE}`)].join("\n") + "\n";

/** installation.sld: points coloured by lib_seveso. */
export function installationSld(): string {
  const rule = (value: string, colour: string, size: number): string =>
    `        <Rule>\n          <Name>${value}</Name>\n          <ogc:Filter>\n            <ogc:PropertyIsEqualTo>\n              <ogc:PropertyName>lib_seveso</ogc:PropertyName>\n` +
    `              <ogc:Literal>${value}</ogc:Literal>\n            </ogc:PropertyIsEqualTo>\n          </ogc:Filter>\n          <PointSymbolizer>\n            <Graphic>\n` +
    `              <Mark>\n                <WellKnownName>circle</WellKnownName>\n                <Fill><CssParameter name="fill">${colour}</CssParameter></Fill>\n` +
    `                <Stroke><CssParameter name="stroke">#333333</CssParameter></Stroke>\n              </Mark>\n              <Size>${size}</Size>\n            </Graphic>\n          </PointSymbolizer>\n        </Rule>\n`;
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"\n' +
    '    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n' +
    '    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">\n' +
    "  <NamedLayer>\n    <Name>installation_autorisation</Name>\n    <UserStyle>\n      <Title>Installations par statut Seveso</Title>\n      <FeatureTypeStyle>\n" +
    rule("Non Seveso", "#3a7bd5", 8) + rule("Seveso seuil bas", "#f0a030", 10) + rule("Seveso seuil haut", "#d62828", 12) +
    "      </FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n</StyledLayerDescriptor>\n";
}

/** installation.ftl: GetFeatureInfo template listing the installation's name, address, commune, regime and link. */
export function installationFtl(): string {
  return "<#list features as feature>\n<h3>${feature.nom_ets.value}</h3>\n<p>${feature.adresse.value}, ${feature.commune.value}</p>\n" +
    "<p>Régime : ${feature.lib_regime.value} — <a href=\"${feature.url_fiche.value}\">fiche</a></p>\n</#list>\n";
}

/** derivation.sql of the derivation tutorial: a column added to `pays`, computed from the population. */
export function derivationSql(): string {
  return "ALTER TABLE pays ADD COLUMN population_multipliee bigint;\nUPDATE pays SET population_multipliee = population * {{ params.multiply }};\n";
}

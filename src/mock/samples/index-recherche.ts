// Sample files of the « Index de recherche » tutorial, written by scripts/generate-samples.ts (no third-party
// data): a few viewpoints and waterfalls of an imaginary valley, as a `;`-separated CSV and its .csvt of column types.

/** One site: name, description, date of the last visit, position (longitude, latitude in degrees). */
const SITES: [string, string, string, number, number][] = [
  ["Belvédère du Pic Blanc", "Point de vue sur la vallée et ses trois lacs", "2024-05-12", 6.121, 45.204],
  ["Cascade des Ardoisières", "Chute d'eau de quarante mètres au pied des anciennes carrières", "2023-07-14", 6.198, 45.251],
  ["Lac du Grand Creux", "Lac d'altitude, baignade surveillée en été", "2022-08-02", 6.302, 45.113],
  ["Table d'orientation du Col Vert", "Table d'orientation et panorama sur les glaciers", "2024-06-30", 6.254, 45.162],
  ["Gorges de la Vionne", "Sentier aménagé le long des gorges, passerelles", "2023-09-21", 6.087, 45.238],
  ["Pont de la Chèvre", "Pont de pierre du dix-huitième siècle au-dessus du torrent", "2021-10-05", 6.143, 45.187],
];

/** sites.csv: header and one row per site (WKT points in EPSG:4326). */
export function sitesCsv(): string {
  const rows = SITES.map(([nom, description, date, lon, lat]) => [nom, description, date, `POINT(${lon} ${lat})`].join(";"));
  return ["nom;description;date;geometrie", ...rows].join("\n") + "\n";
}

/** sites.csvt: the types of the columns of sites.csv. */
export const sitesCsvt = (): string => "String;String;Date;WKT\n";

/** LISEZMOI.txt of the folder. */
export function indexReadme(): string {
  return [
    "Fichiers du tutoriel « Index de recherche » (écrits pour le projet, sans donnée de tiers).",
    "",
    "sites.csv    Quelques sites d'une vallée imaginaire : nom, description, date de la dernière",
    "             visite, position (point WKT en EPSG:4326). Séparateur « ; ».",
    "sites.csvt   Les types des colonnes de sites.csv, sur une ligne : String;String;Date;WKT.",
    "sites.md5    Sommes de contrôle MD5 des deux fichiers, avec leurs chemins dans la livraison (data/...).",
    "",
  ].join("\n");
}

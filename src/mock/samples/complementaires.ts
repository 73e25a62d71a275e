// Sample files of the « Données complémentaires » tutorial, written by scripts/generate-samples.ts (no third-party
// data): a thumbnail PNG (annexe), two ISO 19139 metadata records written for the project (a dataset and its
// series) and a small GeoJSON sketch (personal document).
import { encode } from "fast-png";

/** File identifiers of the two records (gmd:fileIdentifier). */
export const FICHE_LOT_ID = "TUTORIELS_DEPARTEMENTS_2024.xml";
export const FICHE_PRODUIT_ID = "TUTORIELS_DEPARTEMENTS.xml";

/** A 96 × 64 thumbnail: a sea gradient, an island of two greens with a beach, a red point (the prefecture). */
export function imagettePng(): Uint8Array {
  const width = 96;
  const height = 64;
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const at = (row * width + col) * 3;
      // An ellipse tilted by a sine wave on its edge, so that the coast is not a perfect curve.
      const u = (col - 50) / 26;
      const v = (row - 32) / 22;
      const edge = 1 + 0.12 * Math.sin(col / 5) + 0.08 * Math.cos(row / 4);
      const r = Math.sqrt(u * u + v * v) / edge;
      let colour: [number, number, number];
      if (r > 1.08) colour = [30, 90 + Math.round(row * 1.2), 160 + Math.round(col * 0.6)];
      else if (r > 1) colour = [230, 214, 160];
      else colour = r > 0.55 ? [88, 150, 70] : [54, 112, 50];
      if ((col - 44) ** 2 + (row - 28) ** 2 <= 5) colour = [200, 30, 30];
      data.set(colour, at);
    }
  }
  return encode({ width, height, data, channels: 3, depth: 8 });
}

/** What distinguishes the two records. */
interface Fiche {
  identifier: string;
  level: "dataset" | "series";
  title: string;
  abstract: string;
  date: string;
  parent?: string;
}

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const characterString = (tag: string, text: string, pad: string): string => `${pad}<gmd:${tag}><gco:CharacterString>${escape(text)}</gco:CharacterString></gmd:${tag}>`;
const code = (tag: string, list: string, value: string, pad: string): string =>
  `${pad}<gmd:${tag}><gmd:${list} codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#${list}" codeListValue="${value}">${value}</gmd:${list}></gmd:${tag}>`;

// An ISO 19139 record (gmd) of the tutorials' departments: identification, contact, keywords, extent over
// metropolitan France and Corsica, Lambert-93, distribution format.
function fiche({ identifier, level, title, abstract, date, parent }: Fiche): string {
  const uuid = identifier.replace(/\.xml$/, "");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco" xmlns:gml="http://www.opengis.net/gml" xmlns:xlink="http://www.w3.org/1999/xlink" uuid="${uuid}">`,
    characterString("fileIdentifier", identifier, "  "),
    code("language", "LanguageCode", "fre", "  "),
    code("characterSet", "MD_CharacterSetCode", "utf8", "  "),
    parent ? characterString("parentIdentifier", parent, "  ") : "",
    code("hierarchyLevel", "MD_ScopeCode", level, "  "),
    "  <gmd:contact><gmd:CI_ResponsibleParty>",
    characterString("organisationName", "Communauté des tutoriels", "    "),
    "    <gmd:contactInfo><gmd:CI_Contact><gmd:address><gmd:CI_Address>",
    characterString("electronicMailAddress", "contact@ign.fr", "      "),
    "    </gmd:CI_Address></gmd:address></gmd:CI_Contact></gmd:contactInfo>",
    code("role", "CI_RoleCode", "pointOfContact", "    "),
    "  </gmd:CI_ResponsibleParty></gmd:contact>",
    `  <gmd:dateStamp><gco:Date>${date}</gco:Date></gmd:dateStamp>`,
    characterString("metadataStandardName", "ISO 19115:2003/19139", "  "),
    characterString("metadataStandardVersion", "1.0", "  "),
    "  <gmd:referenceSystemInfo><gmd:MD_ReferenceSystem><gmd:referenceSystemIdentifier><gmd:RS_Identifier>",
    characterString("code", "EPSG:2154", "    "),
    "  </gmd:RS_Identifier></gmd:referenceSystemIdentifier></gmd:MD_ReferenceSystem></gmd:referenceSystemInfo>",
    "  <gmd:identificationInfo><gmd:MD_DataIdentification>",
    "    <gmd:citation><gmd:CI_Citation>",
    characterString("title", title, "      "),
    `      <gmd:date><gmd:CI_Date><gmd:date><gco:Date>${date}</gco:Date></gmd:date>${code("dateType", "CI_DateTypeCode", "creation", "").trim()}</gmd:CI_Date></gmd:date>`,
    "    </gmd:CI_Citation></gmd:citation>",
    characterString("abstract", abstract, "    "),
    "    <gmd:descriptiveKeywords><gmd:MD_Keywords>",
    ...["départements", "limites administratives", "tutoriels"].map((keyword) => characterString("keyword", keyword, "      ")),
    "    </gmd:MD_Keywords></gmd:descriptiveKeywords>",
    "    <gmd:resourceConstraints><gmd:MD_LegalConstraints>",
    characterString("otherConstraints", "Licence Ouverte 2.0 (données inventées pour les tutoriels)", "      "),
    "    </gmd:MD_LegalConstraints></gmd:resourceConstraints>",
    code("language", "LanguageCode", "fre", "    "),
    "    <gmd:topicCategory><gmd:MD_TopicCategoryCode>boundaries</gmd:MD_TopicCategoryCode></gmd:topicCategory>",
    "    <gmd:extent><gmd:EX_Extent><gmd:geographicElement><gmd:EX_GeographicBoundingBox>",
    "      <gmd:westBoundLongitude><gco:Decimal>-4.8</gco:Decimal></gmd:westBoundLongitude>",
    "      <gmd:eastBoundLongitude><gco:Decimal>9.6</gco:Decimal></gmd:eastBoundLongitude>",
    "      <gmd:southBoundLatitude><gco:Decimal>41.3</gco:Decimal></gmd:southBoundLatitude>",
    "      <gmd:northBoundLatitude><gco:Decimal>51.1</gco:Decimal></gmd:northBoundLatitude>",
    "    </gmd:EX_GeographicBoundingBox></gmd:geographicElement></gmd:EX_Extent></gmd:extent>",
    "  </gmd:MD_DataIdentification></gmd:identificationInfo>",
    "  <gmd:distributionInfo><gmd:MD_Distribution><gmd:distributionFormat><gmd:MD_Format>",
    characterString("name", "GeoJSON", "    "),
    characterString("version", "RFC 7946", "    "),
    "  </gmd:MD_Format></gmd:distributionFormat></gmd:MD_Distribution></gmd:distributionInfo>",
    "</gmd:MD_Metadata>",
    "",
  ].filter((line) => line !== "").join("\n");
}

/** The dataset record (lot): the 2024 edition of the departments. */
export const ficheLot = (): string => fiche({
  identifier: FICHE_LOT_ID, level: "dataset", date: "2024-09-16", parent: FICHE_PRODUIT_ID,
  title: "Départements des tutoriels, édition 2024",
  abstract: "Contours très simplifiés d'une douzaine de départements, dessinés à la main pour les tutoriels de l'API Entrepôt. Ne conviennent à aucune mesure.",
});

/** The series record (produit) the dataset belongs to. */
export const ficheProduit = (): string => fiche({
  identifier: FICHE_PRODUIT_ID, level: "series", date: "2024-09-16",
  title: "Départements des tutoriels",
  abstract: "Produit regroupant les éditions successives des départements d'exemple des tutoriels de l'API Entrepôt.",
});

/** A GeoJSON sketch (personal document): three points of interest around Saint-Mandé. */
export function croquisGeojson(): string {
  const points: [string, number, number][] = [["Siège de l'IGN", 2.4246, 48.8447], ["Bois de Vincennes", 2.4352, 48.8362], ["Château de Vincennes", 2.4359, 48.8427]];
  return `${JSON.stringify({
    type: "FeatureCollection",
    features: points.map(([nom, lon, lat]) => ({ type: "Feature", properties: { nom }, geometry: { type: "Point", coordinates: [lon, lat] } })),
  }, null, 2)}\n`;
}

/** LISEZMOI.txt of public/samples/complementaires/. */
export function complementairesReadme(): string {
  return [
    "Échantillons du tutoriel « Données complémentaires » (produits par scripts/generate-samples.ts, aucune donnée tierce).",
    "",
    "imagette.png : vignette de 96 × 64 pixels (une île inventée), déposée comme annexe.",
    `fiche_lot.xml : fiche de métadonnées ISO 19139 de niveau « dataset » (lot), identifiant ${FICHE_LOT_ID}.`,
    `fiche_produit.xml : fiche ISO 19139 de niveau « series » (produit), identifiant ${FICHE_PRODUIT_ID}.`,
    "  Contre la vraie plateforme, un identifiant de fiche est unique sur toute la Géoplateforme : changez-le",
    "  (gmd:fileIdentifier, et parentIdentifier de la fiche du lot) avant de déposer ces fiches.",
    "croquis.geojson : trois points autour de Saint-Mandé, déposé comme document personnel.",
    "",
  ].join("\n");
}

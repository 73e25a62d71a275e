// The vector and raster checks, run on the analyses made when the files were received: readable files,
// accepted extensions, complete and consistent shapefiles (layer combined from the .shp/.shx/.dbf/.prj/.cpg
// analyses, uploads/shapefile-layers.ts), layers with a geometry, coordinate systems consistent with the upload's `srs`;
// images that are TIFF, georeferenced (tags or .tfw), of a supported channel format.
import type { CheckRunner, LogEntry } from "./check-log.ts";
import { dataFiles, error, framed, info, warning } from "./check-log.ts";
import type { VectorLayerInfo } from "../../formats/types.ts";
import { channelsFormat, extension, rasterImages, stem } from "../uploads/file-analysis.ts";
import type { UploadFile, UploadRecord } from "../uploads/records.ts";
import type { ShapefileSet } from "../uploads/shapefile-layers.ts";
import { shapefileSets } from "../uploads/shapefile-layers.ts";
import { applyCsvt, csvtOf, hasCsv } from "../uploads/csv-types.ts";
import { dataStatementLines } from "../../sql/parser.ts";

const VECTOR_MAIN: Record<string, string> = { gpkg: "GeoPackage", csv: "CSV", geojson: "GeoJSON", json: "GeoJSON", shp: "Shapefile" };
const VECTOR_AUX = ["shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx", "xml", "qmd", "csvt"];
// Files that act on the tables rather than bring layers: a structure file, deletions and modifications.
const VECTOR_TABLE_FILES = ["sql", "delete", "update"];
const RASTER_MAIN = ["tif", "tiff"];
const RASTER_AUX = ["tfw", "tifw", "prj", "xml", "msk", "ovr"];

const round = (value: number): string => String(Math.round(value * 1000) / 1000);
const box = (extent: readonly number[]): string => `[${extent.map(round).join(", ")}]`;

// Lines about one layer: its summary, a missing geometry, an srs different from the upload's, emptiness, extent.
function layerLines(upload: UploadRecord, path: string, format: string, layer: VectorLayerInfo): LogEntry[] {
  const srs = layer.srs ?? `non déclaré (celui de la livraison, ${upload.srs}, sera utilisé)`;
  const lines = [info("checks_ogr", 112, `Couche « ${layer.name} » : ${layer.features} objet(s), géométrie ${layer.geometry ? `${layer.geometry.type} (colonne ${layer.geometry.column})` : "aucune"}, système de coordonnées ${srs}, attributs ${layer.columns.map((c) => c.name).join(", ") || "aucun"}`)];
  if (!layer.geometry) {
    if (layer.attributesOnly) lines.push(warning("checks_ogr", 118, `La table « ${layer.name} » n'a pas de géométrie : elle sera intégrée comme une table attributaire`));
    else lines.push(error("checks_ogr", 121, `La couche « ${layer.name} » du fichier ${path} n'a pas de géométrie${format === "CSV" ? " (colonne WKT, ou paire de colonnes x/y, lon/lat ou longitude/latitude attendue)" : ""}`));
  }
  if (layer.srs && layer.srs !== upload.srs) {
    lines.push(error("checks_ogr", 131, `La projection de la couche « ${layer.name} » (${layer.srs}) est différente de la projection déclarée pour la livraison (${upload.srs})`));
  }
  if (layer.features === 0) lines.push(warning("checks_ogr", 136, `La couche « ${layer.name} » est vide`));
  if (layer.extent) lines.push(info("checks_ogr", 140, `Étendue de la couche « ${layer.name} » : ${box(layer.extent)}`));
  return lines;
}

// Lines about a shapefile: its companions, the problems of its files, then its layer when readable.
function shapefileLines(upload: UploadRecord, set: ShapefileSet): LogEntry[] {
  const files = [set.path, ...set.companions].map((path) => `.${extension(path)}`).join(", ");
  const lines: LogEntry[] = [info("checks_ogr", 104, `${set.path} : ${set.layer ? 1 : 0} couche(s) au format Shapefile (fichiers ${files})`)];
  lines.push(...set.issues.map((issue) => ({ level: issue.level, module: "checks_ogr", line: issue.line, message: issue.message })));
  if (set.layer) lines.push(...layerLines(upload, set.path, "Shapefile", set.layer));
  return lines;
}

// Lines about the .csvt of a CSV file: unreadable, not fitting the file's columns, or the types it gives.
function csvtLines(files: readonly UploadFile[], file: UploadFile, layer: VectorLayerInfo): LogEntry[] {
  const csvt = csvtOf(files, file.path);
  if (!csvt) return [];
  if (!csvt.analysis) return [warning("checks_ogr", 95, `Fichier ${csvt.path} reçu avant l'analyse des contenus : il n'est pas contrôlé`)];
  if (csvt.analysis.kind === "error") return [error("checks_ogr", 98, `Impossible de lire le fichier ${csvt.path} (CSVT) : ${csvt.analysis.message}`)];
  if (csvt.analysis.kind !== "csvt") return [];
  const applied = applyCsvt(layer, csvt.analysis.types, csvt.path);
  if ("problem" in applied) return [error("checks_ogr", 108, applied.problem)];
  return [info("checks_ogr", 107, `Types des colonnes lus dans ${csvt.path} : ${applied.layer.columns.map((column) => `${column.name} (${column.type})`).join(", ") || "aucun attribut"}`)];
}

// Lines about one readable or unreadable vector file (a CSV file's with its .csvt).
function vectorFileLines(upload: UploadRecord, file: UploadFile, files: readonly UploadFile[]): LogEntry[] {
  const analysis = file.analysis;
  if (!analysis) return [warning("checks_ogr", 95, `Fichier ${file.path} reçu avant l'analyse des contenus : il n'est pas contrôlé`)];
  if (analysis.kind === "error") return [error("checks_ogr", 98, `Impossible d'ouvrir le fichier ${file.path} (${analysis.format}) : ${analysis.message}`)];
  if (analysis.kind !== "vector") return [];
  const lines: LogEntry[] = [info("checks_ogr", 104, `${file.path} : ${analysis.layers.length} couche(s) au format ${VECTOR_MAIN[extension(file.path)]}`)];
  for (const layer of analysis.layers) {
    lines.push(...layerLines(upload, file.path, analysis.format, layer));
    if (analysis.format === "CSV") lines.push(...csvtLines(files, file, layer));
  }
  return lines;
}

// Lines about a structure file (no rows may be delivered in SQL) or a deletion / modification file.
function tableFileLines(file: UploadFile): LogEntry[] {
  const analysis = file.analysis;
  if (!analysis) return [warning("checks_ogr", 95, `Fichier ${file.path} reçu avant l'analyse des contenus : il n'est pas contrôlé`)];
  if (analysis.kind === "error") return [error("checks_ogr", 98, `Impossible de lire le fichier ${file.path} (${analysis.format}) : ${analysis.message}`)];
  if (analysis.kind === "sql") {
    const rows = dataStatementLines(analysis.text);
    if (rows.length === 0) return [info("checks_sql", 41, `${file.path} : fichier SQL de structure, exécuté par le traitement d'intégration`)];
    return rows.map(({ line, keyword }) => error("checks_sql", 47, `${file.path}, ligne ${line} : instruction ${keyword} refusée, un fichier SQL livré ne fait que définir la structure (tables, vues, index) ; les données se livrent dans des fichiers vecteur`));
  }
  if (analysis.kind !== "changes") return [];
  const kind = extension(file.path) === "delete" ? "suppression" : "modification";
  const lines = [info("checks_ogr", 150, `${file.path} : fichier de ${kind} de la table « ${stem(file.path).slice(stem(file.path).lastIndexOf("/") + 1)} », ${analysis.rows.length} ligne(s), colonnes ${analysis.columns.join(", ")}`)];
  if (analysis.rows.length === 0) lines.push(warning("checks_ogr", 153, `Le fichier ${file.path} ne contient aucune ligne`));
  return lines;
}

/** Vector check: every file readable and of an accepted format; layers with a geometry in the declared srs. */
export const vectorCheck: CheckRunner = (upload) => {
  const body: LogEntry[] = [];
  const files = dataFiles(upload);
  const shapefiles = shapefileSets(files);
  for (const file of files) {
    const ext = extension(file.path);
    if (VECTOR_MAIN[ext]) {
      body.push(info("core", 179, `Analyse du fichier : ${file.path}`));
      const set = shapefiles.find((candidate) => candidate.path === file.path);
      body.push(...(set ? shapefileLines(upload, set) : vectorFileLines(upload, file, files)));
    } else if (VECTOR_TABLE_FILES.includes(ext)) {
      body.push(info("core", 179, `Analyse du fichier : ${file.path}`));
      body.push(...tableFileLines(file));
    } else if (ext === "csvt" && !hasCsv(files, file.path)) {
      body.push(warning("checks_ogr", 109, `Fichier ${file.path} sans fichier CSV du même nom : ses types ne s'appliquent à rien, il est ignoré`));
    } else if (!VECTOR_AUX.includes(ext)) {
      body.push(error("core", 185, `Fichier ${file.path} : l'extension « .${ext} » n'est pas un format vecteur accepté (formats acceptés : .gpkg, .csv avec son éventuel .csvt, .geojson, .json, .shp avec ses fichiers associés, .sql de structure, .delete et .update)`));
    }
  }
  if (!files.some((file) => VECTOR_MAIN[extension(file.path)] || VECTOR_TABLE_FILES.includes(extension(file.path)))) {
    body.push(error("core", 190, "Aucun fichier vecteur exploitable dans la livraison (formats acceptés : .gpkg, .csv, .geojson, .json, .shp, ou un .sql de structure, des .delete / .update)"));
  }
  return framed("VectorChecker", upload, body);
};

/** Raster check: GeoTIFF images, readable, georeferenced, of a supported channel format, in the declared srs. */
export const rasterCheck: CheckRunner = (upload) => {
  const body: LogEntry[] = [];
  const files = dataFiles(upload);
  const images = rasterImages(files);
  for (const file of files) {
    const ext = extension(file.path);
    const analysis = file.analysis;
    if (RASTER_MAIN.includes(ext)) {
      body.push(info("core", 179, `Analyse du fichier : ${file.path}`));
      if (!analysis) body.push(warning("cli", 40, `Fichier ${file.path} reçu avant l'analyse des contenus : il n'est pas contrôlé`));
      else if (analysis.kind === "error") body.push(error("cli", 44, `Le fichier ${file.path} n'est pas une image TIFF lisible : ${analysis.message}`));
      const image = images.find((candidate) => candidate.path === file.path);
      if (!image) continue;
      const { raster } = image;
      body.push(info("cli", 52, `Image ${file.path} : ${raster.width} × ${raster.height} pixels, ${raster.samplesPerPixel} canal(aux) ${raster.sampleFormat} ${raster.bitsPerSample} bits, compression ${raster.compression}`));
      if (!channelsFormat(raster)) body.push(error("cli", 58, `Le fichier ${file.path} a des canaux ${raster.sampleFormat} sur ${raster.bitsPerSample} bits : formats acceptés UINT8, UINT16 ou FLOAT32`));
      if (!image.georeferencing) {
        body.push(error("cli", 63, `Le fichier ${file.path} n'est pas géoréférencé : ni étiquettes ModelPixelScale/ModelTiepoint dans le GeoTIFF, ni fichier ${stem(file.path).slice(stem(file.path).lastIndexOf("/") + 1)}.tfw associé`));
      } else {
        const [x, y] = raster.origin!;
        const [sx, sy] = raster.pixelSize!;
        body.push(info("cli", 66, `Géoréférencement lu dans ${image.georeferencing === "GeoTIFF" ? "les étiquettes GeoTIFF" : image.georeferencing} : pixel de ${round(sx)} × ${round(sy)}, emprise ${box([x, y - raster.height * sy, x + raster.width * sx, y])}`));
      }
      if (!image.srs) body.push(warning("cli", 69, `Aucun système de coordonnées dans ${file.path} : celui de la livraison (${upload.srs}) est utilisé`));
      else if (image.srs !== upload.srs) body.push(error("cli", 71, `Incohérence de SRS pour ${file.path} : le fichier est en ${image.srs}, la livraison est déclarée en ${upload.srs}`));
    } else if (ext === "tfw" || ext === "tifw") {
      if (analysis?.kind === "error") body.push(error("cli", 80, `Fichier de géoréférencement ${file.path} illisible : ${analysis.message}`));
    } else if (!RASTER_AUX.includes(ext)) {
      body.push(error("core", 185, `Fichier ${file.path} : l'extension « .${ext} » n'est pas acceptée par la vérification raster (images GeoTIFF .tif ou .tiff attendues, avec éventuellement leur .tfw)`));
    }
  }
  const kinds = new Set(images.map((image) => `${image.raster.samplesPerPixel} × ${channelsFormat(image.raster) ?? "?"}`));
  if (kinds.size > 1) body.push(error("cli", 90, `Images hétérogènes : toutes doivent avoir le même nombre et le même format de canaux (trouvé ${[...kinds].join(" et ")})`));
  if (!files.some((file) => RASTER_MAIN.includes(extension(file.path)))) body.push(error("core", 190, "Aucune image GeoTIFF dans la livraison (.tif ou .tiff)"));
  return framed("RasterChecker", upload, body);
};

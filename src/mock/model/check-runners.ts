// What each check really verifies on the files received (path, size and MD5 only — the bytes are not kept).
// A runner returns its outcome and its log lines; checks.ts spreads the lines over the check's duration.
import { CHECKS } from "./catalog.ts";
import type { LogLevel, UploadFile, UploadRecord } from "./types.ts";

/** A log line before it is given a time. */
export interface LogEntry {
  level: LogLevel;
  module: string;
  line: number;
  message: string;
}

/** Result of a check. */
export interface CheckResult {
  outcome: "SUCCESS" | "FAILURE";
  logs: LogEntry[];
}

/** A check implementation. */
export type CheckRunner = (upload: UploadRecord) => CheckResult;

const info = (module: string, line: number, message: string): LogEntry => ({ level: "INFO", module, line, message });
const warning = (module: string, line: number, message: string): LogEntry => ({ level: "WARNING", module, line, message });
const error = (module: string, line: number, message: string): LogEntry => ({ level: "ERROR", module, line, message });

const dataFiles = (upload: UploadRecord): UploadFile[] => upload.files.filter((file) => file.kind === "data");
const baseName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);
const extension = (path: string): string => {
  const name = baseName(path).toLowerCase();
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1);
};

// Opening and closing lines shared by every check, in the style of the platform's checkers.
function framed(checker: string, upload: UploadRecord, body: LogEntry[]): CheckResult {
  const failed = body.some((entry) => entry.level === "ERROR");
  const outcome = failed ? "FAILURE" : "SUCCESS";
  return {
    outcome,
    logs: [
      info(`gpf-${checker.replace(/Checker$/, "").toLowerCase()}-checker`, 7, "Récupération des fichiers de la livraison"),
      info("cli", 255, `Vérification ${checker} pour la livraison ${upload._id}`),
      info("core", 134, `${dataFiles(upload).length} fichiers à analyser dans la livraison`),
      ...body,
      (failed ? error : info)("cli", 255, `Résultat de la vérification : ${outcome}`),
    ],
  };
}

/** Standard check: every md5sum line must match the MD5 of the bytes received at that path. */
export const standardCheck: CheckRunner = (upload) => {
  const body: LogEntry[] = [];
  const files = new Map(dataFiles(upload).map((file) => [file.path, file]));
  const expected = new Map<string, { md5: string; source: string }>();
  for (const md5File of upload.files.filter((file) => file.kind === "md5")) {
    body.push(info("checks_md5", 42, `Lecture du fichier de signatures ${md5File.path} (${md5File.lines?.length ?? 0} lignes)`));
    for (const line of md5File.lines ?? []) expected.set(line.path, { md5: line.md5, source: md5File.path });
  }
  if (files.size === 0) body.push(error("core", 140, "La livraison ne contient aucun fichier de données"));
  for (const [path, { md5, source }] of expected) {
    const file = files.get(path);
    if (!file) body.push(error("checks_md5", 57, `Fichier absent de la livraison : ${path} (déclaré dans ${source})`));
    else if (file.md5 !== md5) {
      body.push(error("checks_md5", 63, `Signature MD5 incorrecte pour ${path} : attendue ${md5}, calculée ${file.md5}`));
    } else body.push(info("checks_md5", 66, `Signature MD5 correcte pour ${path}`));
  }
  for (const path of files.keys()) {
    if (!expected.has(path)) body.push(warning("checks_md5", 71, `Aucune signature MD5 fournie pour le fichier ${path} : son intégrité n'est pas contrôlée`));
  }
  return framed("StandardChecker", upload, body);
};

/** Archive check: files are stored flat, so two files may not share a name (case-insensitive). */
export const archiveCheck: CheckRunner = (upload) => {
  const body: LogEntry[] = [];
  const byName = new Map<string, string[]>();
  for (const file of dataFiles(upload)) {
    const key = baseName(file.path).toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), file.path]);
  }
  for (const paths of byName.values()) {
    if (paths.length > 1) {
      body.push(error("checks_archive", 88, `Conflit de nommage : les fichiers ${paths.join(", ")} portent le même nom (la casse n'est pas prise en compte)`));
    }
  }
  if (dataFiles(upload).length === 0) body.push(error("core", 140, "La livraison ne contient aucun fichier"));
  else if (body.length === 0) body.push(info("checks_archive", 92, "Aucun conflit de nommage entre les fichiers livrés"));
  return framed("ArchiveChecker", upload, body);
};

// Files recognised by the vector and raster checks, with the companions a main file needs.
const VECTOR_MAIN = ["gpkg", "shp", "csv", "geojson", "json"];
const VECTOR_AUX = ["shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx", "xml", "qmd"];
const RASTER_MAIN = ["tif", "tiff", "jp2"];
const RASTER_AUX = ["tfw", "tifw", "j2w", "prj", "xml", "msk", "ovr"];

// A shapefile needs its .shx and .dbf next to it.
function shapefileProblems(files: UploadFile[], shp: UploadFile): LogEntry[] {
  const stem = shp.path.slice(0, -4).toLowerCase();
  return ["shx", "dbf"]
    .filter((ext) => !files.some((file) => file.path.toLowerCase() === `${stem}.${ext}`))
    .map((ext) => error("checks_ogr", 301, `Fichier ${shp.path} : le fichier .${ext} associé est absent, le shapefile est illisible`));
}

// A simplified reading check: the files must have usable extensions (a later version opens them).
function formatCheck(checker: string, main: string[], aux: string[], kind: string): CheckRunner {
  return (upload) => {
    const body: LogEntry[] = [];
    const files = dataFiles(upload);
    for (const file of files) {
      const ext = extension(file.path);
      if (main.includes(ext)) {
        body.push(info("core", 179, `Analyse du fichier : ${file.path}`));
        if (ext === "shp") body.push(...shapefileProblems(files, file));
      } else if (!aux.includes(ext)) {
        body.push(warning("core", 185, `Fichier ${file.path} ignoré : l'extension « .${ext} » n'est pas un format ${kind} reconnu`));
      }
    }
    if (!files.some((file) => main.includes(extension(file.path)))) {
      body.push(error("core", 190, `Aucun fichier ${kind} exploitable dans la livraison (formats acceptés : ${main.map((ext) => `.${ext}`).join(", ")})`));
    }
    return framed(checker, upload, body);
  };
}

/** Vector check (simplified): at least one readable vector file, shapefiles complete. */
export const vectorCheck = formatCheck("VectorChecker", VECTOR_MAIN, VECTOR_AUX, "vecteur");
/** Raster check (simplified): at least one image file. */
export const rasterCheck = formatCheck("RasterChecker", RASTER_MAIN, RASTER_AUX, "raster");
/** ROK4 pyramid check (simplified): accepts any content with at least one file. */
export const pyramidCheck: CheckRunner = (upload) =>
  framed("PyramidChecker", upload, dataFiles(upload).length > 0 ? [] : [error("core", 140, "La livraison ne contient aucun fichier")]);

/** Runner of each check, by check id. */
export const CHECK_RUNNERS: Readonly<Record<string, CheckRunner>> = {
  [CHECKS.standard._id]: standardCheck,
  [CHECKS.archive._id]: archiveCheck,
  [CHECKS.vector._id]: vectorCheck,
  [CHECKS.raster._id]: rasterCheck,
  [CHECKS.pyramid_rok4._id]: pyramidCheck,
};

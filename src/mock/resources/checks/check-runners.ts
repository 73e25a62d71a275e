// What each check verifies on the files received (path, size, MD5 and the analysis made on reception — the
// bytes are not kept). A runner returns its outcome and its log lines; checks.ts spreads the lines over the
// check's duration. The vector and raster checks are in data-checks.ts.
import { CHECKS } from "../processings/catalog.ts";
import type { CheckRunner, LogEntry } from "./check-log.ts";
import { dataFiles, error, framed, info, warning } from "./check-log.ts";
import { rasterCheck, vectorCheck } from "./data-checks.ts";
import { baseName } from "../uploads/file-analysis.ts";

/** Types of check runners, re-exported. */
export type { CheckResult, CheckRunner, LogEntry } from "./check-log.ts";

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

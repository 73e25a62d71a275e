// Shapefile layers of an upload: a shapefile arrives as several files (.shp, .shx, .dbf, .prj, .cpg), each
// analysed alone when received; the layer is combined here from the kept analyses of the files of the same
// path stem (extension case ignored) whenever the check or the integration reads the upload. The .shp gives
// the geometry type, count and extent, the .dbf the columns, the .prj the srs, the .cpg the encoding.
import { cpgEncoding, dbfPostgresType, decodeRaw, DEFAULT_DBF_ENCODING, ldidEncoding } from "../../formats/dbase.ts";
import { SHAPE_TYPES } from "../../formats/shapefile.ts";
import type { FileAnalysis, ShapefilePart, VectorLayerInfo } from "../../formats/types.ts";

/** A problem or a fact about a shapefile, for the vector check (module checks_ogr). */
export interface ShapefileIssue {
  level: "INFO" | "WARNING" | "ERROR";
  line: number;
  message: string;
}

/** A shapefile of an upload: its .shp, the companions found, the encoding, the layer when readable. */
export interface ShapefileSet {
  path: string;
  companions: string[];
  encoding: string;
  /** Absent when a mandatory file is missing or unreadable, or when the files disagree. */
  layer?: VectorLayerInfo;
  issues: ShapefileIssue[];
}

type AnalysedFile = { path: string; analysis?: FileAnalysis };
type Part<E extends ShapefilePart["ext"]> = Extract<ShapefilePart, { ext: E }>;

const lowerStem = (path: string): string => {
  const dot = path.lastIndexOf(".");
  return (dot > path.lastIndexOf("/") ? path.slice(0, dot) : path).toLowerCase();
};
const extOf = (path: string): string => path.slice(lowerStem(path).length + 1).toLowerCase();
const fileName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** Every .shp of the files, in file order, combined with its companions. */
export function shapefileSets(files: readonly AnalysedFile[]): ShapefileSet[] {
  return files.filter((file) => extOf(file.path) === "shp").map((shp) => combine(shp, files.filter((file) => file !== shp && lowerStem(file.path) === lowerStem(shp.path))));
}

// The layer of one .shp and the issues of its files.
function combine(shp: AnalysedFile, others: AnalysedFile[]): ShapefileSet {
  const issues: ShapefileIssue[] = [];
  const find = (ext: string): AnalysedFile | undefined => others.find((file) => extOf(file.path) === ext);
  // The part read from a file, or undefined (an ERROR issue when it is unreadable, or missing and mandatory).
  function part<E extends ShapefilePart["ext"]>(file: AnalysedFile | undefined, ext: E, mandatory: boolean): Part<E> | undefined {
    if (!file) {
      if (mandatory) issues.push({ level: "ERROR", line: 301, message: `Fichier ${shp.path} : le fichier .${ext} associé est absent, le shapefile est illisible` });
      return undefined;
    }
    const analysis = file.analysis;
    if (!analysis) issues.push({ level: "WARNING", line: 95, message: `Fichier ${file.path} reçu avant l'analyse des contenus : il n'est pas contrôlé` });
    else if (analysis.kind === "error") issues.push({ level: "ERROR", line: 98, message: `Impossible d'ouvrir le fichier ${file.path} (${analysis.format}) : ${analysis.message}` });
    else if (analysis.kind === "shapefile" && analysis.part.ext === ext) return analysis.part as Part<E>;
    return undefined;
  }
  const main = part(shp, "shp", true);
  const shx = part(find("shx"), "shx", true);
  const dbf = part(find("dbf"), "dbf", true);
  const prjFile = find("prj");
  const prj = part(prjFile, "prj", false);
  const cpgFile = find("cpg");
  const cpg = part(cpgFile, "cpg", false);
  const base = fileName(shp.path).slice(0, fileName(lowerStem(shp.path)).length);

  let encoding = DEFAULT_DBF_ENCODING;
  let source = "par défaut : ni fichier .cpg ni identifiant de langue dans le .dbf";
  const fromLdid = dbf ? ldidEncoding(dbf.ldid) : undefined;
  if (cpg?.encoding) [encoding, source] = [cpg.encoding, `fichier ${fileName(cpgFile!.path)}`];
  else if (fromLdid) [encoding, source] = [fromLdid, `identifiant de langue 0x${dbf!.ldid.toString(16).padStart(2, "0")} du .dbf`];
  if (cpg && !cpg.encoding) issues.push({ level: "WARNING", line: 308, message: `Fichier ${cpgFile!.path} : encodage « ${cpg.label} » inconnu, les attributs sont lus en ${encoding}` });
  if (dbf) {
    issues.push({ level: "INFO", line: 310, message: `Encodage des attributs de ${base}.dbf : ${encoding} (${source})` });
    if (encoding === "UTF-8" && !dbf.utf8) issues.push({ level: "WARNING", line: 309, message: `Des valeurs de ${base}.dbf ne sont pas en UTF-8 alors que l'encodage est UTF-8 (${source}) : des caractères seront mal lus` });
  }
  if (!prjFile) issues.push({ level: "WARNING", line: 307, message: `Fichier ${shp.path} sans fichier .prj associé : système de coordonnées non déclaré` });
  else if (prj && !prj.srs) {
    issues.push({ level: "ERROR", line: 306, message: `Fichier ${prjFile.path} : le système de coordonnées « ${prj.name} » n'est pas reconnu (aucun code EPSG ne lui correspond) ; fournissez un .prj d'un système connu, par exemple Lambert-93 (EPSG:2154)` });
  }
  if (main && shx && shx.records !== main.features) issues.push({ level: "ERROR", line: 303, message: `Fichier ${find("shx")!.path} : il indexe ${shx.records} enregistrement(s), le .shp en contient ${main.features}` });
  if (main && dbf && dbf.records !== main.features) issues.push({ level: "ERROR", line: 304, message: `Fichier ${find("dbf")!.path} : ${dbf.records} enregistrement(s) attributaire(s) pour ${main.features} forme(s) dans le .shp` });

  const set: ShapefileSet = { path: shp.path, companions: others.map((file) => file.path), encoding, issues };
  if (!main || !shx || !dbf || issues.some((issue) => issue.level === "ERROR")) return set;
  const layer: VectorLayerInfo = {
    name: base,
    columns: dbf.fields.map((field) => ({ name: decodeRaw(field.rawName, encoding), type: dbfPostgresType(field) })),
    features: main.features, geometryBytes: main.geometryBytes, attributeBytes: dbf.attributeBytes,
  };
  const geometryType = SHAPE_TYPES[main.shapeType];
  if (geometryType) layer.geometry = { column: "geom", type: geometryType };
  if (prj?.srs) layer.srs = prj.srs;
  if (main.extent) layer.extent = main.extent;
  set.layer = layer;
  return set;
}

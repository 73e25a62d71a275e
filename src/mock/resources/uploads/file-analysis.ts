// Analysis of the files an upload receives (POST …/data): the readers run on the bytes once, and only their
// small JSON summary is kept. A file that cannot be read gets an "error" analysis (reported by the check),
// never an exception: even a bug in a reader only makes the file unreadable.
import { errorMessage } from "../../formats/errors.ts";
import { cpgEncoding, readDbf } from "../../formats/dbase.ts";
import { readGeoPackage } from "../../formats/geopackage.ts";
import { readPrj } from "../../formats/prj.ts";
import { readShp, readShx } from "../../formats/shapefile.ts";
import { csvTable, readCsv, readGeoJson, utf8Text } from "../../formats/text-vector.ts";
import { indexTable } from "../../formats/index-table.ts";
import { readCsvt } from "../../formats/csvt.ts";
import { typedCsvLayer } from "./csv-types.ts";
import { readGeoTiff, readWorldFile } from "../../formats/tiff.ts";
import type { FileAnalysis, RasterInfo, VectorLayerInfo } from "../../formats/types.ts";
import type { UploadFile, UploadType } from "./records.ts";
import { shapefileSets } from "./shapefile-layers.ts";

/** Last segment of a path. */
export const baseName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);
/** Lower-case extension of a path, without the dot ("" when none). */
export const extension = (path: string): string => {
  const name = baseName(path).toLowerCase();
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1);
};
/** Path without its extension. */
export const stem = (path: string): string => {
  const dot = path.lastIndexOf(".");
  return dot > path.lastIndexOf("/") ? path.slice(0, dot) : path;
};

const FORMATS: Record<string, string> = { csvt: "CSVT", sql: "SQL", delete: "CSV (suppressions)", update: "CSV (modifications)", gpkg: "GeoPackage", csv: "CSV", geojson: "GeoJSON", json: "GeoJSON", tif: "GeoTIFF", tiff: "GeoTIFF", tfw: "world file", tifw: "world file", shp: "Shapefile", shx: "index Shapefile", dbf: "dBase", prj: "projection", cpg: "encodage" };
// Largest structure / change file kept in the analysis (its text or rows are kept in the state).
const TEXT_LIMIT = 4 * 1024 * 1024;
const SHAPEFILE_PARTS = ["shp", "shx", "dbf", "prj", "cpg"];
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** Reads the file if the upload type and extension call for it; undefined when there is nothing to analyse. */
export function analyseFile(path: string, bytes: Uint8Array, uploadType: UploadType): FileAnalysis | undefined {
  const ext = extension(path);
  const name = baseName(stem(path));
  try {
    if (uploadType === "VECTOR") {
      if (ext === "gpkg") return { kind: "vector", format: "GPKG", layers: readGeoPackage(bytes) };
      if (ext === "csv") return { kind: "vector", format: "CSV", layers: [readCsv(bytes, name)] };
      if (ext === "csvt") return { kind: "csvt", types: readCsvt(bytes) };
      if (ext === "geojson" || ext === "json") return { kind: "vector", format: "GEOJSON", layers: [readGeoJson(bytes, name)] };
      if (ext === "shp") return { kind: "shapefile", part: readShp(bytes) };
      if (ext === "shx") return { kind: "shapefile", part: readShx(bytes) };
      if (ext === "dbf") return { kind: "shapefile", part: readDbf(bytes) };
      if (ext === "prj") return { kind: "shapefile", part: readPrj(text(bytes)) };
      if (ext === "cpg") return { kind: "shapefile", part: { ext: "cpg", label: text(bytes).trim(), ...encodingOf(text(bytes)) } };
      // A structure file (run by vector_to_db) and the deletion / modification files of a table (CSV).
      if (["sql", "delete", "update"].includes(ext) && bytes.length > TEXT_LIMIT) throw new Error(`fichier de ${Math.ceil(bytes.length / 1048576)} Mio : les fichiers .sql, .delete et .update sont limités à ${TEXT_LIMIT / 1048576} Mio`);
      if (ext === "sql") return { kind: "sql", text: utf8Text(bytes, "le fichier SQL") };
      if (ext === "delete" || ext === "update") {
        const { header, data } = csvTable(bytes);
        return { kind: "changes", columns: header, rows: data.filter((row) => row.some((value) => value.trim() !== "")) };
      }
    } else if (uploadType === "INDEX") {
      if (ext === "csv" || ext === "csvt") return { kind: "table", ...indexTable(bytes, ext) };
    } else if (uploadType === "RASTER") {
      if (ext === "tif" || ext === "tiff") return { kind: "raster", format: "GEOTIFF", raster: readGeoTiff(bytes) };
      if (ext === "tfw" || ext === "tifw") return { kind: "worldfile", ...readWorldFile(utf8Text(bytes, "le fichier .tfw")) };
    }
    return undefined;
  } catch (error) {
    return { kind: "error", format: FORMATS[ext] ?? ext.toUpperCase(), message: errorMessage(error) };
  }
}

// The encoding a .cpg names, when known.
const encodingOf = (label: string): { encoding?: string } => {
  const encoding = cpgEncoding(label);
  return encoding ? { encoding } : {};
};

/** Largest file the simulation reads to analyse it (bigger files are kept, but not read). */
export const ANALYSIS_LIMIT = 128 * 1024 * 1024;

/** Whether the upload type and extension call for reading the file's bytes. */
export function needsAnalysis(path: string, uploadType: UploadType): boolean {
  const ext = extension(path);
  if (uploadType === "VECTOR") return ["gpkg", "csv", "csvt", "geojson", "json", "sql", "delete", "update", ...SHAPEFILE_PARTS].includes(ext);
  if (uploadType === "RASTER") return ["tif", "tiff", "tfw", "tifw"].includes(ext);
  if (uploadType === "INDEX") return ["csv", "csvt"].includes(ext);
  return false;
}

/** The analysis of a file too large to be read (an error naming the limit), or undefined when none is needed. */
export function tooLargeToAnalyse(path: string, size: number, uploadType: UploadType): FileAnalysis | undefined {
  if (!needsAnalysis(path, uploadType) || size <= ANALYSIS_LIMIT) return undefined;
  const ext = extension(path);
  return { kind: "error", format: FORMATS[ext] ?? ext.toUpperCase(), message: `fichier de ${Math.round(size / 1048576)} Mio : la simulation n'analyse pas les fichiers de plus de ${ANALYSIS_LIMIT / 1048576} Mio` };
}

/** A vector layer with the file it comes from. */
export interface SourceLayer {
  path: string;
  layer: VectorLayerInfo;
  /** A shapefile's: the paths of its other files (.shx, .dbf, .prj, .cpg) and the encoding of its attributes. */
  shapefile?: { companions: string[]; encoding: string };
}

/** Every readable vector layer of a list of analysed files, in file order (a shapefile's at its .shp). */
export function vectorLayers(files: readonly Pick<UploadFile, "path" | "analysis">[]): SourceLayer[] {
  const shapefiles = shapefileSets(files);
  return files.flatMap((file): SourceLayer[] => {
    const analysis = file.analysis;
    // A CSV layer with the column types of its .csvt, when it has one that fits.
    if (analysis?.kind === "vector") return analysis.layers.map((layer) => ({ path: file.path, layer: analysis.format === "CSV" ? typedCsvLayer(files, file.path, layer) : layer }));
    const set = shapefiles.find((candidate) => candidate.path === file.path);
    return set?.layer ? [{ path: file.path, layer: set.layer, shapefile: { companions: set.companions, encoding: set.encoding } }] : [];
  });
}

/** A readable image with its georeferencing (from the GeoTIFF tags, else from a world file next to it). */
export interface SourceImage {
  path: string;
  raster: RasterInfo;
  /** Where the georeferencing was read ("GeoTIFF" or the world file's path); absent when none. */
  georeferencing?: string;
  /** EPSG:<code> of the file, when it declares one. */
  srs?: string;
}

/** Every readable GeoTIFF of a list of analysed files, georeferenced by its tags or its .tfw. */
export function rasterImages(files: readonly Pick<UploadFile, "path" | "analysis">[]): SourceImage[] {
  const images: SourceImage[] = [];
  for (const file of files) {
    if (file.analysis?.kind !== "raster") continue;
    const raster = { ...file.analysis.raster };
    const image: SourceImage = { path: file.path, raster };
    if (raster.pixelSize && raster.origin) image.georeferencing = "GeoTIFF";
    else {
      const world = files.find((other) => other.analysis?.kind === "worldfile" && stem(other.path).toLowerCase() === stem(file.path).toLowerCase());
      if (world?.analysis?.kind === "worldfile") {
        raster.pixelSize = world.analysis.pixelSize;
        raster.origin = world.analysis.origin;
        image.georeferencing = world.path;
      }
    }
    if (raster.epsg !== undefined) image.srs = `EPSG:${raster.epsg}`;
    images.push(image);
  }
  return images;
}

/** Channel format of an image as the pyramids name it (UINT8, UINT16, FLOAT32), or undefined when unsupported. */
export function channelsFormat(raster: RasterInfo): string | undefined {
  if (raster.sampleFormat === "UINT" && raster.bitsPerSample === 8) return "UINT8";
  if (raster.sampleFormat === "UINT" && raster.bitsPerSample === 16) return "UINT16";
  if (raster.sampleFormat === "FLOAT" && raster.bitsPerSample === 32) return "FLOAT32";
  return undefined;
}

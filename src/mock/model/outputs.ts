// What a successful execution writes into its output stored data, per stored data type. The ARCHIVE copy
// is exact (size and number of files received); the other types are simplified until a later version.
import type { JsonObject } from "./json.ts";
import type { ExecutionRecord, InputSnapshot, StoredDataRecord, StoredDataType } from "./types.ts";

/** Fills the stored data from the execution's input snapshot. */
export type OutputBuilder = (storedData: StoredDataRecord, snapshot: InputSnapshot, execution: ExecutionRecord) => void;

const total = (files: { size: number }[]): number => files.reduce((sum, file) => sum + file.size, 0);
const baseName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

// Levels "top".."bottom" as strings, e.g. ["0", …, "10"].
function levels(top: number, bottom: number): string[] {
  const out: string[] = [];
  for (let level = Math.max(0, top); level <= Math.min(bottom, 24); level++) out.push(String(level));
  return out;
}
const toLevel = (value: unknown, fallback: number): number => {
  const number = typeof value === "number" ? value : typeof value === "string" ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(number) ? number : fallback;
};

/** ARCHIVE: files are copied flat; a file with the same name replaces the previous one (update). */
export const archiveOutput: OutputBuilder = (storedData, snapshot) => {
  const files = new Map(storedData.files.map((file) => [baseName(file.path), file]));
  for (const file of snapshot.files) files.set(baseName(file.path), { path: baseName(file.path), size: file.size });
  storedData.files = [...files.values()];
  storedData.size = total(storedData.files);
  storedData.type_infos = { files_number: storedData.files.length };
  if (snapshot.srs) storedData.srs = snapshot.srs;
};

/** VECTOR-DB (simplified): size of the files received, target srs; relations are not read yet. */
export const vectorDbOutput: OutputBuilder = (storedData, snapshot, execution) => {
  storedData.size = total(snapshot.files);
  const srs = execution.parameters.srs;
  storedData.srs = typeof srs === "string" ? srs : (snapshot.srs ?? storedData.srs ?? "EPSG:4326");
  storedData.type_infos = { relations: [] };
};

/** ROK4-PYRAMID-RASTER (simplified): PM grid, levels from top/bottom. */
export const rasterPyramidOutput: OutputBuilder = (storedData, snapshot, execution) => {
  const p = execution.parameters;
  storedData.size = Math.max(total(snapshot.files), storedData.size);
  storedData.srs = "EPSG:3857";
  const compression = typeof p.compression === "string" ? p.compression.toUpperCase() : "JPG";
  const info: JsonObject = {
    tms: typeof p.tms === "string" ? p.tms : "PM", levels: levels(toLevel(p.top, 0), toLevel(p.bottom, 10)),
    channels_format: "UINT8", channels_number: 3, compression, nodata_value: "255,255,255",
  };
  storedData.type_infos = info;
};

/** ROK4-PYRAMID-VECTOR (simplified): PM grid, levels from the composition or top_level/bottom_level. */
export const vectorPyramidOutput: OutputBuilder = (storedData, _snapshot, execution) => {
  const p = execution.parameters;
  let top = toLevel(p.top_level, 0);
  let bottom = toLevel(p.bottom_level, 0);
  if (Array.isArray(p.composition)) {
    const items = p.composition.filter((item): item is JsonObject => typeof item === "object" && item !== null && !Array.isArray(item));
    top = Math.min(...items.map((item) => toLevel(item.top_level, 0)));
    bottom = Math.max(...items.map((item) => toLevel(item.bottom_level, 0)));
  }
  storedData.srs = "EPSG:3857";
  storedData.type_infos = { tms: "PM", levels: levels(top, bottom) };
};

/** Builder per output type (types without one only become GENERATED). */
export const OUTPUT_BUILDERS: Partial<Record<StoredDataType, OutputBuilder>> = {
  ARCHIVE: archiveOutput,
  "VECTOR-DB": vectorDbOutput,
  "ROK4-PYRAMID-RASTER": rasterPyramidOutput,
  "ROK4-PYRAMID-VECTOR": vectorPyramidOutput,
};

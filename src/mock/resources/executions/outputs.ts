// What a successful execution writes into its output stored data, per stored data type. ARCHIVE is an
// exact copy (size, number and MD5 of the files received); VECTOR-DB and the pyramids are computed from
// the analyses of the input files (vector-outputs.ts, raster-output.ts).
import type { ExecutionRecord, InputSnapshot } from "./records.ts";
import type { StoredDataRecord, StoredDataType } from "../stored-data/records.ts";
import type { OutputBuilder } from "./records.ts";
import { rasterPyramidOutput } from "./raster-output.ts";
import { vectorDbOutput, vectorPyramidOutput } from "./vector-outputs.ts";
import { derivationOutput } from "./derivation-output.ts";
import { indexOutput } from "./index-output.ts";


const total = (files: { size: number }[]): number => files.reduce((sum, file) => sum + file.size, 0);
const baseName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** ARCHIVE: files are copied flat; a file with the same name replaces the previous one (update). */
export const archiveOutput: OutputBuilder = (storedData, snapshot) => {
  const files = new Map(storedData.files.map((file) => [baseName(file.path), file]));
  for (const file of snapshot.files) {
    const copy: StoredDataRecord["files"][number] = { path: baseName(file.path), size: file.size };
    if (file.blob) copy.blob = file.blob;
    if (file.md5) copy.md5 = file.md5;
    files.set(baseName(file.path), copy);
  }
  storedData.files = [...files.values()];
  storedData.size = total(storedData.files);
  storedData.type_infos = { files_number: storedData.files.length };
  if (snapshot.srs) storedData.srs = snapshot.srs;
};

/** Builder per output type (types without one only become GENERATED). */
export const OUTPUT_BUILDERS: Partial<Record<StoredDataType, OutputBuilder>> = {
  ARCHIVE: archiveOutput,
  "VECTOR-DB": (storedData, snapshot, execution) => (snapshot.derivations ? derivationOutput(storedData, snapshot, execution) : vectorDbOutput(storedData, snapshot, execution)),
  "ROK4-PYRAMID-RASTER": rasterPyramidOutput,
  "ROK4-PYRAMID-VECTOR": vectorPyramidOutput,
  INDEX: indexOutput,
};

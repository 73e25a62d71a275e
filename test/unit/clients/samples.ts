// The project's generated sample files (public/samples), read as the clients would read them from disk.
import fs from "node:fs";
import path from "node:path";
import type { UploadedFile } from "./sdk/requester.ts";

const SAMPLES = path.resolve(import.meta.dirname, "../../../public/samples");

/** The bytes of `public/samples/<folder>/<name>`. */
export function sampleBytes(folder: string, name: string): Buffer {
  return fs.readFileSync(path.join(SAMPLES, folder, name));
}

/** The named files of `public/samples/<folder>`, each with its base name. */
export function sampleFiles(folder: string, names: readonly string[]): UploadedFile[] {
  return names.map((name) => ({ name, bytes: sampleBytes(folder, name) }));
}


// An export's files packed as a zip (fflate): texts in UTF-8, bytes as they are. Pure (browser and Node).
import { zipSync } from "fflate";
import type { ExportFiles } from "./bruno.ts";

/** The zip archive of the files, each under its relative path. */
export function zipFiles(files: ExportFiles): Uint8Array {
  const encoder = new TextEncoder();
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) entries[name] = typeof content === "string" ? encoder.encode(content) : content;
  return zipSync(entries, { level: 6 });
}

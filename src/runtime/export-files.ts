// The files of « Exporter ce parcours », built in the browser when the reader asks for one (a chunk of its own,
// with the exporters and fflate, loaded by src/runtime/components/export-parcours.ts on the first press).
import { toArazzo } from "../shared/export/arazzo.ts";
import { toBruno, type ExportFiles } from "../shared/export/bruno.ts";
import { requestsOf } from "../shared/export/model.ts";
import type { Parcours } from "../shared/export/parcours.ts";
import { toShell } from "../shared/export/shell.ts";
import { zipFiles } from "../shared/export/zip.ts";

/** The three formats of the export. */
export type ExportFormat = "bruno" | "arazzo" | "shell";

// The sample files a tutorial sends, fetched from the site.
async function samplesOf(parcours: Parcours): Promise<Record<string, Uint8Array>> {
  const samples: Record<string, Uint8Array> = {};
  for (const request of requestsOf(parcours)) {
    const href = request.file?.href;
    if (!href || samples[href]) continue;
    const response = await fetch(href);
    if (!response.ok) throw new Error(`${href} : HTTP ${response.status}`);
    samples[href] = new Uint8Array(await response.arrayBuffer());
  }
  return samples;
}

/** The export's files in a format. */
function filesOf(format: ExportFormat, parcours: Parcours, options: { values?: Record<string, string>; base?: string; samples: Record<string, Uint8Array> }): ExportFiles {
  if (format === "bruno") return toBruno(parcours, options);
  if (format === "arazzo") return toArazzo(parcours, options);
  const files: ExportFiles = { "tutoriel.sh": toShell(parcours, options) };
  for (const [href, bytes] of Object.entries(options.samples)) files[href.replace(/^\//, "")] = bytes;
  return files;
}

/** The zip of a tutorial's export, its sample files fetched from the site. */
export async function exportZip(format: ExportFormat, parcours: Parcours, options: { values?: Record<string, string>; base?: string }): Promise<Uint8Array> {
  return zipFiles(filesOf(format, parcours, { ...options, samples: await samplesOf(parcours) }));
}

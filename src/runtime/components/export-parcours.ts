// Alpine component "exportParcours": « Exporter ce parcours » on every tutorial page. Downloads the tutorial's
// requests (its /assets/parcours/<tutorial>.json, the specs the pages are built from) as a Bruno collection, an
// Arazzo workflow or a bash script, each zipped with the sample files it sends; with the reader's current variable
// values or as a template. The token is never written. Markup: _includes/partials/export-parcours.njk.
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";
import { toArazzo } from "../../shared/export/arazzo.ts";
import { toBruno, type ExportFiles } from "../../shared/export/bruno.ts";
import { requestsOf } from "../../shared/export/model.ts";
import { parcoursHref, type Parcours } from "../../shared/export/parcours.ts";
import { toShell } from "../../shared/export/shell.ts";
import { zipFiles } from "../../shared/export/zip.ts";
import { EXPORT_STRINGS } from "../../shared/strings-export.ts";
import type { Session } from "../state/session.ts";
import { valuesOf, type VariablesState } from "../state/variables.ts";

type Format = "bruno" | "arazzo" | "shell";

/** State and methods of the component; the markup binds to these names. */
interface ExportParcours {
  valuesMode: "current" | "template";
  message: string;
  busy: boolean;
  download(event: Event): Promise<void>;
}

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
function filesOf(format: Format, parcours: Parcours, options: { values?: Record<string, string>; base?: string; samples: Record<string, Uint8Array> }): ExportFiles {
  if (format === "bruno") return toBruno(parcours, options);
  if (format === "arazzo") return toArazzo(parcours, options);
  const files: ExportFiles = { "tutoriel.sh": toShell(parcours, options) };
  for (const [href, bytes] of Object.entries(options.samples)) files[href.replace(/^\//, "")] = bytes;
  return files;
}

/** Registers the component. */
export function registerExportParcours(Alpine: AlpineGlobal, variables: VariablesState, session: Session): void {
  Alpine.data("exportParcours", (): ExportParcours & ThisType<ExportParcours & AlpineMagics> => ({
    valuesMode: "current",
    message: "",
    busy: false,

    async download(event) {
      const button = event.currentTarget as HTMLElement;
      const format = button.dataset["format"] as Format;
      const tutorial = (this.$el as HTMLElement).closest<HTMLElement>("[data-tutorial]")?.dataset["tutorial"] ?? "";
      if (this.busy || !tutorial) return;
      this.busy = true;
      this.message = EXPORT_STRINGS.preparing;
      try {
        const response = await fetch(parcoursHref(tutorial));
        if (!response.ok) throw new Error(`${parcoursHref(tutorial)} : HTTP ${response.status}`);
        const parcours = (await response.json()) as Parcours;
        const values = this.valuesMode === "current" ? valuesOf(variables) : undefined;
        const base = session.settings.mode === "reel" ? session.settings.apiBase : undefined;
        const zip = zipFiles(filesOf(format, parcours, { values, base, samples: await samplesOf(parcours) }));
        const name = `${tutorial}-${format}${values ? "" : "-modele"}.zip`;
        const link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([zip as unknown as ArrayBuffer], { type: "application/zip" }));
        link.download = name;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
        this.message = EXPORT_STRINGS.ready(name);
      } catch (error) {
        this.message = EXPORT_STRINGS.failed(error instanceof Error ? error.message : String(error));
      } finally {
        this.busy = false;
      }
    },
  }));
}

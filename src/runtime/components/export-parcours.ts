// Alpine component "exportParcours": « Exporter ce parcours » on every tutorial page. Downloads the tutorial's
// requests (its /assets/parcours/<tutorial>.json, the specs the pages are built from) as a Bruno collection, an
// Arazzo workflow or a bash script, each zipped with the sample files it sends; with the reader's current variable
// values or as a template. The token is never written. Markup: _includes/partials/export-parcours.njk; the files are
// built by src/runtime/export-files.ts, loaded on the first press.
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";
import { parcoursHref, type Parcours } from "../../shared/export/parcours.ts";
import { EXPORT_STRINGS } from "../../shared/strings-export.ts";
import type { Session } from "../state/session.ts";
import { valuesOf, type VariablesState } from "../state/variables.ts";

import type { ExportFormat as Format } from "../export-files.ts";

/** State and methods of the component; the markup binds to these names. */
interface ExportParcours {
  valuesMode: "current" | "template";
  message: string;
  busy: boolean;
  download(event: Event): Promise<void>;
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
        // The exporters and fflate come in their own chunk, on the first press.
        const { exportZip } = await import("../export-files.ts");
        const zip = await exportZip(format, parcours, { values, base });
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

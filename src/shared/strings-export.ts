// French texts of « Exporter ce parcours » (kept apart from strings.ts, which many hands edit at once).

/** UI strings of the tutorial export. */
export const EXPORT_STRINGS = {
  preparing: "Préparation de l'export…",
  ready: (name: string) => `Export prêt : ${name} (téléchargement lancé).`,
  failed: (reason: string) => `Export impossible : ${reason}`,
  formats: { bruno: "Collection Bruno", arazzo: "Workflow Arazzo 1.0", shell: "Script bash (curl et jq)" },
} as const;

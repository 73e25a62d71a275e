// `npm run bench`, section « Rejeu des tutoriels »: each tutorial replayed headless (npm run tutorial's engine)
// against the local datastore started in-process with shortened delays (scripts/tutorial-run.ts REPLAY_DELAYS) and
// token lifetime (REPLAY_TOKEN_LIFETIME), one after the other, the flows tutorials included (their outside servers
// played by the local datastore); its wall time, step count and outcome. Informative (no budget).
// `npx tsx scripts/bench-tutorials.ts` prints this section alone.
import { loadParcours } from "../src/build/parcours-build.ts";
import { REPLAY_DELAYS, REPLAY_TOKEN_LIFETIME, replayTutorial } from "./tutorial-run.ts";

/** One tutorial's replay. */
export interface TutorialReplay {
  tutorial: string;
  ms: number;
  steps: number;
  /** Steps not replayed (a service only the browser plays). */
  skipped: number;
  ok: boolean;
}

/** Replays every tutorial once. */
export async function measureTutorials(log: (line: string) => void): Promise<TutorialReplay[]> {
  log("Rejeu des tutoriels contre l'entrepôt local (délais raccourcis)…");
  const results: TutorialReplay[] = [];
  for (const parcours of await loadParcours()) {
    const started = performance.now();
    const report = await replayTutorial(parcours, {});
    const skipped = report.steps.filter((step) => step.outcome === "skipped").length;
    results.push({ tutorial: parcours.tutorial, ms: performance.now() - started, steps: report.steps.length, skipped, ok: report.ok });
    log(`  ${parcours.tutorial} : ${report.steps.length} étapes en ${Math.round(performance.now() - started)} ms${skipped ? `, ${skipped} non rejouées` : ""}${report.ok ? "" : " (échec)"}`);
  }
  return results;
}

/** Rows of the bench table. */
export function tutorialRows(results: readonly TutorialReplay[]): { measure: string; value: string; budget: string; verdict: string }[] {
  const total = results.reduce((sum, result) => sum + result.ms, 0);
  return [
    { measure: `Rejeu des ${results.length} tutoriels (npm run tutorial), entrepôt local, délais raccourcis`, value: `${(total / 1000).toFixed(1)} s au total`, budget: "—", verdict: "info" },
    ...results.map((result) => ({
      measure: `  ${result.tutorial}`,
      value: `${(result.ms / 1000).toFixed(2)} s, ${result.steps} étapes${result.skipped ? `, ${result.skipped} non rejouées` : ""}${result.ok ? "" : ", arrêté au premier écart (voir npm run tutorial)"}`,
      budget: "—",
      verdict: "info",
    })),
  ];
}

/** How the replay is measured (for docs/BENCHMARKS.md). */
export const TUTORIALS_METHOD = `- **Rejeu des tutoriels** (\`scripts/bench-tutorials.ts\`) : chaque tutoriel rejoué sans navigateur par le moteur de
  \`npm run tutorial\`, contre un entrepôt local démarré dans le processus avec les délais raccourcis
  (${Object.entries(REPLAY_DELAYS).map(([name, value]) => `${name} ${value} ms`).join(", ")} ; relecture des statuts toutes les 20 ms ;
  jetons d'accès de ${REPLAY_TOKEN_LIFETIME} s, dont le bloc du jeton expiré attend la fin), l'un après l'autre, les flux de données
  compris (l'entrepôt local joue l'instance GeoNature et le serveur Theia/OZCAR, les fichiers produits dans la page le
  sont par le même code) ; temps écoulé du démarrage de l'entrepôt à son arrêt. Un tutoriel qui s'arrête au premier
  écart le dit.
`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = tutorialRows(await measureTutorials(console.log));
  for (const row of rows) console.log(`${row.measure} : ${row.value}`);
}

// `npm run bench`: measures the site against its performance budgets, prints a table and records it, with the machine
// and the date, in docs/BENCHMARKS.md. Exits 0 even when a budget is exceeded (it reports); 1 only if it cannot measure.
//
//   tsx scripts/bench.ts [--builds 5] [--factor 5] [--clicks 60] [--no-write]
//
// 1. Build: full builds (`eleventy` as `npm run build`, esbuild and Pagefind included) into fresh temporary folders,
//    timed from the outside; marginal cost per page = extra time of a mirror whose tutorials are duplicated (×factor)
//    divided by the extra pages. Builds of both alternate so that a busy machine affects them alike.
// 2. Browser (Debian's Chromium): the last build served by scripts/serve.ts on a free port; see scripts/bench-browser.ts.
// 3. Local server (`npm run datastore`): read-write mix and memory during a large upload; see scripts/bench-server.ts.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { cpuScope, duplicatedMirror, removeDir, runBuild, tempDir, type BuildRun } from "./bench-build.ts";
import { CHROMIUM_PATH } from "../src/build/chromium.ts";
import { launchChromium, measureClicks, measureSearch, measureSimulatorStart, tutorialPaths, weighPages, type ClickRun, type PageWeight, type SimulatorStart } from "./bench-browser.ts";
import { measureLoadedClicks, SEEDED_RESOURCES } from "./bench-browser-store.ts";
import { measureMaps, type MapResults } from "./bench-map.ts";
import { measureServer, SERVER_METHOD, serverRows } from "./bench-server.ts";
import { freePort } from "./spawn-datastore.ts";
import { measureTutorials, tutorialRows, TUTORIALS_METHOD } from "./bench-tutorials.ts";

const { values: args } = parseArgs({
  options: {
    builds: { type: "string", default: process.env["BENCH_BUILDS"] ?? "5" },
    factor: { type: "string", default: process.env["BENCH_FACTOR"] ?? "5" },
    clicks: { type: "string", default: process.env["BENCH_CLICKS"] ?? "60" },
    maps: { type: "string", default: process.env["BENCH_MAPS"] ?? "20" },
    "no-write": { type: "boolean", default: false },
  },
});
const BUILDS = Math.max(1, Number(args.builds));
const FACTOR = Math.max(2, Number(args.factor));
const CLICKS = Math.max(50, Number(args.clicks));
const MAP_RUNS = Math.max(5, Number(args.maps));

/** The budgets of the issue. */
const BUDGET = { pageKiB: 150, buildMsPerPage: 25, clickP95Ms: 100, loadedClickRatio: 1.2, mapP95Ms: 1000 };
/** The map chunk (src/runtime/map/panel.ts, OpenLayers), which no page may load before "Voir sur la carte". */
const MAP_CHUNK = /\/assets\/chunks\/panel-[^/]*\.js$/;

/** Page and block of the click-to-response measurement: a simple GET answered from the simulated datastore. */
const CLICK_PAGE = "/tutoriels/alimentation-diffusion-archive/integration/";
const CLICK_BLOCK_SUFFIX = "/processings";
/** Queries typed in the search box (each new to the page when typed warm). */
const QUERIES = ["livraison", "pyramide", "WMTS", "vérifications", "donnée stockée"];
const DOC = path.join("docs", "BENCHMARKS.md");
const CPU_SCOPE = cpuScope() === "all" ? "tous processus" : "sans esbuild ni Pagefind : python3 absent";

// ---------------------------------------------------------------------------------------------------------------
// Small helpers.

function median(values: readonly number[]): number {
  return percentile(values, 50);
}
/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const max = (values: readonly number[]) => Math.max(...values);
const min = (values: readonly number[]) => Math.min(...values);
const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : "—");
const sec = (value: number) => `${(value / 1000).toFixed(2)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} Ko`;
const verdict = (ok: boolean) => (ok ? "PASS" : "OVER");

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Starts scripts/serve.ts on `siteDir`; resolves once it answers. */
async function startServer(siteDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/serve.ts", "--port", String(port), "--dir", siteDir], { stdio: ["ignore", "pipe", "inherit"] });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`scripts/serve.ts s'est arrêté (code ${child.exitCode})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("scripts/serve.ts ne répond pas après 30 s");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** CPU model, cores, memory, system, Node and Chromium versions, load. */
function machine(chromium: string): Record<string, string> {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "inconnu";
  const release = fs.existsSync("/etc/os-release") ? /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync("/etc/os-release", "utf8"))?.[1] : undefined;
  const eleventy = (JSON.parse(fs.readFileSync("node_modules/@11ty/eleventy/package.json", "utf8")) as { version: string }).version;
  return {
    Processeur: model.replace(/\s+/g, " ").trim(),
    Cœurs: String(os.cpus().length),
    Mémoire: `${(os.totalmem() / 1024 ** 3).toFixed(1)} Gio`,
    Système: `${release ?? os.type()} (${os.release()})`,
    Node: process.version,
    Chromium: chromium,
    Eleventy: eleventy,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements.

interface BuildResults {
  base: BuildRun[];
  duplicated: BuildRun[];
  /** A build of the site with an empty diagram cache: every Mermaid diagram drawn in Chromium. */
  coldDiagrams: { run: BuildRun; drawings: number };
  factor: number;
  siteDir: string;
}

async function measureBuilds(): Promise<BuildResults> {
  log(`Construction : ${BUILDS} construction(s) complète(s) du site et autant d'un miroir aux tutoriels ×${FACTOR}…`);
  const mirror = duplicatedMirror(FACTOR);
  const base: BuildRun[] = [];
  const duplicated: BuildRun[] = [];
  let siteDir = "";
  try {
    for (let run = 1; run <= BUILDS; run += 1) {
      const out = tempDir("site");
      base.push(await runBuild(process.cwd(), out));
      if (siteDir) removeDir(siteDir);
      siteDir = out; // the last one is served to the browser
      const dupOut = tempDir("site-x");
      duplicated.push(await runBuild(mirror, dupOut));
      removeDir(dupOut);
      log(`  ${run}/${BUILDS} : ${base.at(-1)!.pages} pages en ${sec(base.at(-1)!.wallMs)} ; ${duplicated.at(-1)!.pages} pages en ${sec(duplicated.at(-1)!.wallMs)}`);
    }
  } catch (error) {
    if (siteDir) removeDir(siteDir);
    throw error;
  } finally {
    removeDir(mirror);
  }
  log("  construction avec un cache de diagrammes vide…");
  const cache = tempDir("diagrams");
  const coldOut = tempDir("site-cold");
  try {
    const run = await runBuild(process.cwd(), coldOut, { DIAGRAM_CACHE_DIR: cache });
    return { base, duplicated, coldDiagrams: { run, drawings: fs.readdirSync(cache).length }, factor: FACTOR, siteDir };
  } finally {
    removeDir(cache);
    removeDir(coldOut);
  }
}

interface BrowserResults {
  chromium: string;
  weights: PageWeight[];
  simulator: SimulatorStart[];
  click: { block: string; runs: ClickRun[] };
  /** The same block, clicks alternated between an empty datastore and one of SEEDED_RESOURCES uploads (from IndexedDB). */
  loadedClick: { block: string; empty: ClickRun[]; loaded: ClickRun[] };
  search: Awaited<ReturnType<typeof measureSearch>>;
  maps: MapResults;
}

async function measureBrowser(siteDir: string): Promise<BrowserResults> {
  const port = await freePort();
  const server = await startServer(siteDir, port);
  const baseURL = `http://127.0.0.1:${port}`;
  const browser = await launchChromium();
  try {
    const paths = tutorialPaths(siteDir);
    log(`Poids avant interaction : ${paths.length} pages sous /tutoriels/ (contexte neuf pour chacune)…`);
    const weights = await weighPages(browser, baseURL, paths, log);
    log("Démarrage du simulateur (première visite, visite suivante)…");
    const simulator = await measureSimulatorStart(browser, baseURL, CLICK_PAGE, 5);
    log(`Clic → réponse : ${CLICKS} exécutions…`);
    const click = await measureClicks(browser, baseURL, CLICK_PAGE, CLICK_BLOCK_SUFFIX, CLICKS);
    log(`Clic → réponse, entrepôt vide et entrepôt de ${SEEDED_RESOURCES} livraisons (créées, puis page rechargée), en alternance : ${CLICKS} exécutions chacun…`);
    const loadedClick = await measureLoadedClicks(browser, baseURL, CLICK_PAGE, CLICK_BLOCK_SUFFIX, CLICKS);
    log("Recherche (Pagefind)…");
    const search = await measureSearch(browser, baseURL, QUERIES);
    log(`Voir sur la carte : tutoriels vecteur et raster exécutés jusqu'aux publications, ${MAP_RUNS} ouvertures par carte…`);
    const maps = await measureMaps(browser, baseURL, MAP_RUNS, log);
    return { chromium: browser.version(), weights, simulator, click, loadedClick, search, maps };
  } finally {
    await browser.close();
    await stopServer(server);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Report.

interface Row {
  measure: string;
  value: string;
  budget: string;
  verdict: string;
}

function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ("l" | "r")[]): string {
  const sep = headers.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [headers, sep, ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n");
}

function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function summarise(build: BuildResults, browser: BrowserResults): { rows: Row[]; pageRows: string[][]; notes: string[] } {
  const { base, duplicated } = build;
  const pages = base[0]!.pages;
  const dupPages = duplicated[0]!.pages;
  const wall = median(base.map((r) => r.wallMs));
  const cpu = median(base.map((r) => r.cpuMs));
  const extraPages = dupPages - pages;
  // Each duplicated build ran right after a build of the site: paired, they saw the same load of the machine.
  const paired = (value: (run: BuildRun) => number) => base.map((run, i) => (value(duplicated[i]!) - value(run)) / extraPages);
  const marginalWall = paired((r) => r.wallMs);
  const marginalCpu = paired((r) => r.cpuMs);
  const marginalEleventy = paired((r) => r.eleventyMs - r.pagefindMs);
  const marginalPagefind = paired((r) => r.pagefindMs);
  const spread = (values: number[]) => (values.length > 1 ? ` (${ms(min(values))}–${ms(max(values))})` : "");

  const weights = browser.weights;
  const heaviest = weights.reduce((a, b) => (b.budgeted > a.budgeted ? b : a));
  const over = weights.filter((w) => w.budgeted > BUDGET.pageKiB * 1024);
  const withBlocks = weights.filter((w) => w.blocks > 0);
  const simulatorGz = median(withBlocks.map((w) => w.byKind.simulator + w.byKind.sw));

  const clicks = browser.click.runs.map((r) => r.toFrameMs);
  const clicksDom = browser.click.runs.map((r) => r.toDomMs);
  const p95 = percentile(clicks, 95);
  const emptyPaired = browser.loadedClick.empty.map((r) => r.toFrameMs);
  const loaded = browser.loadedClick.loaded.map((r) => r.toFrameMs);
  const emptyP95 = percentile(emptyPaired, 95);
  const loadedP95 = percentile(loaded, 95);

  const cold = browser.search.runs.filter((r) => r.cold).map((r) => r.ms);
  const warm = browser.search.runs.filter((r) => !r.cold).map((r) => r.ms);
  const engineInit = browser.search.engine.map((e) => e.initMs);
  const engineQueries = browser.search.engine.flatMap((e) => e.runs.map((r) => r.ms));
  const noResult = browser.search.runs.filter((r) => r.results === 0).map((r) => r.query);

  const rows: Row[] = [
    { measure: `Construction complète (Eleventy + esbuild + Pagefind), médiane de ${base.length}`, value: `${sec(wall)} (${sec(min(base.map((r) => r.wallMs)))}–${sec(max(base.map((r) => r.wallMs)))}), ${pages} pages`, budget: "—", verdict: "info" },
    { measure: `  temps CPU (${CPU_SCOPE}, tous cœurs)`, value: sec(cpu), budget: "—", verdict: "info" },
    { measure: "  dont Pagefind (indexation)", value: ms(median(base.map((r) => r.pagefindMs))), budget: "—", verdict: "info" },
    { measure: `  avec un cache de diagrammes vide (Chromium lancé, ${build.coldDiagrams.drawings} dessins Mermaid), une construction`, value: `${sec(build.coldDiagrams.run.wallMs)} (+${sec(build.coldDiagrams.run.wallMs - wall)})`, budget: "—", verdict: "info" },
    { measure: "Construction par page : temps total ÷ pages (coûts fixes compris, voir la méthode)", value: ms(wall / pages), budget: "—", verdict: "info" },
    { measure: "  coûts fixes estimés (total − coût marginal × pages)", value: sec(wall - median(marginalWall) * pages), budget: "—", verdict: "info" },
    { measure: `Construction par page : coût marginal, temps écoulé (${pages} → ${dupPages} pages, médiane des paires)`, value: `${ms(median(marginalWall))}${spread(marginalWall)}`, budget: `≤ ${BUDGET.buildMsPerPage} ms`, verdict: verdict(median(marginalWall) <= BUDGET.buildMsPerPage) },
    { measure: "  coût marginal d'après les meilleurs temps (min miroir − min site), temps écoulé / CPU", value: `${ms((min(duplicated.map((r) => r.wallMs)) - min(base.map((r) => r.wallMs))) / extraPages)} / ${ms((min(duplicated.map((r) => r.cpuMs)) - min(base.map((r) => r.cpuMs))) / extraPages)}`, budget: "—", verdict: "info" },
    { measure: `  coût marginal en temps CPU (${CPU_SCOPE}, tous cœurs : Pagefind en utilise deux)`, value: `${ms(median(marginalCpu))}${spread(marginalCpu)}`, budget: "—", verdict: "info" },
    { measure: "  dont Eleventy (rendu, écriture) / dont Pagefind, temps écoulé", value: `${ms(median(marginalEleventy))} / ${ms(median(marginalPagefind))}`, budget: "—", verdict: "info" },
    { measure: `Avant interaction, page tutoriel la plus lourde (${heaviest.path})`, value: `${kib(heaviest.budgeted)} gz`, budget: `≤ ${BUDGET.pageKiB} Ko gz`, verdict: verdict(heaviest.budgeted <= BUDGET.pageKiB * 1024) },
    { measure: `Avant interaction, médiane des ${weights.length} pages sous /tutoriels/`, value: `${kib(median(weights.map((w) => w.budgeted)))} gz ; ${over.length}/${weights.length} au-delà du budget`, budget: `≤ ${BUDGET.pageKiB} Ko gz`, verdict: verdict(over.length === 0) },
    { measure: "  dont simulateur (bloc MSW + modèle, et script du service worker), pages à blocs", value: `${kib(simulatorGz)} gz`, budget: "—", verdict: "info" },
    { measure: `Clic « Exécuter » → réponse affichée, ${clicks.length} exécutions (p50 / p95 / max)`, value: `${ms(median(clicks))} / ${ms(p95)} / ${ms(max(clicks))}`, budget: `p95 ≤ ${BUDGET.clickP95Ms} ms`, verdict: verdict(p95 <= BUDGET.clickP95Ms) },
    { measure: "  jusqu'à data-response-status (p50 / p95) ; premier clic", value: `${ms(median(clicksDom))} / ${ms(percentile(clicksDom, 95))} ; ${ms(clicks[0]!)}`, budget: "—", verdict: "info" },
    {
      measure: `Clic → réponse, entrepôt de ${SEEDED_RESOURCES} livraisons (relu d'IndexedDB) / entrepôt vide, clics alternés, ${loaded.length} chacun (p50 ; p95)`,
      value: `${ms(median(loaded))} / ${ms(median(emptyPaired))} ; ${ms(loadedP95)} / ${ms(emptyP95)} (p95 ×${(loadedP95 / emptyP95).toFixed(2)})`,
      budget: `p95 ≤ ${BUDGET.loadedClickRatio} × vide`,
      verdict: verdict(loadedP95 <= BUDGET.loadedClickRatio * emptyP95),
    },
    { measure: "  démarrage du simulateur (bloc chargé → entrepôt prêt), 1re visite / visite suivante", value: `${ms(median(browser.simulator.map((s) => s.firstVisitMs)))} / ${ms(median(browser.simulator.map((s) => s.revisitMs)))}`, budget: "—", verdict: "info" },
    { measure: `Recherche → premiers résultats, à froid (${cold.length} pages neuves : médiane / max)`, value: `${ms(median(cold))} / ${ms(max(cold))}`, budget: "—", verdict: "info" },
    { measure: `Recherche → premiers résultats, à chaud (${warm.length} requêtes : médiane / max)`, value: `${ms(median(warm))} / ${ms(max(warm))}`, budget: "—", verdict: "info" },
    { measure: "  moteur Pagefind seul : chargement + init / requête (médiane)", value: `${ms(median(engineInit))} / ${ms(median(engineQueries))}`, budget: "—", verdict: "info" },
    ...mapRows(browser),
  ];

  const pageRows = weights.map((w) => [
    w.path,
    String(w.blocks),
    String(w.diagrams),
    kib(w.byKind.html),
    kib(w.diagramsGzip),
    kib(w.byKind.css),
    kib(w.byKind.app),
    kib(w.byKind.simulator),
    kib(w.byKind.sw),
    kib(w.byKind.data + w.byKind.other + w.byKind.pagefind),
    kib(w.budgeted),
    verdict(w.budgeted <= BUDGET.pageKiB * 1024),
  ]);

  const notes: string[] = [];
  if (noResult.length > 0) notes.push(`Requêtes sans résultat : ${[...new Set(noResult)].join(", ")}.`);
  const mermaidPages = weights.filter((w) => w.byKind.mermaid > 0);
  if (mermaidPages.length > 0) notes.push(`Du code Mermaid est chargé par ${mermaidPages.length} page(s), alors que les diagrammes sont dessinés à la construction.`);
  const diagramPages = weights.filter((w) => w.diagrams > 0);
  if (diagramPages.length > 0) {
    notes.push(
      `Diagrammes dessinés à la construction (SVG dans le HTML, thèmes clair et sombre) : ${diagramPages.length} page(s), ` +
        `${kib(min(diagramPages.map((w) => w.diagramsGzip)))}–${kib(max(diagramPages.map((w) => w.diagramsGzip)))} gz par page (compris dans « HTML »). Aucun code Mermaid n'est chargé.`,
    );
  }
  const statuses = [...new Set(browser.click.runs.map((r) => r.status))];
  notes.push(`Bloc mesuré : ${browser.click.block} sur ${CLICK_PAGE} (statuts : ${statuses.join(", ")}).`);
  return { rows, pageRows, notes };
}

/** "Voir sur la carte": the chunk it adds on demand (never before), and press → first drawn layer per service. */
function mapRows(browser: BrowserResults): Row[] {
  const { maps, chunkFiles } = browser.maps;
  const early = browser.weights.filter((w) => w.loaded.some((item) => MAP_CHUNK.test(item.url)));
  const chunk = chunkFiles.reduce((sum, file) => sum + file.gzip, 0);
  const all = maps.flatMap((map) => map.runs);
  const worst = Math.max(...maps.map((map) => percentile(map.runs, 95)));
  return [
    {
      measure: `Carte : JavaScript chargé au premier « Voir sur la carte » (${chunkFiles.map((file) => path.basename(file.url)).join(", ")})`,
      value: `${kib(chunk)} gz ; chargé avant interaction par ${early.length}/${browser.weights.length} pages`,
      budget: "0 page avant interaction",
      verdict: verdict(early.length === 0 && chunkFiles.some((file) => MAP_CHUNK.test(file.url))),
    },
    {
      measure: `« Voir sur la carte » → couche dessinée, mode simulé, ${all.length} ouvertures (p50 / p95 ; pire p95 d'un service)`,
      value: `${ms(median(all))} / ${ms(percentile(all, 95))} ; ${ms(worst)}`,
      budget: `p95 ≤ ${BUDGET.mapP95Ms} ms`,
      verdict: verdict(worst <= BUDGET.mapP95Ms),
    },
    ...maps.map((map) => ({
      measure: `  ${map.name} : p50 / p95 (${map.runs.length} ouvertures) ; première ouverture de la page`,
      value: `${ms(median(map.runs))} / ${ms(percentile(map.runs, 95))} ; ${ms(map.firstMs)}`,
      budget: "—",
      verdict: "info",
    })),
  ];
}

const PAGE_HEADERS = ["Page", "Blocs", "Diagr.", "HTML", "dont diagr.", "CSS", "JS appli", "Simulateur", "SW", "Autres (hors budget)", "HTML+JS+CSS", "Verdict"];

const METHOD = `## Méthode

Tout est mesuré par \`npm run bench\` (\`scripts/bench.ts\`, \`scripts/bench-build.ts\`, \`scripts/bench-browser.ts\`) ;
les tests (\`npm test\`) ne chronomètrent rien. Le script sort avec le code 0 même au-delà d'un budget : il signale.
Options : \`--builds N\` (5), \`--factor N\` (5), \`--clicks N\` (60, au moins 50), \`--no-write\` (n'écrit pas ce fichier).

- **Construction complète** : la commande de \`npm run build\` (tsx + Eleventy, avec esbuild et Pagefind), lancée
  N fois dans des dossiers de sortie neufs (\`--output\` temporaire : \`_site/\` n'est pas touché), chronométrée de
  l'extérieur (démarrage de Node et de tsx compris) ; médiane. Le temps CPU (utilisateur + système, tous cœurs) est
  donné à côté : il dépend moins de la charge de la machine. Il compte tous les processus descendants (esbuild et
  Pagefind compris, que Node n'attend pas) grâce à un petit lanceur python3 qui se déclare « subreaper » (Linux) ;
  sans python3, seuls les processus attendus sont comptés, et le tableau le dit.
- **Par page**, deux chiffres :
  - *temps total ÷ pages* : inclut les coûts fixes (démarrage de Node et de tsx, chargement d'Eleventy — environ
    1 s à lui seul ici —, création du surligneur Shiki, esbuild, lancement de Pagefind) ; il baisse quand le site
    grandit et ne dit pas ce que coûte une page : à 24 pages, ces coûts fixes donnent plus de 100 ms par page même si
    les pages ne coûtaient rien. Il est donné pour information ; le budget « ms de construction par page » est jugé
    sur le coût marginal en temps écoulé (le temps qu'on attend) ; le temps CPU de tous les cœurs est donné à côté ;
  - *coût marginal* : un miroir du projet (liens symboliques, \`src/content\` copié) où chaque dossier de tutoriel
    existe ×N (copies avec leurs propres URL et clés de navigation : le site a simplement N fois plus de tutoriels,
    barre latérale comprise) est construit juste après chaque construction du site ; pour chaque paire, coût
    marginal = (miroir − site) ÷ pages ajoutées ; on donne la médiane des paires et leur étendue. C'est ce chiffre
    qui dit ce que coûte une page de plus (Eleventy, Markdown, Shiki, gabarits, index Pagefind). Il est donné en
    temps écoulé (ce que le budget vise) et en temps CPU de tous les processus : sur une machine chargée (charge
    moyenne supérieure au nombre de cœurs, signalée ci-dessus), le temps écoulé est gonflé et varie d'une paire à
    l'autre, le temps CPU moins. Les meilleurs temps (minimum de chaque série) donnent une borne proche de ce qu'on
    mesurerait sur une machine au repos, la charge ne faisant qu'ajouter du temps. Décomposition : Eleventy
    (d'après sa ligne « Wrote N files in X seconds », moins Pagefind) et Pagefind (d'après la ligne \`[search]\`).
    Limites : les copies ont le même contenu que les originaux, et les diagrammes Mermaid sont gardés en cache par
    contenu (\`node_modules/.cache/entrepot-diagrams/\`) : les pages ajoutées ne redessinent aucun diagramme. Le coût
    d'un dessin est donné à part : une construction du site avec un cache vide (\`DIAGRAM_CACHE_DIR\` temporaire), qui
    lance Chromium et dessine chaque diagramme en thème clair et sombre, comme après une modification de diagramme
    ou sur une machine neuve. La barre latérale de chaque page liste toutes les pages, donc le coût d'une page croît
    avec la taille du site.
- **Poids avant interaction** : chaque page sous \`/tutoriels/\` est ouverte dans un contexte Chromium neuf (cache
  vide, aucun service worker : une première visite), servie par \`scripts/serve.ts\` ; toutes les réponses de même
  origine sont relevées jusqu'à \`load\` + réseau inactif (500 ms), et, sur les pages à blocs, jusqu'à ce que
  l'entrepôt simulé soit prêt (il démarre au chargement, c'est voulu) puis réseau inactif. Le serveur statique ne
  compresse pas : la taille gzip (zlib, niveau 6) est calculée sur les octets reçus. Le budget compte HTML + CSS +
  tout le JavaScript chargé : application, bloc du simulateur (MSW + modèle), script du service worker
  (\`/mockServiceWorker.js\`) ; les données JSON et images sont dans « Autres ». Les diagrammes sont des SVG dans le
  HTML (dessinés à la construction, en thème clair et sombre) : « dont diagr. » donne leur part, compressée seule.
- **Clic → réponse** : sur un bloc GET simple, en mode simulé, l'entrepôt prêt et le réseau inactif ; N clics
  Playwright successifs. Dans la page : départ = \`timeStamp\` de l'événement \`click\` ; arrivée = trame suivant le
  retour de \`data-response-status\` (retiré par le composant au début de chaque exécution ; le texte de la réponse
  est déjà dans le DOM à ce moment) : \`requestAnimationFrame\` puis une tâche. p50 / p95 au rang le plus proche.
  Le démarrage du simulateur (début du téléchargement de son bloc → \`{datastore}\` renseigné) est mesuré à part :
  c'est ce qu'attendrait un premier clic si le simulateur ne démarrait qu'à ce moment.
- **Clic → réponse, entrepôt chargé** : le même bloc dans deux contextes neufs ; dans l'un, ${SEEDED_RESOURCES} livraisons sont
  d'abord créées par l'API simulée (8 requêtes à la fois), puis la page rechargée : l'entrepôt est relu d'IndexedDB
  au démarrage, et la liste des livraisons vérifiée (${SEEDED_RESOURCES} au moins) avant les clics ; dans l'autre, l'entrepôt
  est vide. Les deux simulateurs sont démarrés avant la mesure ; les clics alternent d'une page à l'autre (l'ordre
  aussi), pour que la charge de la machine pèse autant sur les deux séries. Objectif : p95 de l'entrepôt chargé à
  moins de 20 % de celui de l'entrepôt vide (\`scripts/bench-browser-store.ts\`).
- **Voir sur la carte** (\`scripts/bench-map.ts\`) : dans deux contextes neufs, les tutoriels vecteur et raster sont
  exécutés bloc par bloc jusqu'à leurs publications ; sur chaque page de publication, la carte de l'offre est ouverte
  une première fois, puis fermée et rouverte N fois (\`--maps N\`, 20). Dans la page : départ = \`timeStamp\` du clic
  sur le bouton, arrivée = premier \`rendercomplete\` d'OpenLayers (toutes les images et tuiles de la vue reçues et
  dessinées), relevé dans \`data-map-ms\` (\`src/runtime/map/panel.ts\`). Objectif : p95 ≤ 1 s pour chaque service.
  Le poids de la carte est celui des fichiers JavaScript que la première ouverture télécharge (bloc \`panel-…\` avec
  OpenLayers, et ses dépendances que la page n'avait pas encore), gzip ; le poids avant
  interaction vérifie qu'aucune page ne le charge plus tôt.
- **Recherche** : page d'accueil ; dans la page, départ = \`timeStamp\` de l'événement \`input\` (requête saisie d'un
  coup), arrivée = trame suivant l'apparition du premier résultat dans la liste. *À froid* : première requête d'une
  page neuve (clic dans la zone, qui commence à charger Pagefind, puis saisie) ; *à chaud* : requêtes suivantes,
  chacune nouvelle pour la page. Le délai d'anti-rebond du composant (250 ms) est compris. *Moteur seul* :
  \`pagefind.js\` importé et interrogé directement (sans anti-rebond ni rendu).
`;

async function main(): Promise<void> {
  const date = new Date();
  const loadBefore = os.loadavg();
  const build = await measureBuilds();
  let browser: BrowserResults;
  try {
    browser = await measureBrowser(build.siteDir);
  } finally {
    removeDir(build.siteDir);
  }
  const server = await measureServer(log);
  const tutorials = await measureTutorials(log);
  const loadAfter = os.loadavg();
  const busy = Math.max(loadBefore[0]!, loadAfter[0]!) > os.cpus().length;
  const info = machine(browser.chromium);
  const { rows, pageRows, notes } = summarise(build, browser);
  rows.push(...serverRows(server));
  rows.push(...tutorialRows(tutorials));
  const headers = ["Mesure", "Valeur", "Budget", "Verdict"];
  const cells = rows.map((r) => [r.measure, r.value, r.budget, r.verdict]);

  console.log(`\nBanc d'essai du ${date.toLocaleString("fr-FR")} — ${info["Processeur"]}, ${info["Cœurs"]} cœurs, ${info["Mémoire"]}, Node ${info["Node"]}, Chromium ${info["Chromium"]}\n`);
  console.log(textTable(headers, cells));
  console.log(`\nPages sous /tutoriels/ (gzip, avant interaction) :\n`);
  console.log(textTable(PAGE_HEADERS, pageRows));
  console.log("");
  for (const note of notes) console.log(`- ${note}`);
  if (busy) console.log(`\n⚠ Machine chargée pendant la mesure (charge ${loadBefore[0]!.toFixed(1)} puis ${loadAfter[0]!.toFixed(1)} pour ${os.cpus().length} cœurs) : les temps écoulés sont majorés ; le temps CPU marginal est plus fiable.`);
  const overs = rows.filter((r) => r.verdict === "OVER");
  console.log(overs.length === 0 ? "\nTous les budgets sont respectés." : `\n${overs.length} mesure(s) AU-DELÀ DU BUDGET :\n${overs.map((r) => `  ✗ ${r.measure.trim()} : ${r.value} (budget ${r.budget})`).join("\n")}`);

  if (args["no-write"]) return;
  const load = `charge moyenne (1 min) ${loadBefore[0]!.toFixed(2)} au début, ${loadAfter[0]!.toFixed(2)} à la fin, pour ${os.cpus().length} cœurs${busy ? " : **machine chargée**, temps écoulés majorés (voir le temps CPU)" : ""}`;
  const doc = `# Bancs d'essai

Mesures de \`npm run bench\`. Ce fichier est réécrit à chaque exécution (dernière mesure, puis historique résumé).

Budgets : au plus **${BUDGET.pageKiB} Ko gzip** chargés avant toute interaction par une page de tutoriel (Mermaid seulement
là où il y a un diagramme, et seulement quand il le faut : ici jamais, les diagrammes sont dessinés à la construction) ; au plus **${BUDGET.buildMsPerPage} ms de construction par page** ;
clic « Exécuter » → réponse affichée en mode simulé : **p95 ≤ ${BUDGET.clickP95Ms} ms** ; « Voir sur la carte » → couche dessinée en mode simulé :
**p95 ≤ ${BUDGET.mapP95Ms / 1000} s** pour chaque service, la carte (OpenLayers) n'étant chargée qu'à ce moment.

## Dernière mesure

${date.toISOString().slice(0, 10)} (${date.toISOString()}), ${load}.

${markdownTable(["Machine", ""], Object.entries(info))}

${markdownTable(headers, cells.map((row) => [row[0]!.replace(/^\s+/, "↳ "), row[1]!, row[2]!, row[3] === "info" ? "—" : `**${row[3]}**`]))}

### Pages sous \`/tutoriels/\` (Ko gzip chargés avant toute interaction, première visite)

${markdownTable(PAGE_HEADERS, pageRows, ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "l"])}

${notes.map((note) => `- ${note}`).join("\n")}

${METHOD}${SERVER_METHOD}${TUTORIALS_METHOD}
## Historique

${historySection(date, info, rows)}
`;
  fs.mkdirSync(path.dirname(DOC), { recursive: true });
  fs.writeFileSync(DOC, doc);
  console.log(`\nÉcrit dans ${DOC}.`);
}

const HISTORY_START = "<!-- historique : une ligne par exécution, la plus récente en haut -->";
const HISTORY_HEADERS = ["Date", "Machine", "Construction", "Marginal / page", "Page la plus lourde", "Clic p95", "Recherche à chaud"];

/** The history table: the previous rows of docs/BENCHMARKS.md, this run on top. */
function historySection(date: Date, info: Record<string, string>, rows: Row[]): string {
  const find = (start: string) => rows.find((r) => r.measure.startsWith(start))?.value ?? "—";
  const row = [
    date.toISOString().slice(0, 16).replace("T", " "),
    `${info["Processeur"]} ×${info["Cœurs"]}`,
    find("Construction complète").split(" (")[0]!,
    find("Construction par page : coût marginal").split(" (")[0]!,
    find("Avant interaction, page tutoriel"),
    find("Clic").split(" / ")[1] ?? "—",
    find("Recherche → premiers résultats, à chaud").split(" / ")[0]!,
  ].map((cell) => cell.replace(/\|/g, "\\|"));
  let previous: string[] = [];
  if (fs.existsSync(DOC)) {
    const text = fs.readFileSync(DOC, "utf8");
    const at = text.indexOf(HISTORY_START);
    if (at >= 0) previous = text.slice(at).split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| Date") && !line.startsWith("| ---")).slice(0, 49);
  }
  const header = markdownTable(HISTORY_HEADERS, [row]);
  return `${HISTORY_START}\n\n${[header, ...previous].join("\n")}`;
}

main().catch((error: unknown) => {
  console.error(`Banc d'essai interrompu : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.error(`(Chromium : ${CHROMIUM_PATH})`);
  process.exit(1);
});

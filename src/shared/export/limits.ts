// What a runner of the exports (bash, `bru run`, `redocly respect`) cannot do for a step of a tutorial, and what the
// CI test of the exports cannot reproduce against the local datastore: one table, read by the exporters (a French
// comment at the step, for the runner's own limits) and by test/unit/clients/exports.test.ts (the step is left out
// of that runner's run and reported with its reason: never a silent skip). Pure.
import { expectsExpiredToken, hasMatcher, splitUrl, type ExportRequest } from "./model.ts";

/** The third-party runners the CI runs the exports in. */
export type ExportRunner = "bash" | "bruno" | "arazzo";

/** All of them. */
export const EXPORT_RUNNERS: readonly ExportRunner[] = ["bash", "bruno", "arazzo"];

/** One limit: the steps it applies to, the runners concerned, and why (in French). */
export interface ExportLimit {
  id: string;
  runners: readonly ExportRunner[];
  /** "runner": the runner cannot express the step as the page does (the export says so there); "ci": the export runs
   * it, but the test against the local datastore cannot (a server it cannot stand in for). */
  scope: "runner" | "ci";
  /** Whether the CI test leaves the step out of that runner's run (otherwise the export works around it, and says so). */
  skips: boolean;
  reason: string;
  applies: (request: ExportRequest) => boolean;
}

const outside = (request: ExportRequest) => splitUrl(request.url).root === "none";

/** The table. */
export const EXPORT_LIMITS: readonly ExportLimit[] = [
  {
    id: "serveur-exterieur-adresse-fixe",
    runners: ["bruno", "arazzo"],
    scope: "ci",
    skips: true,
    reason: "serveur extérieur appelé à son adresse fixe (ici Theia/OZCAR, https://in-situ.theia-land.fr) : le test ne sait rediriger vers son serveur local que curl (connect-to de .curlrc), pas bru ni respect",
    applies: (request) => outside(request) && !/^https?:\/\/\{/.test(request.url),
  },
  {
    id: "url-exterieure-variable",
    runners: ["arazzo"],
    scope: "runner",
    skips: true,
    reason: "l'adresse d'un serveur extérieur (x-operation de Redocly) ne peut pas contenir de variable : respect ne résout pas {$inputs…} dans son URL (ici https://{instance geonature}/… ou …/data/{producteur theia}/…) ; remplacez-les par vos valeurs dans le fichier avant de le lancer",
    applies: (request) => outside(request) && /\{[^{}]+\}/.test(request.url),
  },
  {
    id: "fichier-produit-dans-la-page",
    runners: EXPORT_RUNNERS,
    scope: "runner",
    skips: false,
    reason: "le fichier envoyé est produit dans la page du tutoriel (un composant de la page le fabrique) : produisez-le dans la page, puis placez-le dans samples/ avant de lancer l'export (le test le produit hors navigateur avec le même code)",
    applies: (request) => request.file?.source === "page",
  },
  {
    id: "attente-sans-duree",
    runners: ["arazzo"],
    scope: "runner",
    skips: false,
    reason: "Arazzo ne sait pas attendre une durée : l'étape qui montre le refus d'un jeton expiré est relancée tant que le jeton est encore accepté",
    applies: (request) => expectsExpiredToken(request.block),
  },
  {
    id: "capture-par-position",
    runners: ["arazzo"],
    scope: "runner",
    skips: false,
    reason: "un pointeur JSON ne choisit pas un élément de liste par ses champs : la capture suit la position de cet élément dans l'exemple de la page",
    applies: (request) => request.block.captures.some((capture) => hasMatcher(capture.path)),
  },
];

/** The limits that apply to a request in a runner. */
export function limitsOf(request: ExportRequest, runner: ExportRunner, scope?: ExportLimit["scope"]): ExportLimit[] {
  return EXPORT_LIMITS.filter((limit) => limit.runners.includes(runner) && (!scope || limit.scope === scope) && limit.applies(request));
}

/** The French notes an export writes at a step for its runner's own limits (`samples`: where its files go). */
export function limitNotes(request: ExportRequest, runner: ExportRunner, samples = "samples"): string[] {
  return limitsOf(request, runner, "runner").map((limit) => `Limite : ${limit.reason}${limit.id === "fichier-produit-dans-la-page" && request.file ? ` (${samples}/${request.file.name})` : ""}.`);
}

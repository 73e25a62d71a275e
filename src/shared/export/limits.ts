// What a runner of the exports (bash, `bru run`, `redocly respect`) cannot do for a step of a tutorial, and what the
// CI test of the exports cannot reproduce against the local datastore: one table, read by the exporters (a French
// comment at the step, for the runner's own limits) and by test/unit/clients/exports.test.ts (the step is left out
// of that runner's run and reported with its reason: never a silent skip). Pure.
import { splitUrl, type ExportRequest } from "./model.ts";

/** The third-party runners the CI runs the exports in. */
export type ExportRunner = "bash" | "bruno" | "arazzo";

/** All of them. */
export const EXPORT_RUNNERS: readonly ExportRunner[] = ["bash", "bruno", "arazzo"];

/** One limit: the steps it applies to, the runners concerned, and why (in French). */
export interface ExportLimit {
  id: string;
  runners: readonly ExportRunner[];
  /** "runner": the runner cannot express the step (the export says so there); "ci": the export runs it, but the
   * test against the local datastore cannot (a server it cannot stand in for). */
  scope: "runner" | "ci";
  reason: string;
  applies: (request: ExportRequest) => boolean;
}

const outside = (request: ExportRequest) => splitUrl(request.url).root === "none";

/** The table. */
export const EXPORT_LIMITS: readonly ExportLimit[] = [
  {
    id: "serveur-exterieur-adresse-fixe",
    runners: EXPORT_RUNNERS,
    scope: "ci",
    reason: "serveur extérieur appelé à son adresse fixe (ici Theia/OZCAR, https://in-situ.theia-land.fr) : un exécutant tiers ne peut pas être redirigé vers l'entrepôt local du test",
    applies: (request) => outside(request) && !/^https?:\/\/\{/.test(request.url),
  },
  {
    id: "serveur-exterieur-https",
    runners: EXPORT_RUNNERS,
    scope: "ci",
    reason: "serveur extérieur en https dont seul l'hôte est une variable (ici l'instance GeoNature, https://{instance geonature}) : l'entrepôt local du test ne le sert qu'en http",
    applies: (request) => outside(request) && /^https:\/\/\{/.test(request.url),
  },
];

/** The limits that apply to a request in a runner. */
export function limitsOf(request: ExportRequest, runner: ExportRunner, scope?: ExportLimit["scope"]): ExportLimit[] {
  return EXPORT_LIMITS.filter((limit) => limit.runners.includes(runner) && (!scope || limit.scope === scope) && limit.applies(request));
}

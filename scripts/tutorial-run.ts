// The Node side of the headless replay (npm run tutorial, its tests, the benchmark): the local datastore started
// in this process with shortened delays and token lifetime when no base is given (it also plays the flows
// tutorials' GeoNature and Theia/OZCAR servers), sample files read from public/, the files of the page components
// produced here, the variables a real run needs, step lines and a JUnit report.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GEONATURE_API } from "../src/mock/geonature/records.ts";
import { startDatastoreServer } from "../src/mock/node/server.ts";
import { SIMULATED_DATASTORE_ID } from "../src/mock/seed.ts";
import { THEIA_ROOT } from "../src/mock/theia/records.ts";
import { SIMULATED_GEONATURE_VALUES, SIMULATED_THEIA_PRODUCER } from "../src/shared/flows/simulated.ts";
import { theiaValues } from "../src/shared/flows/theia.ts";
import { BUILD_IAM, BUILD_SERVICES, inputsOf } from "../src/shared/export/model.ts";
import { pageFiles } from "../src/shared/export/page-files.ts";
import { isLoopback } from "../src/shared/loopback.ts";
import type { Parcours } from "../src/shared/export/parcours.ts";
import { outsideUrl, replay, type ReplayReport, type StepResult } from "../src/shared/export/replay.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Delays of the local datastore's asynchronous lifecycles during a replay (ms): checks, executions, publication. */
export const REPLAY_DELAYS = { checkStart: 5, checkDuration: 20, checkStagger: 5, executionWaiting: 5, executionProgress: 30, offeringPublish: 10 };

/** Lifetime (s) of the access tokens of the local identity service during a replay (Keycloak's: 300): a step showing
 * an expired token refused waits for the token's `exp` (read from the token) that long at most. */
export const REPLAY_TOKEN_LIFETIME = 2;

/** Origins of the outside servers of the flows tutorials (GeoNature instance, Theia/OZCAR deposit), served by the
 * local datastore at the same paths. */
export const OUTSIDE_ORIGINS = [new URL(GEONATURE_API).origin, new URL(THEIA_ROOT).origin];

/** The flows tutorials' variables as the page fills them in simulated mode (src/shared/flows/simulated.ts). */
export const SIMULATED_FLOW_VALUES: Record<string, string> = {
  ...SIMULATED_GEONATURE_VALUES,
  ...theiaValues(SIMULATED_THEIA_PRODUCER.id, SIMULATED_THEIA_PRODUCER.password),
};

/** Tokens of the local datastore's users during a replay: their logins, which the local identity service also takes
 * as their passwords (its token endpoint checks a password against the user's token), as the tutorials' logins do. */
export const LOCAL_TOKENS = { dave: "dave", anne: "anne" };

/** Options of replayTutorial. */
export interface TutorialRunOptions {
  /** API base; absent: a local datastore is started. */
  base?: string;
  token?: string;
  tokenAnne?: string;
  datastore?: string;
  /** Variables known before the first step (`--var nom=valeur`), e.g. `instance geonature` against a real base. */
  values?: Record<string, string>;
  onStep?: (step: StepResult) => void;
}

/** Reads a site file (href under public/). */
export const readSiteFile = async (href: string): Promise<Uint8Array> => fs.readFileSync(path.join(ROOT, "public", decodeURIComponent(href)));

/** A local datastore on a free port with shortened delays, its state in a new temporary folder. */
export async function startLocalDatastore(delays: Partial<typeof REPLAY_DELAYS> = REPLAY_DELAYS) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tutoriel-"));
  const server = await startDatastoreServer({ port: 0, dir, users: LOCAL_TOKENS, log: () => undefined, store: { delays }, accessTokenLifetime: REPLAY_TOKEN_LIFETIME });
  return {
    server,
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Replays a tutorial against `base`, or against a local datastore started (and stopped) for it. */
export async function replayTutorial(parcours: Parcours, options: TutorialRunOptions): Promise<ReplayReport> {
  const local = options.base ? undefined : await startLocalDatastore();
  try {
    const base = options.base ?? local!.server.url;
    // A datastore on this machine (started here, or npm run datastore given as --base) serves the diffusion services,
    // the identity service and the flows' outside servers on its own origin, as the site's transport maps them.
    const localOrigin = local ? local.server.origin : isLoopback(base) ? new URL(base).origin : undefined;
    const services = localOrigin ?? BUILD_SERVICES;
    const iam = localOrigin ? localOrigin + new URL(BUILD_IAM).pathname : BUILD_IAM;
    const tokens: Record<string, string> = local ? { ...LOCAL_TOKENS } : { dave: options.token ?? "" };
    if (!local && options.tokenAnne) tokens["anne"] = options.tokenAnne;
    const datastore = options.datastore ?? (local ? SIMULATED_DATASTORE_ID : undefined);
    const outside = localOrigin ? Object.fromEntries(OUTSIDE_ORIGINS.map((origin) => [origin, localOrigin])) : {};
    const mapped: typeof fetch = (input, init) => fetch(typeof input === "string" ? outsideUrl(input, outside) : input, init);
    return await replay(parcours, {
      base,
      services,
      iam,
      localOnly: Boolean(local),
      outside,
      tokens,
      values: { ...(local ? SIMULATED_FLOW_VALUES : {}), ...(datastore ? { datastore } : {}), ...options.values },
      fetch,
      readFile: readSiteFile,
      pageFile: pageFiles(mapped),
      pollInterval: local ? 20 : 3000,
      pollTimeout: local ? 30_000 : 15 * 60_000,
      // The local tokens live REPLAY_TOKEN_LIFETIME s; a real one 5 minutes, and another server's clock may differ.
      expiryWaitLimit: local ? (REPLAY_TOKEN_LIFETIME + 5) * 1000 : 10 * 60_000,
      clockSkew: local ? 0 : 5000,
      onStep: options.onStep,
    });
  } finally {
    await local?.close();
  }
}

/** The variables a replay against a real base needs and was not given (`values`, and `datastore` from --datastore):
 * those no block captures before a block uses them, e.g. `instance geonature` in the GeoNature tutorial. */
export function missingInputs(parcours: Parcours, options: Pick<TutorialRunOptions, "values" | "datastore">): string[] {
  const given: Record<string, string> = { ...options.values, ...(options.datastore ? { datastore: options.datastore } : {}) };
  return inputsOf(parcours).filter((name) => !given[name]);
}

/** The French message naming the missing variables and how to give them. */
export function missingInputsMessage(tutorial: string, missing: readonly string[]): string {
  const lines = missing.map((name) => (name === "datastore" ? "  {datastore} : --datastore ID" : `  {${name}} : --var "${name}=…"`));
  const theia = missing.includes("identifiants theia") ? ["  (ou, pour {identifiants theia}, le mot de passe du producteur dans THEIA_MOT_DE_PASSE)"] : [];
  return [`Contre une vraie base, le tutoriel « ${tutorial} » a besoin de ${missing.length > 1 ? "ces variables, qu'aucun de ses blocs ne fournit" : "cette variable, qu'aucun de ses blocs ne fournit"} :`, ...lines, ...theia].join("\n");
}

/** One line per step: outcome, HTTP status, time, label (and why, when it failed or was skipped). */
export function stepLine(step: StepResult): string {
  const mark = step.outcome === "ok" ? "✔" : step.outcome === "skipped" ? "–" : "✘";
  const final = step.final ? ` → ${step.final}` : step.waitedMs !== undefined ? ` (après ${(step.waitedMs / 1000).toFixed(1)} s d'attente de l'expiration du jeton)` : "";
  const why = step.message && step.outcome !== "ok" ? `\n    ${step.message}` : "";
  return `${mark} ${String(step.status || "---").padEnd(3)} ${`${step.ms} ms`.padStart(8)}  ${step.label}${final}${why}`;
}

const xml = (text: string) => text.replace(/[<>&"]/g, (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[char]!);

/** A JUnit XML report: one testcase per step (failure or skipped element when so). */
export function junitReport(title: string, report: ReplayReport): string {
  const failures = report.steps.filter((step) => step.outcome === "failed").length;
  const skipped = report.steps.filter((step) => step.outcome === "skipped").length;
  const cases = report.steps.map((step) => {
    const inner = step.outcome === "failed" ? `<failure message="${xml(step.message ?? `HTTP ${step.status}`)}"/>` : step.outcome === "skipped" ? `<skipped message="${xml(step.message ?? "")}"/>` : "";
    return `    <testcase classname="${xml(report.tutorial)}" name="${xml(`${step.label} (HTTP ${step.status})`)}" time="${(step.ms / 1000).toFixed(3)}">${inner}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites><testsuite name="${xml(title)}" tests="${report.steps.length}" failures="${failures}" skipped="${skipped}" time="${(report.ms / 1000).toFixed(3)}">`,
    ...cases,
    "</testsuite></testsuites>",
  ].join("\n");
}

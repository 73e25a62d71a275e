// The Node side of the headless replay (npm run tutorial, its tests, the benchmark): the local datastore started
// in this process with shortened delays when no base is given, sample files read from public/, step lines and a
// JUnit report.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startDatastoreServer } from "../src/mock/node/server.ts";
import { SIMULATED_DATASTORE_ID } from "../src/mock/seed.ts";
import { BUILD_IAM, BUILD_SERVICES } from "../src/shared/export/model.ts";
import type { Parcours } from "../src/shared/export/parcours.ts";
import { replay, type ReplayReport, type StepResult } from "../src/shared/export/replay.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Delays of the local datastore's asynchronous lifecycles during a replay (ms): checks, executions, publication. */
export const REPLAY_DELAYS = { checkStart: 5, checkDuration: 20, checkStagger: 5, executionWaiting: 5, executionProgress: 30, offeringPublish: 10 };

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
  onStep?: (step: StepResult) => void;
}

/** Reads a site file (href under public/). */
export const readSiteFile = async (href: string): Promise<Uint8Array> => fs.readFileSync(path.join(ROOT, "public", decodeURIComponent(href)));

/** A local datastore on a free port with shortened delays, its state in a new temporary folder. */
export async function startLocalDatastore(delays: Partial<typeof REPLAY_DELAYS> = REPLAY_DELAYS) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tutoriel-"));
  const server = await startDatastoreServer({ port: 0, dir, users: LOCAL_TOKENS, log: () => undefined, store: { delays } });
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
    const services = local ? local.server.origin : BUILD_SERVICES;
    const iam = local ? local.server.origin + new URL(BUILD_IAM).pathname : BUILD_IAM;
    const tokens: Record<string, string> = local ? { ...LOCAL_TOKENS } : { dave: options.token ?? "" };
    if (!local && options.tokenAnne) tokens["anne"] = options.tokenAnne;
    const datastore = options.datastore ?? (local ? SIMULATED_DATASTORE_ID : undefined);
    return await replay(parcours, {
      base,
      services,
      iam,
      localOnly: Boolean(local),
      tokens,
      values: datastore ? { datastore } : {},
      fetch,
      readFile: readSiteFile,
      pollInterval: local ? 20 : 3000,
      pollTimeout: local ? 30_000 : 15 * 60_000,
      onStep: options.onStep,
    });
  } finally {
    await local?.close();
  }
}

/** One line per step: outcome, HTTP status, time, label (and why, when it failed or was skipped). */
export function stepLine(step: StepResult): string {
  const mark = step.outcome === "ok" ? "✔" : step.outcome === "skipped" ? "–" : "✘";
  const final = step.final ? ` → ${step.final}` : "";
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

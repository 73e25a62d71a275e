// The third-party runners of test/unit/clients/exports.test.ts, each started once for every tutorial: bash (one
// process per tutorial, a few at a time), `bru run` (one collection holding a folder per tutorial), `redocly respect`
// (one call over every tutorial's Arazzo file). Each tutorial has its own local datastore (its URL in its folder's
// variables or its OpenAPI servers), the GeoNature instance is an https proxy to one; steps the runner cannot run
// here (src/shared/export/limits.ts) are left out.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { startDatastoreServer } from "../../../src/mock/node/server.ts";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { toArazzo } from "../../../src/shared/export/arazzo.ts";
import { toBruno, type ExportFiles } from "../../../src/shared/export/bruno.ts";
import { limitsOf, type ExportRunner } from "../../../src/shared/export/limits.ts";
import { BUILD_IAM, requestsOf, varName } from "../../../src/shared/export/model.ts";
import { pageFiles } from "../../../src/shared/export/page-files.ts";
import type { Parcours } from "../../../src/shared/export/parcours.ts";
import { outsideUrl } from "../../../src/shared/export/replay.ts";
import { toShell } from "../../../src/shared/export/shell.ts";
import { tempDir } from "../server/temp.ts";
import { THEIA_ROOT } from "../../../src/mock/theia/records.ts";
import { LOCAL_TOKENS, OUTSIDE_ORIGINS, REPLAY_DELAYS, SIMULATED_FLOW_VALUES } from "../../../scripts/tutorial-run.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const BIN = path.join(ROOT, "node_modules/.bin");
/** Lifetime (s) of the local tokens: long enough for a runner's first steps, short for the expired-token step. */
const TOKEN_LIFETIME = 4;

/** A step left out of a runner's run, and why. */
export interface Skipped {
  label: string;
  reason: string;
}

/** What a runner is given for one tutorial: the tutorial without the steps it cannot run here, and those steps. */
export interface Plan {
  parcours: Parcours;
  full: Parcours;
  skipped: Skipped[];
}

/** The plan of a tutorial for a runner: a block whose requests a skipping limit applies to is left out. */
export function planOf(full: Parcours, runner: ExportRunner): Plan {
  const skipped: Skipped[] = [];
  const left = new Set<string>();
  for (const request of requestsOf(full)) {
    const limits = limitsOf(request, runner).filter((limit) => limit.skips);
    if (limits.length === 0) continue;
    left.add(request.block.id);
    skipped.push({ label: request.label, reason: limits.map((limit) => limit.reason).join(" ; ") });
  }
  const pages = full.pages.map((page) => ({ ...page, blocks: page.blocks.filter((block) => !left.has(block.id)) })).filter((page) => page.blocks.length > 0);
  return { parcours: { ...full, pages }, full, skipped };
}

/** A local datastore with short delays, its tokens living TOKEN_LIFETIME s, in a new temporary folder. */
async function startDatastore() {
  const dir = tempDir("export-ds-");
  const server = await startDatastoreServer({ port: 0, dir, users: LOCAL_TOKENS, log: () => undefined, store: { delays: REPLAY_DELAYS }, accessTokenLifetime: TOKEN_LIFETIME });
  return { server, iam: server.origin + new URL(BUILD_IAM).pathname, close: async () => (await server.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}
type Datastore = Awaited<ReturnType<typeof startDatastore>>;

/** Runs a command asynchronously (the servers answer from this process). */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 200_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) || 1 : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

/** Writes files under a folder. */
export function writeFiles(dir: string, files: ExportFiles): string {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

// The sample files a tutorial sends (site path → bytes), and the files its page components produce (samples/<name>),
// made outside the browser as src/shared/export/page-files.ts does, against a local datastore playing the outside servers.
async function samplesOf(parcours: Parcours, local: Datastore): Promise<Record<string, Uint8Array>> {
  const samples: Record<string, Uint8Array> = {};
  const outside = Object.fromEntries(OUTSIDE_ORIGINS.map((origin) => [origin, local.server.origin]));
  const make = pageFiles((input, init) => fetch(typeof input === "string" ? outsideUrl(input, outside) : input, init));
  for (const request of requestsOf(parcours)) {
    if (request.file?.source === "page") samples[`/samples/${request.file.name}`] = await make(request.file, SIMULATED_FLOW_VALUES);
    else if (request.file) samples[request.file.href] = fs.readFileSync(path.join(ROOT, "public", request.file.href));
  }
  return samples;
}

const THEIA_HOST = new URL(THEIA_ROOT).host;

/** The outside servers of the flows tutorials: an https proxy, with a self-signed certificate made by openssl, to a
 * local datastore serving the simulated GeoNature Export API and Theia/OZCAR deposit. The runners reach GeoNature as
 * https://{instance geonature} = the proxy; curl (bash) reaches the Theia host, fixed in the exports, through it too. */
async function startOutsideServers() {
  const local = await startDatastore();
  const dir = tempDir("export-tls-");
  const [key, cert] = [path.join(dir, "cle.pem"), path.join(dir, "certificat.pem")];
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", `subjectAltName=IP:127.0.0.1,DNS:${THEIA_HOST}`], { stdio: "ignore" });
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (request, response) => {
    const upstream = http.request(`${local.server.origin}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  // curl reads $CURL_HOME/.curlrc: the Theia/OZCAR host (a fixed address in the exports) connects to the proxy too.
  fs.writeFileSync(path.join(dir, ".curlrc"), `connect-to = "${THEIA_HOST}:443:127.0.0.1:${port}"\n`);
  return { host: `127.0.0.1:${port}`, ca: cert, curlHome: dir, close: async () => (await new Promise((resolve) => server.close(resolve)), await local.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}
let outside: ReturnType<typeof startOutsideServers> | undefined;
const outsideServers = () => (outside ??= startOutsideServers());

/** Stops the outside servers' proxy (after the runs). */
export const closeOutsideServers = async (): Promise<void> => void (await (await outside)?.close());

// Variables no block of a tutorial provides before use, as the page gives them in simulated mode (the GeoNature
// instance: the https proxy).
async function inputs(): Promise<Record<string, string>> {
  return { datastore: SIMULATED_DATASTORE_ID, ...SIMULATED_FLOW_VALUES, "instance geonature": (await outsideServers()).host };
}

/** The bash run of one tutorial: exit code, output, and the answers kept (index.tsv lines, JSON bodies). */
export interface BashRun {
  code: number;
  output: string;
  answers: { code: string; label: string; body: unknown }[];
}

/** Runs every plan's bash script, `concurrency` at a time. */
export async function runBash(plans: readonly Plan[], concurrency = 3): Promise<Map<string, BashRun>> {
  const results = new Map<string, BashRun>();
  const queue = [...plans];
  const worker = async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) {
      const local = await startDatastore();
      try {
        const dir = tempDir("export-bash-");
        writeFiles(dir, { "tutoriel.sh": toShell(plan.parcours), ...Object.fromEntries(Object.entries(await samplesOf(plan.parcours, local)).map(([href, bytes]) => [href.replace(/^\//, ""), bytes])) });
        fs.mkdirSync(path.join(dir, "reponses"));
        const env: Record<string, string> = { API: local.server.url, SERVICES: local.server.origin, IAM: local.iam, TOKEN: LOCAL_TOKENS.dave, TOKEN_ANNE: LOCAL_TOKENS.anne, POLL_INTERVAL: "0.02", POLL_TIMEOUT: "60", EXPIRY_WAIT: "30", RESPONSES: path.join(dir, "reponses"), CURL_CA_BUNDLE: (await outsideServers()).ca, CURL_HOME: (await outsideServers()).curlHome };
        for (const [name, value] of Object.entries(await inputs())) env[varName(name)] = value;
        const { code, output } = await run("bash", ["tutoriel.sh"], dir, env);
        const index = fs.existsSync(path.join(dir, "reponses/index.tsv")) ? fs.readFileSync(path.join(dir, "reponses/index.tsv"), "utf8").trim().split("\n") : [];
        const answers = index.filter(Boolean).map((line) => {
          const [n, status, label] = line.split("\t") as [string, string, string];
          let body: unknown;
          try {
            body = JSON.parse(fs.readFileSync(path.join(dir, "reponses", `${n.padStart(3, "0")}.json`), "utf8"));
          } catch {
            body = undefined;
          }
          return { code: status, label, body };
        });
        results.set(plan.full.tutorial, { code, output, answers });
      } finally {
        await local.close();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** One `bru run` over a collection holding one folder per tutorial (its own datastore's URLs as folder variables;
 * the runtime variables cleared when the next tutorial starts); returns the report's results and the output. */
export async function runBruno(plans: readonly Plan[]): Promise<{ code: number; output: string; results: any[]; folders: Map<string, string> }> {
  const locals = await Promise.all(plans.map(() => startDatastore()));
  try {
    const dir = tempDir("export-bruno-");
    const folders = new Map<string, string>();
    for (const [index, plan] of plans.entries()) {
      const local = locals[index]!;
      const folder = `${String(index + 1).padStart(2, "0")} ${plan.full.tutorial}`;
      folders.set(plan.full.tutorial, folder);
      const files = toBruno(plan.parcours, { samples: await samplesOf(plan.parcours, local), namePrefix: `${plan.full.tutorial} ` });
      for (const [file, content] of Object.entries(files)) {
        if (file === "bruno.json" || file === "collection.bru" || file.startsWith("samples/")) writeFiles(dir, { [file]: content });
        else if (file === "environments/Tutoriel.bru") writeFiles(dir, { [`environments/${plan.full.tutorial}.bru`]: content });
        else writeFiles(dir, { [`${folder}/${file}`]: content });
      }
      const reset = `if (bru.getVar("tutoriel") !== ${JSON.stringify(plan.full.tutorial)}) { bru.deleteAllVars(); bru.setVar("tutoriel", ${JSON.stringify(plan.full.tutorial)}); }`;
      writeFiles(dir, { [`${folder}/folder.bru`]: `meta {\n  name: ${folder}\n  seq: ${index + 1}\n}\n\nvars:pre-request {\n  baseUrl: ${local.server.url}\n  services: ${local.server.origin}\n  iam: ${local.iam}\n}\n\nscript:pre-request {\n  ${reset}\n}\n` });
    }
    // One environment for the run: every tutorial's variables (empty), the delays, no secret.
    const vars = new Set<string>();
    for (const file of fs.readdirSync(path.join(dir, "environments"))) for (const match of fs.readFileSync(path.join(dir, "environments", file), "utf8").matchAll(/^ {2}([A-Za-z_][A-Za-z0-9_]*):/gm)) vars.add(match[1]!);
    fs.rmSync(path.join(dir, "environments"), { recursive: true });
    writeFiles(dir, { "environments/CI.bru": `vars {\n${[...vars].map((name) => `  ${name}: `).join("\n")}\n}\n` });
    const report = path.join(dir, "rapport.json");
    const env = ["pollInterval=20", "pollTimeout=60000", "expiryWait=30000", `token=${LOCAL_TOKENS.dave}`, `token_anne=${LOCAL_TOKENS.anne}`, ...Object.entries(await inputs()).map(([name, value]) => `${varName(name)}=${value}`)];
    // The developer sandbox (Node's vm) runs the scripts several times faster than the default QuickJS one.
    const { code, output } = await run(path.join(BIN, "bru"), ["run", "--sandbox", "developer", "--env", "CI", ...env.flatMap((item) => ["--env-var", item]), "--cacert", (await outsideServers()).ca, "--reporter-json", report, "--reporter-skip-all-headers"], dir);
    const parsed = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, "utf8")) : undefined;
    return { code, output, results: parsed ? (Array.isArray(parsed) ? parsed[0] : parsed).results : [], folders };
  } finally {
    await Promise.all(locals.map((local) => local.close()));
  }
}

/** One `redocly respect` over every tutorial's Arazzo file (each described with its own datastore's URLs). */
export async function runArazzo(plans: readonly Plan[]): Promise<{ code: number; output: string; files: Record<string, any> }> {
  const locals = await Promise.all(plans.map(() => startDatastore()));
  try {
    const dir = tempDir("export-arazzo-");
    for (const [index, plan] of plans.entries()) {
      const local = locals[index]!;
      writeFiles(path.join(dir, plan.full.tutorial), toArazzo(plan.parcours, { base: local.server.url, iam: local.iam, samples: await samplesOf(plan.parcours, local), retryAfter: 0.02, expiryRetryAfter: 0.5 }));
    }
    const report = path.join(dir, "rapport.json");
    const values = [`token=${LOCAL_TOKENS.dave}`, `token_anne=${LOCAL_TOKENS.anne}`, ...Object.entries(await inputs()).map(([name, value]) => `${varName(name)}=${value}`)];
    const env = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NODE_EXTRA_CA_CERTS: (await outsideServers()).ca };
    const { code, output } = await run(path.join(BIN, "redocly"), ["respect", ...plans.map((plan) => `${plan.full.tutorial}/tutoriel.arazzo.json`), ...values.flatMap((input) => ["--input", input]), "--json-output", report], dir, env);
    return { code, output, files: fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, "utf8")).files : {} };
  } finally {
    await Promise.all(locals.map((local) => local.close()));
  }
}

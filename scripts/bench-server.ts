// Benchmark of the local server (`npm run datastore`), called by scripts/bench.ts (or alone: `tsx scripts/bench-server.ts`).
// 1. Read-write mix, 50 concurrent clients (autocannon, loopback), at 100 and at 10,000 existing uploads seeded
//    through the store directly: throughput, reads/s, p50/p99. Goals: p99 at 10,000 ≤ 1.5 × p99 at 100; ≥ 1,000 reads/s.
// 2. Peak memory (RSS of the server process, from /proc) during a 200 MB ARCHIVE upload (multipart, streamed by
//    the client as it is generated). Goal: under 100 MB above idle.
// Each server runs in its own child process (`node --import tsx scripts/datastore.ts`), as `npm run datastore` does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// @ts-expect-error autocannon ships no types (only `autocannon(options)` and its result are used, typed below).
import autocannonUntyped from "autocannon";
import { createStore } from "../src/mock/app.ts";
import { createUpload } from "../src/mock/resources/uploads/uploads.ts";
import { SIMULATED_DATASTORE_ID } from "../src/mock/seed.ts";
import { openSqliteSource } from "../src/mock/node/sqlite-source.ts";
import { measureUpload } from "./bench-server-upload.ts";
import type { DatastoreProcess } from "./spawn-datastore.ts";
import { spawnDatastore } from "./spawn-datastore.ts";

/** Goals of issue 9 for the local server. */
export const SERVER_BUDGET = { p99Ratio: 1.5, readsPerSecond: 1000, uploadMiB: 100 };
/** Token of the benchmarked servers. */
export const TOKEN = "jeton-du-banc";
/** Path prefix of the seeded datastore. */
export const DS = `/datastores/${SIMULATED_DATASTORE_ID}`;
const MIX_SECONDS = Number(process.env["BENCH_SERVER_SECONDS"] ?? 5);

/** One read-write mix run. */
export interface MixRun {
  uploads: number;
  requestsPerSecond: number;
  readsPerSecond: number;
  writesPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  seedMs: number;
}

/** What the server benchmark measured. */
export interface ServerResults {
  mix: MixRun[];
  upload: { idleMiB: number; peakMiB: number; seconds: number; status: number };
}

/** The part of autocannon's API used here. */
interface CannonRequest {
  method: string;
  path?: string;
  body?: string;
  setupRequest?: (request: { path: string }) => { path: string };
}
interface CannonResult {
  requests: { total: number };
  duration: number;
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
const autocannon = autocannonUntyped as (options: { url: string; connections: number; duration: number; headers: Record<string, string>; requests: CannonRequest[] }) => Promise<CannonResult>;

/** A server in a child process. */
export type Running = DatastoreProcess;

/** Starts scripts/datastore.ts in a child process on `dir`; resolves once it listens. */
export const startServer = (dir: string): Promise<Running> => spawnDatastore(dir, TOKEN);

/** Stops a server started by startServer. */
export const stopServer = (running: Running): Promise<void> => running.kill("SIGTERM");

/** Seeds `count` uploads through the store, in one transaction; returns their ids. */
function seed(dir: string, count: number): string[] {
  const source = openSqliteSource(dir);
  try {
    const store = createStore({ source });
    return store.run((ctx) =>
      Array.from({ length: count }, (_, i) => createUpload(ctx, SIMULATED_DATASTORE_ID, { name: `Livraison ${i}`, description: "banc d'essai", type: "ARCHIVE", srs: "EPSG:2154" })._id),
    );
  } finally {
    source.close();
  }
}

/** 50 clients, 5 s: per round, 4 reads (list, two uploads, user) and 1 write (a new upload). */
async function measureMix(uploads: number): Promise<MixRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-server-"));
  try {
    const started = performance.now();
    const ids = seed(dir, uploads);
    const seedMs = performance.now() - started;
    const server = await startServer(dir);
    try {
      const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
      const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
      const body = JSON.stringify({ name: "Livraison du banc", description: "écriture", type: "ARCHIVE", srs: "EPSG:2154" });
      const requests: CannonRequest[] = [
        { method: "GET", path: `/api${DS}/uploads?page=1&limit=10` },
        { method: "GET", setupRequest: (request) => ({ ...request, path: `/api${DS}/uploads/${pick()}` }) },
        { method: "GET", setupRequest: (request) => ({ ...request, path: `/api${DS}/uploads/${pick()}` }) },
        { method: "GET", path: "/api/users/me" },
        { method: "POST", path: `/api${DS}/uploads`, body },
      ];
      // One second of warm-up (JIT, page cache), not counted.
      await autocannon({ url: server.url, connections: 50, duration: 1, headers, requests });
      const result = await autocannon({ url: server.url, connections: 50, duration: MIX_SECONDS, headers, requests });
      const total = result.requests.total;
      const seconds = result.duration;
      return {
        uploads,
        requestsPerSecond: total / seconds,
        readsPerSecond: (total * 4) / 5 / seconds,
        writesPerSecond: total / 5 / seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        seedMs,
      };
    } finally {
      await stopServer(server);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the server measurements. */
export async function measureServer(log: (line: string) => void): Promise<ServerResults> {
  const mix: MixRun[] = [];
  for (const uploads of [100, 10_000]) {
    log(`Serveur local : mélange lecture-écriture, 50 clients, ${MIX_SECONDS} s, ${uploads} livraisons existantes…`);
    mix.push(await measureMix(uploads));
  }
  log("Serveur local : mémoire pendant l'envoi d'un fichier de 200 Mo…");
  return { mix, upload: await measureUpload() };
}

/** Rows of the benchmark table (measure, value, budget, verdict). */
export function serverRows(results: ServerResults): { measure: string; value: string; budget: string; verdict: string }[] {
  const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
  const verdict = (ok: boolean) => (ok ? "PASS" : "OVER");
  const [small, large] = results.mix as [MixRun, MixRun];
  const ratio = large.p99 / small.p99;
  const slowest = Math.min(small.readsPerSecond, large.readsPerSecond);
  const run = (r: MixRun) =>
    `${Math.round(r.requestsPerSecond)} req/s (${Math.round(r.readsPerSecond)} lectures/s, ${Math.round(r.writesPerSecond)} écritures/s) ; p50 ${ms(r.p50)} / p99 ${ms(r.p99)}${r.errors + r.non2xx > 0 ? ` ; ${r.errors} erreurs, ${r.non2xx} non-2xx` : ""}`;
  const { upload } = results;
  const growth = upload.peakMiB - upload.idleMiB;
  return [
    { measure: `Serveur local, 50 clients, ${MIX_SECONDS} s, 4 lectures pour 1 écriture, ${small.uploads} livraisons`, value: run(small), budget: "—", verdict: "info" },
    { measure: `Serveur local, idem, ${large.uploads} livraisons (semées en ${Math.round(large.seedMs)} ms)`, value: run(large), budget: "—", verdict: "info" },
    { measure: `  p99 à ${large.uploads} / p99 à ${small.uploads} livraisons`, value: `${ratio.toFixed(2)} (${ms(large.p99)} / ${ms(small.p99)})`, budget: `≤ ${SERVER_BUDGET.p99Ratio}`, verdict: verdict(ratio <= SERVER_BUDGET.p99Ratio) },
    { measure: "  lectures par seconde (la plus faible des deux mesures)", value: `${Math.round(slowest)} /s`, budget: `≥ ${SERVER_BUDGET.readsPerSecond} /s`, verdict: verdict(slowest >= SERVER_BUDGET.readsPerSecond) },
    {
      measure: `Serveur local, envoi d'une ARCHIVE de 200 Mo (multipart) : RSS du serveur au repos → pic (statut ${upload.status}, ${upload.seconds.toFixed(1)} s)`,
      value: `${Math.round(upload.idleMiB)} → ${Math.round(upload.peakMiB)} Mio (+${Math.round(growth)} Mio)`,
      budget: `≤ +${SERVER_BUDGET.uploadMiB} Mio`,
      verdict: verdict(growth <= SERVER_BUDGET.uploadMiB && upload.status === 204),
    },
  ];
}

/** How the server rows are measured (for docs/BENCHMARKS.md). */
export const SERVER_METHOD = `- **Serveur local** (\`scripts/bench-server.ts\`) : \`scripts/datastore.ts\` dans un processus à part, état dans un
  dossier temporaire (SQLite en WAL, synchronous=FULL : une écriture acquittée est sur disque). Livraisons semées par le
  store, en une transaction, avant le démarrage. autocannon sur la boucle locale, 50 connexions, ${MIX_SECONDS} s ; chaque
  connexion (après 1 s d'échauffement non compté) enchaîne liste (page de 10), deux livraisons au hasard, \`/users/me\` et une création de livraison (4 lectures
  pour 1 écriture) ; lectures/s = requêtes/s × 4/5. Mémoire : RSS du processus du serveur (\`/proc/<pid>/status\`, relevé
  toutes les 10 ms) au repos après 20 requêtes, puis pendant l'envoi d'un fichier de 200 Mo (octets générés par le client
  au fil de l'envoi, \`POST …/uploads/{id}/data?path=…\`, \`Content-Length\` connu).
`;

// Alone: prints the rows.
if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await measureServer((line) => process.stderr.write(`${line}\n`));
  for (const row of serverRows(results)) console.log(`${row.verdict.padEnd(4)}  ${row.measure} : ${row.value} (budget ${row.budget})`);
}

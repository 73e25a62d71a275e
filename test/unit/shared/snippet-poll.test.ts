// The copied polling loops really run: bash (curl + jq) and Python (requests) against a small local server whose
// statuses advance on each read, stop on the final status, and stop with the reason when waiting cannot help.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { curlCommand, curlPollLoop, pythonPollLoop } from "../../../src/shared/snippets.ts";
import { pollSpecFor } from "../../../src/shared/poll.ts";

const exec = promisify(execFile);
const SEQUENCES: Record<string, unknown[]> = {
  "/api/datastores/d/processings/executions/e1": [{ status: "WAITING" }, { status: "PROGRESS" }, { status: "SUCCESS", _id: "e1" }],
  "/api/datastores/d/processings/executions/e2": [{ status: "CREATED", _id: "e2" }],
  "/api/datastores/d/uploads/u1/checks": [{ asked: [{}], in_progress: [], passed: [], failed: [] }, { asked: [], in_progress: [], passed: [{ _id: "c1" }], failed: [] }],
  "/api/datastores/d/uploads/u2/checks": [{ asked: [], in_progress: [], passed: [], failed: [] }],
};
const reads: Record<string, number> = {};
let server: Server;
let origin = "";

before(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "";
    const sequence = SEQUENCES[path];
    if (!sequence || request.headers.authorization !== "Bearer tok") return void response.writeHead(404).end();
    const count = (reads[path] = (reads[path] ?? 0) + 1);
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(sequence[Math.min(count, sequence.length) - 1]));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
});
after(() => server.close());

const bash = async (path: string) => {
  const url = `${origin}${path}`;
  const script = curlPollLoop(curlCommand("GET", url, ["-sS", '-H "Authorization: Bearer $TOKEN"']), pollSpecFor("GET", url)!, { intervalSeconds: 0 });
  return exec("bash", ["-c", script], { env: { ...process.env, TOKEN: "tok" } });
};
const python = async (path: string) => {
  const url = `${origin}${path}`;
  const lines = ["import os, time, requests", 'headers = {"Authorization": f"Bearer {os.environ[\'TOKEN\']}"}', `url = "${url}"`];
  const script = [...lines, ...pythonPollLoop("requests.get(url, headers=headers)", pollSpecFor("GET", url)!, { intervalSeconds: 0 })].join("\n");
  return exec("python3", ["-c", script], { env: { ...process.env, TOKEN: "tok" } });
};

test("bash loop: reads an execution until SUCCESS, then prints it", async () => {
  const path = "/api/datastores/d/processings/executions/e1";
  reads[path] = 0;
  const { stdout, stderr } = await bash(path);
  assert.equal(reads[path], 3);
  assert.equal(JSON.parse(stdout).status, "SUCCESS");
  assert.match(stderr, /WAITING : non final/);
});

test("bash loop: an execution never launched stops at once with the launch request", async () => {
  const path = "/api/datastores/d/processings/executions/e2";
  reads[path] = 0;
  const { stderr } = await bash(path);
  assert.equal(reads[path], 1);
  assert.match(stderr, /Lancez-la : POST …\/processings\/executions\/e2\/launch/);
});

test("bash loop: checks are read until none is asked, an upload never closed stops with « fermez d'abord »", async () => {
  reads["/api/datastores/d/uploads/u1/checks"] = 0;
  const done = await bash("/api/datastores/d/uploads/u1/checks");
  assert.equal(JSON.parse(done.stdout).passed[0]._id, "c1");
  assert.equal(reads["/api/datastores/d/uploads/u1/checks"], 2);
  const blocked = await bash("/api/datastores/d/uploads/u2/checks");
  assert.match(blocked.stderr, /fermez d'abord la livraison \(POST …\/uploads\/u2\/close\)/);
});

test("Python loop: same reads and stops", async () => {
  const path = "/api/datastores/d/processings/executions/e1";
  reads[path] = 0;
  const success = await python(path);
  assert.equal(reads[path], 3);
  assert.match(success.stdout, /'status': 'SUCCESS'/);
  const created = await python("/api/datastores/d/processings/executions/e2");
  assert.match(created.stdout, /n'a pas été lancée/);
  const empty = await python("/api/datastores/d/uploads/u2/checks");
  assert.match(empty.stdout, /aucune vérification n'a été lancée/);
});

test("bash loop in a script: each read goes through `via` (answer in $RESPONSE), $status holds SUCCESS or FAILURE after it", async () => {
  const path = "/api/datastores/d/uploads/u1/checks";
  reads[path] = 0;
  const url = `${origin}${path}`;
  const loop = curlPollLoop(curlCommand("GET", url, ['-H "Authorization: Bearer $TOKEN"']), pollSpecFor("GET", url)!, { via: "fetch_into", intervalSeconds: "$INTERVAL", timeoutSeconds: "LIMIT" });
  const script = ['RESPONSE=$(mktemp)', 'INTERVAL=0 LIMIT=5', 'fetch_into() { "$@" -sS -o "$RESPONSE"; echo "lu" >&2; }', loop, 'echo "final=$status"'].join("\n");
  const { stdout, stderr } = await exec("bash", ["-c", script], { env: { ...process.env, TOKEN: "tok" } });
  assert.equal(reads[path], 2);
  assert.equal(stdout.trim(), "final=SUCCESS");
  assert.equal((stderr.match(/^lu$/gm) ?? []).length, 2);
  assert.match(stderr, /PENDING : non final, nouvelle lecture dans 0 s/);
});

// `npm run datastore` as a child process, for the fault tests and the server benchmark: a free port, the
// server started with `node --import tsx` (one process, so that a signal reaches the server itself), its output
// kept, and a kill that waits for the exit.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import net from "node:net";

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}

/** A local datastore server started as a child process. */
export interface DatastoreProcess {
  process: ChildProcess;
  /** API base URL, e.g. http://127.0.0.1:41234/api. */
  url: string;
  /** Everything it printed so far (standard output and error). */
  output: () => string;
  /** Ends the process with a signal (default SIGKILL) and waits for its exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts scripts/datastore.ts on `dir` with `token` (and `env`); resolves once it listens, rejects with its output if it exits first. */
export async function spawnDatastore(dir: string, token: string, env: Record<string, string> = {}): Promise<DatastoreProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/datastore.ts"], {
    env: { ...process.env, PORT: String(port), DATASTORE_DIR: dir, DATASTORE_TOKEN: token, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  // Read to the end (not left early: the server's stop message needs an open pipe).
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = once(child, "exit");
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => {
      if (output.includes("Arrêt : Ctrl+C.")) resolve();
    });
    void exited.then(() => reject(Object.assign(new Error(`le serveur s'est arrêté au démarrage :\n${output}`), { output })));
  });
  return {
    process: child,
    url: `http://127.0.0.1:${port}/api`,
    output: () => output,
    async kill(signal: NodeJS.Signals = "SIGKILL") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

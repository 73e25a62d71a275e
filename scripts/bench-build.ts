// Build measurements for scripts/bench.ts: full builds (Eleventy + esbuild + Pagefind) timed from the outside, and the
// marginal cost of one more page, measured on a mirror of the project whose tutorials are duplicated.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** What one `eleventy` process did, as measured from the outside and as it reported itself. */
export interface BuildRun {
  /** Wall time of the whole process (Node and tsx start-up, configuration, Shiki, esbuild, rendering, copies, Pagefind). */
  wallMs: number;
  /** Eleventy's own "Wrote N files in X seconds" (from the Eleventy instance's creation to the end of the build). */
  eleventyMs: number;
  /** Pages written by Eleventy. */
  pages: number;
  /** Files copied (passthrough). */
  copied: number;
  /** Pagefind's time, as printed by src/build/plugins/search.ts. */
  pagefindMs: number;
  /** Pages indexed by Pagefind. */
  indexed: number;
  /** CPU time (user + system) of the build and its descendants (esbuild, Pagefind: see cpuScope()), all cores together. */
  cpuMs: number;
}

const ROOT = process.cwd();
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const ELEVENTY = path.join("node_modules", "@11ty", "eleventy", "cmd.cjs");

/** A fresh, empty temporary directory. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `entrepot-bench-${prefix}-`));
}

/**
 * Runs a command and reports, on stderr, its wall time and the CPU time of all its descendants: Python makes itself a
 * "child subreaper" (Linux), so that the esbuild and Pagefind processes, which Node does not wait for, are still
 * counted once orphaned. Without python3, bash's `times` counts only the processes that were waited for.
 */
const CPU_WRAPPER_PY = `
import ctypes, os, resource, sys, time
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)
started = time.monotonic()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status = os.waitpid(pid, 0)
wall = time.monotonic() - started
deadline = time.monotonic() + 15
while time.monotonic() < deadline:
    try:
        if os.waitpid(-1, os.WNOHANG) == (0, 0):
            time.sleep(0.02)
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write("\\nbench-cpu %.3f %.3f all\\nbench-wall %.3f\\n" % (usage.ru_utime, usage.ru_stime, wall))
sys.exit(os.waitstatus_to_exitcode(status))
`;
const BASH_WRAPPER = '"$@"; status=$?; times >&2; exit $status'; // second line of `times`: the children

let python: boolean | undefined;
/** Whether python3 can run the CPU wrapper (checked once). */
function hasPython(): boolean {
  python ??= spawnSync("python3", ["-c", "import ctypes, resource"], { stdio: "ignore" }).status === 0;
  return python;
}

/** How CPU time is counted: every descendant (python3 available) or only those Node waits for. */
export function cpuScope(): "all" | "waited" {
  return hasPython() ? "all" : "waited";
}

/** Builds the site of `cwd` into `outDir` exactly as `npm run build` does (same command, other output folder). */
export function runBuild(cwd: string, outDir: string, env: Record<string, string> = {}): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const command = [TSX, ELEVENTY, "--config=.eleventy.ts", `--output=${outDir}`];
    const [program, args] = hasPython() ? ["python3", ["-c", CPU_WRAPPER_PY, ...command]] : ["bash", ["-c", BASH_WRAPPER, "bash", ...command]];
    const child = spawn(program, args, {
      cwd,
      env: { ...process.env, ...env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const outsideMs = Number(process.hrtime.bigint() - started) / 1e6;
      // eslint-disable-next-line no-control-regex
      const text = output.replace(/\u001b\[[0-9;]*m/g, "");
      if (code !== 0) {
        reject(new Error(`La construction a échoué (code ${code}) dans ${cwd} :\n${text.slice(-3000)}`));
        return;
      }
      const wrote = /(?:Copied (\d+) )?Wrote (\d+) files? (?:\(skipped \d+\) )?in ([\d.]+) seconds?/.exec(text);
      const search = /Pagefind : (\d+) page\(s\) indexée\(s\) en (\d+) ms/.exec(text);
      if (!wrote) {
        reject(new Error(`Ligne « Wrote N files in X seconds » introuvable dans la sortie d'Eleventy :\n${text.slice(-2000)}`));
        return;
      }
      const cpu = /bench-cpu ([\d.]+) ([\d.]+)/.exec(text);
      const times = [...text.matchAll(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/gm)].at(-1);
      const wall = /bench-wall ([\d.]+)/.exec(text);
      const cpuMs = cpu
        ? (Number(cpu[1]) + Number(cpu[2])) * 1000
        : times
          ? (Number(times[1]) * 60 + Number(times[2]) + Number(times[3]) * 60 + Number(times[4])) * 1000
          : Number.NaN;
      resolve({
        cpuMs,
        wallMs: wall ? Number(wall[1]) * 1000 : outsideMs,
        eleventyMs: Number(wrote[3]) * 1000,
        pages: Number(wrote[2]),
        copied: Number(wrote[1] ?? 0),
        pagefindMs: search ? Number(search[2]) : Number.NaN,
        indexed: search ? Number(search[1]) : 0,
      });
    });
  });
}

const SKIPPED_AT_ROOT = new Set([".git", "_site", "src", "test-results", "playwright-report", ".cache", ".datastore"]);

/** Rewrites the navigation keys of a copied page so that each copy is a tutorial of its own in the navigation. */
function renameKeys(source: string, keys: ReadonlySet<string>, suffix: string): string {
  const match = /^---\n([\s\S]*?)\n---/.exec(source);
  if (!match) return source;
  const unquote = (value: string) => value.trim().replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1");
  const frontMatter = match[1]!.replace(/^(\s*)(key|parent):\s*(.+)$/gm, (line, indent: string, field: string, raw: string) => {
    const value = unquote(raw);
    if (field === "parent" && !keys.has(value)) return line; // parent outside the tutorial ("Tutoriels"): unchanged
    return `${indent}${field}: ${JSON.stringify(`${value}${suffix}`)}`;
  });
  return source.replace(match[1]!, () => frontMatter);
}

/** The navigation keys declared by the pages of a folder. */
function keysOf(folder: string): Set<string> {
  const keys = new Set<string>();
  for (const file of fs.readdirSync(folder)) {
    if (!file.endsWith(".md") && !file.endsWith(".njk")) continue;
    const key = /^\s*key:\s*(.+)$/m.exec(fs.readFileSync(path.join(folder, file), "utf8"));
    if (key) keys.add(key[1]!.trim().replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1"));
  }
  return keys;
}

/**
 * A mirror of the project (symbolic links to everything but src/content, which is copied) in which every tutorial
 * folder of src/content/tutoriels/ appears `factor` times: copies get their own URLs and navigation keys, so the
 * site simply has `factor` times as many tutorials (sidebar included). Returns the mirror's root.
 */
export function duplicatedMirror(factor: number): string {
  const mirror = tempDir("mirror");
  for (const entry of fs.readdirSync(ROOT)) {
    if (SKIPPED_AT_ROOT.has(entry)) continue;
    fs.symlinkSync(path.join(ROOT, entry), path.join(mirror, entry));
  }
  fs.mkdirSync(path.join(mirror, "src"));
  for (const entry of fs.readdirSync(path.join(ROOT, "src"))) {
    if (entry === "content") continue;
    fs.symlinkSync(path.join(ROOT, "src", entry), path.join(mirror, "src", entry));
  }
  const content = path.join(mirror, "src", "content");
  fs.cpSync(path.join(ROOT, "src", "content"), content, { recursive: true });
  const tutorials = path.join(content, "tutoriels");
  const folders = fs.readdirSync(tutorials).filter((entry) => fs.statSync(path.join(tutorials, entry)).isDirectory());
  for (const folder of folders) {
    const keys = keysOf(path.join(tutorials, folder));
    for (let copy = 2; copy <= factor; copy += 1) {
      const target = path.join(tutorials, `${folder}-copie-${copy}`);
      fs.mkdirSync(target);
      for (const file of fs.readdirSync(path.join(tutorials, folder))) {
        const source = fs.readFileSync(path.join(tutorials, folder, file), "utf8");
        fs.writeFileSync(path.join(target, file), file.endsWith(".md") || file.endsWith(".njk") ? renameKeys(source, keys, ` (copie ${copy})`) : source);
      }
    }
  }
  return mirror;
}

/** Removes a temporary directory made by this module. */
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

// Helpers of the fault tests: `tsx scripts/datastore.ts` as a child process (as `npm run datastore` starts it),
// writes that record whether they were acknowledged, and small filesystems (tmpfs, ext4 on a loop device).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import type { DatastoreProcess } from "../../../scripts/spawn-datastore.ts";
import { spawnDatastore } from "../../../scripts/spawn-datastore.ts";

/** Token of the spawned servers. */
export const TOKEN = "jeton-des-pannes";
/** Path prefix of the seeded datastore. */
export const DS = `/datastores/${SIMULATED_DATASTORE_ID}`;

/** A server started as a child process. */
export type Child = DatastoreProcess;

/** Starts scripts/datastore.ts on `dir` with the fault tests' token. */
export const spawnServer = (dir: string): Promise<Child> => spawnDatastore(dir, TOKEN);

/** What became of one write. */
export type Outcome = "acknowledged" | "refused" | "unknown";

/** Sends a request with the token; `unknown` when no answer came (connection cut, server killed). */
export async function write(url: string, method: string, body: FormData | unknown): Promise<{ outcome: Outcome; status: number; json: any }> {
  try {
    const form = body instanceof FormData;
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, ...(form ? {} : { "Content-Type": "application/json" }) },
      body: form ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : null;
    return { outcome: response.ok ? "acknowledged" : response.status >= 500 ? "refused" : "unknown", status: response.status, json };
  } catch {
    return { outcome: "unknown", status: 0, json: null };
  }
}

/** GET with the token, parsed JSON. */
export async function read(url: string): Promise<any> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
  if (!response.ok) throw new Error(`GET ${url} → ${response.status} ${await response.text()}`);
  return response.json();
}

/** The names of every upload of the seeded datastore. */
export async function uploadNames(url: string): Promise<Set<string>> {
  const list = (await read(`${url}${DS}/uploads?limit=100000`)) as { name: string }[];
  return new Set(list.map((upload) => upload.name));
}

/** A multipart body with `size` bytes as field `file`. */
export function fileForm(size: number, name: string): FormData {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(size).fill(0x5a)]), name);
  return form;
}

/** Whether this process may mount filesystems (root on Linux). */
export const canMount = process.platform === "linux" && process.getuid?.() === 0;

/** Mounts a tmpfs of `size` at a new folder under `parent`. */
export function mountTmpfs(parent: string, size: string): string {
  const dir = fs.mkdtempSync(path.join(parent, "tmpfs-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  return dir;
}

/** Mounts an ext4 image (created if needed) that remounts itself read-only on error; returns the device name. */
export function mountExt4(image: string, dir: string): string {
  if (!fs.existsSync(image)) {
    fs.writeFileSync(image, "");
    fs.truncateSync(image, 16 * 1024 * 1024);
    execFileSync("mkfs.ext4", ["-q", "-F", image], { stdio: "ignore" });
  }
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("mount", ["-o", "loop,errors=remount-ro", image, dir]);
  return path.basename(execFileSync("findmnt", ["-n", "-o", "SOURCE", dir], { encoding: "utf8" }).trim());
}

/** Makes a mounted ext4 filesystem read-only at once, as after a disk error (open files included). */
export function failExt4(device: string): void {
  fs.writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, "test de panne");
}

/** Whether ext4 on a loop device can be used here (root, mkfs.ext4, the error trigger of the kernel). */
export function ext4Available(): boolean {
  if (!canMount) return false;
  try {
    execFileSync("which", ["mkfs.ext4", "losetup"], { stdio: "ignore" });
    execFileSync("losetup", ["-f"], { stdio: "ignore" });
    return fs.existsSync("/sys/fs/ext4");
  } catch {
    return false;
  }
}

/** Unmounts (lazily if busy), ignoring a folder that is not mounted. */
export function unmount(dir: string): void {
  try {
    execFileSync("umount", [dir], { stdio: "ignore" });
  } catch {
    try {
      execFileSync("umount", ["-l", dir], { stdio: "ignore" });
    } catch {
      // not mounted
    }
  }
}

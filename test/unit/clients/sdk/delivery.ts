// The SDK's `delivery` command (formerly `upload -f`) for one dataset of an upload descriptor, as
// workflow/action/UploadAction.py and io/Dataset.py send it: look the upload up by its uniqueness constraint
// (name), create it, read its status, add the tags and the comments not there yet, push each data file with
// `?path=<data_dir>/<file>` after reading the tree, push the md5 file (generated as `<md5>  <data_dir>/<file>`
// when the dataset has none), close, then poll the checks until none is asked or in progress. A static
// descriptor (`{"static": [...]}`) goes through Static.api_create: the fields as query parameters, the file as
// multipart `file`.
import { createHash } from "node:crypto";
import { reads, readsEach } from "../reads.ts";
import type { Entity, SdkEntities } from "./entities.ts";
import type { UploadedFile } from "./requester.ts";

/** One dataset of an upload descriptor, its data directory already read. */
export interface Dataset {
  /** The `data_dirs` entry: remote directory of the files (`CANTON` → `CANTON/CANTON.shp`). */
  dataDir: string;
  files: UploadedFile[];
  upload_infos: { name: string; description: string; srs: string; type: string };
  comments: string[];
  tags: Record<string, string>;
}

/** Milliseconds between two polls (the SDK waits nb_sec_between_check_updates = 10 s; the server's delays are short). */
export const POLL_MS = 15;
/** Waits `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Longest a replay polls one status before giving up (the SDK would poll forever). */
export const POLL_LIMIT_MS = 20_000;

/** Waits POLL_MS before the next poll of `what`, or throws once `started` is POLL_LIMIT_MS old. */
export async function nextPoll(started: number, what: string): Promise<void> {
  if (Date.now() - started > POLL_LIMIT_MS) throw new Error(`${what} : statut toujours pas final après ${POLL_LIMIT_MS} ms`);
  await sleep(POLL_MS);
}

/** Dataset.__generate_md5_files for a directory: `<data_dir>.md5`, one `<md5>  <data_dir>/<file>` line per file in path order. */
export function md5File(dataset: Dataset): UploadedFile {
  const lines = [...dataset.files]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((file) => `${createHash("md5").update(file.bytes).digest("hex")}  ${dataset.dataDir}/${file.name}\n`);
  return { name: `${dataset.dataDir}.md5`, bytes: Buffer.from(lines.join(""), "utf8") };
}

/** UploadAction.parse_tree: remote path → size, `type` read as file/directory (any case), `children` walked. */
export function parseTree(tree: unknown, prefix = ""): Map<string, number> {
  const files = new Map<string, number>();
  for (const element of readsEach(tree, { name: "string", type: "string" }, "GET …/tree") as Entity[]) {
    const path = prefix === "" ? String(element.name) : `${prefix}/${element.name}`;
    const kind = String(element.type).toLowerCase();
    if (kind === "file") {
      reads(element, { size: "number" }, `arborescence ${path}`);
      files.set(path, Number(element.size));
    } else if (kind === "directory") {
      reads(element, { children: "array" }, `arborescence ${path}`);
      for (const [child, size] of parseTree(element.children, path)) files.set(child, size);
    } else throw new Error(`Type d'élément rencontré dans l'arborescence '${element.type}' non géré (${path})`);
  }
  return files;
}

/** UploadAction.monitor_until_end: GET …/checks until nothing is asked or in progress; true when none failed. */
export async function monitorChecks(sdk: SdkEntities, upload: string): Promise<{ success: boolean; checks: Entity }> {
  const started = Date.now();
  for (;;) {
    const answer = await sdk.http.request("GET", sdk.path("upload", upload, "checks"));
    const checks = answer.body as Entity;
    reads(checks, { asked: "array", in_progress: "array", passed: "array", failed: "array" }, `GET ${answer.target}`);
    if (checks.asked.length === 0 && checks.in_progress.length === 0) return { success: checks.failed.length === 0, checks };
    await nextPoll(started, "vérifications de la livraison");
  }
}

/** UploadAction.run (behavior STOP) then the monitoring of Delivery.upload_from_descriptor_file; returns the upload. */
export async function deliver(sdk: SdkEntities, dataset: Dataset): Promise<{ upload: Entity; success: boolean; checks: Entity }> {
  const existing = await sdk.list("upload", [["name", dataset.upload_infos.name]]);
  if (existing.length > 0) throw new Error(`Impossible de créer la livraison, une livraison identique ${existing[0]?._id} existe déjà.`);
  const created = await sdk.create("upload", dataset.upload_infos);
  reads(created, { name: "string" }, "POST …/uploads");
  const id = created._id as string;
  const current = await sdk.get("upload", id);
  reads(current, { status: "string" }, "GET …/uploads/{upload} (is_open)");
  if (current.status !== "OPEN") throw new Error(`livraison ${id} non ouverte (${current.status})`);
  if (Object.keys(dataset.tags).length > 0) await sdk.addTags("upload", id, dataset.tags);
  await sdk.addComments("upload", id, dataset.comments);
  await pushFiles(sdk, id, dataset.files.map((file) => [file, dataset.dataDir]), "data");
  await pushFiles(sdk, id, [[md5File(dataset), ""]], "md5");
  await sdk.http.request("POST", sdk.path("upload", id, "close"));
  const closed = await sdk.get("upload", id);
  const { success, checks } = await monitorChecks(sdk, id);
  return { upload: closed, success, checks };
}

// UploadAction.__push_files: the tree read once, files of the same remote path and size skipped.
async function pushFiles(sdk: SdkEntities, upload: string, files: [UploadedFile, string][], kind: "data" | "md5"): Promise<void> {
  const tree = await sdk.http.request("GET", sdk.path("upload", upload, "tree"));
  const remote = parseTree(tree.body);
  for (const [file, dir] of files) {
    const remotePath = dir ? `${dir}/${file.name}` : file.name;
    if (remote.get(remotePath) === file.bytes.length) continue;
    if (kind === "data") await sdk.http.request("POST", sdk.path("upload", upload, "data"), { params: [["path", `${dir}/${file.name}`]], file });
    else await sdk.http.request("POST", sdk.path("upload", upload, "md5"), { file });
  }
}

/** One entry of a static descriptor file. */
export interface StaticEntry {
  file: UploadedFile;
  name: string;
  type: string;
  description?: string;
}

/** Delivery.upload_static_from_descriptor_file for one entry: POST …/statics?name&type&description, file `file`. */
export async function uploadStatic(sdk: SdkEntities, entry: StaticEntry): Promise<Entity> {
  const params: [string, string][] = [["name", entry.name], ["type", entry.type]];
  if (entry.description !== undefined) params.push(["description", entry.description]);
  const answer = await sdk.http.request("POST", sdk.path("static"), { params, file: entry.file });
  reads(answer.body, { _id: "string" }, `POST ${answer.target}`);
  return answer.body as Entity;
}

// Content of an upload: files sent with POST …/data?path=, checksum files sent with POST …/md5, the tree.
// Each file's bytes are kept in the blob store (the record holds its key, size, MD5 and analysis).
import { md5Hex } from "../../../shared/md5.ts";
import type { Context } from "../../core/context.ts";
import { badRequest, conflict, notFound } from "../../core/errors.ts";
import { analyseFile, tooLargeToAnalyse } from "./file-analysis.ts";
import type { WrittenBlob } from "../../core/blobs.ts";
import type { JsonObject } from "../../core/json.ts";
import type { Md5Line, UploadFile, UploadRecord } from "./records.ts";
import { assertOpen, findUpload } from "./uploads.ts";

/** Checks a destination path: relative, `/`-separated, without `.`/`..`/empty segments; returns it or throws 400. */
export function validatePath(path: string | null, what = "path"): string {
  if (path === null || path.trim() === "") {
    throw badRequest(`Le paramètre de requête « ${what} » est obligatoire : chemin du fichier dans la livraison, par exemple ?path=data/DEPARTEMENT.shp.`);
  }
  const problems: string[] = [];
  if (path.startsWith("/")) problems.push(`Le chemin « ${path} » doit être relatif à la racine de la livraison (sans « / » initial).`);
  if (path.includes("\\")) problems.push(`Le chemin « ${path} » doit utiliser « / » comme séparateur, pas « \\ ».`);
  const segments = path.replace(/^\/+/, "").split("/");
  if (segments.some((segment) => segment === ".." || segment === ".")) problems.push(`Le chemin « ${path} » ne doit pas contenir de segment « . » ou « .. ».`);
  else if (segments.some((segment) => segment === "")) problems.push(`Le chemin « ${path} » contient un segment vide (« // » ou « / » final).`);
  if (/[\u0000-\u001f]/.test(path)) problems.push(`Le chemin « ${path} » contient des caractères de contrôle.`);
  if (problems.length > 0) throw badRequest(...problems);
  return path;
}

// A file may not take the place of a directory, nor sit under a path that is a file.
function assertNoTypeClash(upload: UploadRecord, path: string): void {
  for (const file of upload.files) {
    if (file.path.startsWith(`${path}/`)) throw conflict(`« ${path} » est déjà un répertoire de la livraison (il contient ${file.path}).`);
    if (path.startsWith(`${file.path}/`)) throw conflict(`« ${file.path} » est déjà un fichier de la livraison : il ne peut pas contenir ${path}.`);
  }
}

function storeFile(ctx: Context, upload: UploadRecord, file: UploadFile): void {
  assertNoTypeClash(upload, file.path);
  const index = upload.files.findIndex((existing) => existing.path === file.path);
  if (index >= 0) upload.files[index] = file;
  else upload.files.push(file);
  upload.update = ctx.now;
}

/** A received file: its stored content, and its bytes when the upload's type needs them analysed. */
export interface ReceivedFile {
  blob: WrittenBlob;
  bytes?: Uint8Array;
}

/** POST …/uploads/{upload}/data?path=…: stores the file (blob, size, MD5, analysis) at that path, replacing a previous one. */
export function putFile(ctx: Context, datastore: string, id: string, path: string | null, received: ReceivedFile): void {
  const upload = findUpload(ctx, datastore, id);
  const valid = validatePath(path);
  assertOpen(upload);
  const file: UploadFile = { path: valid, size: received.blob.size, md5: received.blob.md5, kind: "data", blob: received.blob.key };
  const analysis = received.bytes ? analyseFile(valid, received.bytes, upload.type) : tooLargeToAnalyse(valid, received.blob.size, upload.type);
  if (analysis) file.analysis = analysis;
  storeFile(ctx, upload, file);
}

/** Parses md5sum lines `<32 hex><two spaces or space-star><path>`; malformed lines → 400 naming them. */
export function parseMd5File(text: string, fileName: string): Md5Line[] {
  const lines: Md5Line[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const match = /^([0-9a-fA-F]{32}) [ *]?(\S.*)$/.exec(raw.replace(/^\uFEFF/, ""));
    if (!match) {
      problems.push(`${fileName}, ligne ${index + 1} : « ${raw.slice(0, 80)} » n'est pas au format md5sum « <32 caractères hexadécimaux><2 espaces><chemin> ».`);
      return;
    }
    const path = match[2]!.trim().replace(/^\.\//, "");
    try {
      validatePath(path, "chemin");
    } catch {
      problems.push(`${fileName}, ligne ${index + 1} : le chemin « ${path} » doit être relatif à la racine de la livraison, sans « .. ».`);
      return;
    }
    lines.push({ md5: match[1]!.toLowerCase(), path });
  });
  if (problems.length > 0) throw badRequest(...problems);
  if (lines.length === 0) throw badRequest(`Le fichier ${fileName} ne contient aucune ligne de signature MD5.`);
  return lines;
}

/** POST …/uploads/{upload}/md5: stores a checksum file at the root of the upload and remembers its lines. */
export function putMd5File(ctx: Context, datastore: string, id: string, fileName: string, received: ReceivedFile & { bytes: Uint8Array }): void {
  const bytes = received.bytes;
  const upload = findUpload(ctx, datastore, id);
  const name = fileName.slice(fileName.lastIndexOf("/") + 1).trim() || "checksums.md5";
  validatePath(name, "nom du fichier");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest(`Le fichier ${name} n'est pas un fichier texte UTF-8 : un fichier .md5 contient des lignes « <md5>  <chemin> ».`);
  }
  const lines = parseMd5File(text, name);
  assertOpen(upload);
  storeFile(ctx, upload, { path: name, size: bytes.length, md5: md5Hex(bytes), kind: "md5", lines, blob: received.blob.key });
}

/** DELETE …/uploads/{upload}/data?path=…: removes a file, or every file under a directory. */
export function deleteFile(ctx: Context, datastore: string, id: string, path: string | null): void {
  const upload = findUpload(ctx, datastore, id);
  const valid = validatePath(path);
  assertOpen(upload);
  const kept = upload.files.filter((file) => file.path !== valid && !file.path.startsWith(`${valid}/`));
  if (kept.length === upload.files.length) throw notFound(`Aucun fichier ni répertoire « ${valid} » dans la livraison ${upload._id}.`);
  upload.files = kept;
  upload.update = ctx.now;
}

interface Dir {
  dirs: Map<string, Dir>;
  files: { name: string; size: number }[];
}

function sizeOf(dir: Dir): number {
  let total = dir.files.reduce((sum, file) => sum + file.size, 0);
  for (const child of dir.dirs.values()) total += sizeOf(child);
  return total;
}

function render(dir: Dir): JsonObject[] {
  const entries: JsonObject[] = [];
  for (const [name, child] of dir.dirs) entries.push({ type: "DIRECTORY", name, size: sizeOf(child), children: render(child) });
  for (const file of dir.files) entries.push({ type: "FILE", name: file.name, size: file.size });
  return entries.sort((a, b) => String(a.name).localeCompare(String(b.name), "en"));
}

/** GET …/uploads/{upload}/tree: directories (with the total size of their content) and files. */
export function uploadTree(upload: UploadRecord): JsonObject[] {
  const root: Dir = { dirs: new Map(), files: [] };
  for (const file of upload.files) {
    const segments = file.path.split("/");
    let dir = root;
    for (const segment of segments.slice(0, -1)) {
      let child = dir.dirs.get(segment);
      if (!child) dir.dirs.set(segment, (child = { dirs: new Map(), files: [] }));
      dir = child;
    }
    dir.files.push({ name: segments[segments.length - 1]!, size: file.size });
  }
  return render(root);
}

// Upload blocks: one request per file (multipart, or the file as the whole body of a PUT): the samples, the files
// produced in the page, or the reader's own files.
import type { BlockSpec } from "../shared/block-contract.ts";
import { fileUrl } from "./block/request.ts";
import { generatedFile } from "./generated-files.ts";
import { send, type Outcome } from "./runner.ts";
import type { Target } from "./transport.ts";

/** A file to send: its name and how to get its bytes. */
export interface FileSource {
  name: string;
  /** A file produced in the page (generated-files.ts). */
  page?: boolean;
  load: () => Promise<Blob>;
}

/** The files of a block: the reader's own, or the samples fetched from the site, or the files produced in the page. */
export function fileSources(spec: BlockSpec, own: File[] | null): FileSource[] {
  if (own) return own.map((file) => ({ name: file.name, load: async () => file }));
  return (spec.files ?? []).map((file) => ({
    name: file.name,
    ...(file.source === "page" ? { page: true } : {}),
    load: async () => {
      if (file.source === "page") {
        const produced = generatedFile(file.name);
        if (!produced) throw new Error(`le fichier « ${file.name} » n'a pas encore été produit dans la page`);
        return produced.blob;
      }
      const response = await fetch(file.href);
      if (!response.ok) throw new Error(`${file.href} : HTTP ${response.status}`);
      return response.blob();
    },
  }));
}

/** The files produced in the page that the block sends and that are not there yet (none when the reader chose files). */
export function missingPageFiles(spec: BlockSpec, own: File[] | null): string[] {
  if (own) return [];
  return (spec.files ?? []).filter((file) => file.source === "page" && !generatedFile(file.name)).map((file) => file.name);
}

/** Everything sendFiles needs besides the files. */
export interface UploadContext {
  spec: BlockSpec;
  /** The prepared URL (variables filled in once, src/runtime/block/request.ts); `{fichier}` is filled per file. */
  url: string;
  fields: { name: string; value: string }[];
  /** The block's headers, substituted. */
  headers?: { name: string; value: string }[];
  target: (url: string) => Target;
  signal: AbortSignal;
  /** Called before each file (1-based index) and after each answer. */
  onFile: (index: number, total: number, name: string, url: string) => void;
  onOutcome: (outcome: Outcome) => void;
}

/** Sends the files one by one; stops at the first network failure. Returns one outcome summarising them. */
export async function sendFiles(files: FileSource[], context: UploadContext): Promise<Outcome> {
  const lines: string[] = [];
  let worst: Outcome | undefined;
  let last: Outcome | undefined;
  let totalMs = 0;
  for (const [index, file] of files.entries()) {
    const url = fileUrl(context.url, file.name);
    context.onFile(index + 1, files.length, file.name, url);
    let outcome: Outcome;
    try {
      const raw = context.spec.fileBody === "raw";
      outcome = await send({
        method: context.spec.method, target: context.target(url), file: await file.load(), fileName: file.name,
        fields: raw ? undefined : context.fields, rawFile: raw, headers: context.headers,
      }, context.signal);
    } catch (error) {
      outcome = { status: "error", ms: 0, text: (error as Error).message, failure: "network" };
    }
    context.onOutcome(outcome);
    totalMs += outcome.ms;
    lines.push(`${file.name} → ${outcome.status === "error" ? "erreur réseau" : `HTTP ${outcome.status}`}${outcome.text ? `\n${outcome.text}` : ""}`);
    last = outcome;
    if (outcome.status === "error" || outcome.status >= 400) worst ??= outcome;
    if (outcome.status === "error") break;
  }
  if (!last) return { status: "error", ms: 0, text: "aucun fichier", failure: "network" };
  if (files.length === 1) return last;
  const chosen = worst ?? last;
  return { status: chosen.status, ms: totalMs, text: lines.join("\n\n"), failure: chosen.failure };
}

// Upload blocks: one multipart request per file (the samples, or the reader's own files).
import { FILE_PLACEHOLDER, type BlockSpec } from "../shared/block-contract.ts";
import { substituteUrl } from "../shared/variables.ts";
import { send, type Outcome } from "./runner.ts";
import type { Target } from "./transport.ts";

/** A file to send: its name and how to get its bytes. */
export interface FileSource {
  name: string;
  load: () => Promise<Blob>;
}

/** The files of a block: the reader's own, or the samples fetched from the site. */
export function fileSources(spec: BlockSpec, own: File[] | null): FileSource[] {
  if (own) return own.map((file) => ({ name: file.name, load: async () => file }));
  return (spec.files ?? []).map((file) => ({
    name: file.name,
    load: async () => {
      const response = await fetch(file.href);
      if (!response.ok) throw new Error(`${file.href} : HTTP ${response.status}`);
      return response.blob();
    },
  }));
}

/** Everything sendFiles needs besides the files. */
export interface UploadContext {
  spec: BlockSpec;
  values: Record<string, string>;
  fields: { name: string; value: string }[];
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
    const url = substituteUrl(context.spec.url, { ...context.values, [FILE_PLACEHOLDER]: file.name }).text;
    context.onFile(index + 1, files.length, file.name, url);
    let outcome: Outcome;
    try {
      outcome = await send({ method: context.spec.method, target: context.target(url), file: await file.load(), fileName: file.name, fields: context.fields }, context.signal);
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

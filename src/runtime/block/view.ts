// What a block shows besides its Alpine bindings: the answer's text, the example folded once a real answer is there,
// the state of the files produced in the page, and the fields the reader edited. DOM only, no request logic.
import type { BlockSpec } from "../../shared/block-contract.ts";
import { finalLabel } from "../../shared/poll.ts";
import { BLOCK_STRINGS, STRINGS } from "../../shared/strings.ts";
import { generatedFile } from "../generated-files.ts";
import { highlightAnswer } from "../highlight-answer.ts";
import type { Field } from "./request.ts";

/** Longest response text shown in the page. */
export const MAX_DISPLAY = 200_000;

/** The full text of each block's last response, by block element (not reactive: it may weigh megabytes). */
const fullResponses = new WeakMap<HTMLElement, string>();

/** The language to highlight an answer in, from its text (JSON already pretty-printed by the runner, or XML). */
const answerLang = (text: string): "json" | "xml" | "text" => (/^\s*[[{]/.test(text) ? "json" : /^\s*</.test(text) ? "xml" : "text");

/**
 * Shows a response text, highlighted like the examples (truncated past MAX_DISPLAY, kept whole for the download);
 * returns the truncation label.
 */
export function showResponseText(root: HTMLElement, text: string): string {
  fullResponses.set(root, text);
  const code = root.querySelector<HTMLElement>(".api-block__response code");
  const shown = text.length > MAX_DISPLAY ? `${text.slice(0, MAX_DISPLAY)}\n…` : text;
  if (code) highlightAnswer(code, shown, answerLang(shown));
  return text.length > MAX_DISPLAY ? STRINGS.truncated(STRINGS.size(MAX_DISPLAY), STRINGS.size(text.length)) : "";
}

/** The text shown for the last response (truncated), for the stored result. */
export const shownResponse = (root: HTMLElement): string => root.querySelector(".api-block__response code")?.textContent ?? "";

/** Saves the whole last response of a block as a file. */
export function downloadResponse(root: HTMLElement): void {
  const text = fullResponses.get(root);
  if (text === undefined) return;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  link.download = `reponse-${root.id}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Folds the example response under a real answer (the reader can open it again). */
export function foldExample(root: HTMLElement): void {
  const example = root.querySelector<HTMLDetailsElement>("details.api-block__example");
  if (example) example.open = false;
}

/** The fields of one kind (form, header, urlencoded) as the reader left them in the block's inputs. */
export function inputFields(root: HTMLElement, kind: "form" | "header" | "urlencoded"): Field[] {
  const key = `${kind}Field`;
  return [...root.querySelectorAll<HTMLInputElement>(`input[data-${kind}-field]`)].map((input) => ({ name: input.dataset[key]!, value: input.value }));
}

const formatSize = (bytes: number) => (bytes < 1024 ? `${bytes} o` : `${(bytes / 1024).toFixed(1).replace(".", ",")} Kio`);

/** Writes the state of each file produced in the page into the block's file list (waiting, or ready with its size). */
export function showPageFiles(root: HTMLElement): void {
  for (const item of root.querySelectorAll<HTMLElement>("li[data-page-file]")) {
    const file = generatedFile(item.dataset["pageFile"]!);
    const state = item.querySelector(".api-block__file-state");
    if (state) state.textContent = file ? STRINGS.pageFileReady(formatSize(file.blob.size)) : STRINGS.pageFileWaiting;
    item.classList.toggle("is-ready", file !== undefined);
  }
}

/** The JSON of a restored response text, if it is JSON. */
export function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The final status of an asynchronous resource's answer, for the block header: its text and class, or empty. */
export function finalStatus(spec: BlockSpec, json: unknown): [text: string, className: string] {
  const final = finalLabel(spec.method, spec.url, json);
  return final ? [BLOCK_STRINGS.finalStatus(final.label), `is-${final.outcome ?? "neutral"}`] : ["", ""];
}

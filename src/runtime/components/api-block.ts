// Alpine component "apiBlock": runs one request block. Its markup (bindings named below) is written by
// src/build/markdown/api-block-html.ts; the spec it reads is the JSON of src/shared/block-contract.ts.
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";
import { BLOCK_ATTR, FILE_PLACEHOLDER, type BlockSpec } from "../../shared/block-contract.ts";
import { pollRuleFor } from "../../shared/poll.ts";
import { STRINGS } from "../../shared/strings.ts";
import { applyCaptures, substitute } from "../../shared/variables.ts";
import { pause, send, type OutgoingRequest, type Outcome } from "../runner.ts";
import { loadResult, saveResult } from "../state/results.ts";
import { setVariables, valuesOf, type VariablesState } from "../state/variables.ts";

/** Delay between two reads of an asynchronous status, and how many reads before giving up. */
const POLL_INTERVAL_MS = 1000;
const POLL_MAX_ATTEMPTS = 600;
/** Longest response text shown in the page (the rest can be downloaded). */
const MAX_DISPLAY = 200_000;

const jsonEscape = (value: string) => JSON.stringify(value).slice(1, -1);

/** The title of the step a block belongs to: the nearest heading before it. */
function stepTitle(root: HTMLElement): string {
  let node: Element | null = root;
  while (node) {
    let sibling: Element | null = node.previousElementSibling;
    while (sibling) {
      if (/^H[2-4]$/.test(sibling.tagName)) return sibling.textContent?.trim() ?? "";
      sibling = sibling.previousElementSibling;
    }
    node = node.parentElement;
    if (node?.tagName === "ARTICLE") break;
  }
  return document.title;
}

/** State and methods of one block; the markup binds to these names. */
interface ApiBlock {
  spec: BlockSpec;
  root: HTMLElement;
  body: string;
  running: boolean;
  waitFinal: boolean;
  bodyError: string;
  missingMessage: string;
  statusLine: string;
  hasResult: boolean;
  status: number | "error";
  ms: number;
  responseText: string;
  sentUrl: string;
  captured: Record<string, string>;
  restored: boolean;
  ownFiles: File[] | null;
  controller: AbortController;
  readonly bodyEdited: boolean;
  readonly statusText: string;
  readonly statusClass: string;
  readonly durationText: string;
  readonly capturedText: string;
  readonly ownFilesLabel: string;
  init(): void;
  resetBody(): void;
  pickFiles(event: Event): void;
  useSamples(): void;
  stop(): void;
  run(): Promise<void>;
  sendOnce(request: OutgoingRequest): Promise<Outcome>;
  sendFiles(values: Record<string, string>, fields: { name: string; value: string }[]): Promise<Outcome>;
  formFields(): { name: string; value: string }[];
  show(outcome: Outcome): void;
  capture(outcome: Outcome): void;
  finish(outcome: Outcome): void;
}

/** Registers the component; every block shares the variables state. */
export function registerApiBlock(Alpine: AlpineGlobal, variables: VariablesState): void {
  Alpine.data("apiBlock", (): ApiBlock & ThisType<ApiBlock & AlpineMagics> => ({
    spec: undefined as unknown as BlockSpec,
    root: undefined as unknown as HTMLElement,
    body: "",
    running: false,
    waitFinal: true,
    bodyError: "",
    missingMessage: "",
    statusLine: "",
    hasResult: false,
    status: 0,
    ms: 0,
    responseText: "",
    sentUrl: "",
    captured: {},
    restored: false,
    ownFiles: null,
    controller: new AbortController(),

    init() {
      this.root = this.$el;
      const script = this.root.querySelector(`script[${BLOCK_ATTR.spec}]`);
      this.spec = JSON.parse(script?.textContent ?? "{}") as BlockSpec;
      this.body = this.spec.body ?? "";
      const previous = loadResult(this.spec.id);
      if (previous) {
        Object.assign(this, { status: previous.status, ms: previous.ms, responseText: previous.text, sentUrl: previous.url, captured: previous.captured });
        this.hasResult = true;
        this.restored = true;
        this.root.setAttribute(BLOCK_ATTR.status, String(previous.status));
      }
    },

    get bodyEdited(): boolean {
      return this.spec !== undefined && this.body !== (this.spec.body ?? "");
    },
    get statusText(): string {
      return this.status === "error" ? "Erreur réseau" : `HTTP ${this.status}`;
    },
    get statusClass(): string {
      if (this.status === "error" || this.status >= 500) return "is-error";
      return this.status >= 400 ? "is-warning" : "is-success";
    },
    get durationText(): string {
      return STRINGS.duration(this.ms);
    },
    get capturedText(): string {
      return Object.entries(this.captured).map(([name, value]) => `{${name}} = ${value}`).join("\n");
    },
    get ownFilesLabel(): string {
      return this.ownFiles ? STRINGS.ownFiles(this.ownFiles.length) : "";
    },

    resetBody() {
      this.body = this.spec.body ?? "";
      this.bodyError = "";
    },
    pickFiles(event: Event) {
      const input = event.target as HTMLInputElement;
      this.ownFiles = input.files && input.files.length > 0 ? [...input.files] : null;
    },
    useSamples() {
      this.ownFiles = null;
      const input = this.root.querySelector('input[type="file"]') as HTMLInputElement | null;
      if (input) input.value = "";
    },
    stop() {
      this.controller?.abort();
    },

    /** Prepares the request(s), refusing to send when the body is invalid or a variable is unfilled. */
    async run() {
      if (this.running) return;
      this.root.removeAttribute(BLOCK_ATTR.status);
      this.bodyError = "";
      this.missingMessage = "";
      const values = valuesOf(variables);
      if (this.spec.body !== undefined && this.body.trim() !== "") {
        try {
          JSON.parse(this.body);
        } catch (error) {
          this.bodyError = STRINGS.bodyInvalid((error as Error).message);
          this.statusLine = this.bodyError;
          return;
        }
      }
      const url = substitute(this.spec.url, { ...values, [FILE_PLACEHOLDER]: "x" }, encodeURIComponent);
      const body = substitute(this.body, values, jsonEscape);
      const fields = this.formFields().map((field) => ({ name: field.name, ...substitute(field.value, values) }));
      const missing = [...new Set([...url.missing, ...body.missing, ...fields.flatMap((field) => field.missing)])];
      if (missing.length > 0) {
        this.missingMessage = STRINGS.missing(missing);
        this.statusLine = this.missingMessage;
        return;
      }
      this.running = true;
      this.restored = false;
      this.captured = {};
      this.controller = new AbortController();
      try {
        const form = fields.map((field) => ({ name: field.name, value: field.text }));
        const outcome = this.spec.files ? await this.sendFiles(values, form) : await this.sendOnce({ method: this.spec.method, url: url.text, body: body.text });
        this.finish(outcome);
      } finally {
        this.running = false;
      }
    },

    /** Sends once, then keeps reading while the status is not final (when the reader asked to wait). */
    async sendOnce(request: OutgoingRequest): Promise<Outcome> {
      const progress = pollRuleFor(this.spec.method, this.spec.url);
      this.sentUrl = request.url;
      for (let attempt = 1; ; attempt += 1) {
        this.statusLine = STRINGS.sending;
        const outcome = await send(request, this.controller.signal);
        this.show(outcome);
        if (!progress || !this.waitFinal || outcome.status !== 200) return outcome;
        const state = progress(outcome.json);
        if (state.final) return outcome;
        if (attempt >= POLL_MAX_ATTEMPTS) {
          this.statusLine = STRINGS.pollTimeout;
          return outcome;
        }
        this.statusLine = STRINGS.polling(attempt, state.label);
        await pause(POLL_INTERVAL_MS, this.controller.signal);
        if (this.controller.signal.aborted) {
          this.statusLine = STRINGS.pollStopped;
          return outcome;
        }
      }
    },

    /** Upload blocks: one multipart request per file (the samples, or the reader's own files). */
    /** The multipart fields as the reader left them in the block's inputs. */
    formFields() {
      return [...this.root.querySelectorAll<HTMLInputElement>("input[data-form-field]")].map((input) => ({
        name: input.dataset["formField"]!,
        value: input.value,
      }));
    },

    async sendFiles(values: Record<string, string>, fields: { name: string; value: string }[]): Promise<Outcome> {
      const files: { name: string; load: () => Promise<Blob> }[] = this.ownFiles
        ? this.ownFiles.map((file) => ({ name: file.name, load: async () => file }))
        : (this.spec.files ?? []).map((file) => ({
            name: file.name,
            load: async () => (await fetch(file.href)).blob(),
          }));
      const lines: string[] = [];
      let worst: Outcome | undefined;
      let last: Outcome | undefined;
      let totalMs = 0;
      for (const [index, file] of files.entries()) {
        this.statusLine = STRINGS.sendingFile(index + 1, files.length, file.name);
        const url = substitute(this.spec.url, { ...values, [FILE_PLACEHOLDER]: file.name }, encodeURIComponent).text;
        this.sentUrl = url;
        const outcome = await send({ method: this.spec.method, url, file: await file.load(), fileName: file.name, fields }, this.controller.signal);
        totalMs += outcome.ms;
        this.capture(outcome);
        lines.push(`${file.name} → ${outcome.status === "error" ? "erreur réseau" : `HTTP ${outcome.status}`}${outcome.text ? `\n${outcome.text}` : ""}`);
        last = outcome;
        if (outcome.status === "error" || outcome.status >= 400) worst ??= outcome;
        if (outcome.status === "error") break;
      }
      if (files.length === 1) return last!;
      const chosen = worst ?? last!;
      return { status: chosen.status, ms: totalMs, text: lines.join("\n\n") };
    },

    show(outcome: Outcome) {
      this.status = outcome.status;
      this.ms = outcome.ms;
      const text = outcome.status === "error" ? STRINGS.networkError(outcome.text) : outcome.text || STRINGS.noResponseBody;
      this.responseText = text.length > MAX_DISPLAY ? `${text.slice(0, MAX_DISPLAY)}\n…` : text;
      this.hasResult = true;
      this.capture(outcome);
    },

    /** Fills the variables this response provides (only from a successful JSON answer). */
    capture(outcome: Outcome) {
      if (typeof outcome.status !== "number" || outcome.status >= 300 || outcome.json === undefined) return;
      const found = applyCaptures(this.spec.captures, outcome.json);
      if (Object.keys(found).length === 0) return;
      setVariables(variables, found, stepTitle(this.root));
      this.captured = { ...this.captured, ...found };
    },

    finish(outcome: Outcome) {
      if (this.spec.files) this.show(outcome);
      if (!this.statusLine.startsWith(STRINGS.pollTimeout) && this.statusLine !== STRINGS.pollStopped) {
        this.statusLine = outcome.status === "error" ? STRINGS.networkError(outcome.text) : STRINGS.done(outcome.status as number, outcome.ms);
      }
      saveResult(this.spec.id, { status: outcome.status, ms: outcome.ms, text: this.responseText, url: this.sentUrl, captured: this.captured });
      this.root.setAttribute(BLOCK_ATTR.status, String(outcome.status));
    },
  }));
}

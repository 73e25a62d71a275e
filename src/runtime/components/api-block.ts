// Alpine component "apiBlock": runs one request block. Its markup (bindings named below) is written by
// src/build/markdown/api-block-html.ts; the spec it reads is the JSON of src/shared/block-contract.ts.
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";
import { BLOCK_ATTR, FILE_PLACEHOLDER, type BlockSpec } from "../../shared/block-contract.ts";
import { pollRuleFor } from "../../shared/poll.ts";
import { STRINGS } from "../../shared/strings.ts";
import { applyCaptures, substitute, substituteUrl } from "../../shared/variables.ts";
import { diagnose } from "../diagnosis.ts";
import { showMapOffer } from "../map/button.ts";
import { providersFor, type Provider } from "../providers.ts";
import { pause, send, type Outcome } from "../runner.ts";
import { snippetOf } from "../snippet.ts";
import { loadResult, saveResult } from "../state/results.ts";
import type { Session } from "../state/session.ts";
import { setVariables, valuesOf, type VariablesState } from "../state/variables.ts";
import { isDestructive, targetOf, type Target } from "../transport.ts";
import { fileSources, missingPageFiles, sendFiles } from "../uploads.ts";
import { GENERATED_FILE_EVENT, generatedFile } from "../generated-files.ts";
import { showBinaryAnswer } from "../binary-answer.ts";

/** Delay between two reads of an asynchronous status (simulated, real), and how many reads before giving up. */
const POLL_INTERVAL_MS = { simule: 1000, reel: 3000 };
const POLL_MAX_ATTEMPTS = 400;
/** Longest response text shown in the page. */
const MAX_DISPLAY = 200_000;

const jsonEscape = (value: string) => JSON.stringify(value).slice(1, -1);

/** The full text of each block's last response, by block element (not reactive: it may weigh megabytes). */
const fullResponses = new WeakMap<HTMLElement, string>();

/** The JSON of a restored response text, if it is JSON. */
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The title of the step a block belongs to: the nearest heading before it. */
function stepTitle(root: HTMLElement): string {
  let node: Element | null = root;
  while (node && node.tagName !== "ARTICLE") {
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      if (/^H[2-4]$/.test(sibling.tagName)) return sibling.textContent?.trim() ?? "";
    }
    node = node.parentElement;
  }
  return document.title;
}

/** A request prepared from the block and the variables, before the mode is applied. */
interface Prepared {
  url: string;
  body: string;
  fields: { name: string; value: string }[];
  headers: { name: string; value: string }[];
  urlencoded?: { name: string; value: string }[];
}

type Field = { name: string; value: string };

/** The fields of one kind (form, header, urlencoded) as the reader left them in the block's inputs. */
function inputFields(root: HTMLElement, kind: "form" | "header" | "urlencoded"): Field[] {
  const key = `${kind}Field`;
  return [...root.querySelectorAll<HTMLInputElement>(`input[data-${kind}-field]`)].map((input) => ({ name: input.dataset[key]!, value: input.value }));
}

/** Writes the state of each file produced in the page into the block's file list (waiting, or ready with its size). */
function showPageFiles(root: HTMLElement): void {
  for (const item of root.querySelectorAll<HTMLElement>("li[data-page-file]")) {
    const file = generatedFile(item.dataset["pageFile"]!);
    const state = item.querySelector(".api-block__file-state");
    if (state) state.textContent = file ? STRINGS.pageFileReady(formatSize(file.blob.size)) : STRINGS.pageFileWaiting;
    item.classList.toggle("is-ready", file !== undefined);
  }
}

const formatSize = (bytes: number) => (bytes < 1024 ? `${bytes} o` : `${(bytes / 1024).toFixed(1).replace(".", ",")} Kio`);

/** State and methods of one block; the markup binds to these names. */
interface ApiBlock {
  spec: BlockSpec;
  root: HTMLElement;
  body: string;
  running: boolean;
  waitFinal: boolean;
  bodyError: string;
  missingMessage: string;
  missingSources: Provider[];
  statusLine: string;
  hasResult: boolean;
  status: number | "error";
  ms: number;
  responseText: string;
  sentUrl: string;
  captured: Record<string, string>;
  restored: boolean;
  ownFiles: File[] | null;
  diagnosisTitle: string;
  diagnosisText: string;
  offerRenew: boolean;
  copyMessage: string;
  truncatedLabel: string;
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
  renewToken(): void;
  copyCurl(): Promise<void>;
  copyPython(): Promise<void>;
  downloadResponse(): void;
  copy(kind: "curl" | "python"): Promise<void>;
  prepare(): Prepared | undefined;
  target(url: string): Target;
  run(): Promise<void>;
  sendUntilFinal(prepared: Prepared): Promise<Outcome>;
  formFields(): { name: string; value: string }[];
  show(outcome: Outcome): void;
  capture(outcome: Outcome): void;
  finish(outcome: Outcome, target: Target): void;
}

/** Registers the component; every block shares the variables and the session. */
export function registerApiBlock(Alpine: AlpineGlobal, variables: VariablesState, session: Session): void {
  Alpine.data("apiBlock", (): ApiBlock & ThisType<ApiBlock & AlpineMagics> => ({
    spec: undefined as unknown as BlockSpec,
    root: undefined as unknown as HTMLElement,
    body: "",
    running: false,
    waitFinal: true,
    bodyError: "",
    missingMessage: "",
    missingSources: [],
    statusLine: "",
    hasResult: false,
    status: 0,
    ms: 0,
    responseText: "",
    sentUrl: "",
    captured: {},
    restored: false,
    ownFiles: null,
    diagnosisTitle: "",
    diagnosisText: "",
    offerRenew: false,
    copyMessage: "",
    truncatedLabel: "",
    controller: new AbortController(),

    init() {
      this.root = this.$el;
      const script = this.root.querySelector(`script[${BLOCK_ATTR.spec}]`);
      this.spec = JSON.parse(script?.textContent ?? "{}") as BlockSpec;
      this.body = this.spec.body ?? "";
      if (this.spec.files?.some((file) => file.source === "page")) {
        showPageFiles(this.root);
        document.addEventListener(GENERATED_FILE_EVENT, () => showPageFiles(this.root));
      }
      const previous = loadResult(variables.profile, this.spec.id);
      if (previous) {
        Object.assign(this, { status: previous.status, ms: previous.ms, responseText: previous.text, sentUrl: previous.url, captured: previous.captured });
        this.hasResult = true;
        this.restored = true;
        this.root.setAttribute(BLOCK_ATTR.status, String(previous.status));
        showMapOffer(this.root, parseOrUndefined(previous.text), () => session.settings.mode);
      }
    },

    get bodyEdited() {
      return this.spec !== undefined && this.body !== (this.spec.body ?? "");
    },
    get statusText() {
      return this.status === "error" ? STRINGS.noResponse : `HTTP ${this.status}`;
    },
    get statusClass() {
      if (this.status === "error" || this.status >= 500) return "is-error";
      return this.status >= 400 ? "is-warning" : "is-success";
    },
    get durationText() {
      return STRINGS.duration(this.ms);
    },
    get capturedText() {
      return Object.entries(this.captured).map(([name, value]) => `{${name}} = ${value}`).join("\n");
    },
    get ownFilesLabel() {
      return this.ownFiles ? STRINGS.ownFiles(this.ownFiles.length) : "";
    },

    resetBody() {
      this.body = this.spec.body ?? "";
      this.bodyError = "";
    },
    pickFiles(event) {
      const input = event.target as HTMLInputElement;
      this.ownFiles = input.files && input.files.length > 0 ? [...input.files] : null;
    },
    useSamples() {
      this.ownFiles = null;
      const input = this.root.querySelector<HTMLInputElement>('input[type="file"]');
      if (input) input.value = "";
    },
    stop() {
      this.controller.abort();
    },
    renewToken() {
      document.dispatchEvent(new CustomEvent("settings:open", { detail: { focus: "token" } }));
    },
    /** Saves the whole last response (the page shows only its beginning when it is long). */
    downloadResponse() {
      const text = fullResponses.get(this.root);
      if (text === undefined) return;
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      link.download = `reponse-${this.root.id}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    },
    copyCurl() {
      return this.copy("curl");
    },
    copyPython() {
      return this.copy("python");
    },
    /** Copies the request with the current variables filled in (token masked unless the reader asked for it). */
    async copy(kind) {
      const prepared = this.prepare();
      if (!prepared) return;
      const target = this.target(prepared.url);
      const text = snippetOf(kind, {
        method: this.spec.method,
        url: target.url,
        body: prepared.body,
        files: this.spec.files ? fileSources(this.spec, this.ownFiles).map((file) => ({ name: file.name })) : undefined,
        fields: prepared.fields,
        token: target.real ? session.token?.value : undefined,
        revealToken: session.settings.revealToken,
      });
      try {
        await navigator.clipboard.writeText(text);
        this.copyMessage = STRINGS.copied(kind);
      } catch {
        this.copyMessage = STRINGS.copyFailed;
      }
    },

    /** Substitutes the variables; refuses (with a message) an invalid body or an unfilled variable. */
    prepare() {
      this.bodyError = "";
      this.missingMessage = "";
      if (this.spec.body !== undefined && this.body.trim() !== "") {
        try {
          JSON.parse(this.body);
        } catch (error) {
          this.bodyError = STRINGS.bodyInvalid((error as Error).message);
          // The alert says why; the status line only says the outcome (no double announcement).
          this.statusLine = STRINGS.notSent;
          return undefined;
        }
      }
      const values = valuesOf(variables);
      // `{fichier}` stays in the URL: upload blocks fill it per file (uploads.ts), snippets too.
      const url = substituteUrl(this.spec.url, values);
      const body = substitute(this.body, values, jsonEscape);
      const fill = (list: Field[]) => list.map((field) => ({ name: field.name, ...substitute(field.value, values) }));
      const fields = fill(this.formFields());
      const headers = fill(inputFields(this.root, "header"));
      const urlencoded = this.spec.urlencoded ? fill(inputFields(this.root, "urlencoded")) : undefined;
      const missing = [...new Set([...url.missing, ...body.missing, ...[...fields, ...headers, ...(urlencoded ?? [])].flatMap((field) => field.missing)])]
        .filter((name) => name !== FILE_PLACEHOLDER);
      if (missing.length > 0) {
        this.missingMessage = STRINGS.missing(missing);
        this.statusLine = STRINGS.notSent;
        this.missingSources = [];
        void providersFor(missing, window.location.pathname).then((sources) => {
          this.missingSources = sources;
        });
        return undefined;
      }
      // Browsers read %2E%2E as "..": the request would reach another resource (DELETE …/stored_data/.. → the datastore).
      if (url.dotSegments.length > 0) {
        this.missingMessage = STRINGS.dotSegments(url.dotSegments.map((name) => [name, values[name] ?? ""] as const), this.target(url.text).url);
        this.statusLine = STRINGS.notSent;
        this.missingSources = [];
        return undefined;
      }
      const plain = (list: { name: string; text: string }[]) => list.map((field) => ({ name: field.name, value: field.text }));
      return { url: url.text, body: body.text, fields: plain(fields), headers: plain(headers), urlencoded: urlencoded && plain(urlencoded) };
    },

    target(url) {
      return targetOf(url, session.settings, session.token, { user: this.spec.user, userTokens: session.userTokens });
    },

    async run() {
      if (this.running) return;
      this.root.removeAttribute(BLOCK_ATTR.status);
      this.copyMessage = "";
      const prepared = this.prepare();
      if (!prepared) return;
      const first = this.target(prepared.url);
      if (first.missingUser) {
        this.missingMessage = STRINGS.userTokenMissing(STRINGS.userNames[first.missingUser]);
        this.missingSources = [];
        this.statusLine = STRINGS.notSent;
        document.dispatchEvent(new CustomEvent("settings:open", { detail: { focus: "user-token", user: first.missingUser } }));
        return;
      }
      const notProduced = missingPageFiles(this.spec, this.ownFiles);
      if (notProduced.length > 0) {
        this.missingMessage = STRINGS.pageFileMissing(notProduced);
        this.missingSources = [];
        this.statusLine = STRINGS.notSent;
        return;
      }
      if (first.real && isDestructive(this.spec.method, first.url) && !window.confirm(STRINGS.confirmDestructive(this.spec.method, first.url))) {
        this.statusLine = STRINGS.cancelled;
        return;
      }
      this.running = true;
      this.restored = false;
      this.captured = {};
      this.diagnosisTitle = "";
      this.controller = new AbortController();
      try {
        const outcome = this.spec.files
          ? await sendFiles(fileSources(this.spec, this.ownFiles), {
              spec: this.spec,
              values: valuesOf(variables),
              fields: prepared.fields,
              headers: prepared.headers,
              target: (url) => this.target(url),
              signal: this.controller.signal,
              onFile: (index, total, name, url) => {
                this.statusLine = STRINGS.sendingFile(index, total, name);
                this.sentUrl = this.target(url).url;
              },
              onOutcome: (outcome) => this.capture(outcome),
            })
          : await this.sendUntilFinal(prepared);
        if (this.spec.files) this.show(outcome);
        this.finish(outcome, first);
      } finally {
        this.running = false;
      }
    },

    /** Sends once, then keeps reading while the status is not final (when the reader asked to wait). */
    async sendUntilFinal(prepared) {
      const progress = pollRuleFor(this.spec.method, this.spec.url);
      const target = this.target(prepared.url);
      this.sentUrl = target.url;
      for (let attempt = 1; ; attempt += 1) {
        this.statusLine = STRINGS.sending;
        const outcome = await send({ method: this.spec.method, target, body: prepared.body, headers: prepared.headers, urlencoded: prepared.urlencoded }, this.controller.signal);
        this.show(outcome);
        if (!progress || !this.waitFinal || outcome.status !== 200) return outcome;
        const state = progress(outcome.json);
        if (state.final) return outcome;
        if (attempt >= POLL_MAX_ATTEMPTS) {
          this.statusLine = STRINGS.pollTimeout;
          return outcome;
        }
        this.statusLine = STRINGS.polling(attempt, state.label);
        await pause(POLL_INTERVAL_MS[session.settings.mode], this.controller.signal);
        if (this.controller.signal.aborted) {
          this.statusLine = STRINGS.pollStopped;
          return outcome;
        }
      }
    },

    /** The multipart fields as the reader left them in the block's inputs. */
    formFields() {
      return inputFields(this.root, "form");
    },

    show(outcome) {
      this.status = outcome.status;
      this.ms = outcome.ms;
      const text = outcome.status === "error" ? STRINGS.networkError(outcome.text) : outcome.text || STRINGS.noResponseBody;
      // A long response is kept whole outside Alpine's reactivity (download) and shown truncated.
      fullResponses.set(this.root, text);
      this.truncatedLabel = text.length > MAX_DISPLAY ? STRINGS.truncated(STRINGS.size(MAX_DISPLAY), STRINGS.size(text.length)) : "";
      this.responseText = text.length > MAX_DISPLAY ? `${text.slice(0, MAX_DISPLAY)}\n…` : text;
      this.hasResult = true;
      this.capture(outcome);
      showMapOffer(this.root, outcome.json, () => session.settings.mode);
      showBinaryAnswer(this.root, outcome.binary);
    },

    /** Fills the variables this response provides (only from a successful JSON answer). */
    capture(outcome) {
      if (typeof outcome.status !== "number" || outcome.status >= 300 || outcome.json === undefined) return;
      const found = applyCaptures(this.spec.captures, outcome.json).values;
      if (Object.keys(found).length === 0) return;
      setVariables(variables, found, stepTitle(this.root));
      this.captured = { ...this.captured, ...found };
    },

    finish(outcome, target) {
      const diagnosis = diagnose(outcome, target, window.location.origin);
      this.diagnosisTitle = diagnosis?.title ?? "";
      this.diagnosisText = diagnosis?.details.join("\n") ?? "";
      this.offerRenew = diagnosis?.renewToken ?? false;
      if (outcome.failure === "aborted") this.statusLine = STRINGS.pollStopped;
      else if (this.statusLine !== STRINGS.pollTimeout && this.statusLine !== STRINGS.pollStopped) {
        this.statusLine = diagnosis ? STRINGS.failed(outcome.status, outcome.ms) : STRINGS.done(outcome.status as number, outcome.ms);
      }
      saveResult(variables.profile, this.spec.id, { status: outcome.status, ms: outcome.ms, text: this.responseText, url: this.sentUrl, captured: this.captured });
      this.root.setAttribute(BLOCK_ATTR.status, String(outcome.status));
    },
  }));
}

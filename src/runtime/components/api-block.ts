// Alpine component "apiBlock": runs one request block. Its markup binds to the names of BLOCK_BINDINGS
// (src/shared/block-bindings.ts), checked below against this component's members; the build writes it
// (src/build/markdown/api-block-html.ts). The parts: block/spec.ts (the spec, validated), block/request.ts (the one
// substitution), runner.ts (sending and polling), uploads.ts (files), block/view.ts (what is shown).
import type { AlpineGlobal, AlpineMagics } from "@alpinejs/csp";
import { BLOCK_ATTR, type BlockSpec } from "../../shared/block-contract.ts";
import { BLOCK_BINDINGS, BLOCK_COMPONENT } from "../../shared/block-bindings.ts";
import { pollRuleFor } from "../../shared/poll.ts";
import { SIMULATED_POLL_MS } from "../../shared/faults.ts";
import { BLOCK_STRINGS, STRINGS } from "../../shared/strings.ts";
import { jsonErrorText } from "../../shared/json-error.ts";
import { applyCaptures } from "../../shared/variables.ts";
import { diagnose } from "../diagnosis.ts";
import type { ApiBlock } from "../block/api-block-type.ts";
import { showMapOffer } from "../map/button.ts";
import { providersFor, type Provider } from "../providers.ts";
import { sendUntilFinal, type Outcome, type RunEnd } from "../runner.ts";
import { loadResult, saveResult } from "../state/results.ts";
import type { Session } from "../state/session.ts";
import { setVariables, valuesOf, type VariablesState } from "../state/variables.ts";
import { isDestructive, targetOf, type Target } from "../transport.ts";
import { fileSources, missingPageFiles, sendFiles } from "../uploads.ts";
import { showBinaryAnswer } from "../binary-answer.ts";
import { GENERATED_FILE_EVENT } from "../generated-files.ts";
import { mountJsonEditor, type JsonEditor } from "../json-editor.ts";
import { parseSpec } from "../block/spec.ts";
import { prepareRequest, type Prepared } from "../block/request.ts";
import { downloadResponse, finalStatus, foldExample, inputFields, parseOrUndefined, showPageFiles, showResponseText, shownResponse } from "../block/view.ts";
import { sectionOf } from "../section.ts";

/** Delay between two reads of an asynchronous status (simulated, real), and how many reads before giving up. */
const [REAL_POLL_MS, POLL_MAX_ATTEMPTS] = [3000, 400] as const;

// A binding the markup uses that is not a member here fails the typecheck.
void (BLOCK_BINDINGS satisfies Record<string, keyof ApiBlock>);

/** The JSON editor of each block's body, once the reader started editing it (not reactive). */
const editors = new WeakMap<HTMLElement, Promise<JsonEditor | undefined>>();

/** Registers the component; every block shares the variables and the session. */
export function registerApiBlock(Alpine: AlpineGlobal, variables: VariablesState, session: Session): void {
  Alpine.data(BLOCK_COMPONENT, (): ApiBlock & ThisType<ApiBlock & AlpineMagics> => ({
    spec: undefined as unknown as BlockSpec, root: undefined as unknown as HTMLElement,
    body: "", running: false, waitFinal: true, bodyError: "", missingMessage: "", missingSources: [], statusLine: "",
    hasResult: false, status: 0, ms: 0, sentUrl: "", headersText: "", finalText: "", finalClass: "", captured: {}, unmatchedText: "",
    restored: false, ownFiles: null, diagnosisTitle: "", diagnosisText: "", offerRenew: false, copyMessage: "", truncatedLabel: "",
    controller: new AbortController(),

    init() {
      this.root = this.$el;
      const reading = parseSpec(this.root.querySelector(`script[${BLOCK_ATTR.spec}]`)?.textContent);
      if (!reading.ok) {
        this.spec = { id: "", method: "GET", url: "", captures: [], placeholders: [] };
        this.refuse(reading.error);
        this.root.setAttribute("data-spec-invalid", "");
        return;
      }
      this.spec = reading.spec;
      this.body = this.spec.body ?? "";
      if (this.spec.files?.some((file) => file.source === "page")) {
        showPageFiles(this.root);
        document.addEventListener(GENERATED_FILE_EVENT, () => showPageFiles(this.root));
      }
      const previous = loadResult(variables.profile, this.spec.id);
      if (!previous) return;
      Object.assign(this, { status: previous.status, ms: previous.ms, sentUrl: previous.url, captured: previous.captured, hasResult: true, restored: true });
      this.truncatedLabel = showResponseText(this.root, previous.text);
      const json = parseOrUndefined(previous.text);
      [this.finalText, this.finalClass] = finalStatus(this.spec, json);
      foldExample(this.root);
      this.root.setAttribute(BLOCK_ATTR.status, String(previous.status));
      showMapOffer(this.root, json, () => session.settings.mode);
    },

    get bodyEdited() { return this.spec !== undefined && this.body !== (this.spec.body ?? ""); },
    get statusText() { return this.status === "error" ? STRINGS.noResponse : `HTTP ${this.status}`; },
    get statusClass() {
      if (this.status === "error" || this.status >= 500) return "is-error";
      return this.status >= 400 ? "is-warning" : "is-success";
    },
    get durationText() { return STRINGS.duration(this.ms); },
    get capturedText() { return Object.entries(this.captured).map(([name, value]) => `{${name}} = ${value}`).join("\n"); },
    get ownFilesLabel() { return this.ownFiles ? STRINGS.ownFiles(this.ownFiles.length) : ""; },
    get pickLabel() { return this.ownFiles ? BLOCK_STRINGS.filesChosen(this.ownFiles.length) : BLOCK_STRINGS.noFileChosen; },

    resetBody() {
      this.body = this.spec.body ?? "";
      this.bodyError = "";
      void editors.get(this.root)?.then((editor) => editor?.setText(this.body));
    },
    /** Mounts the JSON editor when the reader clicks into the body (the keyboard keeps the textarea: Tab goes on). */
    startEditing() {
      const textarea = this.root.querySelector<HTMLTextAreaElement>(".api-block__body textarea");
      if (!textarea || editors.has(this.root)) return;
      editors.set(this.root, mountJsonEditor(textarea, { label: STRINGS.body, onChange: (text) => { this.body = text; } }).catch(() => undefined));
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
    stop() { this.controller.abort(); },
    renewToken() { document.dispatchEvent(new CustomEvent("settings:open", { detail: { focus: "token" } })); },
    downloadResponse() { downloadResponse(this.root); },
    copyCurl() { return this.copy("curl"); },
    copyPython() { return this.copy("python"); },
    /** Copies the request with the current variables filled in (token masked unless the reader asked for it). */
    async copy(kind) {
      const prepared = this.prepare();
      if (!prepared) return;
      // The curl and Python writers come in their own chunk, on the first copy.
      const { snippetOf, snippetRequest } = await import("../snippet.ts");
      const text = snippetOf(kind, snippetRequest(this.spec, prepared, this.target(prepared.url), session, { ownFiles: this.ownFiles, waitFinal: this.waitFinal }));
      try {
        await navigator.clipboard.writeText(text);
        this.copyMessage = STRINGS.copied(kind);
      } catch {
        this.copyMessage = STRINGS.copyFailed;
      }
    },

    /** Shows why nothing was sent (the previous result is hidden: it is not this run's). */
    refuse(message) {
      this.missingMessage = message;
      this.missingSources = [];
      this.statusLine = STRINGS.notSent;
      this.hasResult = false;
    },

    /** Substitutes the variables; refuses (with a message) an invalid body or an unfilled variable. */
    prepare() {
      this.bodyError = "";
      this.missingMessage = "";
      const inputs = { body: this.body, form: inputFields(this.root, "form"), headers: inputFields(this.root, "header"), urlencoded: inputFields(this.root, "urlencoded") };
      const values = valuesOf(variables);
      const preparation = prepareRequest(this.spec, inputs, values);
      switch (preparation.kind) {
        case "ready":
          return preparation.request;
        case "invalid-body":
          // The alert says why; the status line only says the outcome (no double announcement).
          this.bodyError = BLOCK_STRINGS.bodyInvalid(jsonErrorText(preparation.error));
          this.statusLine = STRINGS.notSent;
          this.hasResult = false;
          return undefined;
        case "missing":
          this.refuse(STRINGS.missing(preparation.names));
          void providersFor(preparation.names, window.location.pathname).then((sources) => {
            this.missingSources = sources;
          });
          return undefined;
        case "dot-segments":
          this.refuse(STRINGS.dotSegments(preparation.names.map((name) => [name, values[name] ?? ""] as const), this.target(preparation.url).url));
          return undefined;
      }
    },

    target(url) {
      return targetOf(url, session.settings, session.token, { user: this.spec.user, userTokens: session.userTokens });
    },

    async run() {
      if (this.running || !this.spec.id) return;
      this.root.removeAttribute(BLOCK_ATTR.status);
      this.copyMessage = "";
      const prepared = this.prepare();
      if (!prepared) return;
      const first = this.target(prepared.url);
      if (first.missingUser) {
        this.refuse(STRINGS.userTokenMissing(STRINGS.userNames[first.missingUser]));
        document.dispatchEvent(new CustomEvent("settings:open", { detail: { focus: "user-token", user: first.missingUser } }));
        return;
      }
      const notProduced = missingPageFiles(this.spec, this.ownFiles);
      if (notProduced.length > 0) return this.refuse(STRINGS.pageFileMissing(notProduced));
      if (first.real && isDestructive(this.spec.method, first.url) && !window.confirm(STRINGS.confirmDestructive(this.spec.method, first.url))) {
        this.statusLine = STRINGS.cancelled;
        return;
      }
      Object.assign(this, { running: true, restored: false, captured: {}, unmatchedText: "", diagnosisTitle: "", controller: new AbortController() });
      const signal = this.controller.signal;
      try {
        let end: RunEnd;
        if (this.spec.files) {
          const outcome = await sendFiles(fileSources(this.spec, this.ownFiles), {
            spec: this.spec, url: prepared.url, fields: prepared.fields, headers: prepared.headers, target: (url) => this.target(url), signal,
            onFile: (index, total, name, url) => {
              this.statusLine = STRINGS.sendingFile(index, total, name);
              this.sentUrl = this.target(url).url;
            },
            onOutcome: (outcome) => this.capture(outcome),
          });
          this.show(outcome);
          end = outcome.failure === "aborted" ? { kind: "stopped", outcome } : { kind: "final", outcome };
        } else {
          this.sentUrl = first.url;
          this.statusLine = STRINGS.sending;
          end = await sendUntilFinal({ method: this.spec.method, target: first, body: prepared.body, headers: prepared.headers, urlencoded: prepared.urlencoded }, signal, {
            progress: this.waitFinal ? pollRuleFor(this.spec.method, this.spec.url) : undefined,
            intervalMs: session.settings.mode === "reel" ? REAL_POLL_MS : SIMULATED_POLL_MS[session.settings.pace], maxAttempts: POLL_MAX_ATTEMPTS,
            onAnswer: (outcome) => this.show(outcome),
            onWait: (attempt, label) => { this.statusLine = STRINGS.polling(attempt, label); },
          });
        }
        this.finish(end, first);
      } finally {
        this.running = false;
      }
    },

    show(outcome) {
      Object.assign(this, { status: outcome.status, ms: outcome.ms, hasResult: true });
      const text = outcome.status === "error" ? STRINGS.networkError(outcome.text) : outcome.text || STRINGS.noResponseBody;
      this.truncatedLabel = showResponseText(this.root, text);
      this.headersText = (outcome.headers ?? []).map(([name, value]) => `${name}: ${value}`).join("\n");
      [this.finalText, this.finalClass] = finalStatus(this.spec, outcome.json);
      foldExample(this.root);
      this.capture(outcome);
      showMapOffer(this.root, outcome.json, () => session.settings.mode);
      showBinaryAnswer(this.root, outcome.binary);
    },

    /** Fills the variables this response provides (only from a successful JSON answer); names those not found. */
    capture(outcome) {
      if (typeof outcome.status !== "number" || outcome.status >= 300 || outcome.json === undefined) return;
      const { values, unmatched } = applyCaptures(this.spec.captures, outcome.json);
      this.unmatchedText = unmatched.length > 0 ? BLOCK_STRINGS.unmatched(unmatched) : "";
      if (Object.keys(values).length === 0) return;
      setVariables(variables, values, sectionOf(this.root).title);
      this.captured = { ...this.captured, ...values };
    },

    finish(end, target) {
      const { outcome } = end;
      const diagnosis = diagnose(outcome, target, window.location.origin);
      this.diagnosisTitle = diagnosis?.title ?? "";
      this.diagnosisText = diagnosis?.details.join("\n") ?? "";
      this.offerRenew = diagnosis?.renewToken ?? false;
      if (end.kind === "stopped") this.statusLine = STRINGS.pollStopped;
      else if (end.kind === "timeout") this.statusLine = STRINGS.pollTimeout;
      else if (end.kind === "blocked") this.statusLine = BLOCK_STRINGS.blocked(end.reason);
      else this.statusLine = diagnosis ? STRINGS.failed(outcome.status, outcome.ms) : STRINGS.done(outcome.status as number, outcome.ms);
      saveResult(variables.profile, this.spec.id, { status: outcome.status, ms: outcome.ms, text: shownResponse(this.root), url: this.sentUrl, captured: this.captured });
      this.root.setAttribute(BLOCK_ATTR.status, String(outcome.status));
    },
  }));
}

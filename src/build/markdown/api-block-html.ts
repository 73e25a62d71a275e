// Markup of a request block. Its Alpine bindings (x-data, x-model, x-text, @click…) come from BLOCK_BINDINGS
// (src/shared/block-bindings.ts), which the component src/runtime/components/api-block.ts is checked against.
import { BLOCK_ATTR, FILE_PLACEHOLDER, type BlockSpec, type SampleFile } from "../../shared/block-contract.ts";
import { pollRuleFor } from "../../shared/poll.ts";
import { BLOCK_BINDINGS as B, BLOCK_COMPONENT } from "../../shared/block-bindings.ts";
import { BLOCK_STRINGS, STRINGS } from "../../shared/strings.ts";
import { h, jsonForScript, raw, type Child, type RawHtml } from "../html.ts";
import type { Highlight } from "./highlight.ts";


const PLACEHOLDER_SPLIT = /(\{[\p{L}][\p{L}\p{N} _-]*\})/u;

/** The URL with its runtime placeholders marked up, so readers see what will be filled in. */
function urlWithPlaceholders(url: string): Child[] {
  // <wbr> after each "/": a long URL wraps between its segments rather than inside one.
  const breakable = (text: string): Child[] => text.split(/(?<=\/)/).flatMap((piece, index) => (index === 0 ? [piece] : [raw("<wbr>"), piece]));
  return url.split(PLACEHOLDER_SPLIT).flatMap((part, index) =>
    index % 2 === 1 ? [h("span", { class: part === `{${FILE_PLACEHOLDER}}` ? "ph ph--file" : "ph" }, part)] : breakable(part),
  );
}

/** The URL without its scheme and host, to name a block's parts briefly ("…/uploads/{upload}"). */
const shortUrl = (url: string) => url.replace(/^[a-z]+:\/\/[^/]+/i, "");

const formatSize = (bytes: number) => (bytes < 1024 ? `${bytes} o` : `${(bytes / 1024).toFixed(1).replace(".", ",")} Kio`);

function bodyEditor(spec: BlockSpec): RawHtml | undefined {
  if (spec.body === undefined) return undefined;
  const rows = Math.min(24, Math.max(3, spec.body.split("\n").length));
  return h("div", { class: "api-block__body" },
    h("label", { for: `${domId(spec)}-body` }, STRINGS.body),
    h("textarea", { id: `${domId(spec)}-body`, "x-model": B.body, "@click": B.startEditing, rows, spellcheck: "false", autocapitalize: "off", autocomplete: "off" }, spec.body),
    h("p", { class: "api-block__error", role: "alert", "x-show": B.bodyError, "x-text": B.bodyError, "x-cloak": true }),
    h("button", { type: "button", class: "api-block__link", "x-show": B.bodyEdited, "@click": B.resetBody, "x-cloak": true }, STRINGS.bodyReset),
  );
}

/** Editable text inputs, one per field, read back by the block through their data attribute. */
function fieldInputs(spec: BlockSpec, kind: "form" | "header" | "urlencoded", legend: string, fields: readonly { name: string; value: string }[]): RawHtml {
  return h("fieldset", { class: `api-block__form api-block__form--${kind}` },
    h("legend", {}, legend),
    fields.map((field, index) => h("div", { class: "api-block__field" },
      h("label", { for: `${domId(spec)}-${kind}-${index}` }, field.name),
      h("input", { type: "text", id: `${domId(spec)}-${kind}-${index}`, value: field.value, [`data-${kind}-field`]: field.name, spellcheck: "false", autocomplete: "off" }),
    )),
  );
}

function fileItem(file: SampleFile): RawHtml {
  if (file.source === "page") {
    // The state is written by the block (src/runtime/components/api-block.ts) when the page produces the file.
    return h("li", { "data-page-file": file.name }, h("span", { class: "api-block__file-name" }, file.name), " (",
      h("span", { class: "api-block__file-state" }, STRINGS.pageFileWaiting), ")");
  }
  return h("li", {}, h("a", { href: file.href, download: file.name }, file.name), ` (${formatSize(file.size)})`);
}

function fileList(spec: BlockSpec): RawHtml | undefined {
  if (!spec.files) return undefined;
  return h("div", { class: "api-block__files" },
    h("p", {}, spec.fileBody === "raw" ? STRINGS.rawFiles(spec.files.length) : STRINGS.sampleFiles(spec.files.length)),
    h("ul", { "x-show": `!${B.ownFiles}`, class: "api-block__file-list" }, spec.files.map(fileItem)),
    h("p", { "x-show": B.ownFiles, "x-text": B.ownFilesLabel, "x-cloak": true }),
    spec.form && fieldInputs(spec, "form", STRINGS.formFields, spec.form),
    // The native picker's own text is the browser's language ("Choose Files"): it is hidden (still focusable, named by
    // its label) behind a French button and a French count of the chosen files.
    h("div", { class: "api-block__file-pick" },
      h("span", {}, BLOCK_STRINGS.ownFilesLead), " ",
      h("label", { class: "api-block__file-button" },
        h("input", { type: "file", multiple: true, class: "api-block__file-input", "@change": B.pickFiles }), BLOCK_STRINGS.pickFiles), " ",
      h("span", { class: "api-block__file-chosen", "x-text": B.pickLabel }, BLOCK_STRINGS.noFileChosen)),
    h("button", { type: "button", class: "api-block__link", "x-show": B.ownFiles, "@click": B.useSamples, "x-cloak": true }, STRINGS.backToSamples),
  );
}

/** The block's element id (its anchor in the page): `bloc-<n>`. */
export const blockAnchor = (spec: BlockSpec) => `bloc-${spec.id.slice(spec.id.lastIndexOf("#") + 1)}`;
const domId = blockAnchor;

/** The full markup of one request block. */
export function renderApiBlock(spec: BlockSpec, exampleLang: string | undefined, highlight: Highlight): string {
  const pollable = pollRuleFor(spec.method, spec.url) !== undefined;
  const method = spec.method.toLowerCase();
  return h("section", {
    class: `api-block api-block--${method}`,
    id: domId(spec),
    [BLOCK_ATTR.root]: true,
    [BLOCK_ATTR.method]: spec.method,
    [BLOCK_ATTR.url]: spec.url,
    "x-data": BLOCK_COMPONENT,
  },
    h("script", { type: "application/json", [BLOCK_ATTR.spec]: true }, raw(jsonForScript(spec))),
    h("details", { open: true },
      h("summary", { class: "api-block__summary" },
        h("span", { class: `api-block__method api-block__method--${method}` }, spec.method),
        " ",
        h("code", { class: "api-block__url" }, urlWithPlaceholders(spec.url)),
        spec.user && h("span", { class: "api-block__user" }, STRINGS.runAs(STRINGS.userNames[spec.user])),
      ),
      h("div", { class: "api-block__panel" },
        spec.headers && fieldInputs(spec, "header", STRINGS.headersLegend, spec.headers),
        bodyEditor(spec),
        spec.urlencoded && fieldInputs(spec, "urlencoded", STRINGS.urlencodedLegend, spec.urlencoded),
        fileList(spec),
        h("div", { class: "api-block__actions" },
          // Named with the method and the path, so that a page's many "Exécuter" buttons can be told apart in a list of
          // controls. aria-disabled, not disabled: a disabled button drops the keyboard focus to <body> while the
          // request runs (run() already ignores a second press).
          h("button", { type: "button", class: "button-primary api-block__run", "aria-label": `${STRINGS.runLabel(spec.method)} ${shortUrl(spec.url)}`, "@click": B.run, ":aria-disabled": B.running }, STRINGS.run),
          pollable && h("label", { class: "api-block__wait" }, h("input", { type: "checkbox", "x-model": B.waitFinal }), " ", STRINGS.waitFinal),
          h("button", { type: "button", class: "button-primary api-block__stop", "x-show": B.running, "@click": B.stop, "x-cloak": true }, STRINGS.stop),
          h("span", { class: "api-block__copy" },
            h("button", { type: "button", class: "api-block__secondary", "@click": B.copyCurl }, STRINGS.copyCurl),
            h("button", { type: "button", class: "api-block__secondary", "@click": B.copyPython }, STRINGS.copyPython),
          ),
        ),
        h("p", { class: "api-block__copied", role: "status", "x-show": B.copyMessage, "x-text": B.copyMessage, "x-cloak": true }),
        h("div", { class: "api-block__missing", role: "alert", "x-show": B.missingMessage, "x-cloak": true },
          h("p", { "x-text": B.missingMessage }),
          h("ul", { "x-show": `${B.missingSources}.length` },
            h("template", { "x-for": `source in ${B.missingSources}`, ":key": "source.href" },
              h("li", {}, h("a", { ":href": "source.href", "x-text": "source.label" })))),
        ),
        h("p", { class: "api-block__status", role: "status", "aria-live": "polite", "x-text": B.statusLine }),
        h("div", { class: "api-block__diagnosis", role: "alert", "x-show": B.diagnosisTitle, "x-cloak": true },
          h("p", { class: "api-block__diagnosis-title", "x-text": B.diagnosisTitle }),
          h("p", { class: "api-block__diagnosis-text", "x-text": B.diagnosisText }),
          h("button", { type: "button", class: "api-block__secondary", "x-show": B.offerRenew, "@click": B.renewToken, "x-cloak": true }, STRINGS.diagnosis.renewToken),
          h("button", { type: "button", class: "api-block__secondary", "@click": B.run }, STRINGS.retry),
        ),
        h("div", { class: "api-block__result", "x-show": B.hasResult, "x-cloak": true },
          h("p", { class: "api-block__result-head" },
            h("span", { class: "api-block__http", ":class": B.statusClass, "x-text": B.statusText }), " ",
            h("span", { class: "api-block__final", ":class": B.finalClass, "x-show": B.finalText, "x-text": B.finalText, "x-cloak": true }), " ",
            h("span", { class: "api-block__duration", "x-text": B.durationText }), " ",
            h("span", { class: "api-block__restored", "x-show": B.restored, "x-cloak": true }, STRINGS.restored),
          ),
          h("p", { class: "api-block__sent" }, STRINGS.sentUrl, " ", h("code", { "x-text": B.sentUrl })),
          // A scrollable, focusable region named after its request (aria-label is not allowed on a bare <pre>).
          h("pre", { class: "api-block__response", tabindex: "0", role: "region", "aria-label": `${STRINGS.response} : ${spec.method} ${shortUrl(spec.url)}` }, h("code", {})),
          h("p", { class: "api-block__truncated", "x-show": B.truncatedLabel, "x-cloak": true },
            h("span", { "x-text": B.truncatedLabel }), " ",
            h("button", { type: "button", class: "api-block__secondary", "@click": B.downloadResponse }, STRINGS.downloadResponse)),
          h("div", { class: "api-block__captured", "x-show": B.capturedText, "x-cloak": true },
            h("p", {}, STRINGS.captured), h("p", { "x-text": B.capturedText })),
          h("p", { class: "api-block__unmatched", role: "alert", "x-show": B.unmatchedText, "x-text": B.unmatchedText, "x-cloak": true }),
          h("details", { class: "api-block__headers", "x-show": B.headersText, "x-cloak": true },
            h("summary", {}, BLOCK_STRINGS.responseHeaders), h("pre", { tabindex: "0" }, h("code", { "x-text": B.headersText }))),
        ),
        spec.example !== undefined && h("details", { class: "api-block__example", open: true },
          h("summary", {}, STRINGS.example),
          raw(highlight(spec.example, exampleLang ?? "text")),
        ),
      ),
    ),
  ).html;
}

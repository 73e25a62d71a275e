// The names the block's markup binds to (Alpine x-model, x-text, @click…): written by the build
// (src/build/markdown/api-block-html.ts) from this table, and checked against the component's members in
// src/runtime/components/api-block.ts (`satisfies Record<string, keyof ApiBlock>`): a rename fails the typecheck.

/** Member name of the Alpine component "apiBlock", by binding. */
export const BLOCK_BINDINGS = {
  body: "body",
  bodyError: "bodyError",
  bodyEdited: "bodyEdited",
  resetBody: "resetBody",
  startEditing: "startEditing",
  ownFiles: "ownFiles",
  ownFilesLabel: "ownFilesLabel",
  pickLabel: "pickLabel",
  pickFiles: "pickFiles",
  useSamples: "useSamples",
  run: "run",
  running: "running",
  waitFinal: "waitFinal",
  stop: "stop",
  copyCurl: "copyCurl",
  copyPython: "copyPython",
  copyMessage: "copyMessage",
  missingMessage: "missingMessage",
  missingSources: "missingSources",
  statusLine: "statusLine",
  diagnosisTitle: "diagnosisTitle",
  diagnosisText: "diagnosisText",
  offerRenew: "offerRenew",
  renewToken: "renewToken",
  hasResult: "hasResult",
  statusClass: "statusClass",
  statusText: "statusText",
  finalText: "finalText",
  finalClass: "finalClass",
  durationText: "durationText",
  restored: "restored",
  sentUrl: "sentUrl",
  headersText: "headersText",
  truncatedLabel: "truncatedLabel",
  downloadResponse: "downloadResponse",
  capturedText: "capturedText",
  unmatchedText: "unmatchedText",
} as const;

/** The Alpine component name of a block (x-data). */
export const BLOCK_COMPONENT = "apiBlock";

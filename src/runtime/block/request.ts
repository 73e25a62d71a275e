// Prepares a block's request from what the reader left in the block and the variables: the one substitution of the
// URL, body, form fields and headers (upload URLs then only fill `{fichier}`, uploads.ts). Pure: no DOM.
import { FILE_PLACEHOLDER, type BlockSpec } from "../../shared/block-contract.ts";
import { jsonError, type JsonError } from "../../shared/json-error.ts";
import { substitute, substituteUrl } from "../../shared/variables.ts";

/** A name and a value: a form field, a url-encoded field, a header. */
export interface Field {
  name: string;
  value: string;
}

/** What the reader can edit in a block: the body and the inputs of each kind of field. */
export interface BlockInputs {
  body: string;
  form: Field[];
  headers: Field[];
  urlencoded: Field[];
}

/** A request with the variables filled in; `{fichier}` stays in the URL of upload blocks. */
export interface Prepared {
  url: string;
  body: string;
  fields: Field[];
  headers: Field[];
  urlencoded?: Field[];
}

/** Why a request was not sent, or the request to send. */
export type Preparation =
  | { kind: "ready"; request: Prepared }
  | { kind: "invalid-body"; error: JsonError }
  | { kind: "missing"; names: string[] }
  | { kind: "dot-segments"; names: string[]; url: string };

const jsonEscape = (value: string) => JSON.stringify(value).slice(1, -1);

/** Substitutes the variables; refuses an invalid JSON body, an unfilled variable, or a value read as `.`/`..`. */
export function prepareRequest(spec: BlockSpec, inputs: BlockInputs, values: Readonly<Record<string, string>>): Preparation {
  if (spec.body !== undefined && inputs.body.trim() !== "") {
    const error = jsonError(inputs.body);
    if (error) return { kind: "invalid-body", error };
  }
  const url = substituteUrl(spec.url, values);
  const body = substitute(inputs.body, values, jsonEscape);
  const fill = (list: Field[]) => list.map((field) => ({ name: field.name, ...substitute(field.value, values) }));
  const fields = fill(inputs.form);
  const headers = fill(inputs.headers);
  const urlencoded = spec.urlencoded ? fill(inputs.urlencoded) : undefined;
  const missing = [...new Set([...url.missing, ...body.missing, ...[...fields, ...headers, ...(urlencoded ?? [])].flatMap((field) => field.missing)])]
    .filter((name) => name !== FILE_PLACEHOLDER);
  if (missing.length > 0) return { kind: "missing", names: missing };
  // Browsers read %2E%2E as "..": the request would reach another resource (DELETE …/stored_data/.. → the datastore).
  if (url.dotSegments.length > 0) return { kind: "dot-segments", names: url.dotSegments, url: url.text };
  const plain = (list: { name: string; text: string }[]) => list.map((field) => ({ name: field.name, value: field.text }));
  return { kind: "ready", request: { url: url.text, body: body.text, fields: plain(fields), headers: plain(headers), ...(urlencoded ? { urlencoded: plain(urlencoded) } : {}) } };
}

/** The URL of one file's request: the prepared URL (variables already filled) with `{fichier}` = the file's name. */
export function fileUrl(preparedUrl: string, fileName: string): string {
  return substituteUrl(preparedUrl, { [FILE_PLACEHOLDER]: fileName }).text;
}

// Runtime placeholders: `{datastore}`, `{stored data}`… in URLs and bodies, filled from earlier responses.
// Used by the build (to list a block's placeholders and captures) and by the browser (to substitute and capture).
import type { Capture } from "./block-contract.ts";

// A placeholder is a brace pair around a name made of letters, digits, spaces, '_' or '-', starting with a letter.
// JSON objects (`{"a": 1}`) never match because of the quote and colon.
const PLACEHOLDER = /\{([\p{L}][\p{L}\p{N} _-]*)\}/gu;

/** Names of the placeholders in a text, without duplicates, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Result of substituting variables into a text. */
export interface Substitution {
  text: string;
  /** Placeholders left unfilled because no value is known. */
  missing: string[];
}

/** Replace every `{name}` that has a non-empty value; list the others. `encode` escapes values (e.g. for URLs). */
export function substitute(
  text: string,
  values: Readonly<Record<string, string>>,
  encode: (value: string) => string = (value) => value,
): Substitution {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || value === "") {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return encode(value);
  });
  return { text: out, missing };
}

/** A URL after substitution; `dotSegments` names the variables that made a whole path segment "." or "..". */
export interface UrlSubstitution extends Substitution {
  dotSegments: string[];
}

// Lone surrogates (which encodeURIComponent refuses) become U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Percent-encodes a value for a URL component (path segment or query value): encodeURIComponent, never throwing. */
export function encodeUrlValue(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, "\uFFFD"));
}

/** A path segment as written in a URL: "." and ".." (dot segments) with their dots as %2E, others unchanged. */
export function escapeDotSegment(segment: string): string {
  return segment === "." || segment === ".." ? segment.replace(/\./g, "%2E") : segment;
}

/**
 * Substitutes variables into a URL: in the path each value is percent-encoded as (part of) one segment, a segment
 * that comes out "." or ".." has its dots written %2E; in the query and fragment values are encoded as query values.
 * Browsers still read %2E%2E as ".." (URL standard): `dotSegments` lets the caller refuse to send such a URL.
 */
export function substituteUrl(url: string, values: Readonly<Record<string, string>>): UrlSubstitution {
  const end = url.search(/[?#]/);
  const [path, rest] = end === -1 ? [url, ""] : [url.slice(0, end), url.slice(end)];
  const missing: string[] = [];
  const dotSegments: string[] = [];
  const add = (list: string[], names: readonly string[]) => names.forEach((name) => list.includes(name) || list.push(name));
  const segments = path.split("/").map((segment) => {
    const result = substitute(segment, values, encodeUrlValue);
    add(missing, result.missing);
    const escaped = escapeDotSegment(result.text);
    if (result.text !== segment && escaped !== result.text) add(dotSegments, findPlaceholders(segment));
    return result.text === segment ? segment : escaped;
  });
  const query = substitute(rest, values, encodeUrlValue);
  add(missing, query.missing);
  return { text: segments.join("/") + query.text, missing, dotSegments };
}

// Fields that identify an array item (the last key of a dotted path); other literals (status, size…) vary run to run.
const IDENTIFYING = new Set(["_id", "id", "name", "type", "key", "technical_name", "sub_name", "layer_name", "file_identifier", "email"]);
const CAPTURE = /^\{([\p{L}][\p{L}\p{N} _-]*)\}$/u;

type Literal = string | number | boolean;
const isRecord = (node: unknown): node is Record<string, unknown> => node !== null && typeof node === "object" && !Array.isArray(node);

/** The identifying literals of an array item: its own fields and those of the objects it holds, as dotted paths. */
export function identifyingFields(item: unknown): Record<string, Literal> {
  const fields: Record<string, Literal> = {};
  const visit = (node: unknown, prefix: string, depth: number): void => {
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (isRecord(value) && depth < 1) visit(value, path, depth + 1);
      else if (IDENTIFYING.has(key) && (typeof value === "number" || typeof value === "boolean" || (typeof value === "string" && value !== "" && !CAPTURE.test(value)))) fields[path] = value;
    }
  };
  visit(item, "", 0);
  return fields;
}

/**
 * Where an example response says a variable comes from: every string value that is exactly `{name}`. In an example
 * array of several items, the step is a matcher of the item's identifying fields when it has some, else its index.
 */
export function capturesFromExample(example: unknown): Capture[] {
  const captures: Capture[] = [];
  const walk = (node: unknown, path: Capture["path"]): void => {
    if (typeof node === "string") {
      const match = CAPTURE.exec(node);
      if (match) captures.push({ path, variable: match[1]! });
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => {
        const fields = node.length > 1 ? identifyingFields(item) : {};
        walk(item, [...path, Object.keys(fields).length > 0 ? { match: fields } : index]);
      });
    } else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    }
  };
  walk(example, []);
  return captures;
}

const dotted = (item: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), item);

/** The live array item a matcher designates: most equal identifying fields, at least one, no tie; else undefined. */
export function matchItem(items: readonly unknown[], match: Readonly<Record<string, Literal>>): unknown {
  let best: unknown;
  let bestScore = 0;
  let tie = false;
  for (const item of items) {
    const score = Object.entries(match).filter(([path, value]) => dotted(item, path) === value).length;
    if (score > bestScore) [best, bestScore, tie] = [item, score, false];
    else if (score === bestScore && score > 0) tie = true;
  }
  return bestScore > 0 && !tie ? best : undefined;
}

/** Values read from a live response, and the variables whose array item was not found (never another item's value). */
export interface CaptureResult {
  values: Record<string, string>;
  unmatched: string[];
}

/** Read the captured variables out of an actual response; paths that are absent or not scalar are skipped. */
export function applyCaptures(captures: readonly Capture[], response: unknown): CaptureResult {
  const values: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const { path, variable } of captures) {
    let node: unknown = response;
    for (const step of path) {
      if (typeof step === "object") {
        const items = node;
        node = Array.isArray(items) ? matchItem(items, step.match) : undefined;
        if (node === undefined && Array.isArray(items)) unmatched.push(variable);
      } else node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[step] : undefined;
      if (node === undefined) break;
    }
    if (typeof node === "string" && node !== "") values[variable] = node;
    else if (typeof node === "number") values[variable] = String(node);
  }
  return { values, unmatched: unmatched.filter((name, index) => unmatched.indexOf(name) === index && !(name in values)) };
}

// Copyable equivalents of a request block: a curl command line and a Python `requests` script. Pure functions
// (no DOM, no Node), used by the "Copier" button of each block. The token stays an environment variable
// (`$TOKEN`, `os.environ["TOKEN"]`) unless the reader chose to reveal it.
import type { HttpMethod } from "./block-contract.ts";
import { FILE_PLACEHOLDER } from "./block-contract.ts";
import { substituteUrl } from "./variables.ts";

/** A file sent as multipart field `file`; `url` is its own request URL (default: the request URL with `{fichier}` = name). */
export interface SnippetFile {
  name: string;
  url?: string;
}

/** What a snippet describes: one request, or one request per file for upload blocks. */
export interface SnippetRequest {
  method: HttpMethod;
  /** URL after substitution of the known variables. */
  url: string;
  /** JSON body text, if any (ignored when `files` is non-empty: the API takes a file or a JSON body). */
  body?: string;
  /** Files to send, one request each. */
  files?: readonly SnippetFile[];
  /** Extra multipart fields sent as text with each file (ignored without files). */
  fields?: readonly { name: string; value: string }[];
  /** The reader's token, written out only when `revealToken` is true. */
  token?: string;
  /** Write the token's value instead of the `TOKEN` environment variable. */
  revealToken?: boolean;
}

/** The URL of each file's request: its own `url`, or the request URL with `{fichier}` = its name, encoded as it is sent. */
export function fileUrls(request: SnippetRequest): string[] {
  return (request.files ?? []).map((file) => file.url ?? substituteUrl(request.url, { [FILE_PLACEHOLDER]: file.name }).text);
}

// The JSON body without surrounding blanks or trailing spaces on its lines (never inside a JSON string), or undefined.
function bodyText(request: SnippetRequest): string | undefined {
  const text = request.body?.split(/\r?\n/).map((line) => line.trimEnd()).join("\n").trim();
  return text ? text : undefined;
}

// The revealed token, or undefined when it must stay masked.
const revealed = (request: SnippetRequest): string | undefined => (request.revealToken && request.token ? request.token : undefined);

/** A shell word: double quotes when nothing inside would be interpreted by bash, single quotes otherwise. */
export function shellQuote(text: string): string {
  if (!/[$`"\\!\n\r]/.test(text)) return `"${text}"`;
  return `'${text.replace(/'/g, "'\\''")}'`;
}

// A curl -F value for a file; curl wants the name in double quotes when it holds `;`, `,`, `"` or `\`.
function curlFileField(name: string): string {
  const quoted = /[;,"\\]/.test(name) ? `"${name.replace(/[\\"]/g, "\\$&")}"` : name;
  return `file=@${quoted}`;
}

// One curl command from its arguments, one option per continued line.
function curlCommand(method: HttpMethod, url: string, options: string[]): string {
  const head = [`curl${method === "GET" ? "" : ` -X ${method}`}${/[{}[\]]/.test(url) ? " --globoff" : ""} ${shellQuote(url)}`];
  return [...head, ...options].join(" \\\n  ");
}

/** A curl command (several, separated by a blank line, when several files are sent one request each). */
export function toCurl(request: SnippetRequest): string {
  const token = revealed(request);
  const auth = token === undefined ? `-H "Authorization: Bearer $TOKEN"` : `-H ${shellQuote(`Authorization: Bearer ${token}`)}`;
  const files = request.files ?? [];
  if (files.length > 0) {
    const urls = fileUrls(request);
    // --form-string: a value starting with @ or < stays text instead of naming a file.
    const fields = (request.fields ?? []).map((field) => `--form-string ${shellQuote(`${field.name}=${field.value}`)}`);
    return files
      .map((file, i) => curlCommand(request.method, urls[i]!, [auth, ...fields, `-F ${shellQuote(curlFileField(file.name))}`]))
      .join("\n\n");
  }
  const body = bodyText(request);
  const options = body === undefined ? [auth] : [auth, `-H "Content-Type: application/json"`, `--data-raw '${body.replace(/'/g, "'\\''")}'`];
  return curlCommand(request.method, request.url, options);
}

/** A Python string literal (double quotes; control characters and lone surrogates escaped, other characters kept). */
export function pythonString(text: string): string {
  const escapes: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  const body = text.replace(/[\\"\n\r\t]|[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (char) => {
    const escape = escapes[char];
    if (escape) return escape;
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
  return `"${body}"`;
}

// A JSON value with numbers kept as written (JSON.parse would round big integers).
type JsonNode =
  | { kind: "object"; entries: [string, JsonNode][] }
  | { kind: "array"; items: JsonNode[] }
  | { kind: "string"; value: string }
  | { kind: "scalar"; text: string };

// Parses text already accepted by JSON.parse.
function parseJsonTree(text: string): JsonNode {
  let i = 0;
  const token = /\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\],:])/y;
  const next = (): string => {
    token.lastIndex = i;
    const match = token.exec(text);
    if (!match) throw new SyntaxError(`JSON inattendu à la position ${i}`);
    i = token.lastIndex;
    return match[1]!;
  };
  const peek = (): string => {
    const at = i;
    const found = next();
    i = at;
    return found;
  };
  const value = (): JsonNode => {
    const first = next();
    if (first.startsWith('"')) return { kind: "string", value: JSON.parse(first) as string };
    if (first === "[") {
      const items: JsonNode[] = [];
      while (peek() !== "]") {
        items.push(value());
        if (peek() === ",") next();
      }
      next();
      return { kind: "array", items };
    }
    if (first === "{") {
      const entries: [string, JsonNode][] = [];
      while (peek() !== "}") {
        const key = JSON.parse(next()) as string;
        next(); // ':'
        entries.push([key, value()]);
        if (peek() === ",") next();
      }
      next();
      return { kind: "object", entries };
    }
    return { kind: "scalar", text: first };
  };
  return value();
}

const PYTHON_SCALARS: Record<string, string> = { true: "True", false: "False", null: "None" };

// A Python literal of a JSON tree, indented by 4 spaces per level, continuing at `depth`.
function pythonValue(node: JsonNode, depth: number): string {
  const pad = "    ".repeat(depth + 1);
  const close = "    ".repeat(depth);
  switch (node.kind) {
    case "string":
      return pythonString(node.value);
    case "scalar":
      return PYTHON_SCALARS[node.text] ?? node.text;
    case "array":
      return node.items.length === 0 ? "[]" : `[\n${node.items.map((item) => pad + pythonValue(item, depth + 1)).join(",\n")}\n${close}]`;
    case "object":
      return node.entries.length === 0
        ? "{}"
        : `{\n${node.entries.map(([key, item]) => `${pad}${pythonString(key)}: ${pythonValue(item, depth + 1)}`).join(",\n")}\n${close}}`;
  }
}

/** The Python literal of a JSON text (True/False/None, escaped strings, numbers as written), or undefined if it is not JSON. */
export function jsonToPython(json: string): string | undefined {
  try {
    JSON.parse(json);
  } catch {
    return undefined;
  }
  return pythonValue(parseJsonTree(json), 0);
}

const PRINT = "print(response.json() if response.content else response.status_code)";

/** A Python script using `requests` (one `with open(…)` block per file for uploads). */
export function toPython(request: SnippetRequest): string {
  const token = revealed(request);
  const method = request.method.toLowerCase();
  const lines = token === undefined
    ? ["import os, requests", "", 'TOKEN = os.environ["TOKEN"]']
    : ["import requests", "", `TOKEN = ${pythonString(token)}`];
  lines.push('headers = {"Authorization": f"Bearer {TOKEN}"}', "");
  const files = request.files ?? [];
  const urls = fileUrls(request);
  const fields = files.length > 0 ? (request.fields ?? []) : [];
  if (fields.length > 0) lines.push(`data = {${fields.map((field) => `${pythonString(field.name)}: ${pythonString(field.value)}`).join(", ")}}`);
  const send = `requests.${method}(url, headers=headers${fields.length > 0 ? ", data=data" : ""}, files={"file": file})`;
  if (files.length === 1) {
    lines.push(
      `url = ${pythonString(urls[0]!)}`,
      `with open(${pythonString(files[0]!.name)}, "rb") as file:`,
      `    response = ${send}`,
      "response.raise_for_status()",
      PRINT,
    );
  } else if (files.length > 1) {
    lines.push("for name, url in [");
    files.forEach((file, i) => lines.push(`    (${pythonString(file.name)}, ${pythonString(urls[i]!)}),`));
    lines.push(
      "]:",
      '    with open(name, "rb") as file:',
      `        response = ${send}`,
      "    response.raise_for_status()",
      `    ${PRINT}`,
    );
  } else {
    const body = bodyText(request);
    const literal = body === undefined ? undefined : jsonToPython(body);
    // A body that is not JSON is sent as is, with its JSON content type (the API would answer 400).
    const args =
      body === undefined ? ["headers=headers"]
      : literal !== undefined ? ["headers=headers", `json=${literal}`]
      : ['headers={**headers, "Content-Type": "application/json"}', `data=${pythonString(body)}.encode()`];
    lines.push(`url = ${pythonString(request.url)}`, `response = requests.${method}(url, ${args.join(", ")})`, "response.raise_for_status()", PRINT);
  }
  return lines.join("\n");
}

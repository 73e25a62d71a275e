// The Python `requests` script of a request block (see snippets.ts for curl): one request, one per file, or a
// polling loop (`while` with `time.sleep`) when the block waits for a final status. Pure.
import { authorizationHeader } from "./block-contract.ts";
import { pollSpecFor, type PollSpec } from "./poll.ts";
import { PARTS_STRINGS } from "./strings.ts";
import { bodyText, fileUrls, POLL_DEFAULTS, revealedToken, tokenVariable, type SnippetField, type SnippetRequest } from "./snippet-request.ts";

const S = PARTS_STRINGS.snippet;

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

const pythonDict = (fields: readonly SnippetField[]): string => `{${fields.map((field) => `${pythonString(field.name)}: ${pythonString(field.value)}`).join(", ")}}`;

/**
 * Python lines that send `send` (an expression assigning nothing, e.g. `requests.get(url, headers=headers)`) again
 * every few seconds while the status is pending, print the reason and stop when waiting cannot help, stop at the
 * timeout; `response` holds the last answer. Needs `import time`.
 */
export function pythonPollLoop(send: string, spec: PollSpec, options: { intervalSeconds?: number; timeoutSeconds?: number } = {}): string[] {
  const interval = options.intervalSeconds ?? POLL_DEFAULTS.intervalSeconds;
  const timeout = options.timeoutSeconds ?? POLL_DEFAULTS.timeoutSeconds;
  const lines = [`# ${S.pollComment(interval, Math.round(timeout / 60))}.`, `deadline = time.monotonic() + ${timeout}`, "while True:", `    response = ${send}`, "    response.raise_for_status()", "    body = response.json()"];
  if (spec.kind === "checks") {
    lines.push(
      '    lists = [body.get(key) or [] for key in ("asked", "in_progress", "passed", "failed")]',
      '    status = "asked %d · in_progress %d · passed %d · failed %d" % tuple(len(items) for items in lists)',
      "    if not any(lists):",
      `        print(${pythonString(spec.blockedWhenEmpty)})`,
      "        break",
      "    if not lists[0] and not lists[1]:",
      "        break",
    );
  } else {
    const blocked = Object.entries(spec.blocked).map(([status, reason]) => `${pythonString(status)}: ${pythonString(reason)}`);
    lines.push(
      '    status = body.get("status")',
      `    blocked = {${blocked.join(", ")}}`,
      "    if status in blocked:",
      "        print(blocked[status])",
      "        break",
      `    if status not in (${spec.pending.map(pythonString).join(", ")}${spec.pending.length === 1 ? "," : ""}):`,
      "        break",
    );
  }
  lines.push(
    "    if time.monotonic() > deadline:",
    `        print(${pythonString(S.timeout)}, status)`,
    "        break",
    `    print(status, ${pythonString(`: ${S.pending} ${interval} s`)})`,
    `    time.sleep(${interval})`,
    "print(response.json())",
  );
  return lines;
}

/** A Python script using `requests` (one `with open(…)` block per file for uploads, a `while` loop when polling). */
export function toPython(request: SnippetRequest): string {
  const token = revealedToken(request);
  const method = request.method.toLowerCase();
  const variable = tokenVariable(request.user);
  const spec = request.poll && !(request.files ?? []).length ? pollSpecFor(request.method, request.url) : undefined;
  const imports = ["os", ...(spec ? ["time"] : []), "requests"].filter((name) => name !== "os" || (token === undefined && authorizationHeader(request) === undefined));
  const lines = [`import ${imports.join(", ")}`, ""];
  const extra = (request.headers ?? []).map((header) => `${pythonString(header.name)}: ${pythonString(header.value)}`);
  if (authorizationHeader(request) !== undefined) lines.push(`headers = {${extra.join(", ")}}`, "");
  else {
    lines.push(token === undefined ? `${variable} = os.environ[${pythonString(variable)}]` : `${variable} = ${pythonString(token)}`);
    lines.push(`headers = {${[`"Authorization": f"Bearer {${variable}}"`, ...extra].join(", ")}}`, "");
  }
  const files = request.files ?? [];
  const urls = fileUrls(request);
  const raw = request.fileBody === "raw";
  const fields = files.length > 0 && !raw ? (request.fields ?? []) : [];
  if (fields.length > 0) lines.push(`data = ${pythonDict(fields)}`);
  const send = raw
    ? `requests.${method}(url, headers=headers, data=file)`
    : `requests.${method}(url, headers=headers${fields.length > 0 ? ", data=data" : ""}, files={"file": file})`;
  for (const file of files) if (file.source === "page") lines.push(`# ${S.pageFile(file.name)}`);
  if (files.length === 1) {
    lines.push(`url = ${pythonString(urls[0]!)}`, `with open(${pythonString(files[0]!.name)}, "rb") as file:`, `    response = ${send}`, "response.raise_for_status()", PRINT);
  } else if (files.length > 1) {
    lines.push("for name, url in [");
    files.forEach((file, i) => lines.push(`    (${pythonString(file.name)}, ${pythonString(urls[i]!)}),`));
    lines.push("]:", '    with open(name, "rb") as file:', `        response = ${send}`, "    response.raise_for_status()", `    ${PRINT}`);
  } else if (spec) {
    lines.push(`url = ${pythonString(request.url)}`, ...pythonPollLoop(`requests.${method}(url, headers=headers)`, spec));
  } else {
    const body = bodyText(request);
    const literal = body === undefined ? undefined : jsonToPython(body);
    // A body that is not JSON is sent as is, with its JSON content type (the API would answer 400).
    const args =
      request.urlencoded && request.urlencoded.length > 0 ? ["headers=headers", `data=${pythonDict(request.urlencoded)}`]
      : body === undefined ? ["headers=headers"]
      : literal !== undefined ? ["headers=headers", `json=${literal}`]
      : ['headers={**headers, "Content-Type": "application/json"}', `data=${pythonString(body)}.encode()`];
    lines.push(`url = ${pythonString(request.url)}`, `response = requests.${method}(url, ${args.join(", ")})`, "response.raise_for_status()", PRINT);
  }
  return lines.join("\n");
}

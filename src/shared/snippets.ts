// Copyable equivalents of a request block: a curl command line (here) and a Python `requests` script
// (snippets-python.ts). Pure functions (no DOM, no Node), used by the "Copier" buttons of each block and by the shell
// export. The token stays an environment variable (`$TOKEN`, `$TOKEN_ANNE`) unless the reader chose to reveal it.
import { authorizationHeader, type HttpMethod } from "./block-contract.ts";
import { pollSpecFor, type PollSpec } from "./poll.ts";
import { PARTS_STRINGS } from "./strings.ts";
import { bodyText, fileUrls, POLL_DEFAULTS, revealedToken, tokenVariable, type ShellVariables, type SnippetRequest } from "./snippet-request.ts";

export { fileUrls, tokenVariable, type ShellVariables, type SnippetField, type SnippetFile, type SnippetRequest } from "./snippet-request.ts";
export { jsonToPython, pythonPollLoop, pythonString, toPython } from "./snippets-python.ts";

const S = PARTS_STRINGS.snippet;

/** A shell word: double quotes when nothing inside would be interpreted by bash, single quotes otherwise. */
export function shellQuote(text: string): string {
  if (!/[$`"\\!\n\r]/.test(text)) return `"${text}"`;
  return `'${text.replace(/'/g, "'\\''")}'`;
}

const PLACEHOLDER = /\{([^{}\s][^{}]*)\}/g;

/** A shell word of a text; with `variables`, its placeholders become `${var}` expansions inside double quotes. */
export function shellWord(text: string, variables?: ShellVariables, quote: (text: string) => string = shellQuote): string {
  if (!variables || ![...text.matchAll(PLACEHOLDER)].some((match) => variables(match[1]!))) return quote(text);
  const literal = (part: string) => part.replace(/[\\"$`]/g, "\\$&");
  let out = "";
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const variable = variables(match[1]!);
    if (!variable) continue;
    out += `${literal(text.slice(last, match.index))}\${${variable}}`;
    last = match.index! + match[0].length;
  }
  return `"${out}${literal(text.slice(last))}"`;
}

// A curl -F value for a file; curl wants the name in double quotes when it holds `;`, `,`, `"` or `\`.
function curlFileField(name: string): string {
  const quoted = /[;,"\\]/.test(name) ? `"${name.replace(/[\\"]/g, "\\$&")}"` : name;
  return `file=@${quoted}`;
}

// The URL's non-ASCII characters percent-encoded in UTF-8, as a browser sends them: curl sends them raw, and some
// servers (Node's HTTP parser among them) refuse such a request line with a 400. Placeholders are left to shellWord.
function asciiUrl(url: string): string {
  const encode = (text: string) => text.replace(/[^\x00-\x7f]/gu, (character) => encodeURIComponent(character));
  let out = "";
  let last = 0;
  for (const match of url.matchAll(PLACEHOLDER)) {
    out += encode(url.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return out + encode(url.slice(last));
}

/** One curl command from its options, one option per continued line (`-X` omitted for GET, and for PUT with -T);
 * with `variables`, the URL's placeholders are shell variables (see shellWord); non-ASCII characters are percent-encoded. */
export function curlCommand(method: HttpMethod, given: string, options: readonly string[], variables?: ShellVariables): string {
  const url = asciiUrl(given);
  const implicit = method === "GET" || (method === "PUT" && options.some((option) => option.startsWith("-T ")));
  const literal = variables ? url.replace(PLACEHOLDER, (whole, name: string) => (variables(name) ? "" : whole)) : url;
  const head = [`curl${implicit ? "" : ` -X ${method}`}${/[{}[\]]/.test(literal) ? " --globoff" : ""} ${shellWord(url, variables)}`];
  return [...head, ...options].join(" \\\n  ");
}

/** The curl options of the token and the block's headers (`-H …`). */
export function curlHeaderOptions(request: SnippetRequest): string[] {
  const token = revealedToken(request);
  const auth = authorizationHeader(request) !== undefined || request.withoutToken ? []
    : token === undefined ? [`-H "Authorization: Bearer $${tokenVariable(request.user)}"`]
    : [`-H ${shellQuote(`Authorization: Bearer ${token}`)}`];
  return [...auth, ...(request.headers ?? []).map((header) => `-H ${shellWord(`${header.name}: ${header.value}`, request.variables)}`)];
}

/** The curl options of one request's body: a file (multipart or raw), url-encoded fields, or JSON. */
export function curlBodyOptions(request: SnippetRequest, fileName?: string): string[] {
  const word = (text: string, quote?: (text: string) => string) => shellWord(text, request.variables, quote);
  if (fileName !== undefined) {
    if (request.fileBody === "raw") return request.method === "PUT" ? [`-T ${word(fileName)}`] : [`--data-binary ${word(`@${fileName}`)}`];
    // --form-string: a value starting with @ or < stays text instead of naming a file.
    const fields = (request.fields ?? []).map((field) => `--form-string ${word(`${field.name}=${field.value}`)}`);
    return [...fields, `-F ${word(curlFileField(fileName))}`];
  }
  if (request.urlencoded && request.urlencoded.length > 0) return request.urlencoded.map((field) => `--data-urlencode ${word(`${field.name}=${field.value}`)}`);
  const body = bodyText(request);
  return body === undefined ? [] : [`-H "Content-Type: application/json"`, `--data-raw ${word(body, (text) => `'${text.replace(/'/g, "'\\''")}'`)}`];
}

/** Options of curlPollLoop: delays (seconds, or shell expressions such as "$POLL_INTERVAL") and, in a script, the
 * command each read goes through (e.g. `send "label"`), which leaves the answer in the file $RESPONSE. */
export interface CurlPollOptions {
  intervalSeconds?: number | string;
  timeoutSeconds?: number | string;
  via?: string;
}

/**
 * A bash loop around a curl command that prints a body: reads again every few seconds while the status is pending,
 * stops with the reason when waiting cannot help (blocked), gives up after the timeout, then prints the last answer
 * with jq. `command` is the whole curl command (continued lines allowed); never `exit`s (safe to paste in a shell).
 * After the loop, `$status` holds the last status (SUCCESS or FAILURE for checks, EMPTY when none was run). With
 * `via`, each read is `via command` and nothing is printed after the loop (the script reads $RESPONSE).
 */
export function curlPollLoop(command: string, spec: PollSpec, options: CurlPollOptions = {}): string {
  const interval = options.intervalSeconds ?? POLL_DEFAULTS.intervalSeconds;
  const timeout = options.timeoutSeconds ?? POLL_DEFAULTS.timeoutSeconds;
  const indented = command.split("\n").map((line, index) => (index === 0 ? line : `  ${line}`)).join("\n");
  const answer = options.via ? (filter: string) => `jq -r '${filter}' "$RESPONSE"` : (filter: string) => `printf '%s' "$response" | jq -r '${filter}'`;
  const comment = typeof interval === "number" && typeof timeout === "number" ? [`# ${S.pollComment(interval, Math.round(timeout / 60))}. ${S.jq}.`] : [];
  const lines = [...comment, `deadline=$((SECONDS + ${timeout}))`, "while :; do", options.via ? `  ${options.via} ${indented}` : `  response=$(${indented})`];
  if (spec.kind === "checks") {
    lines.push(
      `  status=$(${answer('if ([.asked, .in_progress, .passed, .failed] | map(length) | add) == 0 then "EMPTY" elif ((.asked | length) + (.in_progress | length)) > 0 then "PENDING" elif (.failed | length) > 0 then "FAILURE" else "SUCCESS" end')})`,
      `  if [ "$status" = EMPTY ]; then echo ${shellQuote(spec.blockedWhenEmpty)} >&2; break; fi`,
      `  if [ "$status" != PENDING ]; then break; fi`,
    );
  } else {
    lines.push(`  status=$(${answer('if type == "object" then .status // "?" else "?" end')})`, '  case "$status" in');
    for (const [status, reason] of Object.entries(spec.blocked)) lines.push(`    ${status}) echo ${shellQuote(reason)} >&2; break ;;`);
    if (spec.pending.length > 0) lines.push(`    ${spec.pending.join("|")}) ;;`);
    lines.push("    *) break ;;", "  esac");
  }
  lines.push(
    `  if [ "$SECONDS" -ge "$deadline" ]; then echo ${shellQuote(S.timeout)} "($status)" >&2; break; fi`,
    `  echo "$status : ${S.pending} ${interval} s" >&2`,
    `  sleep ${interval}`,
    "done",
  );
  if (!options.via) lines.push(`printf '%s\\n' "$response" | jq .`);
  return lines.join("\n");
}

/** A curl command (several, separated by a blank line, when several files are sent one request each; a loop when polling). */
export function toCurl(request: SnippetRequest): string {
  const headers = curlHeaderOptions(request);
  const files = request.files ?? [];
  if (files.length > 0) {
    const urls = fileUrls(request);
    return files
      .map((file, i) => {
        const command = curlCommand(request.method, urls[i]!, [...headers, ...curlBodyOptions(request, file.name)], request.variables);
        return file.source === "page" ? `# ${S.pageFile(file.name)}\n${command}` : command;
      })
      .join("\n\n");
  }
  const spec = request.poll ? pollSpecFor(request.method, request.url) : undefined;
  if (spec) return curlPollLoop(curlCommand(request.method, request.url, ["-sS", ...headers], request.variables), spec);
  return curlCommand(request.method, request.url, [...headers, ...curlBodyOptions(request)], request.variables);
}

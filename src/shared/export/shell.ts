// "Exporter ce parcours" as a bash script: curl and jq, `set -euo pipefail`, the tutorial's requests in order written
// as the blocks' « Copier en curl » writes them (src/shared/snippets.ts: curl commands and polling loops, with the
// script's variables), the captures as jq filters, the token read from $TOKEN (never written in the file).
// Sample files are read from $SAMPLES (the archive's samples/ folder); the cleanup page also runs after a failure.
import { authorizationHeader, FILE_PLACEHOLDER } from "../block-contract.ts";
import { curlBodyOptions, curlCommand, curlHeaderOptions, curlPollLoop, shellQuote, type ShellVariables, type SnippetRequest } from "../snippets.ts";
import { limitNotes } from "./limits.ts";
import { BUILD_IAM, expectsError, expiredTokenVariable, inputsOf, isSecretVariable, jqPath, pollSpecOf, requestsOf, splitUrl, tokenVar, usersOf, varName, type ExportRequest, writableValues } from "./model.ts";
import { isCleanupPage, type Parcours } from "./parcours.ts";
import { SHELL_PRELUDE } from "./shell-prelude.ts";

/** What to write in the script besides the tutorial: the reader's current values (absent: a template). */
export interface ExportValues {
  values?: Readonly<Record<string, string>>;
  /** API base written as the default of $API (default: the build's). */
  base?: string;
  /** Identity realm written in the Bruno environment and the Arazzo description (default: the build's). */
  iam?: string;
}

// A bash double-quoted word of a literal text.
const dq = (text: string) => `"${text.replace(/[\\"$`]/g, "\\$&")}"`;

// The script's variables: `{$API}`-like pseudo-placeholders for its roots, the tutorial's placeholders by varName.
const scriptVariables = (names: ReadonlySet<string>): ShellVariables => (name) => (name.startsWith("$") ? name.slice(1) : names.has(name) ? varName(name) : undefined);

/** A request as the blocks' « Copier en curl » describes it (src/shared/snippets.ts), with the script's variables:
 * `$API`, `$SERVICES`, `$IAM` for the URL's root, `$SAMPLES` for the files, `${stored_data}` for `{stored data}`. */
export function shellSnippetRequest(request: ExportRequest, names: ReadonlySet<string>): SnippetRequest {
  const { block, file } = request;
  const { root, rest } = splitUrl(request.url);
  const url = root === "api" ? `{$API}${rest}` : root === "iam" ? `{$IAM}${rest}` : root === "services" ? `{$SERVICES}${rest}` : rest;
  const withFile = (text: string) => (file ? text.split(`{${FILE_PLACEHOLDER}}`).join(file.name) : text);
  return {
    method: block.method,
    url,
    body: block.body,
    fields: (block.form ?? []).map((field) => ({ name: field.name, value: withFile(field.value) })),
    fileBody: block.fileBody,
    urlencoded: block.urlencoded,
    headers: block.headers,
    user: block.user,
    withoutToken: root === "none" || root === "iam",
    variables: scriptVariables(names),
  };
}

// The lines of one request: comment, body, send or polling loop, captures.
function requestLines(request: ExportRequest, names: ReadonlySet<string>): string[] {
  const { block, file } = request;
  const lines = [`# ${request.page.title}, bloc ${request.number}${block.user ? ` (en tant que ${block.user})` : ""}`];
  for (const note of limitNotes(request, "bash", "$SAMPLES")) lines.push(`# ${note}`);
  const snippet = shellSnippetRequest(request, names);
  const headers = curlHeaderOptions(snippet);
  const need = block.placeholders.filter((name) => name !== FILE_PLACEHOLDER).map(varName);
  const prefix = [need.length > 0 ? `NEED=${dq(need.join(" "))}` : "", expectsError(block) ? "EXPECT=4xx" : ""].filter(Boolean).join(" ");
  const send = `${prefix ? `${prefix} ` : ""}send ${dq(request.label)}`;
  if (file?.source === "page") {
    lines.push(`if [[ ! -f "$SAMPLES/${file.name}" ]]; then echo ${dq(`– ${request.label} : ${file.name} (produit dans la page) absent de $SAMPLES, non envoyé`)}; else`);
  }
  const tokenName = expiredTokenVariable(block);
  if (tokenName) lines.push(`wait_expiry ${dq(request.label)} "\${${varName(tokenName)}-}"`);
  const poll = pollSpecOf(block);
  if (poll) {
    const [pending, stops] = poll.kind === "checks" ? ["PENDING", "FAILURE EMPTY"] : [poll.pending.join(" "), [...poll.failure, ...Object.keys(poll.blocked)].join(" ")];
    lines.push(curlPollLoop(curlCommand(block.method, snippet.url, headers, snippet.variables), poll, { via: send, intervalSeconds: "$POLL_INTERVAL", timeoutSeconds: "POLL_TIMEOUT" }));
    lines.push(`settle ${dq(request.label)} "$status" ${dq(pending)} ${dq(stops)}`);
  } else {
    // The file under $SAMPLES: its site path without /samples (a file produced in the page: its name).
    const local = file ? (file.source === "page" ? `/${file.name}` : file.href.replace(/^\/samples/, "")) : undefined;
    const body = curlBodyOptions(snippet, local === undefined ? undefined : `{$SAMPLES}${local}`);
    lines.push(`${send} ${curlCommand(block.method, snippet.url, [...headers, ...body], snippet.variables)}`);
  }
  if (block.captures.length > 0) lines.push(`capture ${block.captures.map((capture) => shellQuote(`${varName(capture.variable)}=${jqPath(capture.path)}`)).join(" ")}`);
  if (file?.source === "page") lines.push("fi");
  return lines;
}

/** The bash script of a tutorial (with the reader's values as defaults, or as a template). */
export function toShell(parcours: Parcours, options: ExportValues = {}): string {
  const values = writableValues(options.values);
  const requests = requestsOf(parcours);
  const names = new Set<string>();
  for (const { block } of requests) {
    block.placeholders.forEach((name) => name !== FILE_PLACEHOLDER && names.add(name));
    block.captures.forEach((capture) => names.add(capture.variable));
  }
  const base = options.base ?? "https://data.geopf.fr/api";
  // The reader's own token: sent to the Géoplateforme by the blocks without their own Authorization header.
  const usesToken = requests.some(({ block, url }) => (!block.user || block.user === "dave") && !["none", "iam"].includes(splitUrl(url).root) && authorizationHeader(block) === undefined);
  const header = [
    "#!/usr/bin/env bash",
    `# ${parcours.title} : les requêtes du tutoriel, dans l'ordre des pages (exporté du site des tutoriels).`,
    "# Prérequis : bash, curl, jq. Jeton : variable d'environnement TOKEN (jamais écrite dans ce fichier)" +
      (usersOf(parcours).length > 0 ? `, et ${usersOf(parcours).map((user) => tokenVar(user)).join(", ")} pour les blocs envoyés en tant qu'un autre utilisateur.` : "."),
    "# Variables : celles de la page ({stored data} devient $stored_data) ; une variable déjà définie dans l'environnement l'emporte.",
    "# Les blocs qui lisent un statut asynchrone relisent la ressource toutes les POLL_INTERVAL s jusqu'au statut final (POLL_TIMEOUT s au plus).",
    "# Le nettoyage (dernière page) est aussi lancé après un échec.",
    "set -euo pipefail",
    SHELL_PRELUDE.replace("__BASE__", shellQuote(base).replace(/^"|"$/g, "")).replace("__SERVICES__", new URL(base).origin).replace("__IAM__", BUILD_IAM).trim(),
    "",
    ...(usesToken ? [`: "\${TOKEN:?Définissez TOKEN (jeton d'accès de l'API Entrepôt)}"`] : []),
    ...usersOf(parcours).map((user) => `: "\${${tokenVar(user)}:?Définissez ${tokenVar(user)} (jeton de ${user})}"`),
    `SECRETS=${dq([...names].filter(isSecretVariable).map(varName).join(" "))}`,
    ...[...names].map((name) => `${varName(name)}=\${${varName(name)}:-${values[name] ? shellQuote(values[name]!) : ""}}`),
    ...inputsOf(parcours).map((name) => `: "\${${varName(name)}:?Définissez ${varName(name)} ({${name}} : aucun bloc du tutoriel ne le fournit avant qu'il serve)}"`),
    "",
  ];
  const main = requests.filter((request) => !isCleanupPage(request.page));
  const cleanup = requests.filter((request) => isCleanupPage(request.page));
  const body = [
    "cleanup() {",
    "  CLEANING=1",
    ...cleanup.flatMap((request) => [...requestLines(request, names), ""]),
    "  CLEANING=0",
    "}",
    `trap 'code=$?; trap - EXIT; if [[ $code != 0 && $CLEANING == 0 ]]; then echo "Échec : nettoyage de ce qui a été créé"; set +e; cleanup; fi; rm -f "$RESPONSE"; exit $code' EXIT`,
    "",
    ...main.flatMap((request) => [...requestLines(request, names), ""]),
    "cleanup",
    `echo "Parcours terminé."`,
    "",
  ];
  return [...header, ...body].join("\n");
}

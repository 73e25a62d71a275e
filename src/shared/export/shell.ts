// "Exporter ce parcours" as a bash script: curl and jq, `set -euo pipefail`, the tutorial's requests in order, the
// captures as jq filters, polling loops with a timeout, the token read from $TOKEN (never written in the file).
// Sample files are read from $SAMPLES (the archive's samples/ folder); the cleanup page also runs after a failure.
import { FILE_PLACEHOLDER } from "../block-contract.ts";
import { shellQuote } from "../snippets.ts";
import { BUILD_IAM, expectsError, inputsOf, jqPath, pollSpecOf, requestsOf, splitUrl, tokenVar, usersOf, varName, type ExportRequest, writableValues } from "./model.ts";
import { isCleanupPage, type Parcours } from "./parcours.ts";

/** What to write in the script besides the tutorial: the reader's current values (absent: a template). */
export interface ExportValues {
  values?: Readonly<Record<string, string>>;
  /** API base written as the default of $API (default: the build's). */
  base?: string;
}

// The shell helpers every exported script starts with.
const PRELUDE = String.raw`
API=${"$"}{API:-__BASE__}
SERVICES=${"$"}{SERVICES:-__SERVICES__}
IAM=${"$"}{IAM:-__IAM__}
SAMPLES=${"$"}{SAMPLES:-"$(dirname "$0")/samples"}
POLL_INTERVAL=${"$"}{POLL_INTERVAL:-3}
POLL_TIMEOUT=${"$"}{POLL_TIMEOUT:-900}
RESPONSE=$(mktemp)
CLEANING=0
SAFE_JSON='^[^\"[:cntrl:]]*$'

# fill MODE TEXT: each {placeholder} whose variable is set, replaced by its value (json: escaped, uri: percent-encoded).
fill() {
  local mode=$1 text=$2 name var value
  for name in "${"$"}{!PLACEHOLDERS[@]}"; do
    [[ $text == *"{$name}"* ]] || continue
    var=${"$"}{PLACEHOLDERS[$name]}
    [[ -n ${"$"}{!var-} ]] || continue
    value=${"$"}{!var}
    # jq only for values that need escaping (ids never do).
    case $mode in
      json) [[ $value =~ $SAFE_JSON ]] || { value=$(jq -rn --arg v "$value" '$v | @json'); value=${"$"}{value:1:${"$"}{#value}-2}; } ;;
      uri) [[ $value =~ ^[A-Za-z0-9._~-]*$ ]] || value=$(jq -rn --arg v "$value" '$v | @uri') ;;
    esac
    text=${"$"}{text//"{$name}"/$value}
  done
  printf '%s' "$text"
}

# send LABEL TOKEN_VARIABLE METHOD URL [curl options…]: one request; stops the script on an answer other than 2xx.
send() {
  local label=$1 token=$2 method=$3 url=$4 code start
  shift 4
  if [[ $url =~ \{[[:alpha:]][^}]*\} ]]; then
    echo "– $label : variable sans valeur (${"$"}{BASH_REMATCH[0]})"
    [[ $CLEANING == 1 ]] && return 0
    exit 1
  fi
  local auth=()
  [[ -n $token ]] && auth=(-H "Authorization: Bearer ${"$"}{!token}")
  start=$(date +%s%N)
  code=$(curl -sS --globoff -o "$RESPONSE" -w '%{http_code}' -X "$method" -H "Accept: application/json" "${"$"}{auth[@]}" "$@" "$url") || code=000
  # EXPECT=4xx before a call: the block shows a refusal.
  local ok=0
  if [[ ${"$"}{EXPECT:-2xx} == 4xx ]]; then [[ $code == 4* ]] && ok=1; else [[ $code == 2* ]] && ok=1; fi
  printf '%s %s %6s ms  %s\n' "$([[ $ok == 1 ]] && echo ✔ || echo ✘)" "$code" "$(( ($(date +%s%N) - start) / 1000000 ))" "$label"
  if [[ $ok != 1 ]]; then
    head -c 2000 "$RESPONSE"; echo
    [[ $CLEANING == 1 ]] && return 0
    exit 1
  fi
}

# capture VARIABLE FILTER: sets VARIABLE from the last JSON answer when the filter gives a string or a number.
capture() {
  local value
  value=$(jq -r "first(($2) | select(type == \"string\" or type == \"number\")) // empty" "$RESPONSE" 2>/dev/null || true)
  [[ -n $value ]] && printf -v "$1" '%s' "$value" && echo "    {$1} = $value"
  return 0
}

# poll KIND PENDING FAILURE BLOCKED LABEL TOKEN_VARIABLE URL: reads the resource until its status is final (at most
# POLL_TIMEOUT s); a failure status, or a blocked one (a step is missing), stops the script.
poll() {
  local kind=$1 pending=$2 failure=$3 blocked=$4 label=$5 token=$6 url=$7 state deadline=$(( $(date +%s) + POLL_TIMEOUT ))
  while :; do
    send "$label" "$token" GET "$url"
    if [[ $kind == checks ]]; then
      state=$(jq -r 'if (.asked | length) + (.in_progress | length) > 0 then "PENDING" elif (.failed | length) > 0 then "FAILURE" elif (.passed | length) > 0 then "SUCCESS" else "BLOCKED" end' "$RESPONSE" 2>/dev/null || echo "?")
      pending=PENDING failure=FAILURE blocked=BLOCKED
    else
      state=$(jq -r 'if type == "object" then .status // "?" else "?" end' "$RESPONSE" 2>/dev/null || echo "?")
    fi
    if [[ " $pending " != *" $state "* ]]; then
      echo "    statut final : $state"
      if [[ " $failure $blocked " == *" $state "* && $CLEANING == 0 ]]; then echo "✘ $label : statut $state"; exit 1; fi
      return 0
    fi
    if (( $(date +%s) > deadline )); then echo "✘ $label : toujours $state après $POLL_TIMEOUT s"; exit 1; fi
    sleep "$POLL_INTERVAL"
  done
}
`;

// A bash double-quoted word of a literal text.
const dq = (text: string) => `"${text.replace(/[\\"$`]/g, "\\$&")}"`;

// The URL of a request as a shell expression ($API / $SERVICES, placeholders filled percent-encoded).
function urlWord(request: ExportRequest): string {
  const { root, rest } = splitUrl(request.url);
  const prefix = root === "api" ? "$API" : root === "iam" ? "$IAM" : root === "services" ? "$SERVICES" : "";
  return `"$(fill uri ${prefix ? `"${prefix}"${dq(rest)}` : dq(rest)})"`;
}

// The lines of one request: comment, body, send or poll, captures.
function requestLines(request: ExportRequest): string[] {
  const { block, file } = request;
  const lines = [`# ${request.page.title}, bloc ${request.number}${block.user ? ` (en tant que ${block.user})` : ""}`];
  const ownAuth = (block.headers ?? []).some((header) => header.name.toLowerCase() === "authorization");
  const token = ownAuth ? '""' : tokenVar(block.user);
  const options: string[] = [];
  for (const header of block.headers ?? []) options.push(`-H "$(fill raw ${dq(`${header.name}: ${header.value}`)})"`);
  if (file) {
    if (file.source === "page") {
      lines.push(`# ${file.name} est produit dans la page (hors navigateur : déposez-le dans $SAMPLES/${file.name}).`);
      lines.push(`if [[ ! -f "$SAMPLES/${file.name}" ]]; then echo "– ${request.label.replace(/["$`\\]/g, "")} : fichier produit dans la page, non envoyé"; else`);
    }
    // The file under $SAMPLES: its site path without /samples (a file produced in the page: its name).
    const local = file.source === "page" ? `/${file.name}` : file.href.replace(/^\/samples/, "");
    if (block.fileBody === "raw") options.push(`--data-binary "@$SAMPLES"${dq(local)}`);
    else {
      for (const field of block.form ?? []) options.push(`--form-string "$(fill raw ${dq(`${field.name}=${field.value.split(`{${FILE_PLACEHOLDER}}`).join(file.name)}`)})"`);
      options.push(`-F "file=@$SAMPLES"${dq(`${local};filename=${file.name}`)}`);
    }
  } else if (block.urlencoded) {
    for (const field of block.urlencoded) options.push(`--data-urlencode "$(fill raw ${dq(`${field.name}=${field.value}`)})"`);
  } else if (block.body !== undefined && block.body.trim() !== "") {
    lines.push(`body=$(cat <<'JSON'`, block.body, "JSON", ")");
    options.push(`-H "Content-Type: application/json"`, `--data-raw "$(fill json "$body")"`);
  }
  const label = dq(request.label);
  const poll = pollSpecOf(block);
  if (poll) {
    const [pending, failure, blocked] = poll.kind === "checks" ? ["", "", ""] : [poll.pending.join(" "), poll.failure.join(" "), Object.keys(poll.blocked).join(" ")];
    lines.push(`poll ${poll.kind} ${dq(pending)} ${dq(failure)} ${dq(blocked)} ${label} ${token} ${urlWord(request)}`);
  }
  else lines.push([`${expectsError(block) ? "EXPECT=4xx " : ""}send ${label} ${token} ${block.method} ${urlWord(request)}`, ...options].join(" \\\n  "));
  for (const capture of block.captures) lines.push(`capture ${varName(capture.variable)} ${shellQuote(jqPath(capture.path))}`);
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
  const header = [
    "#!/usr/bin/env bash",
    `# ${parcours.title} : les requêtes du tutoriel, dans l'ordre des pages (exporté du site des tutoriels).`,
    "# Prérequis : bash, curl, jq. Jeton : variable d'environnement TOKEN (jamais écrite dans ce fichier)" +
      (usersOf(parcours).length > 0 ? `, et ${usersOf(parcours).map((user) => tokenVar(user)).join(", ")} pour les blocs envoyés en tant qu'un autre utilisateur.` : "."),
    "# Variables : celles de la page ({stored data} devient $stored_data) ; une variable déjà définie dans l'environnement l'emporte.",
    "# Les blocs qui lisent un statut asynchrone relisent la ressource toutes les POLL_INTERVAL s jusqu'au statut final (POLL_TIMEOUT s au plus).",
    "# Le nettoyage (dernière page) est aussi lancé après un échec.",
    "set -euo pipefail",
    PRELUDE.replace("__BASE__", shellQuote(base).replace(/^"|"$/g, "")).replace("__SERVICES__", new URL(base).origin).replace("__IAM__", BUILD_IAM).trim(),
    "",
    `: "\${TOKEN:?Définissez TOKEN (jeton d'accès de l'API Entrepôt)}"`,
    ...usersOf(parcours).map((user) => `: "\${${tokenVar(user)}:?Définissez ${tokenVar(user)} (jeton de ${user})}"`),
    `declare -A PLACEHOLDERS=(${[...names].map((name) => `[${dq(name)}]=${varName(name)}`).join(" ")})`,
    ...[...names].map((name) => `${varName(name)}=\${${varName(name)}:-${values[name] ? shellQuote(values[name]!) : ""}}`),
    ...inputsOf(parcours).map((name) => `: "\${${varName(name)}:?Définissez ${varName(name)} ({${name}} : aucun bloc du tutoriel ne le fournit avant qu'il serve)}"`),
    "",
  ];
  const main = requests.filter((request) => !isCleanupPage(request.page));
  const cleanup = requests.filter((request) => isCleanupPage(request.page));
  const body = [
    "cleanup() {",
    "  CLEANING=1",
    ...cleanup.flatMap((request) => [...requestLines(request), ""]),
    "  CLEANING=0",
    "}",
    `trap 'code=$?; trap - EXIT; if [[ $code != 0 && $CLEANING == 0 ]]; then echo "Échec : nettoyage de ce qui a été créé"; set +e; cleanup; fi; rm -f "$RESPONSE"; exit $code' EXIT`,
    "",
    ...main.flatMap((request) => [...requestLines(request), ""]),
    "cleanup",
    `echo "Parcours terminé."`,
    "",
  ];
  return [...header, ...body].join("\n");
}

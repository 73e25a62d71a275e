// "Exporter ce parcours" as a Bruno collection (the format of IGN's own collections): a folder per page, one .bru per
// request, an environment with the base URLs, the datastore and the token as a secret variable (never written),
// post-response scripts that set the captured variables and poll until the final status, tests on every answer.
// Returns the collection's files (path → text or bytes); zip.ts packs them. Pure.
import { authorizationHeader, FILE_PLACEHOLDER, type BlockSpec } from "../block-contract.ts";
import { limitNotes } from "./limits.ts";
import { BUILD_IAM, BUILD_SERVICES, expectsError, expiredTokenVariable, JS_PICK, jsPath, pollSpecOf, requestsOf, splitUrl, usersOf, varName, type ExportRequest, writableValues } from "./model.ts";
import { isCleanupPage, type Parcours } from "./parcours.ts";
import type { ExportValues } from "./shell.ts";

/** The files of an export: relative path → content. */
export type ExportFiles = Record<string, string | Uint8Array>;

const pad = (n: number) => String(n).padStart(2, "0");
// Bruno names and folder names: no characters that file systems or Bruno's parser refuse.
const safeName = (text: string) => text.replace(/[\\/:*?"<>|{}\n\r]+/g, " ").replace(/\s+/g, " ").trim();
// `{name}` placeholders as Bruno's `{{name}}` variables.
const bruVars = (text: string) => text.replace(/\{([\p{L}][\p{L}\p{N} _-]*)\}/gu, (_whole, name: string) => `{{${varName(name)}}}`);
const indent = (text: string, by = "  ") => text.split("\n").map((line) => (line ? by + line : line)).join("\n");

// The URL with Bruno variables for its root ({{baseUrl}}, {{iam}}, {{services}}).
function bruUrl(request: ExportRequest): string {
  const { root, rest } = splitUrl(request.url);
  const prefix = root === "api" ? "{{baseUrl}}" : root === "iam" ? "{{iam}}" : root === "services" ? "{{services}}" : "";
  return prefix + bruVars(rest);
}

// The post-response script: captures, then (polling blocks) the next request is this one again until the status is final.
function postResponse(request: ExportRequest, name: string, timeoutMs: number): string {
  const { block } = request;
  const lines: string[] = [];
  if (block.captures.length > 0) {
    lines.push(JS_PICK, "const body = res.getBody();", "const keep = (name, value) => { if ((typeof value === \"string\" && value !== \"\") || typeof value === \"number\") bru.setVar(name, String(value)); };");
    for (const capture of block.captures) lines.push(`keep(${JSON.stringify(varName(capture.variable))}, ${jsPath("body", capture.path)});`);
  }
  const poll = pollSpecOf(block);
  if (poll) {
    const key = JSON.stringify(`poll_${varName(name)}`);
    lines.push(
      "// Polling: this request again every pollInterval ms while the status is pending (at most pollTimeout ms).",
      "const data = res.getBody() ?? {};",
      poll.kind === "checks"
        ? "const pending = ((data.asked ?? []).length + (data.in_progress ?? []).length) > 0;"
        : `const pending = ${JSON.stringify(poll.pending)}.includes(data.status);`,
      `const started = Number(bru.getVar(${key}) || Date.now());`,
      `if (pending && Date.now() - started < Number(bru.getEnvVar("pollTimeout") || ${timeoutMs})) {`,
      `  bru.setVar(${key}, String(started));`,
      `  await bru.sleep(Number(bru.getEnvVar("pollInterval") || 3000));`,
      `  bru.runner.setNextRequest(${JSON.stringify(name)});`,
      `} else bru.setVar(${key}, "");`,
    );
  }
  return lines.join("\n");
}

// The tests block: the expected status class, and for a polled resource its final success status.
function tests(block: BlockSpec): string {
  const poll = pollSpecOf(block);
  const lines = expectsError(block)
    ? ['test("refus attendu (4xx)", function () {', "  expect(res.status).to.be.within(400, 499);", "});"]
    : ['test("réponse 2xx", function () {', "  expect(res.status).to.be.within(200, 299);", "});"];
  if (poll?.kind === "status") {
    lines.push(
      'test("statut final réussi (une fois l\'attente finie)", function () {',
      "  const status = res.getBody()?.status;",
      `  if (!${JSON.stringify(poll.pending)}.includes(status)) expect(${JSON.stringify(poll.success)}).to.include(status);`,
      "});",
    );
  } else if (poll?.kind === "checks") {
    lines.push('test("vérifications sans échec", function () {', "  expect(res.getBody()?.failed ?? []).to.have.lengthOf(0);", "});");
  }
  return lines.join("\n");
}

// The pre-request script of a step showing an expired token refused: waits for the token's `exp` (JWT).
function expiryWait(variable: string): string {
  return [
    "// Waits until the token has expired (its exp), at most expiryWait ms, to show the API refusing it.",
    `const jwt = String(bru.getVar(${JSON.stringify(variable)}) ?? "").split(".")[1] ?? "";`,
    "let exp = 0;",
    'const base64 = jwt.replace(/-/g, "+").replace(/_/g, "/");',
    'try { exp = Number(JSON.parse(typeof atob === "function" ? atob(base64) : Buffer.from(base64, "base64").toString("binary")).exp) * 1000; } catch { exp = 0; }',
    "const wait = exp ? exp + 1000 - Date.now() : 0;",
    'if (wait > Number(bru.getEnvVar("expiryWait") || 600000)) throw new Error("le jeton n\'expire que dans " + Math.ceil(wait / 1000) + " s");',
    "if (wait > 0) await bru.sleep(wait);",
  ].join("\n");
}

// One .bru file.
function bruFile(request: ExportRequest, name: string, seq: number): string {
  const { block, file } = request;
  const method = block.method.toLowerCase();
  const ownAuth = authorizationHeader(block) !== undefined;
  const body = file
    ? block.fileBody === "raw" ? "file" : "multipartForm"
    : block.urlencoded ? "formUrlEncoded" : block.body?.trim() ? "json" : "none";
  const root = splitUrl(request.url).root;
  const auth = ownAuth || root === "none" || root === "iam" ? "none" : block.user && block.user !== "dave" ? "bearer" : "inherit";
  const parts = [
    `meta {\n  name: ${name}\n  type: http\n  seq: ${seq}\n}`,
    `${method} {\n  url: ${bruUrl(request)}\n  body: ${body}\n  auth: ${auth}\n}`,
  ];
  if (auth === "bearer") parts.push(`auth:bearer {\n  token: {{token_${block.user}}}\n}`);
  if (block.headers?.length) parts.push(`headers {\n${block.headers.map((header) => `  ${header.name}: ${bruVars(header.value)}`).join("\n")}\n}`);
  const samplePath = file ? (file.source === "page" ? `samples/${file.name}` : file.href.replace(/^\//, "")) : "";
  if (file && block.fileBody === "raw") parts.push(`body:file {\n  file: @file(${samplePath}) @contentType(application/octet-stream)\n}`);
  else if (file) {
    const fields = (block.form ?? []).map((field) => `  ${field.name}: ${bruVars(field.value.split(`{${FILE_PLACEHOLDER}}`).join(file.name))}`);
    parts.push(`body:multipart-form {\n${[...fields, `  file: @file(${samplePath})`].join("\n")}\n}`);
  } else if (block.urlencoded) parts.push(`body:form-urlencoded {\n${block.urlencoded.map((field) => `  ${field.name}: ${bruVars(field.value)}`).join("\n")}\n}`);
  else if (block.body?.trim()) parts.push(`body:json {\n${indent(bruVars(block.body))}\n}`);
  const tokenName = expiredTokenVariable(block);
  if (tokenName) parts.push(`script:pre-request {\n${indent(expiryWait(varName(tokenName)))}\n}`);
  const script = postResponse(request, name, 15 * 60_000);
  if (script) parts.push(`script:post-response {\n${indent(script)}\n}`);
  parts.push(`tests {\n${indent(tests(block))}\n}`);
  const notes = [
    block.user && block.user !== "dave" ? `Envoyée en tant que ${block.user} (jeton : variable token_${block.user}).` : "",
    tokenName ? `Montre le refus d'un jeton expiré : le script avant la requête attend l'expiration de {{${varName(tokenName)}}} (son « exp », expiryWait ms au plus).` : "",
    ...limitNotes(request, "bruno"),
  ].filter(Boolean);
  if (notes.length > 0) parts.push(`docs {\n${indent(notes.join("\n"))}\n}`);
  return `${parts.join("\n\n")}\n`;
}

/** Options of toBruno: the reader's values, samples to ship, and a prefix to every request's name (`bru run` finds
 * the request a poll runs again by its name: several collections merged into one run need distinct names). */
export interface BrunoOptions extends ExportValues {
  samples?: Record<string, Uint8Array>;
  namePrefix?: string;
}

/** The collection's files: bruno.json, collection.bru, environments/Tutoriel.bru, one folder per page. */
export function toBruno(parcours: Parcours, options: BrunoOptions = {}): ExportFiles {
  const values = writableValues(options.values);
  const base = options.base ?? "https://data.geopf.fr/api";
  const files: ExportFiles = {
    "bruno.json": `${JSON.stringify({ version: "1", name: parcours.title, type: "collection", ignore: ["node_modules", ".git"] }, null, 2)}\n`,
    "collection.bru": [
      "auth {\n  mode: bearer\n}",
      "auth:bearer {\n  token: {{token}}\n}",
      `docs {\n${indent([
        `${parcours.title} : les requêtes du tutoriel, une par bloc (une par fichier pour les envois), dans l'ordre des pages.`,
        "Variables : celles de la page ({stored data} devient {{stored_data}}), posées par les scripts post-réponse.",
        "Jeton : variable secrète token de l'environnement (jamais écrite dans les fichiers)" + (usersOf(parcours).length > 0 ? `, et ${usersOf(parcours).map((user) => `token_${user}`).join(", ")}.` : "."),
        "Les lectures de statut asynchrone se relancent (bru.runner.setNextRequest) jusqu'au statut final.",
        "Bruno s'arrête au premier échec avec --bail : le dossier du nettoyage ne tourne alors pas ; lancez-le seul ensuite.",
      ].join("\n"))}\n}`,
    ].join("\n\n") + "\n",
  };
  const names = new Set<string>();
  for (const request of requestsOf(parcours)) for (const name of [...request.block.placeholders, ...request.block.captures.map((capture) => capture.variable)]) if (name !== FILE_PLACEHOLDER) names.add(name);
  const envVars = [
    `  baseUrl: ${base}`,
    `  services: ${base === "https://data.geopf.fr/api" ? BUILD_SERVICES : new URL(base).origin}`,
    `  iam: ${options.iam ?? BUILD_IAM}`,
    "  pollInterval: 3000",
    "  pollTimeout: 900000",
    "  expiryWait: 600000",
    ...[...names].map((name) => `  ${varName(name)}: ${values[name] ?? ""}`),
  ];
  const secrets = ["token", ...usersOf(parcours).map((user) => `token_${user}`)];
  files["environments/Tutoriel.bru"] = `vars {\n${envVars.join("\n")}\n}\n\nvars:secret [\n${secrets.map((name) => `  ${name}`).join(",\n")}\n]\n`;
  const byPage = new Map<string, ExportRequest[]>();
  for (const request of requestsOf(parcours)) byPage.set(request.page.url, [...(byPage.get(request.page.url) ?? []), request]);
  [...byPage.values()].forEach((requests, pageIndex) => {
    const page = requests[0]!.page;
    const folder = `${pad(pageIndex + 1)} - ${safeName(page.title)}`;
    files[`${folder}/folder.bru`] = `meta {\n  name: ${folder}\n  seq: ${pageIndex + 1}\n}\n${isCleanupPage(page) ? "\ndocs {\n  Nettoyage : supprime ce que le tutoriel a créé.\n}\n" : ""}`;
    requests.forEach((request, index) => {
      const path = splitUrl(request.url).rest.split("?", 1)[0] ?? "";
      const name = safeName(`${options.namePrefix ?? ""}${pad(pageIndex + 1)}.${pad(index + 1)} ${request.block.method} ${path}${request.file ? ` ${request.file.name}` : ""}`);
      files[`${folder}/${pad(index + 1)} ${safeName(`${request.block.method} ${request.file?.name ?? path.split("/").slice(-2).join(" ")}`)}.bru`] = bruFile(request, name, index + 1);
    });
  });
  for (const [href, bytes] of Object.entries(options.samples ?? {})) files[href.replace(/^\//, "")] = bytes;
  return files;
}

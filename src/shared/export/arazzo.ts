// "Exporter ce parcours" as an Arazzo 1.0 workflow (OpenAPI Initiative): one step per request, a small OpenAPI
// description of the API operations it uses, `inputs` for the token(s), datastore and base URLs, step `outputs` from
// the response bodies (the page's captures), `successCriteria` on statuses and final states, `onFailure: retry` for
// polling. Other servers (diffusion services, identity) are called through Redocly's `x-operation`. Pure.
import { authorizationHeader, FILE_PLACEHOLDER } from "../block-contract.ts";
import { limitNotes } from "./limits.ts";
import { BUILD_IAM, BUILD_SERVICES, expectsError, expectsExpiredToken, inputsOf, jsonPointer, pollSpecOf, requestsOf, splitUrl, tokenVar, usersOf, varName, type ExportRequest, writableValues } from "./model.ts";
import { isCleanupPage, type Parcours } from "./parcours.ts";
import type { ExportFiles } from "./bruno.ts";
import type { ExportValues } from "./shell.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const PLACEHOLDER = /\{([\p{L}][\p{L}\p{N} _-]*)\}/gu;

/** Options of toArazzo: the reader's values (absent: a template), samples to ship, the polling delay (s). */
export interface ArazzoOptions extends ExportValues {
  samples?: Record<string, Uint8Array>;
  retryAfter?: number;
  /** Delay (s) between two sends of a step waiting for a token to expire (default 1). */
  expiryRetryAfter?: number;
}

/** The Arazzo document, its OpenAPI description and the samples: tutoriel.arazzo.json, openapi.json, samples/…. */
export function toArazzo(parcours: Parcours, options: ArazzoOptions = {}): ExportFiles {
  const values = writableValues(options.values);
  const base = options.base ?? "https://data.geopf.fr/api";
  const users = usersOf(parcours);
  const inputNames = ["datastore", ...inputsOf(parcours).filter((name) => name !== "datastore")];
  // The expression of each variable: the last step that captured it, else the workflow input.
  const source = new Map<string, string>(inputNames.map((name) => [name, `$inputs.${varName(name)}`]));
  const expr = (name: string) => source.get(name) ?? `$inputs.${varName(name)}`;
  const fill = (text: string): string => text.replace(PLACEHOLDER, (_whole, name: string) => `{${expr(name)}}`);
  const fillJson = (node: Json): Json => {
    if (typeof node === "string") {
      const whole = /^\{([\p{L}][\p{L}\p{N} _-]*)\}$/u.exec(node);
      return whole ? expr(whole[1]!) : fill(node);
    }
    if (Array.isArray(node)) return node.map(fillJson);
    if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fillJson(value)]));
    return node;
  };
  // One OpenAPI description per server: the API, the diffusion services' origin, the identity realm.
  const paths: Record<Source, Record<string, Record<string, Json>>> = { entrepot: {}, services: {}, identite: {} };
  const steps: Json[] = [];
  requestsOf(parcours).forEach((request, index) => {
    const step = stepOf(request, index, { paths, fill, fillJson, expr, retryAfter: options.retryAfter ?? 3, expiryRetryAfter: options.expiryRetryAfter ?? 1 });
    steps.push(step);
    for (const capture of request.block.captures) {
      let example: unknown;
      try {
        example = request.block.example ? JSON.parse(request.block.example) : undefined;
      } catch {
        example = undefined;
      }
      if (jsonPointer(capture.path, example) !== undefined) source.set(capture.variable, `$steps.${step["stepId" as never]}.outputs.${varName(capture.variable)}`);
    }
  });
  const input = (description: string, fallback?: string): Json => ({ type: "string", description, ...(fallback ? { default: fallback } : {}) });
  const properties: Record<string, Json> = {
    token: { type: "string", description: "Jeton d'accès de l'API Entrepôt (jamais écrit dans ce fichier)" },
    ...Object.fromEntries(users.map((user) => [tokenVar(user).toLowerCase(), { type: "string", description: `Jeton de ${user}` }])),
    ...Object.fromEntries(inputNames.map((name) => [varName(name), input(`Variable {${name}} de la page`, values[name])])),
  };
  const document = {
    arazzo: "1.0.1",
    info: {
      title: parcours.title,
      version: "1.0.0",
      description: [
        "Les requêtes du tutoriel, dans l'ordre des pages, exportées du site des tutoriels de l'API Entrepôt.",
        "Les lectures de statut asynchrone sont relancées (onFailure: retry) jusqu'au statut final.",
        "Arazzo ne sait pas lancer des étapes après un échec : le nettoyage (dernières étapes) ne tourne que si tout a réussi.",
        "Une capture qui choisit un élément de liste par ses champs (« check.name »…) suit ici la position de cet élément dans l'exemple de la page.",
        "Arazzo ne sait pas attendre une durée : une étape qui montre le refus d'un jeton expiré est relancée tant que le jeton est accepté.",
      ].join("\n"),
    },
    sourceDescriptions: [] as Json[],
    workflows: [{ workflowId: "tutoriel", summary: parcours.title, inputs: { type: "object", required: ["token"], properties }, steps }],
  };
  const servers: Record<Source, [string, string]> = {
    entrepot: ["API Entrepôt (opérations du tutoriel)", base],
    services: ["Services de diffusion de la Géoplateforme (appels du tutoriel)", base === "https://data.geopf.fr/api" ? BUILD_SERVICES : new URL(base).origin],
    identite: ["Service d'identité de la Géoplateforme", options.iam ?? BUILD_IAM],
  };
  const used = (Object.keys(paths) as Source[]).filter((name) => Object.keys(paths[name]).length > 0);
  document.sourceDescriptions = used.map((name) => ({ name, url: `./${name}.openapi.json`, type: "openapi" }));
  const files: ExportFiles = { "tutoriel.arazzo.json": `${JSON.stringify(document, null, 2)}\n` };
  for (const name of used) {
    const [title, url] = servers[name];
    files[`${name}.openapi.json`] = `${JSON.stringify({ openapi: "3.1.0", info: { title, version: "1.0.0" }, servers: [{ url }], paths: paths[name] }, null, 2)}\n`;
  }
  for (const [href, bytes] of Object.entries(options.samples ?? {})) files[href.replace(/^\//, "")] = bytes;
  return files;
}

type Source = "entrepot" | "services" | "identite";

interface StepContext {
  paths: Record<Source, Record<string, Record<string, Json>>>;
  fill(text: string): string;
  fillJson(node: Json): Json;
  expr(name: string): string;
  retryAfter: number;
  expiryRetryAfter: number;
}

// Multipart fields as a payload object: a name given several times (`paths` of an annex) holds the list of its values.
function formFields(fields: readonly { name: string; value: string }[], fill: (value: string) => string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const field of fields) {
    const value = fill(field.value);
    const previous = out[field.name];
    out[field.name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

// One step: its operation (declared in the OpenAPI paths, or x-operation), parameters, body, criteria and outputs.
function stepOf(request: ExportRequest, index: number, context: StepContext): Record<string, Json> {
  const { block, file } = request;
  const stepId = `etape_${String(index + 1).padStart(3, "0")}`;
  const { root, rest } = splitUrl(request.url);
  const [pathPart, query = ""] = rest.split("?", 2) as [string, string?];
  const parameters: Json[] = [];
  const step: Record<string, Json> = { stepId, description: `${request.label}${isCleanupPage(request.page) ? " (nettoyage)" : ""}` };
  if (root === "none") {
    step["x-operation"] = { url: context.fill(rest), method: block.method };
  } else {
    const sourceName: Source = root === "api" ? "entrepot" : root === "iam" ? "identite" : "services";
    const template = pathPart.replace(PLACEHOLDER, (_whole, name: string) => `{${varName(name)}}`);
    const method = block.method.toLowerCase();
    const operationId = `${method}${template.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+/g, "_")}`;
    const declared = (context.paths[sourceName][template] ??= {});
    const pathParams = [...pathPart.matchAll(PLACEHOLDER)].map((match) => match[1]!);
    const queryParams = query ? [...new URLSearchParams(query).keys()] : [];
    declared[method] ??= {
      operationId,
      parameters: [
        ...pathParams.map((name) => ({ name: varName(name), in: "path", required: true, schema: { type: "string" } })),
        ...[...new Set(queryParams)].map((name): Json => (queryParams.filter((item) => item === name).length > 1
          ? { name, in: "query", style: "form", explode: true, schema: { type: "array", items: { type: "string" } } }
          : { name, in: "query", schema: { type: "string" } })),
      ],
      ...(block.method !== "GET" && block.method !== "DELETE" ? { requestBody: { content: { "*/*": {} } } } : {}),
      responses: { default: { description: "Réponse du serveur" } },
    };
    step["operationId"] = `$sourceDescriptions.${sourceName}.${operationId}`;
    for (const name of pathParams) parameters.push({ name: varName(name), in: "path", value: context.expr(name) });
    // A name given several times (`labels=a&labels=b`): one parameter whose value is the list (form, exploded).
    const query_ = new URLSearchParams(query);
    for (const name of new Set(query_.keys())) {
      const all = query_.getAll(name).map(context.fill);
      parameters.push({ name, in: "query", value: all.length > 1 ? all : all[0]! });
    }
  }
  const ownAuth = authorizationHeader(block) !== undefined;
  if (!ownAuth && root === "api") parameters.push({ name: "Authorization", in: "header", value: `Bearer {$inputs.${tokenVar(block.user).toLowerCase()}}` });
  for (const header of block.headers ?? []) parameters.push({ name: header.name, in: "header", value: context.fill(header.value) });
  if (parameters.length > 0) step["parameters"] = parameters;
  if (file) {
    const sample = `$file('./${file.source === "page" ? `samples/${file.name}` : file.href.replace(/^\//, "")}')`;
    step["requestBody"] = block.fileBody === "raw"
      ? { contentType: "application/octet-stream", payload: sample }
      : { contentType: "multipart/form-data", payload: { ...formFields(block.form ?? [], (value) => context.fill(value.split(`{${FILE_PLACEHOLDER}}`).join(file.name))), file: sample } };
  } else if (block.urlencoded) {
    step["requestBody"] = { contentType: "application/x-www-form-urlencoded", payload: Object.fromEntries(block.urlencoded.map((field) => [field.name, context.fill(field.value)])) };
  } else if (block.body?.trim()) {
    let payload: Json;
    try {
      payload = context.fillJson(JSON.parse(block.body) as Json);
    } catch {
      payload = context.fill(block.body);
    }
    step["requestBody"] = { contentType: "application/json", payload };
  }
  const criteria: Json[] = expectsError(block) ? [{ condition: "$statusCode >= 400" }, { condition: "$statusCode < 500" }] : [{ condition: "$statusCode >= 200" }, { condition: "$statusCode < 300" }];
  const poll = pollSpecOf(block);
  if (poll?.kind === "status") criteria.push({ condition: `$response.body#/status == '${poll.success[0]}'` });
  if (poll?.kind === "checks") criteria.push({ context: "$response.body", condition: "$[?length(@.asked) == 0 && length(@.in_progress) == 0]", type: "jsonpath" });
  step["successCriteria"] = criteria;
  if (poll) step["onFailure"] = [{ name: "attendre-le-statut-final", type: "retry", retryAfter: context.retryAfter, retryLimit: 300, criteria: [{ condition: "$statusCode == 200" }] }];
  // A step showing an expired token refused: Arazzo cannot wait for a time, so the step is sent again while the token
  // is still accepted (200), until the API refuses it.
  if (expectsExpiredToken(block)) step["onFailure"] = [{ name: "attendre-l-expiration-du-jeton", type: "retry", retryAfter: context.expiryRetryAfter, retryLimit: 900, criteria: [{ condition: "$statusCode == 200" }] }];
  const limits = limitNotes(request, "arazzo");
  if (limits.length > 0) step["description"] = [step["description"], ...limits].join("\n");
  const outputs: Record<string, Json> = {};
  let example: unknown;
  try {
    example = block.example ? JSON.parse(block.example) : undefined;
  } catch {
    example = undefined;
  }
  for (const capture of block.captures) {
    const pointer = jsonPointer(capture.path, example);
    if (pointer !== undefined) outputs[varName(capture.variable)] = `$response.body#${pointer}`;
  }
  if (Object.keys(outputs).length > 0) step["outputs"] = outputs;
  return step;
}

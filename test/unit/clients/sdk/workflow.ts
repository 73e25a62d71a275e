// The actions of a `workflow -f … -s <step>` command (workflow/action/*.py) as requests, with the default
// behaviours of `_conf/default.ini`: processing-execution (STOP if a stored data of the output's name exists;
// create, tags and comments on the output, launch, poll the execution and read its logs until a final status),
// configuration (CONTINUE on an existing name + layer_name; create, tags, comments), offering (CONTINUE on an
// offering of the configuration on the same endpoint; create, read the urls, poll until PUBLISHED),
// edit-entity (GET, PATCH for stored data, tags, comments) and `stored_data <id> --delete --cascade`.
import assert from "node:assert/strict";
import { reads, readsEach } from "../reads.ts";
import { nextPoll } from "./delivery.ts";
import type { Entity, EntityName, SdkEntities } from "./entities.ts";
import { ClientStepError } from "./requester.ts";

/** A resolved action of a workflow step: its body, tags and comments (the step's and the action's merged). */
export interface ActionDefinition {
  body_parameters: Entity;
  tags?: Record<string, string>;
  comments?: string[];
}

const FINAL = ["ABORTED", "SUCCESS", "FAILURE"];

/** LogsInterface.api_logs: every page of `…/logs?page&limit=2000`, a list of strings. */
export async function executionLogs(sdk: SdkEntities, execution: string): Promise<string[]> {
  const lines: string[] = [];
  for (let page = 1; ; page++) {
    const answer = await sdk.http.request("GET", sdk.path("processing_execution", execution, "logs"), { params: [["page", page], ["limit", 2000]] });
    const got = readsEach(answer.body, {}, `GET ${answer.target}`);
    assert.ok(got.every((line) => typeof line === "string"), `GET ${answer.target} : des lignes de texte attendues`);
    lines.push(...(got as string[]));
    const range = answer.headers.get("content-range");
    const total = range === null ? null : /([0-9]+)-([0-9]+)\/([0-9]+)/.exec(range);
    if (!total || lines.length >= Number(total[3])) return lines;
  }
}

/** ProcessingExecutionAction.run then monitoring_until_end; returns the execution, its output and final status. */
export async function processingExecution(sdk: SdkEntities, action: ActionDefinition): Promise<{ execution: Entity; output: Entity; status: string; logs: string[]; logErrors: string[] }> {
  const body = action.body_parameters;
  const outputName = body.output?.stored_data?.name as string | undefined;
  if (outputName !== undefined) {
    const same = await sdk.list("stored_data", [["name", outputName]]);
    if (same.length > 0) throw new Error(`Impossible de créer l’exécution de traitement, une donnée stockée en sortie équivalente ${same[0]?._id} existe déjà.`);
  }
  const execution = await sdk.create("processing_execution", body);
  reads(execution, { output: "object", status: "string", "processing.name": "string" }, "POST …/processings/executions");
  const kind: EntityName = "upload" in execution.output ? "upload" : "stored_data";
  reads(execution.output, { [`${kind}._id`]: "string" }, "POST …/processings/executions output");
  const output = await sdk.get(kind, execution.output[kind]._id);
  reads(output, { name: "string" }, `GET …/${kind}/{id}`);
  if (action.tags && Object.keys(action.tags).length > 0) await sdk.addTags(kind, output._id, action.tags);
  if (action.comments) await sdk.addComments(kind, output._id, action.comments);
  if (execution.status !== "CREATED") throw new Error(`L'exécution de traitement est déjà lancée (${execution.status}).`);
  await sdk.http.request("POST", sdk.path("processing_execution", execution._id, "launch"));
  let current = await sdk.get("processing_execution", execution._id);
  reads(current, { status: "string" }, "GET …/processings/executions/{id}");
  let logs: string[] = [];
  // The command's callback prints the logs at each poll; a failure only prints « Logs indisponibles pour le moment... ».
  const logErrors: string[] = [];
  const readLogs = async (): Promise<void> => {
    try {
      logs = await executionLogs(sdk, execution._id);
    } catch (error) {
      logErrors.push(String(error));
    }
  };
  const started = Date.now();
  while (!FINAL.includes(current.status)) {
    await readLogs();
    await nextPoll(started, "exécution de traitement");
    current = await sdk.get("processing_execution", execution._id);
    reads(current, { status: "string" }, "GET …/processings/executions/{id}");
  }
  await readLogs();
  return { execution: current, output, status: current.status, logs, logErrors };
}

/** ConfigurationAction.run: the configuration of the same name and layer_name if any, else a new one; tags, comments. */
export async function configuration(sdk: SdkEntities, action: ActionDefinition): Promise<Entity> {
  const body = action.body_parameters;
  const same = await sdk.list("configuration", [["name", body.name], ["layer_name", body.layer_name]]);
  const found = same[0] ?? (await sdk.create("configuration", body));
  if (!same[0]) reads(found, { name: "string" }, "POST …/configurations");
  if (action.tags && Object.keys(action.tags).length > 0) await sdk.addTags("configuration", found._id, action.tags);
  // `comments != {}`: an empty list of comments still reads the configuration's comments.
  if (action.comments) await sdk.addComments("configuration", found._id, action.comments);
  return found;
}

/** OfferingAction.run: an offering of the configuration on that endpoint if any, else a new one; urls; PUBLISHED. */
export async function offering(sdk: SdkEntities, configurationId: string, body: Entity): Promise<Entity> {
  await sdk.get("configuration", configurationId);
  const listed = await sdk.http.request("GET", sdk.path("configuration", configurationId, "offerings"));
  let found: Entity | undefined;
  for (const item of readsEach(listed.body, { _id: "string" }, `GET ${listed.target}`) as Entity[]) {
    const full = await sdk.get("offering", item._id);
    reads(full, { "endpoint._id": "string" }, "GET …/offerings/{id}");
    if (full.endpoint._id === body.endpoint) found = full;
  }
  const created = found ?? (await sdk.create("offering", body, sdk.path("configuration", configurationId, "offerings")));
  const shown = await sdk.get("offering", created._id);
  reads(shown, { urls: "array" }, "GET …/offerings/{id}");
  for (const url of shown.urls) if (typeof url !== "string") reads(url, { url: "string" }, "offering.urls[]");
  const started = Date.now();
  for (;;) {
    const current = await sdk.get("offering", created._id);
    reads(current, { status: "string" }, "GET …/offerings/{id}");
    if (current.status === "PUBLISHED") return current;
    if (current.status === "UNSTABLE") throw new Error("Création d'une offre : terminé en erreur.");
    await nextPoll(started, "publication de l'offre");
  }
}

/** EditAction.run for a stored data or an upload (PartialEditInterface: PATCH then GET), then tags and comments. */
export async function editEntity(sdk: SdkEntities, entity: "stored_data" | "upload", id: string, action: ActionDefinition): Promise<Entity> {
  let current = await sdk.get(entity, id);
  if (Object.keys(action.body_parameters).length > 0) {
    await sdk.http.request("PATCH", sdk.path(entity, id), { json: action.body_parameters });
    current = await sdk.get(entity, id);
  }
  if (action.tags && Object.keys(action.tags).length > 0) await sdk.addTags(entity, id, action.tags);
  if (action.comments && action.comments.length > 0) await sdk.addComments(entity, id, action.comments);
  return current;
}

/** `stored_data <id> --delete --cascade` (answer « oui »): offerings and configurations using it, then itself. */
export async function deleteStoredDataCascade(sdk: SdkEntities, id: string): Promise<void> {
  await sdk.get("stored_data", id);
  await sdk.get("stored_data", id);
  const doomed: [EntityName, string][] = [];
  for (const config of await sdk.list("configuration", [["stored_data", id]])) {
    const listed = await sdk.http.request("GET", sdk.path("configuration", config._id, "offerings"));
    for (const item of readsEach(listed.body, { _id: "string" }, `GET ${listed.target}`) as Entity[]) doomed.push(["offering", item._id]);
    doomed.push(["configuration", config._id]);
  }
  doomed.push(["stored_data", id]);
  for (const [entity, entityId] of doomed) {
    await sdk.delete(entity, entityId);
    if (entity === "offering") await untilGone(sdk, entityId);
  }
}

// Offering.api_delete: GET the offering until the API answers 404.
async function untilGone(sdk: SdkEntities, offeringId: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await sdk.get("offering", offeringId);
    } catch (error) {
      if (error instanceof ClientStepError && error.status === 404) return;
      throw error;
    }
    await nextPoll(started, "suppression de l'offre");
  }
}

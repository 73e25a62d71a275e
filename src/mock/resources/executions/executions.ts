// Creating a processing execution (POST …/processings/executions): every problem of the body is listed in
// one 400; the output stored data is created (CREATED) or put in MODIFYING for an update.
import { EXECUTIONS } from "./records.ts";
import { UPLOADS } from "../uploads/records.ts";
import { STORED_DATA } from "../stored-data/records.ts";
import type { ProcessingDef } from "../processings/catalog.ts";
import { PROCESSINGS, processingById } from "../processings/catalog.ts";
import type { Context } from "../../core/context.ts";
import { assertDatastore, event, findIn } from "../common/access.ts";
import { badRequest, Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson, isNonEmptyString, isObject, isStringArray, jsonTypeOf, unknownKeys } from "../../core/json.ts";
import { checkParameters } from "../processings/parameters.ts";
import { checkProcessingRules } from "../processings/rules.ts";
import type { ExecutionRecord } from "./records.ts";
import type { StoredDataRecord } from "../stored-data/records.ts";
import type { Storage } from "../../seed.ts";
import { DATA_STORAGES } from "../../seed.ts";

/** A processing execution of the datastore, or 404. */
export function findExecution(ctx: Context, datastore: string, id: string): ExecutionRecord {
  return findIn(ctx, EXECUTIONS, datastore, id, "Exécution de traitement");
}

// Validates inputs.upload / inputs.stored_data and returns the ids.
function checkInputs(ctx: Context, datastore: string, processing: ProcessingDef, inputs: unknown, problems: Problems): { upload: string[]; stored_data: string[] } {
  const result = { upload: [] as string[], stored_data: [] as string[] };
  if (inputs !== undefined && !isObject(inputs)) {
    problems.add(`Le champ « inputs » doit être un objet {"upload": [...], "stored_data": [...]} (reçu : ${jsonTypeOf(inputs)}).`);
    return result;
  }
  const given = inputs ?? {};
  for (const key of unknownKeys(given, ["upload", "stored_data"])) problems.add(`inputs.${key} : clé inconnue (clés acceptées : upload, stored_data).`);
  for (const kind of ["upload", "stored_data"] as const) {
    const ids = given[kind];
    if (ids === undefined) continue;
    if (!isStringArray(ids)) {
      problems.add(`inputs.${kind} doit être une liste d'identifiants (reçu : ${jsonTypeOf(ids)}).`);
      continue;
    }
    const accepted: readonly string[] = processing.input_types[kind];
    for (const id of new Set(ids)) {
      const record = kind === "upload" ? ctx.records.get(UPLOADS, id) : ctx.records.get(STORED_DATA, id);
      const label = kind === "upload" ? "livraison" : "donnée stockée";
      if (!record || record.datastore !== datastore) {
        problems.add(`inputs.${kind} : ${label} « ${id} » introuvable dans l'entrepôt.`);
        continue;
      }
      const ready = kind === "upload" ? "CLOSED" : "GENERATED";
      if (record.status !== ready) problems.add(`inputs.${kind} : la ${label} « ${record.name} » (${id}) doit être ${ready}, elle est ${record.status}.`);
      if (!accepted.includes(record.type)) {
        problems.add(
          accepted.length === 0
            ? `inputs.${kind} : le traitement « ${processing.name} » n'accepte pas de ${label} en entrée.`
            : `inputs.${kind} : le traitement « ${processing.name} » n'accepte pas le type ${record.type} (types acceptés : ${accepted.join(", ")}).`,
        );
      }
      result[kind].push(id);
    }
    if (ids.length !== new Set(ids).size) problems.add(`inputs.${kind} : un même identifiant est donné plusieurs fois.`);
  }
  if (processing.inputsRequired && result.upload.length + result.stored_data.length === 0 && problems.empty) {
    problems.add(`inputs : le traitement « ${processing.name} » demande au moins une donnée en entrée (types acceptés : ${[...processing.input_types.upload, ...processing.input_types.stored_data].join(", ")}).`);
  }
  return result;
}

type OutputChoice = { kind: "new"; name: string; storage: Storage } | { kind: "update"; storedData: StoredDataRecord } | undefined;

// Validates output.stored_data: either {name, storage_tags} (new) or {id} (update).
function checkOutput(ctx: Context, datastore: string, processing: ProcessingDef, output: unknown, problems: Problems): OutputChoice {
  const spec = isObject(output) ? output.stored_data : undefined;
  if (!isObject(spec)) {
    problems.add('Le champ « output » est obligatoire : {"stored_data": {"name": "…", "storage_tags": ["…"]}} ou {"stored_data": {"id": "…"}}.');
    return undefined;
  }
  for (const key of unknownKeys(spec, ["name", "storage_tags", "id", "storage_type"])) problems.add(`output.stored_data.${key} : clé inconnue.`);
  if (spec.id !== undefined && spec.name !== undefined) {
    problems.add("output.stored_data : donnez soit « name » (nouvelle donnée stockée), soit « id » (mise à jour), pas les deux.");
    return undefined;
  }
  const outputType = processing.output_type.stored_data;
  if (spec.id !== undefined) {
    const storedData = typeof spec.id === "string" ? ctx.records.get(STORED_DATA, spec.id) : undefined;
    if (!storedData || storedData.datastore !== datastore) problems.add(`output.stored_data.id : donnée stockée ${JSON.stringify(spec.id)} introuvable dans l'entrepôt.`);
    else if (storedData.status !== "GENERATED") problems.add(`output.stored_data.id : la donnée stockée « ${storedData.name} » doit être GENERATED pour être mise à jour (statut ${storedData.status}).`);
    else if (storedData.type !== outputType) problems.add(`output.stored_data.id : le traitement produit une donnée ${outputType}, la donnée stockée « ${storedData.name} » est ${storedData.type}.`);
    else return { kind: "update", storedData };
    return undefined;
  }
  if (!isNonEmptyString(spec.name)) problems.add("output.stored_data.name : nom de la donnée stockée en sortie obligatoire (chaîne non vide).");
  const candidates = DATA_STORAGES.filter((storage) => processing.output_type.storage.includes(storage.type));
  const hint = candidates.map((storage) => `[${storage.labels.join(", ")}]`).join(" ou ");
  if (!isStringArray(spec.storage_tags) || spec.storage_tags.length === 0) {
    problems.add(`output.stored_data.storage_tags : liste d'étiquettes de stockage obligatoire (stockages possibles pour ce traitement : ${hint}).`);
    return undefined;
  }
  const tags = spec.storage_tags;
  const storage = candidates.find((candidate) => tags.every((tag) => candidate.labels.includes(tag)));
  if (!storage) {
    problems.add(`output.stored_data.storage_tags : aucun stockage ${processing.output_type.storage.join("/")} de l'entrepôt ne porte les étiquettes [${tags.join(", ")}] (stockages possibles pour ce traitement : ${hint}).`);
    return undefined;
  }
  return isNonEmptyString(spec.name) ? { kind: "new", name: spec.name.trim(), storage } : undefined;
}

/** POST …/processings/executions: validates the whole body, then creates the execution (CREATED). */
export function createExecution(ctx: Context, datastore: string, body: unknown): ExecutionRecord {
  assertDatastore(datastore);
  if (!isObject(body)) throw badRequest(`Le corps de la requête doit être un objet JSON avec processing, inputs, output et parameters (reçu : ${jsonTypeOf(body)}).`);
  const problems = new Problems();
  for (const key of unknownKeys(body, ["processing", "inputs", "output", "parameters", "callback"])) {
    problems.add(`Champ inconnu « ${key} » (champs acceptés : processing, inputs, output, parameters, callback).`);
  }
  const processing = typeof body.processing === "string" ? processingById(body.processing) : undefined;
  if (!processing) {
    problems.add(
      body.processing === undefined
        ? "Le champ « processing » (identifiant du traitement) est obligatoire."
        : `Le traitement ${JSON.stringify(body.processing)} n'existe pas ou n'est pas disponible pour cet entrepôt (traitements disponibles : ${PROCESSINGS.map((p) => p._id).join(", ")}).`,
    );
  }
  if (body.callback !== undefined && !isObject(body.callback)) problems.add("Le champ « callback » doit être un objet.");
  if (!processing) problems.throwIfAny();
  const definition = processing!;
  const inputs = checkInputs(ctx, datastore, definition, body.inputs, problems);
  const output = checkOutput(ctx, datastore, definition, body.output, problems);
  const parameters = checkParameters(definition, body.parameters, problems);
  checkProcessingRules(ctx, definition, { inputs, parameters, newOutput: output?.kind === "new" }, problems);
  problems.throwIfAny();
  if (!output) throw badRequest("output.stored_data invalide.");
  const firstSrs = inputs.upload.map((id) => ctx.records.get(UPLOADS, id)?.srs).concat(inputs.stored_data.map((id) => ctx.records.get(STORED_DATA, id)?.srs)).find(Boolean);
  let storedData: StoredDataRecord;
  if (output.kind === "new") {
    storedData = {
      _id: ctx.newId(), datastore, name: output.name, type: definition.output_type.stored_data, status: "CREATED",
      storage: output.storage._id, size: 0, open: false, tags: {}, type_infos: {}, files: [],
      creation: ctx.now, update: ctx.now, lastEvent: event(ctx, "Création"),
    };
    if (firstSrs) storedData.srs = firstSrs;
    ctx.records.insert(STORED_DATA, storedData);
  } else {
    storedData = output.storedData;
    storedData.status = "MODIFYING";
    storedData.update = ctx.now;
  }
  const execution: ExecutionRecord = {
    _id: ctx.newId(), datastore, processing: definition._id, status: "CREATED", creation: ctx.now,
    inputs, output: storedData._id, outputIsNew: output.kind === "new", parameters, logs: [],
  };
  if (isObject(body.callback)) execution.callback = cloneJson(body.callback as JsonObject);
  ctx.records.insert(EXECUTIONS, execution);
  return execution;
}

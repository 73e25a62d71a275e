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
import type { Salvaged } from "../../core/schema.ts";
import { parseInto } from "../../core/schema.ts";
import { parseParameters } from "../processings/schemas.ts";
import { checkProcessingRules } from "../processings/rules.ts";
import type { ExecutionRecord } from "./records.ts";
import type { OutputSpec } from "./schemas.ts";
import { defaultStorage, EXECUTION, outputSchema, storageChoice } from "./schemas.ts";
import type { StoredDataRecord } from "../stored-data/records.ts";
import type { Storage } from "../../seed.ts";

/** A processing execution of the datastore, or 404. */
export function findExecution(ctx: Context, datastore: string, id: string): ExecutionRecord {
  return findIn(ctx, EXECUTIONS, datastore, id, "Exécution de traitement");
}

// The input ids that exist, are ready and of a type the processing accepts (problems for the others).
function checkInputs(ctx: Context, datastore: string, processing: ProcessingDef, given: Salvaged<{ upload?: string[]; stored_data?: string[] }>, problems: Problems): { upload: string[]; stored_data: string[] } {
  const result = { upload: [] as string[], stored_data: [] as string[] };
  for (const kind of ["upload", "stored_data"] as const) {
    const ids = given[kind];
    if (ids === undefined) continue;
    const accepted: readonly string[] = processing.input_types[kind];
    for (const id of new Set(ids)) {
      if (id === undefined) continue;
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

// The stored data to update (GENERATED, of the processing's output type) or the storage of a new one.
function checkOutput(ctx: Context, datastore: string, processing: ProcessingDef, output: Salvaged<OutputSpec> | undefined, problems: Problems): OutputChoice {
  const spec = output?.stored_data;
  const outputType = processing.output_type.stored_data;
  if (spec?.id !== undefined) {
    const storedData = ctx.records.get(STORED_DATA, spec.id);
    if (!storedData || storedData.datastore !== datastore) problems.add(`output.stored_data.id : donnée stockée ${JSON.stringify(spec.id)} introuvable dans l'entrepôt.`);
    else if (storedData.status !== "GENERATED") problems.add(`output.stored_data.id : la donnée stockée « ${storedData.name} » doit être GENERATED pour être mise à jour (statut ${storedData.status}).`);
    else if (storedData.type !== outputType) problems.add(`output.stored_data.id : le traitement produit une donnée ${outputType}, la donnée stockée « ${storedData.name} » est ${storedData.type}.`);
    else return { kind: "update", storedData };
    return undefined;
  }
  if (spec !== undefined && !("storage_tags" in spec)) {
    const storage = defaultStorage(processing);
    return spec.name !== undefined && storage ? { kind: "new", name: spec.name.trim(), storage } : undefined;
  }
  const tags = spec?.storage_tags?.filter((tag) => tag !== undefined);
  if (!tags || tags.length === 0) return undefined;
  const { candidates, hint } = storageChoice(processing);
  const storage = candidates.find((candidate) => tags.every((tag) => candidate.labels.includes(tag)));
  if (!storage) {
    problems.add(`output.stored_data.storage_tags : aucun stockage ${processing.output_type.storage.join("/")} de l'entrepôt ne porte les étiquettes [${tags.join(", ")}] (stockages possibles pour ce traitement : ${hint}).`);
    return undefined;
  }
  return spec?.name !== undefined ? { kind: "new", name: spec.name.trim(), storage } : undefined;
}

// 400 for a body without a known processing (nothing else can be checked).
function unknownProcessing(id: unknown, problems: Problems): never {
  if (typeof id === "string") {
    problems.add(`Le traitement ${JSON.stringify(id)} n'existe pas ou n'est pas disponible pour cet entrepôt (traitements disponibles : ${PROCESSINGS.map((p) => p._id).join(", ")}).`);
  }
  problems.throwIfAny();
  throw badRequest("processing : identifiant du traitement obligatoire.");
}

/** POST …/processings/executions: validates the whole body, then creates the execution (CREATED). */
export function createExecution(ctx: Context, datastore: string, body: unknown): ExecutionRecord {
  assertDatastore(datastore);
  const problems = new Problems();
  const parsed = parseInto(EXECUTION, body, problems);
  const given = parsed.partial;
  const definition = typeof given?.processing === "string" ? processingById(given.processing) : undefined;
  if (!given || !definition) unknownProcessing(given?.processing, problems);
  const inputs = checkInputs(ctx, datastore, definition, given.inputs ?? {}, problems);
  const outputParsed = parseInto(outputSchema(definition, given.output), given.output, problems, ["output"]);
  const output = checkOutput(ctx, datastore, definition, outputParsed.partial, problems);
  const parameters = parseParameters(definition, given.parameters, problems);
  checkProcessingRules(ctx, definition, { inputs, parameters: parameters.partial ?? {}, newOutput: output?.kind === "new", ...(output?.kind === "update" ? { outputId: output.storedData._id } : {}) }, problems);
  const { callback } = parsed.valid();
  if (!output) throw badRequest("output.stored_data invalide.");
  const firstSrs = inputs.upload.map((id) => ctx.records.get(UPLOADS, id)?.srs).concat(inputs.stored_data.map((id) => ctx.records.get(STORED_DATA, id)?.srs)).find(Boolean);
  let storedData: StoredDataRecord;
  if (output.kind === "new") {
    const id = ctx.newId();
    storedData = {
      _id: id, datastore, name: output.name, type: definition.output_type.stored_data, status: "CREATED",
      storage: output.storage._id, size: 0, open: false, tags: {}, type_infos: {}, files: [],
      creation: ctx.now, update: ctx.now, lastEvent: event(ctx, STORED_DATA, { _id: id, datastore }, "Création"),
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
    inputs, output: storedData._id, outputIsNew: output.kind === "new", parameters: parameters.valid(), logs: [],
  };
  if (callback) execution.callback = callback;
  ctx.records.insert(EXECUTIONS, execution);
  return execution;
}

// Schemas of POST …/processings/executions: the body, then its `output` once the processing is known (an update
// names its stored data by `id`, a new one has a `name` and `storage_tags`); `parameters` are in processings/schemas.ts.
import * as z from "zod/mini";
import type { ProcessingDef } from "../processings/catalog.ts";
import { isObject } from "../../core/json.ts";
import { named, object, received, refused, text } from "../../core/schema.ts";
import { json, jsonObject } from "../common/schemas.ts";
import type { Storage } from "../../seed.ts";
import { DATA_STORAGES } from "../../seed.ts";

const ids = named(z.array(z.string()), "liste d'identifiants", true);

/** The body, before the processing is known (`output` and `parameters` depend on it). */
export const EXECUTION = object({
  processing: named(z.string(), "identifiant du traitement"),
  inputs: z.optional(named(object({ upload: z.optional(ids), stored_data: z.optional(ids) }), 'objet {"upload": […], "stored_data": […]}')),
  output: z.optional(json),
  parameters: z.optional(json),
  callback: z.optional(jsonObject),
});

/** The storages a processing may write to, and how to name them in messages (`[PARTENAIRE, ARCHIVE, PERF]`). */
export function storageChoice(processing: ProcessingDef): { candidates: Storage[]; hint: string } {
  const candidates = DATA_STORAGES.filter((storage) => processing.output_type.storage.includes(storage.type));
  return { candidates, hint: candidates.map((storage) => `[${storage.labels.join(", ")}]`).join(" ou ") };
}

// The label of the default storage of each output type (pyramids and archives share the S3 type).
const DEFAULT_LABELS: Record<string, string> = { ARCHIVE: "ARCHIVE", "ROK4-PYRAMID-RASTER": "PYRAMIDE", "ROK4-PYRAMID-VECTOR": "PYRAMIDE", "VECTOR-DB": "VECTEUR" };

/** The storage a new output goes to when no `storage_tags` are given: the datastore's default for the output type. */
export function defaultStorage(processing: ProcessingDef): Storage | undefined {
  const { candidates } = storageChoice(processing);
  const label = DEFAULT_LABELS[processing.output_type.stored_data];
  return candidates.find((storage) => label !== undefined && storage.labels.includes(label)) ?? candidates[0];
}

const FORMS = '{"stored_data": {"name": "…", "storage_tags": ["…"]}} (nouvelle donnée stockée) ou {"stored_data": {"id": "…"}} (mise à jour)';

// `output` around the schema of its stored_data (its other keys are not looked at).
const outputOf = <T extends z.core.$ZodType>(storedData: T) =>
  z.looseObject(
    { stored_data: named(storedData, 'objet {"name", "storage_tags"} ou {"id"}') },
    { error: (issue) => (issue.code !== "invalid_type" ? undefined : issue.input === undefined ? `objet obligatoire : ${FORMS}` : `objet attendu : ${FORMS} (reçu : ${received(issue.input)})`) },
  );

const UPDATE = outputOf(
  object({
    id: named(z.string(), "identifiant de donnée stockée"),
    name: refused("donnez soit « name » (nouvelle donnée stockée), soit « id » (mise à jour), pas les deux"),
    storage_tags: z.optional(json),
    storage_type: z.optional(json),
  }),
);

const NEW_OUTPUTS = new Map<string, z.core.$ZodType>();

// A new stored data: its name and the labels of its storage.
function newOutput(processing: ProcessingDef): z.core.$ZodType {
  let schema = NEW_OUTPUTS.get(processing._id);
  if (!schema) {
    const { hint } = storageChoice(processing);
    const tags = z.array(z.string()).check(z.minLength(1, { error: `liste non vide attendue (stockages possibles pour ce traitement : ${hint})` }));
    schema = outputOf(
      object({
        name: text("nom de la donnée stockée en sortie", false),
        // Optional as in the real API: without it, the datastore's default storage for the output type is used.
        storage_tags: z.optional(named(tags, `liste d'étiquettes de stockage (stockages possibles pour ce traitement : ${hint})`, true)),
        storage_type: z.optional(json),
      }),
    );
    NEW_OUTPUTS.set(processing._id, schema);
  }
  return schema;
}

/** What the stored data of `output` may hold: `{id}` for an update, `{name, storage_tags?}` for a new one. */
export interface OutputSpec {
  stored_data: { id?: string; name?: string; storage_tags?: string[] };
}

/** The schema of `output`, chosen by whether it names a stored data to update. */
export function outputSchema(processing: ProcessingDef, output: unknown): z.ZodMiniType<OutputSpec> {
  const update = isObject(output) && isObject(output.stored_data) && output.stored_data.id !== undefined;
  return (update ? UPDATE : newOutput(processing)) as z.ZodMiniType<OutputSpec>;
}

// Schemas of an execution's `parameters`, built from the processing's parameter definitions (catalog.ts: a subset
// of JSON Schema — type, enum, pattern, minimum, maximum, items, required), with finer schemas for the parameters
// whose form the catalog only sketches (db_to_pyramid's composition and area, vector_to_db's srs).
import * as z from "zod/mini";
import ids from "../../../../_data/ids.json" with { type: "json" };
import type { ParameterDef, ProcessingDef } from "./catalog.ts";
import type { Problems } from "../../core/errors.ts";
import type { JsonObject } from "../../core/json.ts";
import { cloneJson } from "../../core/json.ts";
import type { Parsed, Salvaged } from "../../core/schema.ts";
import { keysRule, named, object, parseInto, short, text } from "../../core/schema.ts";
import { json, level, srs } from "../common/schemas.ts";
import { RASTER_FINER } from "./catalog-raster.ts";

type Schema = z.core.$ZodType;
type ErrorMap = (issue: z.core.$ZodRawIssue) => string | undefined;

const LEVEL_PATTERN = "2[01]";

// The schema of a value under `constraints`; `error` is the message map of the schema itself (not of its checks).
function fromConstraints(constraints: JsonObject, error?: ErrorMap): Schema {
  const { type, pattern, minimum, maximum, items, required } = constraints;
  if (Array.isArray(constraints.enum)) return z.literal(constraints.enum as (string | number | boolean)[], { error });
  const bounds = [
    ...(typeof minimum === "number" ? [z.gte(minimum)] : []),
    ...(typeof maximum === "number" ? [z.lte(maximum)] : []),
  ];
  switch (type) {
    case "string": {
      if (typeof pattern !== "string") return z.string({ error });
      const hint = pattern.includes(LEVEL_PATTERN) ? " (niveau de « 0 » à « 21 », sous forme de chaîne)" : "";
      return z.string({ error }).check(z.regex(new RegExp(pattern), { error: (issue) => `${short(issue.input)} ne respecte pas le motif ${pattern}${hint}` }));
    }
    case "integer":
      return z.int({ error }).check(...bounds);
    case "number":
      return z.number({ error }).check(...bounds);
    case "boolean":
      return z.boolean({ error });
    case "array":
      return z.array(items && typeof items === "object" && !Array.isArray(items) ? fromConstraints(items) : json, { error });
    case "object": {
      const keys = Array.isArray(required) ? required.filter((key): key is string => typeof key === "string") : [];
      return z.looseObject(Object.fromEntries(keys.map((key) => [key, z.custom((value) => value !== undefined, { error: "valeur obligatoire" })])), { error });
    }
    default:
      return error ? z.custom((value) => value !== undefined && value !== null, { error }) : json;
  }
}

/** db_to_pyramid's tables to tile, with their levels. */
export const COMPOSITION = z.array(
  object({
    table: text("nom de table", false),
    bottom_level: level,
    top_level: level,
    layer: z.optional(z.string()),
    filter: z.optional(z.string()),
    attributes: z.optional(named(z.array(z.string()).check(z.minLength(1)), 'liste non vide de noms d\'attributs (["*"] pour tous)', true)),
  }),
).check(z.minLength(1, { error: "liste vide ; donnez au moins une table à tuiler" }));

const WKT_AREA = z.string().check(z.regex(/^\s*(MULTI)?POLYGON\s*\(/i, { error: "zone attendue en WKT (POLYGON ou MULTIPOLYGON, en EPSG:4326)" }));

// Parameters whose schema replaces the one of their constraints, by processing.
const FINER: Record<string, Record<string, Schema>> = {
  [ids.processings.vector_to_db]: { srs },
  [ids.processings.db_to_pyramid]: { composition: COMPOSITION, area: WKT_AREA },
  ...RASTER_FINER,
};

// Rules on which parameters are given, by processing.
const PRESENCE: Record<string, z.core.$ZodCheck<object>> = {
  [ids.processings.db_to_pyramid]: keysRule((given) =>
    Array.isArray(given.composition) ? [] : ["bottom_level", "top_level"].filter((key) => given[key] === undefined).map((key) => [key, "obligatoire quand « composition » n'est pas donnée"]),
  ),
};

// The schema of one parameter: mandatory ones refuse undefined and null, the others take null as absent.
function parameterSchema(processing: ProcessingDef, definition: ParameterDef): Schema {
  const finer = FINER[processing._id]?.[definition.name];
  if (!definition.mandatory) return z.optional(z.nullable(finer ?? (definition.constraints ? fromConstraints(definition.constraints) : json)));
  const missing: ErrorMap = (issue) => (issue.input === undefined || issue.input === null ? `paramètre obligatoire manquant (${definition.description})` : undefined);
  return fromConstraints(definition.constraints ?? {}, missing);
}

const SCHEMAS = new Map<string, Schema>();

// The schema of a processing's parameters (built once per processing).
function parametersSchema(processing: ProcessingDef): Schema {
  let schema = SCHEMAS.get(processing._id);
  if (!schema) {
    const known = processing.parameters.map((parameter) => parameter.name);
    const unknown = known.length === 0 ? `le traitement « ${processing.name} » n'accepte aucun paramètre` : `paramètre inconnu du traitement « ${processing.name} » (paramètres acceptés : ${known.join(", ")})`;
    const shape = Object.fromEntries(processing.parameters.map((definition) => [definition.name, parameterSchema(processing, definition)]));
    const base = object(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? unknown : undefined) });
    const presence = PRESENCE[processing._id];
    schema = named(presence ? base.check(presence) : base, 'objet {"nom": valeur}');
    SCHEMAS.set(processing._id, schema);
  }
  return schema;
}

/** Parses an execution's `parameters` (absent or null: none); the result is completed with default values (the API shows them filled in). */
export function parseParameters(processing: ProcessingDef, value: unknown, problems: Problems): Parsed<JsonObject> {
  const parsed = parseInto(parametersSchema(processing), value ?? {}, problems, ["parameters"]) as Parsed<JsonObject>;
  const completed = <T extends JsonObject | Salvaged<JsonObject>>(parameters: T): T => {
    const result: Record<string, unknown> = { ...parameters };
    for (const definition of processing.parameters) {
      if (result[definition.name] == null && definition.default_value !== undefined) result[definition.name] = cloneJson(definition.default_value);
    }
    return result as T;
  };
  return { partial: parsed.partial && completed(parsed.partial), valid: () => completed(parsed.valid()) };
}

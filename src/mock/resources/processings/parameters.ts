// Validation of an execution's `parameters` against the processing's parameter list and constraints
// (a small subset of JSON Schema: type, enum, pattern, minimum, maximum, items, required).
import type { ProcessingDef } from "./catalog.ts";
import type { Problems } from "../../core/errors.ts";
import type { Json, JsonObject } from "../../core/json.ts";
import { cloneJson, isObject, jsonTypeOf } from "../../core/json.ts";

// Whether a value has a JSON Schema type.
function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case "string": return typeof value === "string";
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "boolean": return typeof value === "boolean";
    case "array": return Array.isArray(value);
    case "object": return isObject(value);
    default: return true;
  }
}

/** Checks a value against constraints; every problem is recorded with the value's path. */
export function checkConstraints(value: unknown, constraints: JsonObject, path: string, problems: Problems): void {
  if (constraints.type !== undefined && !hasType(value, constraints.type)) {
    problems.add(`parameters.${path} : attendu ${String(constraints.type)}, reçu ${jsonTypeOf(value)} ${JSON.stringify(value)}.`);
    return;
  }
  if (typeof value === "string" && typeof constraints.pattern === "string" && !new RegExp(constraints.pattern).test(value)) {
    problems.add(`parameters.${path} : ${JSON.stringify(value)} ne respecte pas le motif ${constraints.pattern}${constraints.pattern.includes("2[01]") ? " (niveau de « 0 » à « 21 », sous forme de chaîne)" : ""}.`);
  }
  if (Array.isArray(constraints.enum) && !constraints.enum.some((allowed) => allowed === value)) {
    problems.add(`parameters.${path} : valeur ${JSON.stringify(value)} non autorisée (valeurs possibles : ${constraints.enum.map((v) => JSON.stringify(v)).join(", ")}).`);
  }
  if (typeof value === "number") {
    if (typeof constraints.minimum === "number" && value < constraints.minimum) problems.add(`parameters.${path} : ${value} est inférieur au minimum ${constraints.minimum}.`);
    if (typeof constraints.maximum === "number" && value > constraints.maximum) problems.add(`parameters.${path} : ${value} est supérieur au maximum ${constraints.maximum}.`);
  }
  if (Array.isArray(value) && isObject(constraints.items)) {
    value.forEach((item, index) => checkConstraints(item, constraints.items as JsonObject, `${path}[${index}]`, problems));
  }
  if (isObject(value) && Array.isArray(constraints.required)) {
    for (const key of constraints.required) {
      if (typeof key === "string" && value[key] === undefined) problems.add(`parameters.${path} : la clé « ${key} » est obligatoire.`);
    }
  }
}

/** Validates `parameters` and returns them completed with default values (the API shows them filled in). */
export function checkParameters(processing: ProcessingDef, parameters: unknown, problems: Problems): JsonObject {
  if (parameters === undefined || parameters === null) parameters = {};
  if (!isObject(parameters)) {
    problems.add(`Le champ « parameters » doit être un objet {"nom": valeur} (reçu : ${jsonTypeOf(parameters)}).`);
    return {};
  }
  const known = processing.parameters.map((parameter) => parameter.name);
  for (const name of Object.keys(parameters)) {
    if (!known.includes(name)) {
      problems.add(
        known.length === 0
          ? `parameters.${name} : le traitement « ${processing.name} » n'accepte aucun paramètre.`
          : `parameters.${name} : paramètre inconnu du traitement « ${processing.name} » (paramètres acceptés : ${known.join(", ")}).`,
      );
    }
  }
  const result: JsonObject = {};
  for (const [name, value] of Object.entries(parameters)) if (known.includes(name)) result[name] = cloneJson(value as Json);
  for (const definition of processing.parameters) {
    const value = parameters[definition.name];
    if (value === undefined || value === null) {
      if (definition.mandatory) problems.add(`parameters.${definition.name} : paramètre obligatoire manquant (${definition.description}).`);
      else if (definition.default_value !== undefined) result[definition.name] = cloneJson(definition.default_value);
    } else if (definition.constraints) {
      checkConstraints(value, definition.constraints, definition.name, problems);
    }
  }
  return result;
}

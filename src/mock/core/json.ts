// JSON value types and small guards shared by the model (state and responses are plain JSON).

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: Json;
}

/** True for a plain (non-array, non-null) object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a string that is not empty once trimmed. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** True for an array of strings. */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** A deep copy of a JSON-compatible value (drops undefined, functions and prototypes). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Short human description of a value's JSON type, for error messages. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "tableau";
  if (typeof value === "object") return "objet";
  if (typeof value === "string") return "chaîne";
  if (typeof value === "number") return "nombre";
  if (typeof value === "boolean") return "booléen";
  return typeof value;
}

/** The object items of a value that should be a list (empty when it is not a list). */
export function objectItems(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
